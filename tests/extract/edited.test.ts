/** The extractors read what the text says: change the words of a seed and the facts change with them. */
import { describe, expect, it } from 'vitest';
import { extractDeadlines, extractLeave, extractMeetings, extractThresholds } from '../../src/extract/index.js';
import type { MeetingFact } from '../../src/model.js';
import { editedSeed, generatedDoc, seed } from '../helpers/docs.js';

const executive = (facts: MeetingFact[]) => facts.find((f) => f.meeting === '常务会议' && f.frequency)!;

describe('meeting frequency follows the text', () => {
  it('怀柔 常务会议: 每周召开1次 is 52 a year; 每两周召开一次 is 26; 每月召开两次 is 24', () => {
    const original = executive(extractMeetings(seed('huairou-2021')));
    expect(original.frequency).toMatchObject({ min: 1, max: 1, per: 'week', every: 1, perYear: { min: 52, max: 52 } });

    const fortnightly = executive(extractMeetings(editedSeed('huairou-2021', '区政府常务会议一般每周召开1次', '区政府常务会议一般每两周召开一次')));
    expect(fortnightly.frequency).toMatchObject({ min: 1, max: 1, per: 'week', every: 2, perYear: { min: 26, max: 26 } });

    const twiceMonthly = executive(extractMeetings(editedSeed('huairou-2021', '区政府常务会议一般每周召开1次', '区政府常务会议一般每月召开两次')));
    expect(twiceMonthly.frequency).toMatchObject({ min: 2, max: 2, per: 'month', perYear: { min: 24, max: 24 } });
    expect(twiceMonthly.citation.quote).toContain('每月召开两次');
  });

  it('呈贡 全体会议: 每年举行一至二次 (Chinese numerals) reads as 1–2 a year; made 不定期 it is irregular', () => {
    const plenary = (doc: ReturnType<typeof seed>) => extractMeetings(doc).find((f) => f.meeting === '全体会议' && f.frequency)!.frequency!;
    expect(plenary(seed('chenggong-2022'))).toMatchObject({ min: 1, max: 2, per: 'year', irregular: false });
    const edited = plenary(editedSeed('chenggong-2022', '区政府全体会议每年举行一至二次', '区政府全体会议根据工作需要不定期举行'));
    expect(edited).toMatchObject({ min: null, max: null, irregular: true, perYear: null });
  });

  it('qualifiers are kept: 一般 and 必要时随时召开 on 怀柔 全体会议', () => {
    const f = extractMeetings(seed('huairou-2021')).find((x) => x.meeting === '全体会议' && x.frequency)!;
    expect(f.frequency!.qualifiers).toEqual(['一般', '必要时随时召开']);
  });
});

describe('quorum bounds follow 民法典 第一千二百五十九条', () => {
  const quorum = (sentence: string) => extractMeetings(generatedDoc([`县政府常务会议由县长、副县长组成。${sentence}`])).find((f) => f.quorum)?.quorum;
  it('半数以上 includes half; 超过半数 excludes it; 三分之二以上 is two thirds', () => {
    expect(quorum('会议须有半数以上组成人员出席方可召开。')).toMatchObject({ share: 0.5, inclusive: true });
    expect(quorum('出席会议的组成人员超过半数方可召开。')).toMatchObject({ share: 0.5, inclusive: false });
    expect(quorum('会议须有过半数组成人员到会方能召开。')).toMatchObject({ share: 0.5, inclusive: false });
    expect(quorum('会议须有三分之二以上组成人员到会方能召开。')).toMatchObject({ inclusive: true });
    expect(quorum('会议须有三分之二以上组成人员到会方能召开。')!.share).toBeCloseTo(2 / 3, 3);
  });
  it('洮北 全体会议 (超过组成人员半数) is exclusive, 通州 常务会议 (半数以上) inclusive', () => {
    expect(extractMeetings(seed('taobei-2020')).find((f) => f.meeting === '全体会议' && f.quorum)!.quorum).toMatchObject({ share: 0.5, inclusive: false });
    expect(extractMeetings(seed('tongzhou-2022')).find((f) => f.meeting === '常务会议' && f.quorum)!.quorum).toMatchObject({ share: 0.5, inclusive: true });
  });
});

