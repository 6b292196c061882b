/**
 * Genre rules from the third blind review (issue 12): money bands read together, amount-free routing, every level of
 * government, named meetings with a frequency, conditions of leave rules. One realistic sentence each; place names
 * here are made up.
 */
import { describe, expect, it } from 'vitest';
import { extractDeadlines, extractLeave, extractMeetings, extractThresholds } from '../../src/extract/index.js';
import { generatedDoc } from '../helpers/docs.js';

const edge = (b: { amount: { value: number; unit: string }; inclusive: boolean } | null) => b && `${b.amount.value}${b.amount.unit}${b.inclusive ? '含' : '不含'}`;
const bands = (...articles: string[]) => extractThresholds(generatedDoc(articles)).map((t) => [edge(t.lower), edge(t.upper)]);

describe('money bands of one article are read together', () => {
  it('a number marked (含) belongs to the band that marks it: 10万元（含）以下 / 10万元至50万元（含） / 50万元以上 partition, no overlap', () => {
    const t = extractThresholds(generatedDoc(['预算内项目资金：10万元（含）以下的，由分管副旗长审批；10万元至50万元（含）的，报常务副旗长审批；50万元以上的，提交旗政府常务会议研究。']));
    expect(t.map((x) => [edge(x.lower), edge(x.upper)])).toEqual([
      [null, '10万元含'],
      ['10万元不含', '50万元含'],
      ['50万元不含', null],
    ]);
    expect(t.map((x) => [x.lower?.basis ?? null, x.upper?.basis ?? null])).toEqual([[null, 'mark'], ['band', 'mark'], ['band', null]]);
    expect(t.flatMap((x) => x.diagnostics)).toEqual([]);
  });

  it('(不含) leaves the number to the other band: 30万元以下（不含） / 30万元以上至100万元（不含） / 100万元以上', () => {
    expect(bands('预算外追加资金30万元以下（不含）的，由常务副旗长审批；30万元以上至100万元（不含）的，由旗长审批；100万元以上的，提交旗政府常务会议研究决定。')).toEqual([
      [null, '30万元不含'],
      ['30万元含', '100万元不含'],
      ['100万元含', null],
    ]);
  });

  it('200万元以上至1000万元（含） keeps its upper bound; 1000万元以上 after it starts above 1000万元', () => {
    expect(bands('市级财政资金200万元（含）以下的，由分管副市长审批；200万元以上至1000万元（含）的，由常务副市长审批；1000万元以上的，提交市政府常务会议研究决定。')).toEqual([
      [null, '200万元含'],
      ['200万元不含', '1000万元含'],
      ['1000万元不含', null],
    ]);
  });

  it('bands written from the top down (1000万元以上 …；1000万元（含）以下 …) are read the same way', () => {
    expect(bands('专项资金1000万元以上的，提交区政府常务会议讨论决定；1000万元（含）以下的，由区长审批。')).toEqual([
      ['1000万元不含', null],
      [null, '1000万元含'],
    ]);
  });

  it('with no mark at the shared number, each bound keeps its word (以上/以下 include it) and both bands say they overlap', () => {
    const t = extractThresholds(generatedDoc(['省级财政专项资金单笔5000万元以下的，由分管副省长审批；5000万元以上至2亿元（含）的，报省长审批；超过2亿元的，提交省政府常务会议研究决定。']));
    expect(t.map((x) => [edge(x.lower), edge(x.upper)])).toEqual([
      [null, '5000万元含'],
      ['5000万元含', '2亿元含'],
      ['2亿元不含', null],
    ]);
    expect(t.map((x) => x.diagnostics.map((d) => d.code))).toEqual([['band-overlap'], ['band-overlap'], []]);
    expect(t[0]!.diagnostics[0]!.other).toBe(t[1]!.id);
    expect(t[0]!.diagnostics[0]!.message).toContain('5000万元');
  });

  it('bands of different matters do not meet: a second matter\'s 50万元以上 stays inclusive', () => {
    const t = extractThresholds(generatedDoc(['项目资金50万元（含）以下的，由分管副县长审批。差旅经费50万元以上的，由县长审批。']));
    expect(t.map((x) => x.subject)).toEqual(['项目资金', '差旅经费']);
    expect(t.map((x) => edge(x.lower) ?? edge(x.upper))).toEqual(['50万元含', '50万元含']);
  });
});

