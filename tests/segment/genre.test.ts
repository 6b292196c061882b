/** Documents of the genre beyond the seeds: a province with sections, a county with a note under its title, a city notice sent by its office. */
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/segment/index.js';

const docs = {
province: `云南省人民政府关于印发云南省人民政府工作规则的通知
云政发〔2023〕5号
各州、市人民政府，省直各委、办、厅、局：
　　现将修订后的《云南省人民政府工作规则》印发给你们，请认真贯彻执行。
云南省人民政府
2023年3月10日
云南省人民政府工作规则
第一章　总　　则
第一条　为规范省政府工作，根据宪法和地方组织法，制定本规则。
第二条　省政府工作的指导思想是……。
第二章　省政府组成人员职责
第一节　省长职责
第三条　省政府实行省长负责制。
第二节　副省长职责
第四条　副省长协助省长工作。
第三章　附　　则
第五条　本规则自印发之日起施行。2018年4月2日印发的《云南省人民政府工作规则》（云政发〔2018〕20号）同时废止。
`,
county: `安平县人民政府工作规则
（2019年1月15日县政府第3次常务会议通过）
第一章 总则
一、为规范县政府工作，参照《衡水市人民政府工作规则》，制定本规则。
二、县政府组成人员要严格执行请销假制度。县长离县，应向市长和县委书记请假。
第二章 附则
三、本规则由县政府办公室负责解释。
四、本规则自印发之日起施行。
`,
city: `﻿邯郸市人民政府办公室关于印发邯郸市人民政府工作规则的通知
邯政办字〔2020〕8号
各县（市、区）人民政府，市政府各部门：
经市政府同意，现将《邯郸市人民政府工作规则》印发给你们。
2020年5月6日
邯郸市人民政府工作规则
第一章 总则
第一条 根据《河北省人民政府工作规则》，结合本市实际，制定本规则。
第二条 市政府实行市长负责制。
第三条 本规则自印发之日起施行。
`,
decision: `标　　题：　某某县人民政府关于公布《某某县人民政府工作规则》的决定
某某县人民政府
关于公布《某某县人民政府工作规则》的决定
某政[2008]12号
各乡镇人民政府，县政府各部门：
    经二〇〇八年三月五日县政府第十五次常务会议讨论通过，现予公布，自公布之日起施行。二〇〇三年五月八日公布的《某某县人民政府工作规则》同时废止。
                                        二〇〇八年三月十日
某某县人民政府工作规则
第一条 为规范县政府工作，制定本规则。
第二条 本规则自公布之日起施行。
`,
countycity: `浙江省义乌市人民政府工作规则
第一条 市政府实行市长负责制。
第二条 本规则自发布之日起施行。
`,
};

const seg = (k: keyof typeof docs) => segment({ text: docs[k], source: { path: `${k}.txt`, format: 'text', encoding: 'utf-8', bom: false, sha256: '', bytes: 0 } }, k);

