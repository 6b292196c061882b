/**
 * src/diff/myers.ts is jsdiff's diffArrays on integer keys: the same edit script, component for component, for the
 * token keys of real article pairs of the genre and for random arrays (repeats, empty sides, long common runs).
 */
import { diffArrays } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editScript, editScriptJs } from '../../src/diff/myers.js';
import { articleBody } from '../../src/classify/index.js';
import { getTokenizer } from '../../src/tokenize/index.js';
import { corpus } from '../helpers/docs.js';

const jsdiff = (a: number[], b: number[]) => diffArrays(a, b).map((c) => ({ count: c.count ?? c.value.length, added: !!c.added, removed: !!c.removed }));

describe('editScript: jsdiff\'s diffArrays on integer keys', () => {
  it('gives jsdiff\'s script for the token keys of article pairs of the seeds (each article against the same-numbered and the next article of every other seed)', () => {
    const docs = corpus();
    const cut = getTokenizer();
    const ids = new Map<string, number>();
    const keys = (text: string) => cut.cut(text).map((t) => ids.get(t) ?? (ids.set(t, ids.size), ids.size - 1));
    let pairs = 0;
    for (const x of docs) {
      for (const y of docs) {
        if (x === y) continue;
        for (const a of x.articles) {
          for (const b of [y.articles[a.index], y.articles[a.index + 1]]) {
            if (!b) continue;
            const ka = keys(articleBody(a));
            const kb = keys(articleBody(b));
            expect(editScript(ka, kb)).toEqual(jsdiff(ka, kb));
            pairs++;
          }
        }
      }
    }
    expect(pairs).toBeGreaterThan(2000);
  }, 120_000);

  it('gives jsdiff\'s script for random arrays (property)', () => {
    const arr = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 });
    fc.assert(
      fc.property(arr, arr, (a, b) => {
        expect(editScript(a, b)).toEqual(jsdiff(a, b));
      }),
      { numRuns: 3000, seed: 11 },
    );
    // One side empty, both empty, equal, and a long common run around one change.
    for (const [a, b] of [[[], []], [[1, 2], []], [[], [3]], [[1, 2, 3], [1, 2, 3]], [[...Array(500).keys(), 9999, ...Array(500).keys()], [...Array(500).keys(), ...Array(500).keys()]]] as number[][][]) {
      expect(editScript(a!, b!)).toEqual(jsdiff(a!, b!));
    }
  });

  it('is the same script in WebAssembly as in JavaScript, for long arrays that make the module grow its memory too', () => {
    let seed = 11;
    const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % k);
    for (const [n, keys] of [[3000, 40], [2500, 3], [4000, 400], [0, 5], [1, 1]] as const) {
      const a = Array.from({ length: n }, () => rand(keys));
      const b = a.filter(() => rand(10) > 2).map((x) => (rand(8) === 0 ? rand(keys) : x));
      expect(editScript(a, b)).toEqual(editScriptJs(a, b));
      expect(editScript(b, a)).toEqual(editScriptJs(b, a));
      expect(editScript(a, b)).toEqual(jsdiff(a, b));
    }
  });
});