describe('money routed without an amount', () => {
  it('涉及大额资金使用的事项，提交旗政府常务会议研究 is a threshold with no bounds, amountFree, decided by the meeting', () => {
    const t = extractThresholds(generatedDoc(['涉及大额资金使用的事项，提交旗政府常务会议研究。']));
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ lower: null, upper: null, amountFree: true, decidedBy: ['旗政府常务会议'], subject: '涉及大额资金使用的事项', raw: '大额资金' });
    expect(t[0]!.citation.quote).toBe('涉及大额资金使用的事项，提交旗政府常务会议研究');
  });

  it('an item of a meeting\'s task list (研究…大额资金使用等事项) is decided by that meeting; the item names the matter', () => {
    const t = extractThresholds(generatedDoc(['市政府常务会议的主要任务是：\n（一）讨论决定市政府工作中的重要事项；\n（二）研究重大决策、财政预算、大额资金使用等事项。']));
    expect(t.map((x) => [x.amountFree, x.subject, x.decidedBy])).toEqual([[true, '大额资金使用', ['市政府常务会议']]]);
  });

  it('an amount keeps the band (1亿元以上的重大投资项目); words about large money with nobody deciding are no routing', () => {
    const t = extractThresholds(generatedDoc(['1亿元以上的重大投资项目，须经县政府常务会议讨论后报县委常委会决定。', '要加强大额资金使用、国有产权转让等重点领域的监督。']));
    expect(t.map((x) => [x.amountFree, x.lower?.amount.value ?? null])).toEqual([[false, 1]]);
  });
});

describe('every level of government: 国务院, 省, 市, 区, 县, 旗, 自治州', () => {
  const leave = (...articles: string[]) => extractLeave(generatedDoc(articles, '国务院工作规则')).map((f) => [f.who, f.verb, f.to, f.occasions]);

  it('国务院常务会议一般每月召开三次 is the 常务会议 of the State Council, chaired by the 总理', () => {
    const m = extractMeetings(generatedDoc(['国务院常务会议一般每月召开三次，由总理召集和主持。'], '国务院工作规则'));
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ meeting: '常务会议', name: '国务院常务会议', chair: ['总理'], frequency: { min: 3, max: 3, per: 'month', perYear: { min: 36, max: 36 } } });
  });

  it('leave without 应…向: 向总理请假, 应事先报告总理 (副总理, 国务委员 are posts)', () => {
    expect(leave('国务院组成人员不能出席国务院全体会议的，向总理请假。')).toEqual([[['国务院组成人员'], '请假', ['总理'], ['缺席会议']]]);
    expect(leave('副总理、国务委员离京出差，应事先报告总理。')).toEqual([[['副总理', '国务委员'], '报告', ['总理'], ['离京', '出差']]]);
  });

  it('a banner and an autonomous prefecture: 离旗, 离州 are occasions; 报X批准, 经X同意 ask leave of X', () => {
    expect(leave('旗长离旗，应当事先向市长和旗委书记请假。')).toEqual([[['旗长'], '请假', ['市长', '旗委书记'], ['离旗']]]);
    expect(leave('州长离州，须报省长批准。')).toEqual([[['州长'], '请假', ['省长'], ['离州']]]);
    expect(leave('副州长离开本州，应当经州长同意。')).toEqual([[['副州长'], '请假', ['州长'], ['离州']]]);
  });
});

describe('meetings named beyond the standard types, with a stated rate', () => {
  const meetings = (...articles: string[]) => extractMeetings(generatedDoc(articles)).map((m) => [m.meeting, m.frequency && `${m.frequency.min}-${m.frequency.max}/${m.frequency.per}`, m.chair, m.frequency?.qualifiers ?? []]);

  it('市政府经济运行分析会议原则上每季度召开一次，由市长主持 is a meeting of its own name', () => {
    expect(meetings('市政府经济运行分析会议原则上每季度召开一次，由市长主持，分析研判全市经济运行态势。市政府项目建设调度会议每月召开一次，由常务副市长主持。')).toEqual([
      ['经济运行分析会议', '1-1/quarter', ['市长'], ['原则上']],
      ['项目建设调度会议', '1-1/month', ['常务副市长'], []],
    ]);
  });

  it('每季度召开一次经济形势分析会，每年召开一次廉政工作会议，由省长…主持: each its own rate, the chair shared', () => {
    expect(meetings('省政府每季度召开一次经济形势分析会，每年召开一次廉政工作会议，由省长或者省长委托的常务副省长主持。')).toEqual([
      ['经济形势分析会', '1-1/quarter', ['省长', '常务副省长'], []],
      ['廉政工作会议', '1-1/year', ['省长', '常务副省长'], []],
    ]);
  });

  it('other bodies\' meetings and names without a rate are not read (区委常委会, 年度工作会议 without 每)', () => {
    expect(meetings('区委常委会每月召开一次。区政府年度工作会议研究部署全年工作。')).toEqual([]);
  });
});

describe('meetings held whenever needed', () => {
  const freq = (s: string) => extractMeetings(generatedDoc([s])).map((m) => [m.meeting, m.frequency?.irregular ?? null, m.frequency?.min ?? null, m.frequency?.qualifiers ?? [], m.chair]);

  it('随时召开 with no rate is irregular, the clause kept as its qualifier', () => {
    expect(freq('区长办公会议随时召开，由区长主持。')).toEqual([['区长办公会议', true, null, ['随时召开'], ['区长']]]);
    expect(freq('区政府专题会议必要时随时召开，由分管副区长主持。')).toEqual([['专题会议', true, null, ['必要时随时召开'], ['分管副区长']]]);
  });

  it('with a rate, 随时召开 only allows extra sessions: 一般每年召开两次，必要时随时召开', () => {
    expect(freq('区政府全体会议一般每年召开两次，必要时随时召开。')).toEqual([['全体会议', false, 2, ['一般', '必要时随时召开'], []]]);
  });

  it('根据分管工作需要召集和主持 is irregular too, and the work named is no part of the chair', () => {
    expect(freq('副旗长专题会议由副旗长根据分管工作需要召集和主持。')).toEqual([['副旗长专题会议', true, null, [], ['副旗长']]]);
  });
});

