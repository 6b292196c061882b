/** Property-based: 1,000+ generated documents segment losslessly and into the articles they were built from. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceText } from '../../src/model.js';
import { segment } from '../../src/segment/index.js';
import { documentArbitrary } from '../helpers/generate.js';

const source = (text: string): SourceText => ({ text, source: { path: 'generated.txt', format: 'text', encoding: 'utf-8', bom: false, sha256: '', bytes: text.length } });

describe('generated documents', () => {
  it('re-join from their blocks byte for byte and yield exactly the generated articles (1,200 runs)', () => {
    fc.assert(
      fc.property(documentArbitrary, (g) => {
        const doc = segment(source(g.text), 'gen');
        expect(doc.blocks.map((b) => g.text.slice(b.span.start, b.span.end)).join('')).toBe(g.text);
        expect(doc.articles.map((a) => a.label)).toEqual(g.articles.map((a) => a.label));
        expect(doc.articles.map((a) => a.ordinal)).toEqual(g.articles.map((a) => a.ordinal));
        expect(doc.articles.map((a) => a.text.replace(/\r/g, ''))).toEqual(g.articles.map((a) => a.text));
        expect(doc.articles.map((a) => a.chapter)).toEqual(g.articles.map((a) => a.chapter));
        expect(doc.chapters.map((c) => [c.ordinal, c.title])).toEqual(g.chapters.map((c) => [c.ordinal, c.title]));
        for (const a of doc.articles) for (const d of g.debris) expect(a.text).not.toContain(d);
        expect(doc.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      }),
      { numRuns: 1200, seed: 20261125 },
    );
  });

  it('report a gap and a duplicate in the numbering without losing text', () => {
    const text = ['第一章 总则', '第一条 甲。', '第二条 乙。', '第四条 丁。', '第四条 丁又一条。', '第五条 戊。', ''].join('\n');
    const doc = segment(source(text), 'gap');
    expect(doc.articles.map((a) => a.label)).toEqual(['第一条', '第二条', '第四条', '第四条', '第五条']);
    expect(doc.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code).sort()).toEqual(['numbering-duplicate', 'numbering-gap']);
    expect(doc.blocks.map((b) => text.slice(b.span.start, b.span.end)).join('')).toBe(text);
  });

  it('does not take a numbered list inside an article for the next articles', () => {
    const text = ['一、总的要求。', '二、工作原则如下：', '一、坚持党的领导。', '二、坚持依法行政。', '三、坚持从严治政。', '三、区长领导区政府的工作。', '四、本规则自印发之日起施行。', ''].join('\n');
    const doc = segment(source(text), 'list');
    expect(doc.articles.map((a) => a.text.slice(0, 6))).toEqual(['一、总的要求', '二、工作原则', '三、区长领导', '四、本规则自']);
    expect(doc.articles[1]!.paragraphs[0]!.items.map((i) => i.marker)).toEqual(['一、', '二、', '三、']);
  });

  it('reports text it cannot place instead of dropping it', () => {
    const text = ['某县人民政府工作规则', '第一章 总则', '本章说明：以下各条适用于县政府。', '第一条 甲。', '第二条 乙。', ''].join('\n');
    const doc = segment(source(text), 'unplaced');
    const d = doc.diagnostics.find((x) => x.code === 'unplaced-text')!;
    expect(text.slice(d.span!.start, d.span!.end)).toBe('本章说明：以下各条适用于县政府。');
    expect(doc.blocks.find((b) => b.kind === 'unplaced')).toBeDefined();
    expect(doc.articles).toHaveLength(2);
  });

  it('joins a sentence broken by a page break and leaves the page number out of its words', () => {
    const text = ['第一章 总则', '第一条 部门报送县政府的请示事项应当一文一事，县政府办公室对部门报', '— 4 —', '送的请示事项，应当在3个工作日内提出办理意见。', '第二条 本规则自印发之日起施行。', ''].join('\r\n');
    const doc = segment(source(text), 'page-break');
    const a1 = doc.articles[0]!;
    expect(a1.text).toBe('第一条 部门报送县政府的请示事项应当一文一事，县政府办公室对部门报送的请示事项，应当在3个工作日内提出办理意见。');
    expect(a1.paragraphs).toHaveLength(1);
    expect(text.slice(a1.span.start, a1.span.end)).toContain('— 4 —');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['chapter', 'article', 'debris', 'article', 'article']);
    expect(doc.blocks.map((b) => text.slice(b.span.start, b.span.end)).join('')).toBe(text);
  });

  it("leaves a PDF's running header (a line repeated next to the page numbers) out of the words, and keeps the title", () => {
    const header = '某县人民政府文件';
    const text = [
      header, '某县人民政府工作规则', '第一章 总则', '第一条 县政府常务会议一般每两周召开一次，必要时', '— 1 —', '', header,
      '随时召开。县政府工作中的重大事项，须经县政府', '— 2 —', '', header, '常务会议讨论决定。', '第二条 本规则自印发之日起施行。',
      '— 3 —', '',
    ].join('\n');
    const doc = segment(source(text), 'running-header');
    expect(doc.meta.title).toBe('某县人民政府工作规则');
    expect(doc.articles[0]!.text).toBe('第一条 县政府常务会议一般每两周召开一次，必要时随时召开。县政府工作中的重大事项，须经县政府常务会议讨论决定。');
    expect(doc.diagnostics.filter((d) => d.code === 'debris-in-article').map((d) => text.slice(d.span!.start, d.span!.end))).toEqual(['— 1 —', header, '— 2 —', header]);
    expect(doc.blocks.map((b) => text.slice(b.span.start, b.span.end)).join('')).toBe(text);
    // Once beside a page number is not a running header: the line stays in its article.
    const once = ['第一章 总则', '第一条 县政府常务会议一般每两周召开一次，必要时', '— 1 —', '随时召开', '第二条 本规则自印发之日起施行。', ''].join('\n');
    expect(segment(source(once), 'once').articles[0]!.text).toContain('随时召开');
  });

  it('leaves a table of contents out of the chapters, with or without leaders and page numbers', () => {
    const rules = ['第一章 总则', '第一条 甲。', '第二条 乙。', '第二章 会议制度', '第三条 丙。', '第三章 附则', '第四条 本规则自印发之日起施行。'];
    for (const contents of [['目　录', '第一章 总则……1', '第二章 会议制度……2', '第三章 附则……3'], ['目录', '', '第一章 总则', '第二章 会议制度', '第三章 附则']]) {
      const text = ['某县人民政府工作规则', '', ...contents, '', ...rules, ''].join('\n');
      const doc = segment(source(text), 'contents');
      expect(doc.meta.title).toBe('某县人民政府工作规则');
      expect(doc.chapters.map((c) => [c.title, c.articleRange])).toEqual([['总则', [1, 2]], ['会议制度', [3, 3]], ['附则', [4, 4]]]);
      expect(doc.blocks.map((b) => text.slice(b.span.start, b.span.end)).join('')).toBe(text);
    }
  });

  it('reads parts (第一部分 总则) as chapters', () => {
    const text = ['某县人民政府工作规则', '第一部分 总则', '第一条 甲。', '第二条 乙。', '第二部分 会议制度', '第三条 丙。', ''].join('\n');
    const doc = segment(source(text), 'parts');
    expect(doc.chapters.map((c) => [c.label, c.title])).toEqual([['第一部分', '总则'], ['第二部分', '会议制度']]);
    expect(doc.articles.map((a) => [a.label, a.chapter, a.text])).toEqual([['第一条', 1, '第一条 甲。'], ['第二条', 1, '第二条 乙。'], ['第三条', 2, '第三条 丙。']]);
  });

  it('reads articles numbered 1． 2． … all through, under chapters headed 一、总则 …', () => {
    const body = (n: number) => `${n}．县政府第${n}项工作按规定办理。`;
    const text = ['某县人民政府工作规则', '一、总则', ...[1, 2, 3, 4].map(body), '二、会议制度', ...[5, 6, 7, 8].map(body), '（一）常务会议每月召开一次；', '三、附则', ...[9, 10, 11].map(body), ''].join('\n');
    const doc = segment(source(text), 'arabic');
    expect(doc.chapters.map((c) => [c.label, c.title])).toEqual([['一、', '总则'], ['二、', '会议制度'], ['三、', '附则']]);
    expect(doc.articles.map((a) => a.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(doc.articles.map((a) => a.chapter)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3]);
    expect(doc.articles[7]!.paragraphs.flatMap((p) => p.items.map((i) => i.marker))).toEqual(['（一）']);
    expect(doc.blocks.map((b) => text.slice(b.span.start, b.span.end)).join('')).toBe(text);
  });

  it('keeps a long 1、2、3、 list inside an article of a 一、 document an item list', () => {
    const items = Array.from({ length: 12 }, (_, k) => `${k + 1}、第${k + 1}项职责；`);
    const cn = ['一', '二', '三', '四', '五', '六'];
    const text = [...cn.slice(0, 3).map((n) => `${n}、区政府第${n}条规定。`), '四、区政府办公室的职责是：', ...items, ...cn.slice(4).map((n) => `${n}、区政府第${n}条规定。`), ''].join('\n');
    const doc = segment(source(text), 'items');
    expect(doc.articles.map((a) => a.label)).toEqual(['一、', '二、', '三、', '四、', '五、', '六、']);
    expect(doc.articles[3]!.paragraphs[0]!.items).toHaveLength(12);
  });

  it('keeps a web page footer (buttons, previous/next links, sponsor, ICP number) out of the last article', () => {
    const text = ['第一条 甲。', '第二条 本规则自印发之日起施行。', '【打印】【关闭】', '上一篇：关于加强政务诚信建设的实施意见', '主办单位：某市人民政府办公室　承办单位：某市大数据中心', '网站标识码：4302000001　湘ICP备05002316号', ''].join('\n');
    const doc = segment(source(text), 'footer');
    expect(doc.articles.at(-1)!.text).toBe('第二条 本规则自印发之日起施行。');
    expect(doc.trailer!.web).toHaveLength(4);
  });

  it('reads items written inside one paragraph (（一）…；（二）…), but not a reference such as 第三条（一）项', () => {
    const text = ['第一条 省政府工作的准则是：（一）坚持党的领导；（二）坚持依法行政；（三）坚持从严治政。上述准则必须遵守。', '第二条 依照本规则第三条（一）项、（二）项办理。', ''].join('\n');
    const doc = segment(source(text), 'inline');
    const [p1] = doc.articles[0]!.paragraphs;
    expect(p1!.inlineItems!.map((i) => [i.marker, i.number, text.slice(i.span.start, i.span.end)])).toEqual([
      ['（一）', 1, '（一）坚持党的领导；'],
      ['（二）', 2, '（二）坚持依法行政；'],
      ['（三）', 3, '（三）坚持从严治政。'],
    ]);
    expect(doc.articles[0]!.text).toBe(text.split('\n')[0]); // the words once, as written
    expect(doc.articles[1]!.paragraphs[0]!.inlineItems).toBeUndefined();
  });
});

