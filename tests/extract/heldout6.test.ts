/**
 * The sixth blind review: the five documents of the ninth search set (tests/fixtures/search-9: a province in the State
 * Council's style with 离琼, a county-level city with 离义外出, an autonomous county whose articles run 一、 through, a
 * 2008 district with its notice and trailer, a banner's portal page with a table of its meetings), their facts,
 * structure and metadata written by a colleague who had not seen the code, before the first run. First-run and
 * after-fix figures: decision 0050, addendum "sixth blind review". The thresholds below are the after-fix figures,
 * with what is still missed named: regression figures now.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDocumentFacts } from '../../src/extract/index.js';
import { checkDocument, type ScoredKind } from '../../src/extract/score.js';
import { afterFixFigures, scoreFolder } from '../helpers/blind-facts.js';

const { entries, perKind, attrs } = scoreFolder(fileURLToPath(new URL('../fixtures/search-9/', import.meta.url)));

/**
 * Expected facts per kind, and how many are still missed and read in excess: meetings — the banner's 全体会议,
 * whose members the expectations file under one article and the tool under another; deadlines — minutes (提前10分钟到会, 事发后30分钟内) and counts the tool reads as
 * other measures; leave — 告知 read as 报告 where the expectations say 报备 (乡（镇）长 is kept as written since the seventh review), a subject left
 * unsaid (因故不能参加会议的，须…请假), approvals after another office's review (经…审核后报批).
 */
const GOLD: Record<ScoredKind, number> = { meetings: 31, thresholds: 9, deadlines: 74, leave: 45 };
const MISSED: Record<ScoredKind, number> = { meetings: 1, thresholds: 0, deadlines: 6, leave: 6 };
const EXTRA: Record<ScoredKind, number> = { meetings: 1, thresholds: 0, deadlines: 8, leave: 5 };

describe('sixth blind review: a province, a county-level city, an autonomous county, a 2008 district, a banner’s portal page', () => {
  it('all five are read', () => {
    expect(entries.map((e) => e.doc.id).sort()).toEqual(['hainan-province', 'menghai-autonomous-county', 'ordos-league-portal', 'xicheng-2008', 'yiwu-city']);
  });

  afterFixFigures(perKind, GOLD, MISSED, EXTRA);

  it('reads a table of the meetings (会议 | 频次 | 主持人): each row a meeting with its rate and chair', () => {
    const ordos = entries.find((e) => e.doc.id === 'ordos-league-portal')!;
    const table = extractDocumentFacts(ordos.doc).meetings.filter((m) => m.citation.ordinal === 25);
    expect(table.map((m) => [m.meeting, m.frequency?.perYear ?? null, m.frequency?.irregular, m.chair])).toEqual([
      ['全体会议', { min: 2, max: 2 }, false, ['旗长']],
      ['常务会议', { min: 12, max: 24 }, false, ['旗长']],
      ['旗长办公会议', null, true, ['旗长', '常务副旗长']],
      ['专题会议', null, true, ['分管副旗长']],
    ]);
    expect(attrs.meetings.chair).toEqual([30, 30]);
  });

  it('reads who convenes a meeting from the subject (副省长可以召开专题会议; 副县长受县长委托，可以召开专题会议)', () => {
    const chairOf = (id: string, n: number, meeting: string) => extractDocumentFacts(entries.find((e) => e.doc.id === id)!.doc).meetings.find((m) => m.citation.ordinal === n && m.meeting === meeting)?.chair;
    expect(chairOf('hainan-province', 40, '专题会议')).toEqual(['副省长']);
    expect(chairOf('menghai-autonomous-county', 28, '专题会议')).toEqual(['副县长']);
    expect(chairOf('xicheng-2008', 27, '专题会议')).toEqual(['副区长']);
  });

  it('gives items and listed matters the deciders their lead-in or a 上述事项 sentence names', () => {
    expect(attrs.thresholds.decidedBy).toEqual([9, 9]);
  });

  it('reads 离义外出 and 离琼外出 as leaving the place (its one-character name before 外出)', () => {
    const yiwu = entries.find((e) => e.doc.id === 'yiwu-city')!;
    const leave = extractDocumentFacts(yiwu.doc).leave.filter((f) => f.citation.ordinal === 48);
    expect(leave.map((f) => [f.who.join('、'), f.verb])).toEqual(expect.arrayContaining([['副市长', '请假'], ['部门主要负责人', '请假']]));
  });

  it("reads the document's own place named without its level word (离开海南 in the province's rules) as leaving it", () => {
    const hainan = entries.find((e) => e.doc.id === 'hainan-province')!;
    const leave = extractDocumentFacts(hainan.doc).leave.filter((f) => f.citation.ordinal === 50);
    expect(leave.some((f) => f.who.join('、') === '省长' && f.verb === '报告')).toBe(true);
  });

  it('structure and metadata are right, the province of a text that names only its city from the list of prefectures', () => {
    for (const { doc, gold } of entries) {
      const { structure, metadata } = checkDocument(gold, doc);
      const wrong = [...structure.fields, ...metadata.fields].filter((f) => !f.right).map((f) => f.name);
      expect({ doc: doc.id, wrong }).toEqual({ doc: doc.id, wrong: [] });
    }
    // named nowhere in these two texts: their cities' provinces (data/prefectures.json)
    expect(entries.find((e) => e.doc.id === 'yiwu-city')!.doc.meta.jurisdiction.province).toBe('浙江省');
    expect(entries.find((e) => e.doc.id === 'ordos-league-portal')!.doc.meta.jurisdiction.province).toBe('内蒙古自治区');
    // the city above the autonomous county and the banner, from the government each answers to (接受某某市人民政府的统一领导)
    expect(entries.find((e) => e.doc.id === 'ordos-league-portal')!.doc.meta.jurisdiction.city).toBe('鄂尔多斯市');
    expect(entries.find((e) => e.doc.id === 'menghai-autonomous-county')!.doc.meta.jurisdiction.city).toBe('普洱市');
  });
});