describe('a condition is not a deadline: it belongs to the rule it conditions', () => {
  const doc = () => generatedDoc(['市政府各部门主要负责人离市外出的，应当向分管副市长请假；离市外出5日以上的，还应当报告市长。', '副区长离区外出超过3天的，须事先向区长请假。']);

  it('离市外出5日以上的，还应当报告市长 is a leave rule (报告 市长) with its condition, for the subject before', () => {
    const l = extractLeave(doc());
    expect(l.map((f) => [f.citation.ordinal, f.who, f.verb, f.to, f.condition])).toEqual([
      [1, ['部门主要负责人'], '请假', ['分管副市长'], null],
      [1, ['部门主要负责人'], '报告', ['市长'], '离市外出5日以上'],
      [2, ['副区长'], '请假', ['区长'], '离区外出超过3天'],
    ]);
  });

  it('5日以上的 / 超过3天的 are no deadlines', () => {
    expect(extractDeadlines(doc())).toEqual([]);
    // a duration that bounds what must be done stays a deadline
    expect(extractDeadlines(generatedDoc(['请假应当提前3天提出，超过3天的须书面请假。'])).map((d) => [d.value, d.unit, d.bound])).toEqual([[3, 'day', 'at-least']]);
  });
});

describe('an extension allowed up to a number', () => {
  it('应当在5个工作日内办结；情况复杂的，可延长至10个工作日: two at-most deadlines', () => {
    expect(extractDeadlines(generatedDoc(['旗政府办公室对报送的公文，应当在5个工作日内办结；情况复杂的，可延长至10个工作日。'])).map((d) => [d.value, d.unit, d.bound])).toEqual([
      [5, 'working-day', 'at-most'],
      [10, 'working-day', 'at-most'],
    ]);
  });
});

describe('leave: who acts when an office collects or files, approvals by the rules', () => {
  const leave = (...articles: string[]) => extractLeave(generatedDoc(articles)).map((f) => [f.who, f.verb, f.to]);

  it('由旗政府办公室汇总后报告旗长: the office reports', () => {
    expect(leave('各部门主要负责人不能出席的，应向旗政府办公室主任请假，由旗政府办公室汇总后报告旗长。')).toEqual([
      [['部门主要负责人'], '请假', ['旗政府办公室主任']],
      [['旗政府办公室'], '报告', ['旗长']],
    ]);
  });

  it('并由区政府办公室报市政府办公厅备案: the office files the record', () => {
    expect(leave('副区长离开本市，须事先向区长请假，并由区政府办公室报市政府办公厅备案。')).toEqual([
      [['副区长'], '请假', ['区长']],
      [['区政府办公室'], '报备', ['市政府办公厅']],
    ]);
  });

  it('按照干部管理权限报批 is a 报批 with nobody named', () => {
    expect(leave('旗政府领导出国（境），按照干部管理权限报批。')).toEqual([[['旗政府领导'], '报批', []]]);
  });
});

describe('who chairs', () => {
  const chairs = (s: string) => extractMeetings(generatedDoc([s])).map((m) => [m.meeting, m.chair]);

  it('分别由区长、副区长主持 gives each meeting its own chair', () => {
    expect(chairs('区长专题会议和副区长专题会议根据需要召开，分别由区长、副区长主持。')).toEqual([
      ['区长专题会议', ['区长']],
      ['副区长专题会议', ['副区长']],
    ]);
  });

  it('a clause of its own (…，区长召集并主持) names the chair; 按照分工 and 会议主持人 are not chairs', () => {
    expect(chairs('区政府全体会议由全体组成人员参加，区长召集并主持。')).toEqual([['全体会议', ['区长']]]);
    expect(chairs('区政府专题会议由副区长按照分工召集和主持，不定期召开。')).toEqual([['专题会议', ['副区长']]]);
    expect(chairs('副省长专题会议按需要召开，参加人员由会议主持人确定。')).toEqual([['副省长专题会议', []]]);
  });
});

describe('who decides a band', () => {
  it('应当经市政府常务会议审议 names the meeting; 经会议讨论 names nobody', () => {
    expect(extractThresholds(generatedDoc(['市政府投资项目总投资超过5000万元的，应当经市政府常务会议审议。'])).map((t) => t.decidedBy)).toEqual([['市政府常务会议']]);
    expect(extractThresholds(generatedDoc(['项目资金超过50万元的，经会议讨论后决定。'])).map((t) => t.decidedBy)).toEqual([[]]);
  });
});
