/** The genre's synonyms (data/synonyms.json): alternatives of the typed word, ranked below it, and said. */
import { beforeAll, describe, expect, it } from 'vitest';
import raw from '../../data/synonyms.json' with { type: 'json' };
import { loadDocuments } from '../../src/io/corpus.js';
import { search } from '../../src/search/search.js';
import { SearchIndex } from '../../src/search/searchIndex.js';
import { synonymSpans } from '../../src/search/synonyms.js';
import { generatedDoc } from '../helpers/docs.js';

const cite = (h: { citation: { docId: string; ordinal: number } }) => `${h.citation.docId}#${h.citation.ordinal}`;
let index: SearchIndex;
beforeAll(() => {
  index = SearchIndex.build(loadDocuments([], 'corpus').documents);
});

describe('data/synonyms.json', () => {
  it('has a source for its comment and for every group of two words or more', () => {
    expect(raw.$comment.length).toBeGreaterThan(100);
    for (const g of raw.groups) {
      expect(g.words.length, g.words.join('/')).toBeGreaterThanOrEqual(2);
      expect(g.source.length, g.words.join('/')).toBeGreaterThan(10);
    }
  });

  it('finds its words in the text of a query, even where jieba cuts them apart (来|不了)', () => {
    const spans = synonymSpans('开会来不了要跟谁请假');
    expect(spans.map((s) => '开会来不了要跟谁请假'.slice(s.start, s.end))).toEqual(['开会', '来不了', '请假']);
    expect(spans[1]!.alternatives.map((a) => a.text)).toContain('不能出席');
  });
});

describe('synonyms at query time', () => {
  it('副区长外出向谁请假 finds the article on leave of each of the five districts in the top 10', () => {
    const top = search(index, '副区长外出向谁请假').hits.map(cite);
    for (const want of [['huairou-2021#76'], ['taobei-2020#89'], ['chaoyang-2015#65', 'chaoyang-2015#66'], ['chenggong-2022#66'], ['tongzhou-2022#82']])
      expect(want.some((w) => top.includes(w)), want.join(' ')).toBe(true);
  });

  it('never replace the typed word: every article with it is still found, and the search without synonyms finds a subset', () => {
    for (const q of ['外出', '出国 审批', '精简 会议', '半数']) {
      const withSyn = new Set(search(index, q, { limit: Infinity }).hits.map(cite));
      // (partial matches listed for a document without a full match are not: with synonyms it may have one)
      for (const h of search(index, q, { limit: Infinity, synonyms: false }).hits.filter((x) => !x.partial)) expect(withSyn.has(cite(h)), q).toBe(true);
    }
  });

  it('a hit by a synonym ranks below the same hit by the typed word, and says which synonym matched', () => {
    const small = SearchIndex.build([generatedDoc(['副区长离京，应当事先向区长请假。', '副区长外出，应当事先向区长请假。'])]);
    const r = search(small, '外出 请假');
    expect(r.hits.map((h) => h.citation.ordinal)).toEqual([2, 1]);
    expect(r.hits[0]!.alternatives).toBeUndefined();
    expect(r.hits[1]!.alternatives).toEqual([{ term: '外出', matched: '离京', kind: 'synonym' }]);
    expect(r.hits[1]!.score).toBeLessThan(r.hits[0]!.score);
    // only the typed word when asked so
    expect(search(small, '外出 请假', { synonyms: false }).hits.map((h) => h.citation.ordinal)).toEqual([2]);
  });
});
