import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownCacheDir } from '../helpers/cache.js';
import { getQueryTokenizer, getTokenizer, normalise, userDictText } from '../../src/tokenize/index.js';
import { queryDictText, sortedDictPath } from '../../src/io/querydict.js';

const CORPUS = new URL('../../corpus/', import.meta.url);
const lines = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .flatMap((name) => readFileSync(new URL(name, CORPUS), 'utf8').split('\n'))
  .map((l) => normalise(l.trim()))
  .filter((l) => l);

const cache = ownCacheDir('querydict');

describe('the query tokenizer (a dictionary of just the words of the text)', () => {
  const full = getTokenizer('node-rs');
  const query = getQueryTokenizer('node-rs');

  it('cuts every line of the corpus exactly as the full dictionary does', () => {
    const differ = lines.filter((l) => query.cut(l).join('|') !== full.cut(l).join('|'));
    expect(differ).toEqual([]);
    expect(lines.length).toBeGreaterThan(800);
  }, 60_000); // a dictionary per line: seconds on a busy machine

  it('cuts any stretch of any line, and questions typed as sentences, the same way (property)', () => {
    for (const q of ['副区长外出向谁请假', '常务会议多久开一次', '多少万元以上要常务会议讨论', '领导在文件上画圈是什么意思', '二〇二一年１２月'])
      expect(query.cut(normalise(q))).toEqual(full.cut(normalise(q)));
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 30 }), (l, start, length) => {
        const line = lines[l % lines.length]!;
        const q = line.slice(start % line.length, (start % line.length) + length);
        expect(query.cut(q)).toEqual(full.cut(q));
      }),
      { numRuns: 500, seed: 11 },
    );
  }, 60_000);

  it('keeps the total frequency: the dictionary of a text is its words and one filler word', () => {
    const text = queryDictText('常务会议', userDictText());
    const entries = text.trim().split('\n').map((l) => l.split(' '));
    expect(entries.map((e) => e[0])).toEqual(expect.arrayContaining(['常务会议', '常务', '会议', '\uE000']));
    expect(sortedDictPath(userDictText()).startsWith(join(cache, 'rulecmp'))).toBe(true);
    expect(readdirSync(join(cache, 'rulecmp')).sort()).toEqual([expect.stringMatching(/^jieba-sorted-\w+\.json$/), expect.stringMatching(/^jieba-sorted-\w+\.txt$/)]);
  });
});
