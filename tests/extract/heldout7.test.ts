/**
 * The seventh blind review: the six documents of the tenth and eleventh search sets, their facts, structure and
 * metadata written by two colleagues who had not seen the code, before the first run — set 10 (tests/fixtures/search-10:
 * the municipality of Chongqing with 节 inside chapters and 离渝, a township numbered 一、 with items 1. glued to
 * amounts, a county's rules copied out of a Word file: 第1条, page headers and numbers, a table of contents) and set 11
 * (tests/fixtures/search-11: an autonomous region's portal page with a leave table inside an article, a Shenzhen
 * district with an appendix table, a county's revised rules with a table of contents and revision notes). First-run
 * and after-fix figures: decision 0050, addendum "seventh blind review". The thresholds are the after-fix figures,
 * with what is still missed named: regression figures now.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDocumentFacts } from '../../src/extract/index.js';
import { checkDocument, SCORED_KINDS, total, type ScoredKind } from '../../src/extract/score.js';
import { scoreFolder } from '../helpers/blind-facts.js';

const ten = scoreFolder(fileURLToPath(new URL('../fixtures/search-10/', import.meta.url)));
const eleven = scoreFolder(fileURLToPath(new URL('../fixtures/search-11/', import.meta.url)));
const all = [...ten.entries, ...eleven.entries];
const facts = (id: string) => extractDocumentFacts(all.find((e) => e.doc.id === id)!.doc);

/**
 * Gold, missed and read in excess per kind and set. What is left: meetings — the head's duty article (区长召集和主持
 * 全体会议和常务会议) filed by the tool as each meeting's chair (the seeds' fixtures file it; these expectations do
 * not), meetings named by their field (经济运行分析会议, 川渝…联席会议) in one article, a 机关工作例会; leave — approvals
 * by length of leave (经分管副镇长同意后报镇长批准) read as leave asked where these expectations say 报批, 告知 an office read as 报告 where these expectations say 报备 (the earlier fixtures say 报告), the office as the one
 * who reports (由县政府办公室报告县委办公室); thresholds — an appendix table's bands (50万元以上至300万元（含）).
 */
const GOLD: Record<'ten' | 'eleven', Record<ScoredKind, number>> = {
  ten: { meetings: 18, thresholds: 25, deadlines: 87, leave: 50 },
  eleven: { meetings: 14, thresholds: 21, deadlines: 72, leave: 42 },
};
const MISSED: typeof GOLD = {
  ten: { meetings: 3, thresholds: 0, deadlines: 0, leave: 17 },
  eleven: { meetings: 2, thresholds: 2, deadlines: 0, leave: 8 },
};
const EXTRA: typeof GOLD = {
  ten: { meetings: 6, thresholds: 0, deadlines: 1, leave: 9 },
  eleven: { meetings: 7, thresholds: 2, deadlines: 1, leave: 3 },
};

