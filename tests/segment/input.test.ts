/**
 * Input the genre writes in other ways (third blind review): traditional characters, a chapter heading and its
 * first article on one line, unnumbered chapter headings, 政府令第N号, an issue date beside a revision note, the
 * parent units named in the text. Place names here are made up.
 */
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/extract/index.js';
import { docFromText } from '../helpers/docs.js';

const TRADITIONAL = `某市某區人民政府關於印發《某市某區人民政府工作規則》的通知
某區政〔2021〕33號
各街道辦事處，區政府各部門：
    現將《某市某區人民政府工作規則》印發給你們，請認真貫徹落實。
某市某區人民政府
2021年11月8日
某市某區人民政府工作規則
第一章 總則
第一條 為規範區政府工作，制定本規則。
第二章 會議制度
第二條 區政府常務會議一般每月召開2至3次，須有三分之二以上組成人員到會方可召開。
第三條 副區長離開本市，須事先向區長請假。
第四條 單筆50萬元以上不滿300萬元的支出，由區長審批。
`;

describe('traditional characters', () => {
  const doc = docFromText(TRADITIONAL, 'traditional');

  it('are read as simplified: chapters, articles and metadata are found; labels, titles and quotes are as written', () => {
    expect(doc.text).toBe(TRADITIONAL);
    expect(doc.chapters.map((c) => [c.label, c.title])).toEqual([['第一章', '總則'], ['第二章', '會議制度']]);
    expect(doc.articles.map((a) => a.label)).toEqual(['第一條', '第二條', '第三條', '第四條']);
    expect(doc.articles[1]!.text).toContain('常務會議');
    expect(doc.meta.title).toBe('某市某區人民政府工作規則');
    expect(doc.meta.docNumber).toBe('某區政〔2021〕33號');
    // names are normalised: the jurisdiction and the issuer as read
    expect(doc.meta.jurisdiction).toMatchObject({ city: '某市', district: '某区' });
    expect(doc.meta.issuer).toBe('某市某区人民政府');
    expect(doc.meta.dates.issued).toBe('2021-11-08');
    expect(doc.diagnostics.map((d) => d.code)).toContain('traditional-characters');
  });

  it('gives the facts in simplified words and cites the characters as written (text.slice(span) is the quote)', () => {
    const facts = extractFacts(doc);
    for (const f of facts) expect(doc.text.slice(f.citation.span.start, f.citation.span.end)).toBe(f.citation.quote);
    const meeting = facts.find((f) => f.kind === 'meeting');
    expect(meeting).toMatchObject({ meeting: '常务会议', frequency: { min: 2, max: 3, per: 'month' }, quorum: { share: 0.6667, inclusive: true } });
    expect(meeting!.citation.quote).toBe('區政府常務會議一般每月召開2至3次，須有三分之二以上組成人員到會方可召開');
    const leave = facts.find((f) => f.kind === 'leave');
    expect(leave).toMatchObject({ who: ['副区长'], to: ['区长'], verb: '请假', occasions: ['离市'] });
    expect(leave!.citation.quote).toBe('須事先向區長請假');
    const band = facts.find((f) => f.kind === 'threshold');
    expect(band).toMatchObject({ lower: { amount: { value: 50, unit: '万元' }, inclusive: true }, upper: { amount: { value: 300, unit: '万元' }, inclusive: false }, decidedBy: ['区长'] });
    expect(band!.kind === 'threshold' && band.raw).toBe('50萬元以上不滿300萬元');
  });

  it('leaves a simplified text as it is (the reading is the text)', () => {
    const simplified = docFromText('某县人民政府工作规则\n第一条 县政府常务会议一般每周召开一次。\n', 's');
    expect(simplified.diagnostics.map((d) => d.code)).not.toContain('traditional-characters');
    expect(simplified.articles[0]!.text).toBe('第一条 县政府常务会议一般每周召开一次。');
  });
});

describe('a chapter heading and its first article on one line', () => {
  const text = `某市人民政府工作规则
第一章 总则第一条 为了规范市政府工作，制定本规则。
第二条 市政府实行市长负责制。
第二章　附　则　第三条　本规则自印发之日起施行。
`;
  const doc = docFromText(text, 'one-line');

  it('第一章 总则第一条 … is the chapter 总则 and the article 第一条, each a block of its own', () => {
    expect(doc.chapters.map((c) => [c.label, c.title, c.articleRange])).toEqual([
      ['第一章', '总则', [1, 2]],
      ['第二章', '附则', [3, 3]],
    ]);
    expect(doc.articles.map((a) => a.label)).toEqual(['第一条', '第二条', '第三条']);
    expect(doc.articles[0]!.text).toBe('第一条 为了规范市政府工作，制定本规则。');
    expect(doc.chapters[0]!.heading).toBe('第一章 总则');
    expect(doc.meta.title).toBe('某市人民政府工作规则');
    // lossless: the blocks still re-join to the text
    expect(doc.blocks.map((b) => doc.text.slice(b.span.start, b.span.end)).join('')).toBe(text);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['title', 'chapter', 'article', 'article', 'chapter', 'article']);
  });

  it('a heading that runs on into words that are not an article stays one line (第一章 总则 and a sentence is not split)', () => {
    const d = docFromText('某县人民政府工作规则\n第一章 总则\n第一条 为规范县政府工作，依据第一条款制定本规则。\n', 'x');
    expect(d.articles).toHaveLength(1);
    expect(d.chapters.map((c) => c.title)).toEqual(['总则']);
  });
});