describe('other levels of government', () => {
  it('a province: 第X节 sections inside chapters, province-level jurisdiction, repeal with date and number', () => {
    const d = seg('province');
    expect(d.meta.jurisdiction).toMatchObject({ province: '云南省', city: null, district: null, level: 'province' });
    expect(d.meta.docNumber).toBe('云政发〔2023〕5号');
    expect(d.chapters.map((c) => c.title)).toEqual(['总则', '省政府组成人员职责', '附则']);
    expect(d.sections.map((s) => [s.label, s.title, s.chapter])).toEqual([['第一节', '省长职责', 2], ['第二节', '副省长职责', 2]]);
    expect(d.articles.map((a) => [a.ordinal, a.chapter, a.section])).toEqual([[1, 1, null], [2, 1, null], [3, 2, 1], [4, 2, 2], [5, 3, null]]);
    expect(d.meta.repeals).toEqual([expect.objectContaining({ title: '云南省人民政府工作规则', docNumber: '云政发〔2018〕20号', date: '2018-04-02' })]);
  });

  it('a county: the rules title with an adoption note under it, 一、 articles', () => {
    const d = seg('county');
    expect(d.meta.title).toBe('安平县人民政府工作规则');
    expect(d.meta.jurisdiction).toMatchObject({ city: '衡水市', district: '安平县', level: 'county' });
    expect(d.meta.dates.adopted).toBe('2019-01-15');
    expect(d.articles).toHaveLength(4);
    expect(d.diagnostics.filter((x) => x.code === 'unplaced-text')).toEqual([]);
  });

  it('a city: issued by its office, dated by a line of its own, province from the body', () => {
    const d = seg('city');
    expect(d.meta.jurisdiction).toMatchObject({ province: '河北省', city: '邯郸市', district: null, level: 'city' });
    expect(d.meta.issuer).toBe('邯郸市人民政府办公室');
    expect(d.meta.dates.issued).toBe('2020-05-06');
    expect(d.meta.docNumber).toBe('邯政办字〔2020〕8号');
    expect(d.text.startsWith('\ufeff')).toBe(true); // a BOM inside the text is kept: lossless
    expect(d.blocks.map((b) => d.text.slice(b.span.start, b.span.end)).join('')).toBe(d.text);
  });

  it('a title that names its government without 人民 (某区政府工作规则), in either script: jurisdiction and issuer from it', () => {
    for (const [text, district, issuer] of [
      ['东岭区政府工作规则\n第一章　总则\n第一条　为规范区政府工作，制定本规则。\n第二条　区政府实行区长负责制。\n', '东岭区', '东岭区政府'],
      ['東嶺區政府工作規則\n第一章　總則\n第一條　為規範區政府工作，制定本規則。\n第二條　區政府實行區長負責制。\n', '东岭区', '东岭区政府'],
    ] as const) {
      const d = segment({ text, source: { path: 'x.txt', format: 'text', encoding: 'utf-8', bom: false, sha256: '', bytes: text.length } }, 'x');
      expect(d.meta.jurisdiction).toMatchObject({ district, level: 'district', name: district });
      expect(d.meta.issuer).toBe(issuer);
    }
  });

  it('a document without chapters or preamble', () => {
    const d = seg('countycity');
    expect(d.chapters).toEqual([]);
    expect(d.articles.map((a) => a.chapter)).toEqual([null, null]);
    expect(d.meta.jurisdiction).toMatchObject({ province: '浙江省', name: '义乌市' });
  });

  it('a 决定 of 2008: numerals in Chinese, a bracketed document number, the repeal stated in the notice, a web title label', () => {
    const d = seg('decision');
    expect(d.meta.noticeTitle).toBe('某某县人民政府关于公布《某某县人民政府工作规则》的决定');
    expect(d.meta.docNumber).toBe('某政〔2008〕12号');
    expect(d.meta.dates).toMatchObject({ issued: '2008-03-10', adopted: '2008-03-05' });
    expect(d.meta.repeals).toEqual([expect.objectContaining({ title: '某某县人民政府工作规则', date: '2003-05-08', docNumber: null })]);
    expect(d.articles).toHaveLength(2);
  });

  it('an item 1. whose text begins with a number (1.10万元以下的) is item 1 when 2. follows it; a decimal alone stays text', () => {
    const text = `某镇人民政府工作规则
第一章 总则
一、镇级财政支出实行分级审批：
（一）项目支出
1.10万元（含）以下的，由镇长审批；
2.超过10万元的，经镇政府班子会议研究决定；
3.50万元以上的，报镇党委会议决定。
二、镇机关差旅费按标准报销，单次报销额度为
1.5万元以下的，由分管副镇长审批。
`;
    const d = segment({ text, source: { path: 'town.txt', format: 'text', encoding: 'utf-8', bom: false, sha256: '', bytes: 0 } }, 'town');
    const [first, second] = d.articles;
    const items = first!.paragraphs.flatMap((p) => p.items).flatMap((i) => i.children);
    expect(items.map((i) => [i.marker, i.number])).toEqual([['1.', 1], ['2.', 2], ['3.', 3]]);
    expect(d.text.slice(items[0]!.span.start, items[0]!.span.end)).toBe('1.10万元（含）以下的，由镇长审批；');
    // no 2. next to it: 1.5万元 is an amount, its line the article's text
    expect(second!.paragraphs.flatMap((p) => p.items)).toEqual([]);
    expect(d.text.slice(second!.span.start, second!.span.end)).toContain('1.5万元以下的');
  });

  it('a township’s rules: the town is the jurisdiction, its county beside it; a county’s rules naming its towns stay the county’s', () => {
    const src = (path: string) => ({ path, format: 'text' as const, encoding: 'utf-8', bom: false, sha256: '', bytes: 0 });
    const town = segment({ text: `某县某某镇人民政府文件\n\n关于印发《某某镇人民政府工作规则》的通知\n\n某某镇人民政府工作规则\n第一章 总则\n一、为规范镇政府工作，制定本规则。\n二、镇长离镇外出，应当向县政府请假。\n`, source: src('town.txt') }, 'town');
    expect(town.meta.jurisdiction).toMatchObject({ town: '某某镇', district: '某县', level: 'township', name: '某某镇' });
    const ethnic = segment({ text: `某某民族乡人民政府工作规则\n第一条 为规范乡政府工作，制定本规则。\n`, source: src('ethnic.txt') }, 'ethnic');
    expect(ethnic.meta.jurisdiction).toMatchObject({ town: '某某民族乡', level: 'township' });
    const county = segment({ text: `宁乡市人民政府工作规则\n第一条 为规范市政府工作，制定本规则。\n第二条 各乡镇人民政府、城关镇人民政府和市政府各部门执行本规则。\n`, source: src('county.txt') }, 'county');
    // 宁乡市 is a city's name (a county-level city), not a township 宁乡 of some 市
    expect(county.meta.jurisdiction.town ?? null).toBeNull();
    expect(county.meta.jurisdiction.name).toBe('宁乡市');
  });

  it('a city whose rules follow a 地区行政公署 (a prefecture with no 人民政府) is a county-level city of that 地区', () => {
    const src = { path: 'c.txt', format: 'text' as const, encoding: 'utf-8', bom: false, sha256: '', bytes: 0 };
    const d = segment({ text: `阿克苏市人民政府工作规则\n第一章 总则\n第一条 根据有关法律和阿克苏地区行政公署有关规定，制定本规则。\n第二条 市政府重大事项及时向地区行署请示报告。\n`, source: src }, 'c');
    expect(d.meta.jurisdiction).toMatchObject({ province: '新疆维吾尔自治区', city: '阿克苏地区', district: '阿克苏市', level: 'county', name: '阿克苏市' });
  });
});
