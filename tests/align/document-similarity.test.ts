/**
 * The district × district similarity of whole documents (similarity.csv, the overview): the cosine of word counts,
 * each pair's dot product computed from word ids and a table instead of two maps — the same figure for every pair as
 * the definition computed plainly, on the seeds and on documents recombined from them (county wording included).
 */
import { describe, expect, it } from 'vitest';
import { similarityMatrix } from '../../src/align/document-similarity.js';
import type { RuleDocument } from '../../src/model.js';
import { getTokenizer, words } from '../../src/tokenize/index.js';
import { corpus } from '../helpers/docs.js';
import { recombined } from '../helpers/synthetic.js';

/** The definition: counts of each document's article words (level word as ◇), cosine by map look-ups. */
function plainly(docs: RuleDocument[]): number[][] {
  const cut = getTokenizer();
  const vs = docs.map((d) => {
    const level = d.meta.jurisdiction.name?.slice(-1) ?? '';
    const v = new Map<string, number>();
    for (const a of d.articles) for (const w0 of words(a.text.slice(a.label.length), cut)) {
      const w = level ? w0.replaceAll(level, '◇') : w0;
      v.set(w, (v.get(w) ?? 0) + 1);
    }
    return v;
  });
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((n, x) => n + x * x, 0));
  return vs.map((a, i) =>
    vs.map((b, j) => {
      if (i === j) return 1;
      let [x, y] = i < j ? [a, b] : [b, a];
      if (x.size > y.size) [x, y] = [y, x];
      let d = 0;
      for (const [w, c] of x) d += c * (y.get(w) ?? 0);
      const n = norm(a) * norm(b);
      return Math.round((n ? d / n : 0) * 1000) / 1000;
    }),
  );
}

describe('similarity of whole documents', () => {
  it('is the cosine of word counts for every pair of the seeds and 20 documents recombined from them', () => {
    const seeds = corpus();
    const docs = [...seeds, ...Array.from({ length: 20 }, (_, k) => recombined(seeds, k + 1, `synthetic-${k + 1}`, { county: k % 4 === 0, vary: k % 2 === 0 }).doc)];
    const m = similarityMatrix(docs);
    expect(m).toEqual(plainly(docs));
    // Symmetric, 1 on the diagonal, and the seeds told apart from their recombinations.
    for (let i = 0; i < docs.length; i++) for (let j = 0; j < docs.length; j++) expect(m[i]![j]).toBe(m[j]![i]);
    expect(new Set(m.flat()).size).toBeGreaterThan(50); // 79 distinct figures
  });
});