describe('chapter headings written without a number', () => {
  it('总则 alone on a line before the first article makes every such heading a chapter (总则 … 会议制度 … 附则)', () => {
    const text = `某旗人民政府工作规则

总则

　　一、为规范旗政府工作，制定本规则。
　　二、旗政府工作遵循以下准则：
　　（一）坚持依法行政；
　　（二）坚持科学民主决策。

会议制度

　　三、旗政府常务会议一般每月召开两次。

附则

　　四、本规则自印发之日起施行。
`;
    const doc = docFromText(text, 'unnumbered');
    expect(doc.chapters.map((c) => [c.ordinal, c.label, c.title, c.articleRange])).toEqual([
      [1, '', '总则', [1, 2]],
      [2, '', '会议制度', [3, 3]],
      [3, '', '附则', [4, 4]],
    ]);
    expect(doc.meta.title).toBe('某旗人民政府工作规则');
    // the heading is not part of the article before it
    expect(doc.articles[1]!.text).not.toContain('会议制度');
    expect(doc.diagnostics.filter((d) => d.code === 'unplaced-text')).toEqual([]);
  });

  it('without 总则 or 附则, a short line before an article is not taken for a heading', () => {
    const doc = docFromText('某县人民政府工作规则\n一、为规范县政府工作，制定本规则。\n县政府会议\n二、县政府常务会议一般每月召开两次。\n', 'plain');
    expect(doc.chapters).toEqual([]);
  });
});

describe('document numbers and dates of the notice', () => {
  const text = `某市人民政府
关于印发某市人民政府工作规则的通知
某市人民政府令第37号

各县（市、区）人民政府，市政府各部门：
　　现将修订后的《某市人民政府工作规则》印发给你们，请认真遵照执行。

某市人民政府
2023年1月10日

某市人民政府工作规则
（2018年3月1日市政府第12次常务会议通过，2022年12月26日市政府第23次常务会议修订）

第一章 总则第一条 为了规范市人民政府工作，参照《某省人民政府工作规则》，制定本规则。
第二条 本规则自印发之日起施行。
`;
  const doc = docFromText(text, 'order');

  it('政府令第37号 is the document number; the year comes from the signature, not from the revision note', () => {
    expect(doc.meta.docNumber).toBe('某市人民政府令第37号');
    expect(doc.meta.dates.issued).toBe('2023-01-10');
    expect(doc.meta.year).toBe(2023);
    expect(text.slice(doc.meta.evidence.docNumber!.start, doc.meta.evidence.docNumber!.end)).toBe('某市人民政府令第37号');
  });

  it('the parent unit named in the text (参照《某省人民政府工作规则》) is the province', () => {
    expect(doc.meta.jurisdiction).toMatchObject({ province: '某省', city: '某市', district: null, level: 'city' });
  });

  it('an order number in a sentence is cut at the verb before it', () => {
    const d = docFromText('某县人民政府工作规则\n第一条 本规则自印发之日起施行，根据县政府令第5号印发的《某县人民政府工作规则》同时废止。\n', 'repeal');
    expect(d.meta.repeals.map((r) => r.docNumber)).toEqual(['县政府令第5号']);
  });
});

describe('a revision note under the title', () => {
  it('without a signature date, the rules date from their last revision (…通过，…修订), not from their first adoption', () => {
    const d = docFromText('某县人民政府工作规则\n（2018年3月1日县政府第12次常务会议通过，2022年12月26日县政府第23次常务会议修订）\n第一条 为规范县政府工作，制定本规则。\n', 'note');
    expect(d.meta.dates.adopted).toBe('2022-12-26');
    expect(d.meta.year).toBe(2022);
  });
});

describe('the national level and addressee lines', () => {
  it('国务院工作规则 is the national level; 直辖市 in the addressee line is no jurisdiction', () => {
    const d = docFromText(`国务院关于印发《国务院工作规则》的通知
国发〔2023〕6号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　现将《国务院工作规则》印发给你们，请认真贯彻执行。
国务院
2023年3月24日
国务院工作规则
第一章 总则
第一条 为适应新时代新征程的要求，制定本规则。
`, 'national');
    expect(d.meta.jurisdiction).toEqual({ province: null, city: null, district: null, level: 'national', name: '国务院' });
    expect(d.meta.issuer).toBe('国务院');
    expect(d.meta.docNumber).toBe('国发〔2023〕6号');
    expect(d.meta.dates.issued).toBe('2023-03-24');
  });

  it('a city notice sent to 各县（市、区）人民政府 stays the city\'s', () => {
    const d = docFromText('某市人民政府关于印发某市人民政府工作规则的通知\n各县（市、区）人民政府，某某县人民政府：\n现将规则印发给你们。\n某市人民政府工作规则\n第一条 为规范市政府工作，制定本规则。\n', 'city');
    expect(d.meta.jurisdiction).toMatchObject({ city: '某市', district: null, level: 'city' });
  });
});
