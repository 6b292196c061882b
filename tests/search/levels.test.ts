/**
 * The same post at another level: a county's rules say 副县长 where a district's say 副区长 and a city's 副市长. A query
 * typed at one level also looks for the same post at each document's own level, in that document only
 * (src/search/synonyms.ts levelSpans, data/stopwords.json levelCompounds.ranks).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocument, loadDocuments } from '../../src/io/corpus.js';
import { analyse } from '../../src/pipeline.js';
import { search } from '../../src/search/search.js';
import type { SearchIndex } from '../../src/search/searchIndex.js';
import { HELDOUT4_DIR, HELDOUT5_DIR } from '../helpers/docs.js';

let mixed: SearchIndex;
let districts: SearchIndex;
beforeAll(() => {
  const seeds = loadDocuments([], 'corpus').documents;
  const county = loadDocument(join(HELDOUT4_DIR, 'county-pdf.txt'), 'county-pdf'); // 缙云县
  const city = loadDocument(join(HELDOUT5_DIR, 'wuhu-portal.html'), 'wuhu-portal'); // 芜湖市
  mixed = analyse([...seeds, county, city]).searchIndex;
  districts = analyse(seeds).searchIndex;
});

const listed = (index: SearchIndex, q: string) => search(index, q, { limit: Infinity, byDistrict: true }).districts!.filter((d) => d.hits.length).map((d) => d.docId);

describe('a post typed at one level', () => {
  it('finds the same post in the documents of other levels: 副县长 外出 in the five districts and the city', () => {
    const found = listed(mixed, '副县长 外出');
    expect(found).toEqual(expect.arrayContaining(['county-pdf', 'wuhu-portal', 'huairou-2021', 'taobei-2020', 'chaoyang-2015', 'chenggong-2022', 'tongzhou-2022']));
    const r = search(mixed, '副县长 外出', { limit: Infinity });
    // the county's own word first; a district's hit says which word it matched
    expect(r.hits[0]!.citation.docId).toBe('county-pdf');
    const district = r.hits.find((h) => h.citation.docId === 'huairou-2021')!;
    expect(district.alternatives?.map((a) => a.matched)).toContain('副区长');
    expect(district.snippet.highlights.map((h) => district.snippet.text.slice(h.start, h.end))).toContain('副区长');
  });

  it('looks for it in each document at that document’s own level only: no 副市长 in a district’s rules stands for 副县长', () => {
    const r = search(mixed, '副县长', { limit: Infinity });
    for (const h of r.hits) if (h.citation.docId !== 'wuhu-portal' && h.citation.docId !== 'county-pdf') expect(h.alternatives?.map((a) => a.matched)).not.toContain('副市长');
  });

  it('reads a head’s post at every level, the word as typed first: 市长 finds each district’s 区长, below its articles naming the city’s 市长', () => {
    const r = search(mixed, '市长', { limit: Infinity, byDistrict: true });
    const huairou = r.districts!.find((d) => d.docId === 'huairou-2021')!;
    expect(huairou.hits[0]!.alternatives ?? []).toEqual([]); // an article naming 市长 itself (the city's) is the district's best
    const hits = r.hits.filter((h) => h.citation.docId === 'huairou-2021');
    const firstAlternative = hits.findIndex((h) => h.alternatives?.some((a) => a.matched === '区长'));
    expect(firstAlternative).toBeGreaterThan(0);
    expect(hits.slice(firstAlternative).every((h) => h.alternatives?.length)).toBe(true);
    // the question every blind set asks of each document's own head
    const q = search(mixed, '市长不在的时候谁主持政府工作', { limit: Infinity, byDistrict: true });
    expect(q.districts!.find((d) => d.docId === 'county-pdf')!.hits[0]?.alternatives?.map((a) => a.matched)).toContain('县长');
  });

  it('reads a body or its leaders above a document’s level as that government’s: 市领导 and 市政府 are not looked for as 区领导, 区政府', () => {
    for (const q of ['市领导', '市政府'])
      for (const h of search(mixed, q, { limit: Infinity }).hits) expect(h.alternatives?.map((a) => a.matched) ?? [], q).not.toContain(q.replace('市', '区'));
  });

  it('reads 一把手 as the government’s head at each document’s level (县长, 区长, 市长) as well as a department’s head', () => {
    const r = search(mixed, '一把手出差', { limit: Infinity, byDistrict: true });
    const alternatives = r.parts.flatMap((p) => p.terms.flatMap((t) => t.alternatives.map((a) => a.text)));
    expect(alternatives).toEqual(expect.arrayContaining(['主要负责人', '区长', '县长', '市长']));
    const county = r.districts!.find((d) => d.docId === 'county-pdf')!.hits.map((h) => h.snippet.text);
    expect(county.some((t) => t.includes('县长'))).toBe(true);
    // 行政首长 is not one of them: the genre says it of every department's head (各部门实行行政首长负责制)
    expect(search(mixed, '行政首长负责制', { limit: 1 }).parts.flatMap((p) => p.terms.flatMap((t) => t.alternatives.filter((a) => a.level)))).toEqual([]);
  });

  it('reads 党委 as the party committee of each document’s own level (区委 in a district’s rules), in that document only', () => {
    const r = search(mixed, '大事要不要向党委请示', { limit: Infinity, byDistrict: true });
    const alternatives = r.parts.flatMap((p) => p.terms.flatMap((t) => t.alternatives.map((a) => a.text)));
    expect(alternatives).toEqual(expect.arrayContaining(['区委', '县委', '市委']));
    // 陶北's article on reporting to the party committee (重大事项…向区委请示报告) is its best, found by 区委
    const taobei = r.districts!.find((d) => d.docId === 'taobei-2020')!.hits[0]!;
    expect(taobei.snippet.text).toContain('向区委请示报告');
    expect(taobei.alternatives?.map((a) => [a.term, a.matched])).toContainEqual(['党委', '区委']);
    // the city's rules are not searched for a district's 区委
    for (const h of r.hits.filter((x) => x.citation.docId === 'wuhu-portal')) expect(h.alternatives?.map((a) => a.matched) ?? []).not.toContain('区委');
  });

  it('reads 副职领导 and 副职 as the deputy head at each document’s level (副县长, 副区长, 副市长), not a department’s 处级副职', () => {
    const r = search(mixed, '副职领导请假', { limit: Infinity, byDistrict: true });
    const alternatives = r.parts.flatMap((p) => p.terms.flatMap((t) => t.alternatives.map((a) => a.text)));
    expect(alternatives).toEqual(expect.arrayContaining(['副区长', '副县长', '副市长']));
    expect(alternatives).not.toContain('区长');
    const county = r.districts!.find((d) => d.docId === 'county-pdf')!.hits;
    expect(county.some((h) => h.alternatives?.some((a) => a.matched === '副县长'))).toBe(true);
    // 处级副职 is a department's deputy, one word: not the government's
    expect(search(mixed, '处级副职', { limit: 1 }).parts.flatMap((p) => p.terms.flatMap((t) => t.alternatives.filter((a) => a.level)))).toEqual([]);
  });

  it('reads a township’s rules at their own level: 副镇长 typed finds 副县长 in a county’s rules, 县长 typed the town’s 镇长', () => {
    const town = loadDocument(fileURLToPath(new URL('../fixtures/search-10/township-2021.txt', import.meta.url)), 'township-2021');
    const county = loadDocument(join(HELDOUT4_DIR, 'county-pdf.txt'), 'county-pdf');
    const both = analyse([town, county]).searchIndex;
    const up = search(both, '副镇长 外出', { limit: Infinity, byDistrict: true });
    expect(up.districts!.find((d) => d.docId === 'county-pdf')!.hits[0]?.alternatives?.map((a) => a.matched)).toContain('副县长');
    // … and 县长 typed finds the town's own head, 镇长 (the town's rules never name the county's), below the county's 县长.
    const r = search(both, '县长', { limit: Infinity });
    const inTown = r.hits.filter((h) => h.citation.docId === 'township-2021');
    expect(inTown.length).toBeGreaterThan(0);
    for (const h of inTown) expect(h.alternatives?.map((a) => a.matched)).toContain('镇长');
    expect(r.hits[0]!.citation.docId).toBe('county-pdf');
  });

  it("counts 区长 where it stands alone, not inside 副区长: the head's article ranks above the deputy's", () => {
    const district = loadDocument(fileURLToPath(new URL('../fixtures/search-8/yubei-district.txt', import.meta.url)), 'yubei-district');
    const [first, second] = search(analyse([district]).searchIndex, '区长 出国', { limit: 2 }).hits;
    expect(first!.snippet.text).toMatch(/(?<!副)区长出国/u); // 第四十二条: 区长出国（境），按照有关规定报批
    expect(second!.snippet.text).toMatch(/副区长出国/u); // 第四十三条, which names 区长 once, as the one asked
  });

  it('changes nothing where every document is of the level typed', () => {
    const q = search(districts, '副区长外出向谁请假', { limit: 10 });
    expect(q.parts.flatMap((p) => p.terms.flatMap((t) => t.alternatives.filter((a) => a.level)))).toEqual([]);
    // and a county's word finds the districts' articles as their own word does
    expect(listed(districts, '副县长 外出 请假')).toEqual(listed(districts, '副区长 外出 请假'));
  });
});
