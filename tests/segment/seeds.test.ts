/** The five seed documents, segmented: structure counted by hand, metadata read from the text, lossless spans. */
import { describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/io/corpus.js';
import { flattenItems } from '../../src/segment/items.js';

const { documents, errors } = loadDocuments([], 'corpus');
const byId = Object.fromEntries(documents.map((d) => [d.id, d]));

// Counted by hand (shared/seeds/README.md): chapters / articles.
const HAND_COUNTS: Record<string, [number, number]> = {
  'huairou-2021': [17, 79],
  'taobei-2020': [20, 98],
  'chaoyang-2015': [15, 68],
  'chenggong-2022': [13, 78],
  'tongzhou-2022': [18, 85],
};

describe('seed corpus', () => {
  it('loads all five documents without errors', () => {
    expect(errors).toEqual([]);
    expect(documents.map((d) => d.id).sort()).toEqual(Object.keys(HAND_COUNTS).sort());
  });

  for (const [id, [chapters, articles]] of Object.entries(HAND_COUNTS)) {
    describe(id, () => {
      const doc = () => byId[id]!;
      it(`has ${chapters} chapters and ${articles} articles with contiguous ordinals`, () => {
        expect(doc().chapters.length).toBe(chapters);
        expect(doc().articles.length).toBe(articles);
        expect(doc().articles.map((a) => a.ordinal)).toEqual(Array.from({ length: articles }, (_, i) => i + 1));
        expect(doc().chapters.map((c) => c.ordinal)).toEqual(Array.from({ length: chapters }, (_, i) => i + 1));
      });
      it('starts every article text with its own label, and the span gives the words back', () => {
        for (const a of doc().articles) {
          expect(a.text.startsWith(a.label)).toBe(true);
          expect(doc().text.slice(a.span.start, a.span.end).startsWith(a.label)).toBe(true);
          for (const p of a.paragraphs) expect(doc().text.slice(p.span.start, p.span.end)).toBe(p.text);
          for (const it of flattenItems(a.paragraphs)) expect(doc().text.slice(it.span.start, it.span.end)).toBe(it.text);
        }
      });
      it('is lossless: its blocks re-join to the source byte for byte', () => {
        const d = doc();
        expect(d.blocks.map((b) => d.text.slice(b.span.start, b.span.end)).join('')).toBe(d.text);
        for (let k = 1; k < d.blocks.length; k++) expect(d.blocks[k]!.span.start).toBe(d.blocks[k - 1]!.span.end);
      });
      it('places every line: no unplaced text and no numbering diagnostics', () => {
        expect(doc().diagnostics.filter((x) => x.severity !== 'info')).toEqual([]);
      });
      it('puts the first article in 第一章 总则 and the last in 附则', () => {
        expect(doc().chapters[0]!.title).toBe('总则');
        expect(doc().chapters.at(-1)!.title).toBe('附则');
        expect(doc().articles[0]!.chapter).toBe(1);
        expect(doc().articles.at(-1)!.chapter).toBe(chapters);
      });
    });
  }
});

describe('oddities of the genre, as found in the seeds', () => {
  it('reads full-width spaced headings and Arabic chapter numbers (第5章 / 第一章　总　则)', () => {
    const tz = byId['tongzhou-2022']!;
    expect(tz.chapters[4]!.label).toBe('第5章');
    expect(tz.chapters[0]!.title).toBe('总则');
    expect(tz.chapters[16]!.label).toBe('第17章');
  });
  it('takes Arabic labels inside a Chinese sequence as articles (11、 after 十、)', () => {
    const tz = byId['tongzhou-2022']!;
    const a11 = tz.articles[10]!;
    expect(a11.ordinal).toBe(11);
    expect(a11.label).toBe('11、');
    expect(a11.style).toBe('arabic-enum');
    expect(tz.articles[9]!.label).toBe('十、');
  });
  it('keeps items that look like article numbers as items (1、 in 呈贡 第四十一条, 1. in 洮北 七十六)', () => {
    const cg = byId['chenggong-2022']!.articles[40]!;
    expect(cg.label).toBe('第四十一条');
    const items = flattenItems(cg.paragraphs);
    expect(items.some((i) => i.style === 'arabic-enum' && i.level === 2)).toBe(true);
    expect(items.some((i) => i.style === 'arabic-paren' && i.level === 3)).toBe(true);
    const tb = byId['taobei-2020']!.articles[75]!;
    expect(tb.label).toBe('七十六、');
    expect(flattenItems(tb.paragraphs).filter((i) => i.style === 'arabic-enum').map((i) => i.marker.trim())).toEqual(
      expect.arrayContaining(['1.', '2.']),
    );
  });
  it('keeps the unnumbered paragraphs of 洮北 三 as paragraphs of that article', () => {
    const a3 = byId['taobei-2020']!.articles[2]!;
    expect(a3.paragraphs.length).toBeGreaterThanOrEqual(6);
    expect(a3.paragraphs.slice(1).every((p) => p.text.startsWith('坚持'))).toBe(true);
  });
  it('keeps web debris and page numbers out of articles', () => {
    for (const d of documents) {
      for (const a of d.articles) {
        expect(a.text).not.toMatch(/字号|收藏|发布时间|相关解读|－\s*\d+\s*－/);
      }
    }
    expect(byId['tongzhou-2022']!.trailer!.pageNumbers).toEqual(['－ 30 －', '－ 29 －']);
    expect(byId['huairou-2021']!.trailer!.web).toEqual(['相关解读']);
  });
});

describe('metadata read from the text', () => {
  it('reads jurisdiction, issuer, document number, dates and validity where stated', () => {
    const hr = byId['huairou-2021']!.meta;
    expect(hr.title).toBe('北京市怀柔区人民政府工作规则');
    expect(hr.jurisdiction).toMatchObject({ city: '北京市', district: '怀柔区', level: 'district' });
    expect(hr.docNumber).toBe('怀政发〔2021〕12号');
    expect(hr.issuer).toBe('北京市怀柔区人民政府');
    expect(hr.dates.issued).toBe('2021-04-20');
    expect(hr.validity).toBe('失效');
    expect(hr.repeals).toEqual([expect.objectContaining({ docNumber: '怀政发〔2020〕24号' })]);

    const cy = byId['chaoyang-2015']!.meta;
    expect(cy.docNumber).toBe('朝政发〔2015〕7号');
    expect(cy.dates.issued).toBe('2015-07-31');
    expect(cy.repeals[0]).toMatchObject({ docNumber: '朝政发〔2013〕12号', date: '2013-08-26' });

    const cg = byId['chenggong-2022']!.meta;
    expect(cg.jurisdiction).toMatchObject({ city: '昆明市', district: '呈贡区' });
    expect(cg.dates).toMatchObject({ issued: '2022-02-25', adopted: '2022-02-15' });
    expect(cg.docNumber).toBeNull(); // the notice states none; 呈政发〔2017〕27号 is the repealed one
    expect(cg.repeals[0]!.docNumber).toBe('呈政发〔2017〕27号');

    const tz = byId['tongzhou-2022']!.meta;
    expect(tz.docNumber).toBe('通政发〔2022〕1号');
    expect(tz.jurisdiction).toMatchObject({ city: '北京市', district: '通州区' });
  });

  it('finds 洮北 from the body and trailer when the title names no district', () => {
    const tb = byId['taobei-2020']!;
    expect(tb.meta.title).toBe('区政府工作规则');
    expect(tb.meta.jurisdiction).toMatchObject({ city: '白城市', district: '洮北区' });
    const ev = tb.meta.evidence.jurisdiction!;
    expect(tb.text.slice(ev.start, ev.end)).toBe('白城市洮北区');
    expect(tb.meta.dates.published).toBe('2020-09-25');
    expect(tb.meta.year).toBe(2020);
    expect(tb.trailer!.copiedTo).toEqual(['区委办公室']);
    expect(tb.trailer!.printedBy).toBe('白城市洮北区人民政府办公室');
  });

  it('records evidence spans that point at the words each field was read from', () => {
    for (const d of documents) {
      if (d.meta.docNumber) {
        const ev = d.meta.evidence.docNumber!;
        expect(d.text.slice(ev.start, ev.end).replace(/\s/g, '')).toBe(d.meta.docNumber);
      }
      expect(d.meta.year).toBeGreaterThan(2000);
    }
  });
});
