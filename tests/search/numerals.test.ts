/** Numbers however written: 一次 = 1次, 二〇二一 = 2021, full-width digits; quoted phrases still as written. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/io/corpus.js';
import { canonicalNumerals, numeralSpans } from '../../src/search/numerals.js';
import { search } from '../../src/search/search.js';
import { SearchIndex } from '../../src/search/searchIndex.js';
import { indexTerms } from '../../src/search/terms.js';
import { getTokenizer, normalise } from '../../src/tokenize/index.js';
import { generatedDoc } from '../helpers/docs.js';

const cite = (h: { citation: { docId: string; ordinal: number } }) => `${h.citation.docId}#${h.citation.ordinal}`;
let index: SearchIndex;
beforeAll(() => {
  index = SearchIndex.build(loadDocuments([], 'corpus').documents);
});

describe('numeralSpans', () => {
  const canon = (s: string) => numeralSpans(normalise(s)).map((n) => n.canonical);
  it('reads counts and amounts, years digit by digit and full-width digits', () => {
    expect(canon('每周召开一次')).toEqual(['1次']);
    expect(canon('两次')).toEqual(['2次']);
    expect(canon('十五个工作日内')).toEqual(['15个工作日']);
    expect(canon('五千万元以上')).toEqual(['5000万元']);
    expect(canon('二〇二一年１２月')).toEqual(['2021年', '12月']);
    expect(canonicalNumerals('每半年召开一次会议')).toBe('每半年召开1次会议');
  });
  it('leaves words that only contain a numeral alone', () => {
    for (const w of ['一般', '统一', '一致', '三重一大', '唯一', '二分之一', '三五年', '第一次']) expect(canon(w), w).toEqual([]);
  });
  it('gives every spelling of a number', () => {
    expect(numeralSpans('1次')[0]!.spellings).toEqual(['1次', '一次']);
    expect(numeralSpans('2次')[0]!.spellings).toEqual(['2次', '二次', '两次']);
    expect(numeralSpans('2021年')[0]!.spellings).toEqual(['2021年', '二〇二一年', '二零二一年']);
  });
});

describe('numbers at index and query time', () => {
  it('每周召开一次 finds the texts that write 1次, and says the number matched in another spelling', () => {
    const r = search(index, '每周召开一次', { limit: 20 });
    expect(r.total).toBeGreaterThanOrEqual(4);
    expect(r.hits.map(cite)).toEqual(expect.arrayContaining(['huairou-2021#41', 'tongzhou-2022#46']));
    const h = r.hits.find((x) => cite(x) === 'huairou-2021#41')!;
    expect(h.alternatives).toEqual([{ term: '一次', matched: '1次', kind: 'numeral' }]);
    expect(h.snippet.text).toContain('每周召开1次');
  });

  it('the word index holds a Chinese numeral in Arabic digits too (1次 beside 一次)', () => {
    const t = getTokenizer();
    expect(indexTerms('常务会议每月召开一次', t)).toEqual(expect.arrayContaining(['一次', '1次']));
    const small = SearchIndex.build([generatedDoc(['区政府全体会议每半年召开一次。', '区政府常务会议每月召开2次。'])]);
    expect(search(small, '1次').hits.map((h) => h.citation.ordinal)).toEqual([1]);
    expect(search(small, '两次').hits.map((h) => h.citation.ordinal)).toEqual([2]);
    expect(search(small, '２次').hits.map((h) => h.citation.ordinal)).toEqual([2]);
  });

  it('a quoted phrase is matched as written: "每周召开一次" does not find 每周召开1次', () => {
    const quoted = search(index, '"每周召开一次"', { limit: Infinity });
    for (const h of quoted.hits) expect(normalise(index.articles.find((a) => cite({ citation: a }) === cite(h))!.text)).toContain('每周召开一次');
    expect(quoted.hits.map(cite)).not.toContain('huairou-2021#41');
    expect(search(index, '"每周召开1次"').hits.map(cite)).toContain('huairou-2021#41');
  });
});
