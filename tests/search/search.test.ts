import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { loadDocuments } from '../../src/io/corpus.js';
import { segment } from '../../src/segment/index.js';
import { evaluateFixtures, textQueries, verbatimCheck, type QueryFixture } from '../../src/search/evaluate.js';
import { EmptyQueryError, FilterError, search } from '../../src/search/search.js';
import { SearchIndex } from '../../src/search/searchIndex.js';
import { normalise } from '../../src/tokenize/index.js';
import { UnknownDistrictError } from '../../src/errors.js';

const fixtures = (JSON.parse(readFileSync(new URL('../fixtures/search-queries.json', import.meta.url), 'utf8')) as { queries: QueryFixture[] }).queries;
const cite = (h: { citation: { docId: string; ordinal: number } }) => `${h.citation.docId}#${h.citation.ordinal}`;

let index: SearchIndex;
beforeAll(() => {
  index = SearchIndex.build(loadDocuments([], 'corpus').documents);
});

describe('hand-read query fixtures (tests/fixtures/search-queries.json)', () => {
  it('has at least 25 queries', () => expect(fixtures.length).toBeGreaterThanOrEqual(25));

  it.each(fixtures.map((f) => [`${f.query}${f.district ? ` [${f.district}]` : ''}`, f] as const))('%s: the expected articles are in the top 10', (_, f) => {
    const r = search(index, f.query, { limit: 10, filters: f.district ? { district: f.district } : {} });
    const top = r.hits.map(cite);
    for (const e of f.expect) expect(top, f.note).toContain(`${e.doc}#${e.ordinal}`);
  });

  it('recall@5 and MRR are 1.00 over all of them, as the README claims', () => {
    const report = evaluateFixtures(index, fixtures, 5);
    expect(report.recall).toBe(1);
    expect(report.mrr).toBe(1);
  });
});