describe('seventh blind review: a municipality, a township, a Word copy, an autonomous region’s page, a Shenzhen district, a revised county text', () => {
  it('all six are read', () => {
    expect(all.map((e) => e.doc.id).sort()).toEqual(['chongqing-2023', 'county-revised-2024', 'futian-2021', 'ningxia-portal', 'township-2021', 'word-export-2019']);
  });

  for (const [set, scored] of [['ten', ten], ['eleven', eleven]] as const)
    it.each(SCORED_KINDS)(`set ${set === 'ten' ? 10 : 11}, %s: at the after-fix figures`, (kind) => {
      const t = total(scored.perKind[kind]);
      expect(t.gold).toBe(GOLD[set][kind]);
      expect(t.missed.length).toBeLessThanOrEqual(MISSED[set][kind]);
      expect(t.spurious.length).toBeLessThanOrEqual(EXTRA[set][kind]);
    });

  it('reads an item numbered 1. whose text starts with a number (1.10万元（含）以下的) as the item, not as 1.1万元', () => {
    const yuan = (a?: { amount: { yuan: number } } | null) => a?.amount.yuan ?? null;
    const bands = facts('township-2021').thresholds.filter((f) => f.citation.ordinal === 20).map((f) => [yuan(f.lower), yuan(f.upper)]);
    expect(bands).toEqual(expect.arrayContaining([[null, 100_000], [500_000, null]]));
    expect(bands.flat()).not.toContain(11_000); // 1.1万元
    expect(bands.flat()).not.toContain(35_000); // 3.5万元
    expect(ten.attrs.thresholds.bandEdges).toEqual([31, 31]);
  });

  it('reads a deadline counted back from a holiday (节前3天, 节前2个工作日) as at least, and 每月不超过2期 as a count', () => {
    const chongqing = facts('chongqing-2023').deadlines;
    expect(chongqing.find((d) => d.raw.includes('3天') && d.citation.quote.includes('节前'))).toMatchObject({ bound: 'at-least', unit: 'day', value: 3 });
    expect(chongqing.find((d) => d.citation.quote.includes('不超过2期'))).toMatchObject({ measure: 'count', bound: 'at-most', value: 2, per: 'month' });
    expect(facts('township-2021').deadlines.find((d) => d.citation.quote.includes('节前2个工作日'))).toMatchObject({ bound: 'at-least', unit: 'working-day', value: 2 });
  });

  it('keeps a bracket inside a post (乡（镇）长), takes 离镇 as leaving a township, and no 因/确需 into who asks', () => {
    const whoWord = facts('word-export-2019').leave.filter((f) => f.citation.ordinal === 51).flatMap((f) => f.who);
    expect(whoWord).toContain('乡（镇）长');
    const township = facts('township-2021').leave;
    expect(township.find((f) => f.citation.ordinal === 44 && f.who.includes('镇长'))?.occasions).toContain('离镇');
    expect([...township, ...facts('chongqing-2023').leave].flatMap((f) => f.who).filter((w) => /[因确]$/u.test(w))).toEqual([]);
  });

  it('gives the rules under an item that only names who (（一）各办（中心）、各站所负责人 / 1.请假1天以内的，由分管副镇长批准) that subject, and only them', () => {
    const rules = facts('township-2021').leave.filter((f) => f.citation.ordinal === 43);
    expect(rules.map((f) => [f.who, f.to])).toEqual(
      expect.arrayContaining([
        [['办负责人', '站所负责人'], ['分管副镇长']],
        [['一般干部'], ['分管副镇长']],
      ]),
    );
    // (三) after the two headings' items speaks of everyone who asks: not of the 一般干部 of the heading before it
    expect(rules.filter((f) => f.raw.includes('请假单')).flatMap((f) => f.who)).not.toContain('一般干部');
  });

  it('reads a meeting an item sets up with its rate (（一）市政府经济运行分析会议每季度召开一次，由市长主持), and no other item’s words as its', () => {
    const item = facts('chongqing-2023').meetings.find((m) => m.meeting === '经济运行分析会议');
    expect(item).toMatchObject({ chair: ['市长'], citation: { ordinal: 41 } });
    expect(item?.frequency).toMatchObject({ min: 1, max: 1, per: 'quarter' });
  });

  it('reads an autonomous region’s posts and meetings: 自治区政府办公厅, 自治区主席办公会议 (irregular, chaired by 主席)', () => {
    const ningxia = facts('ningxia-portal');
    const office = ningxia.meetings.find((m) => m.citation.ordinal === 37);
    expect(office).toMatchObject({ meeting: '主席办公会议', chair: ['自治区主席', '副主席'] });
    expect(office?.frequency?.irregular).toBe(true);
    expect(ningxia.leave.flatMap((f) => f.to)).not.toContain('自治区政府办公厅备案');
  });

  it('structure and metadata are right, but a township’s county and city the text never names, and an adoption date taken for an issue date', () => {
    for (const { doc, gold } of all) {
      const { structure, metadata } = checkDocument(gold, doc);
      const wrong = [...structure.fields, ...metadata.fields].filter((f) => !f.right).map((f) => f.name);
      const expected = doc.id === 'township-2021' ? ['jurisdiction'] : doc.id === 'futian-2021' ? ['issueDate'] : [];
      expect({ doc: doc.id, wrong }).toEqual({ doc: doc.id, wrong: expected });
    }
  });
});
