/** Ranking for a researcher comparing districts (docs/decisions/0005): governing articles first, no document filling the page. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/io/corpus.js';
import { analyse } from '../../src/pipeline.js';
import { search } from '../../src/search/search.js';
import type { SearchIndex } from '../../src/search/searchIndex.js';

let index: SearchIndex;
beforeAll(() => {
  // as every command builds it: with the classifier's topics
  index = analyse(loadDocuments([], 'corpus').documents).searchIndex;
});

const perDoc = (q: string, diversity?: number, synonyms?: boolean) => {
  const c = new Map<string, number>();
  for (const h of search(index, q, { diversity, ...(synonyms === false ? { synonyms } : {}) }).hits) c.set(h.citation.docId, (c.get(h.citation.docId) ?? 0) + 1);
  return Math.max(...c.values());
};

describe('the ranked list', () => {
  it('is diversified across documents: one chapter no longer fills the first page (廉政: 6 of 10 from one document before)', () => {
    // (the words as typed, without diversity: what the list was before; the everyday synonyms spread 廉政's a little)
    expect(perDoc('廉政', 1, false)).toBe(6);
    expect(perDoc('纪律', 1, false)).toBe(6);
    for (const q of ['廉政', '纪律', '常务会议', '会议', '请假']) expect(perDoc(q), q).toBeLessThanOrEqual(3);
  });

  it("keeps each document's own order", () => {
    const ids = (d?: number) => search(index, '会议', { limit: Infinity, diversity: d }).hits.filter((h) => h.citation.docId === 'huairou-2021').map((h) => h.citation.ordinal);
    expect(ids()).toEqual(ids(1));
  });
});

describe('the governing article first', () => {
  it("常务会议: the article constituting the standing meeting is each district's best (the topic prior; 呈贡 and 通州 ranked 16th and 14th before)", () => {
    const r = search(index, '常务会议', { byDistrict: true });
    const best = Object.fromEntries(r.districts!.map((d) => [d.docId, d.hits[0]!.citation.ordinal]));
    expect(best).toEqual({ 'chaoyang-2015': 34, 'chenggong-2022': 41, 'huairou-2021': 41, 'taobei-2020': 60, 'tongzhou-2022': 46 });
    expect(r.hits.slice(0, 5).map((h) => h.citation.docId).sort()).toEqual(['chaoyang-2015', 'chenggong-2022', 'huairou-2021', 'taobei-2020', 'tongzhou-2022']);
  });

  it('a document with no article holding every word still shows its closest one, flagged', () => {
    const r = search(index, '常务会议 每周', { limit: Infinity, byDistrict: true });
    const taobei = r.districts!.find((d) => d.docId === 'taobei-2020')!;
    expect(taobei.hits[0]).toMatchObject({ partial: true, citation: { ordinal: 60 } });
    expect(r.hits.filter((h) => !h.partial)).toHaveLength(r.total - r.fallback!);
    // full matches come first
    const firstPartial = r.hits.findIndex((h) => h.partial);
    expect(r.hits.slice(firstPartial).every((h) => h.partial)).toBe(true);
  });
});

describe('a search within one district', () => {
  it("ranks and scores that district's articles as the per-district view does: a filter says what to show, not how rare a word is", () => {
    // 签发 has synonyms (签署 …): with the idf counted within the district, its articles scored twice as much and
    // --district 怀柔 put 第五十三 before 第五十一, the per-district view the other way round (found by a new user).
    for (const q of ['区政府的公文由谁签发', '常务会议', '外出 请假', '多少钱的资金支出需要谁批准']) {
      const all = search(index, q, { limit: Infinity, byDistrict: true });
      for (const d of all.districts!) {
        const own = search(index, q, { limit: Infinity, filters: { district: d.docId } });
        const view = all.hits.filter((h) => h.citation.docId === d.docId);
        expect(own.hits.map((h) => [h.citation.ordinal, h.score]), `${q} / ${d.docId}`).toEqual(view.map((h) => [h.citation.ordinal, h.score]));
      }
    }
  });
});