describe('money thresholds', () => {
  it('怀柔 六十四: 1000万元(含)以下 by three leaders, 1000万元以上 (above the marked 1000万元) by the 常务会议', () => {
    const t = extractThresholds(seed('huairou-2021')).filter((f) => f.citation.ordinal === 64);
    expect(t[0]).toMatchObject({ lower: null, upper: { amount: { value: 1000, unit: '万元', yuan: 10_000_000 }, inclusive: true, basis: 'mark' }, decidedBy: ['区长', '常务副区长', '主管副区长'] });
    expect(t[1]).toMatchObject({ lower: { amount: { value: 1000 }, inclusive: false, basis: 'band' }, upper: null, decidedBy: ['区政府常务会议'] });
    expect(t.flatMap((x) => x.diagnostics)).toEqual([]);
    expect(t[1]!.subject).toContain('列入区财政年度预算的资金支出');
  });
  it('edited: 不满1000万元 is an exclusive upper bound; 超过 an exclusive lower bound; ranges and 亿元', () => {
    const doc = editedSeed('huairou-2021', '社保性资金除外),1000万元(含)以下的,由区长、常务副区长、主管副区长共同审批;1000万元以上的', '社保性资金除外),不满1000万元的,由区长、常务副区长、主管副区长共同审批;超过1.5亿元的');
    const t = extractThresholds(doc).filter((f) => f.citation.ordinal === 64);
    expect(t[0]).toMatchObject({ upper: { amount: { value: 1000, unit: '万元' }, inclusive: false } });
    expect(t[1]).toMatchObject({ lower: { amount: { value: 1.5, unit: '亿元', yuan: 150_000_000 }, inclusive: false } });
  });
  it('50万元以上200万元以下 is one band, decided by whoever the clause names', () => {
    const t = extractThresholds(generatedDoc(['项目资金支出50万元以上200万元以下的，由常务副县长审批；200万元以上的，提交县政府常务会议讨论决定。']));
    expect(t).toHaveLength(2);
    expect(t[0]).toMatchObject({ lower: { amount: { value: 50 }, inclusive: true }, upper: { amount: { value: 200 }, inclusive: true }, decidedBy: ['常务副县长'] });
    expect(t[1]).toMatchObject({ decidedBy: ['县政府常务会议'] });
  });
});

describe('deadlines and limits', () => {
  it('N个工作日 is a working-day deadline, N日 a calendar one, and the bound comes from the words', () => {
    const d = extractDeadlines(generatedDoc(['会议纪要应在会议结束后5个工作日内印发。', '规范性文件自公布之日起30日内报备案。', '请示性公文应提前7个工作日报送。', '综合性文件篇幅原则上不超过5000字。']));
    expect(d.map((x) => [x.value, x.unit, x.bound, x.measure])).toEqual([
      [5, 'working-day', 'at-most', 'duration'],
      [30, 'day', 'at-most', 'duration'],
      [7, 'working-day', 'at-least', 'duration'],
      [5000, '字', 'at-most', 'length'],
    ]);
  });
  it('dates, ordinals, slogans and book titles are not limits', () => {
    const d = extractDeadlines(generatedDoc(['2018年6月20日印发的《某县国民经济和社会发展第十四个五年规划》同时废止。', '聚焦“最多跑一次”改革，涉及两个以上部门的事项应充分协商。']));
    expect(d).toEqual([]);
  });
  it('1至2个 gives a lower and an upper count per year; 每周召开1次 (a meeting rate) is not a deadline', () => {
    const d = extractDeadlines(generatedDoc(['县政府领导每年每人确定1至2个重点课题。', '县政府常务会议每周召开1次。']));
    expect(d.map((x) => [x.value, x.unit, x.bound, x.per])).toEqual([
      [1, '个', 'at-least', 'year'],
      [2, '个', 'at-most', 'year'],
    ]);
  });
});

describe('leave and reporting', () => {
  it('怀柔 七: 区长 asks the 市长 for leave (请假) and files with 市委、市政府 (报备); then the 常务副区长 takes over', () => {
    const l = extractLeave(seed('huairou-2021')).filter((f) => f.citation.ordinal === 7);
    expect(l.map((f) => [f.who, f.verb, f.to])).toEqual([
      [['区长'], '请假', ['市长']],
      [['区长'], '报备', ['市委', '市政府']],
    ]);
    expect(l[0]!.occasions).toEqual(expect.arrayContaining(['离京', '出差', '出访', '休假']));
    expect(l[0]!.consequence).toBe('委托常务副区长主持区政府工作');
  });
  it('the verb is what the text says: 请示 in 通州 八十二 where 怀柔 七十六 says 报告', () => {
    const v = (id: string, ordinal: number) => extractLeave(seed(id)).find((f) => f.citation.ordinal === ordinal && f.who.includes('副区长'))!.verb;
    expect(v('tongzhou-2022', 82)).toBe('请示');
    expect(v('huairou-2021', 76)).toBe('报告');
    const edited = extractLeave(editedSeed('huairou-2021', '副区长离京出访、出差、脱产学习、休假,应事先向区长报告', '副区长离京出访、出差、脱产学习、休假,应事先向区长请假'));
    expect(edited.find((f) => f.citation.ordinal === 76 && f.who.includes('副区长'))!.verb).toBe('请假');
  });
  it('trip approvals: reviewers (审核) are not recipients; those who consent or approve are', () => {
    const l = extractLeave(seed('huairou-2021')).filter((f) => f.citation.ordinal === 58);
    expect(l[0]).toMatchObject({ who: ['区政府领导同志'], verb: '报批', to: ['区委书记', '区长', '市政府'] });
  });
  it('a generated county rule: subject after the absence clause, 报…备案 as a filing', () => {
    const l = extractLeave(generatedDoc(['不能参加县政府常务会议的，副县长向县长请假，其他人员向会议主持人请假。', '副县长离县外出，应提前向县长请假，并报县政府办公室备案。']));
    expect(l.map((f) => [f.who, f.verb, f.to])).toEqual([
      [['副县长'], '请假', ['县长']],
      [['其他人员'], '请假', ['会议主持人']],
      [['副县长'], '请假', ['县长']],
      [['副县长'], '报备', ['县政府办公室']],
    ]);
  });
});