describe('verbatim guarantee: a query found word for word in an article finds that article', () => {
  it('200 queries taken from the texts, as typed and quoted, miss no article that plain substring matching finds', () => {
    const v = verbatimCheck(index, textQueries(index.articles, 200, 42));
    expect(v.checked).toBe(200);
    expect(v.misses).toEqual([]);
  });

  it('any stretch of any article, cut anywhere (property)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 24 }), (a, start, length) => {
        const article = index.articles[a % index.articles.length]!;
        const text = article.text;
        const from = start % text.length;
        const q = text.slice(from, from + length).replace(/"/g, '');
        if (!/[\p{L}\p{N}]/u.test(q)) return;
        const hits = search(index, q, { limit: Infinity }).hits.map(cite);
        expect(hits).toContain(`${article.docId}#${article.ordinal}`);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('finds words that jieba glues to a neighbour in the text (出席会议, 工作日内)', () => {
    for (const q of ['出席', '工作日', '日报']) {
      const expected = index.articles.filter((a) => a.text.includes(q)).map((a) => `${a.docId}#${a.ordinal}`);
      expect(expected.length).toBeGreaterThan(0);
      expect(search(index, q, { limit: Infinity, synonyms: false }).hits.map(cite).sort()).toEqual(expected.sort());
    }
  });
});

describe('quoted phrases', () => {
  it('match contiguous text only; the same words unquoted also find them apart, ranked after', () => {
    const quoted = search(index, '"社会稳定风险评估"', { limit: 50 });
    expect(quoted.hits.map(cite).sort()).toEqual(['chenggong-2022#26', 'huairou-2021#49', 'taobei-2020#30']);
    const loose = search(index, '社会稳定风险评估', { limit: 50 });
    expect(loose.hits.length).toBeGreaterThan(quoted.hits.length);
    const firstApart = loose.hits.findIndex((h) => !h.verbatim);
    expect(firstApart).toBe(3); // the three contiguous ones first
    expect(loose.hits.slice(3).every((h) => !index.articles.find((a) => cite({ citation: a }) === cite(h))!.text.includes('社会稳定风险评估'))).toBe(true);
  });

  it('accept Chinese quotation marks and corner brackets too', () => {
    const ascii = search(index, '"区政府常务会议纪要"').hits.map(cite);
    expect(search(index, '“区政府常务会议纪要”').hits.map(cite)).toEqual(ascii);
    expect(search(index, '「区政府常务会议纪要」').hits.map(cite)).toEqual(ascii);
  });

  it('every hit of a quoted query contains the phrase', () => {
    for (const f of fixtures.filter((f) => f.query.startsWith('"'))) {
      const phrase = normalise(f.query.replace(/"/g, ''));
      for (const h of search(index, f.query, { limit: Infinity }).hits) {
        const a = index.articles.find((x) => x.docId === h.citation.docId && x.ordinal === h.citation.ordinal)!;
        expect(normalise(a.text)).toContain(phrase);
      }
    }
  });
});

describe('numbers and amounts as written', () => {
  const doc = (text: string, id: string) => segment(ingest(new TextEncoder().encode(text), `${id}.txt`), id);
  const small = () =>
    SearchIndex.build([
      doc('某区人民政府工作规则\n第一章 总则\n第一条 审批事项应当在15个工作日内办结。\n第二条 会议纪要应当在5个工作日内印发。\n第三条 5个部门联合办理,在工作日内答复。\n', 'x'),
    ]);

  it('an amount matches as a whole first: 5个工作日 ranks the article that says it above 15个工作日', () => {
    const hits = search(small(), '5个工作日').hits.map((h) => h.citation.ordinal);
    expect(hits[0]).toBe(2);
    expect(hits).toContain(1); // 15个工作日 contains it word for word: still found, lower
    expect(hits).not.toContain(3); // 5 and 工作日 apart: not the amount
  });

  it('full-width digits in the query or the text are the same digits', () => {
    expect(search(index, '１０００万元').hits.map(cite)).toEqual(search(index, '1000万元').hits.map(cite));
    expect(search(index, '1000万元').hits.map(cite).slice(0, 3).sort()).toEqual(['huairou-2021#63', 'huairou-2021#64', 'huairou-2021#65']);
  });
});

describe('ranking', () => {
  it('a word match ranks above a match inside another word, and more occurrences above fewer', () => {
    const r = search(index, '合法性审查', { filters: { district: 'chaoyang-2015' } });
    expect(cite(r.hits[0]!)).toBe('chaoyang-2015#18'); // the article about it, twice
  });

  it('the chapter title counts: articles of a chapter named after the query come first', () => {
    const r = search(index, '议事协调机构', { limit: 4, filters: { district: 'taobei-2020' } });
    expect(r.hits.every((h) => h.citation.chapter?.title.includes('议事协调机构'))).toBe(true);
  });
});

describe('filters', () => {
  it('district by name, short name or document id', () => {
    for (const district of ['朝阳区', '朝阳', 'chaoyang-2015']) {
      const r = search(index, '会议', { limit: Infinity, filters: { district } });
      expect(r.total).toBeGreaterThan(0);
      expect(new Set(r.hits.map((h) => h.citation.docId))).toEqual(new Set(['chaoyang-2015']));
    }
  });

  it('year and chapter', () => {
    const byYear = search(index, '会议', { limit: Infinity, filters: { year: 2022 } });
    expect(new Set(byYear.hits.map((h) => h.citation.year))).toEqual(new Set([2022]));
    const byChapter = search(index, '签发', { limit: Infinity, filters: { chapter: '会议' } });
    expect(byChapter.total).toBeGreaterThan(0);
    expect(byChapter.hits.every((h) => h.citation.chapter!.title.includes('会议'))).toBe(true);
  });

  it('a filter that selects nothing is an error naming what exists', () => {
    expect(() => search(index, '会议', { filters: { district: '火星区' } })).toThrow(UnknownDistrictError);
    expect(() => search(index, '会议', { filters: { district: '怀柔', year: 2015 } })).toThrow(FilterError);
    expect(() => search(index, '会议', { filters: { district: '火星区' } })).toThrow(/怀柔区 huairou-2021 2021/);
    expect(() => search(index, '会议', { filters: { topic: 'executive-meeting' } })).toThrow(/no topics/);
  });
});

describe('empty, no hit, partial', () => {
  it('an empty query or one of punctuation only is an error', () => {
    expect(() => search(index, '')).toThrow(EmptyQueryError);
    expect(() => search(index, '  ，。 ')).toThrow(EmptyQueryError);
  });

  it('no hit: nothing, total 0', () => {
    const r = search(index, '火星');
    expect(r.total).toBe(0);
    expect(r.hits).toEqual([]);
  });

  it('when no article has every part, those with some of it, flagged partial', () => {
    const r = search(index, '请销假 火星', { synonyms: false });
    expect(r.partial).toBe(true);
    expect(r.hits.length).toBeGreaterThan(0);
    expect(r.hits.every((h) => h.snippet.text.includes('请销假'))).toBe(true);
    // with the synonyms (请假, 销假, 报备), those that say 请销假 first
    expect(search(index, '请销假 火星').hits[0]!.snippet.text).toContain('请销假');
  });
});

describe('snippets', () => {
  it('show the matched words highlighted, within the width, on one line', () => {
    for (const q of ['常务会议 每周', '"区政府常务会议纪要"', '请假 离京', '1000万元']) {
      const r = search(index, q, { snippetWidth: 64 });
      const units = new Set(r.parts.flatMap((p) => [p.text, ...p.units, ...p.terms.flatMap((t) => t.alternatives.map((a) => a.text))]));
      for (const h of r.hits) {
        expect(h.snippet.text).not.toMatch(/\n/);
        expect(h.snippet.text.length).toBeLessThanOrEqual(64);
        expect(h.snippet.highlights.length).toBeGreaterThan(0);
        for (const s of h.snippet.highlights) {
          const marked = normalise(h.snippet.text.slice(s.start, s.end));
          // A highlight is one term or several touching ones.
          expect([...units].some((u) => marked.includes(u))).toBe(true);
        }
      }
    }
  });

  it('show every part of a query whose parts are far apart, in two windows', () => {
    const r = search(index, '常务会议 人大代表 列席', { snippetWidth: 64 });
    const h = r.hits.find((x) => x.snippet.text.includes(' … '));
    expect(h).toBeDefined();
    for (const u of ['常务会议', '人大代表', '列席']) expect(h!.snippet.text).toContain(u);
  });
});

describe('documents with sections', () => {
  it('finds, filters and cites an article by its section title (第二节 会议制度) as well as its chapter', () => {
    const text = ['某县人民政府工作规则', '第一章 总则', '第一条 为规范县政府工作，制定本规则。', '第二章 决策与议事制度', '第一节 决策程序', '第二条 重大决策须经集体讨论决定。', '第二节 会议制度', '第三条 县政府常务会议原则上每月召开2次。', ''].join('\n');
    const doc = segment({ text, source: { path: 'county.txt', format: 'text', encoding: 'utf-8', bom: false, sha256: '', bytes: text.length } }, 'county');
    const idx = SearchIndex.build([doc]);
    const r = search(idx, '常务会议', { filters: { chapter: '会议制度' } });
    expect(r.hits.map((h) => h.citation.ordinal)).toEqual([3]);
    expect(r.hits[0]!.citation.chapter!.title).toBe('决策与议事制度 第二节 会议制度');
    expect(search(idx, '集体讨论', { filters: { chapter: '会议制度' } }).total).toBe(0);
  });
});

describe('articles that open with the query', () => {
  it('rank above passing mentions: the 常务会议 articles of 怀柔 and 朝阳 are in the top 5 for 常务会议 (not without the lead boost, with the ranking of decision 0003)', () => {
    const idx = SearchIndex.build(loadDocuments([], 'corpus').documents);
    const old = { bm25b: 0.5, firstTier: 'typed', leadMode: 'all', diversity: 1 } as const;
    const top = (leadBoost: boolean) => search(idx, '常务会议', { limit: 5, leadBoost, ...old }).hits.map((h) => `${h.citation.docId}:${h.citation.ordinal}`);
    expect(top(true)).toEqual(expect.arrayContaining(['huairou-2021:41', 'chaoyang-2015:34']));
    expect(top(false)).not.toEqual(expect.arrayContaining(['huairou-2021:41', 'chaoyang-2015:34']));
  });
});
