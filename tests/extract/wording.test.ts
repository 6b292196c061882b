/**
 * Wordings of the genre that documents outside the seeds use (found by the held-out review of a county, a city
 * and a district's rules): one realistic sentence each, at every level of government (省/市/县/区). Place names
 * here are made up.
 */
import { describe, expect, it } from 'vitest';
import { extractDeadlines, extractLeave, extractMeetings, extractThresholds, splitRoles } from '../../src/extract/index.js';
import { ingest } from '../../src/ingest/index.js';
import { frequencyText } from '../../src/report/format.js';
import { segment } from '../../src/segment/index.js';
import { docFromText, generatedDoc } from '../helpers/docs.js';

const leave = (...articles: string[]) => extractLeave(generatedDoc(articles)).map((f) => [f.who, f.verb, f.to, f.occasions]);
const band = (t: ReturnType<typeof extractThresholds>[number]) => [
  t.lower && `${t.lower.amount.value}${t.lower.amount.unit}${t.lower.inclusive ? '含' : '不含'}`,
  t.upper && `${t.upper.amount.value}${t.upper.amount.unit}${t.upper.inclusive ? '含' : '不含'}`,
];

describe('leave: leaving a named place, and who says what to whom', () => {
  it('离开本市 / 离开本县 / 离开本省 / 离开本区 are occasions of leaving the jurisdiction', () => {
    expect(leave('副区长离开本市，应当事先向区长请假。')).toEqual([[['副区长'], '请假', ['区长'], ['离市']]]);
    expect(leave('副县长离开本县，应当事先向县长请假。')).toEqual([[['副县长'], '请假', ['县长'], ['离县']]]);
    expect(leave('副省长离开本省，应当事先向省长请假。')).toEqual([[['副省长'], '请假', ['省长'], ['离省']]]);
    expect(leave('副区长离开本区，应当事先向区长请假。')).toEqual([[['副区长'], '请假', ['区长'], ['离区']]]);
    // A province reports to 国务院; an autonomous region's head is its 主席.
    expect(leave('省长离开本省，应当事先向国务院报告，并告知省委书记。')).toEqual([[['省长'], '报告', ['国务院', '省委书记'], ['离省']]]);
    expect(leave('副主席离开本自治区，应当事先向主席请假。')).toEqual([[['副主席'], '请假', ['主席'], ['离自治区']]]);
  });

  it('离开 + a place name ending in 市/县 (离开青山市出差、休假) is the same occasion; the subject is the role, not the place', () => {
    expect(leave('副市长离开青山市出差、休假，应事先报告市长。')).toEqual([[['副市长'], '报告', ['市长'], ['离市', '出差', '休假']]]);
    expect(leave('县政府各部门主要负责人离开东岭县，须向分管副县长请假。')).toEqual([[['部门主要负责人'], '请假', ['分管副县长'], ['离县']]]);
    // Not a place: 离开工作岗位
    expect(leave('干部离开工作岗位到市区参加培训的，按规定执行。')).toEqual([]);
  });

  it('each sentence has its own subject: 副市长 …。市长离开本市，… is the 市长', () => {
    const l = leave('副市长离开本市出差、休假，应事先报告市长，并由市政府办公室通报各副市长和秘书长。市长离开本市，须事先向省长报告并告知市委书记。');
    expect(l.map(([who, verb, to]) => [who, verb, to])).toEqual([
      [['副市长'], '报告', ['市长']],
      [['市长'], '报告', ['省长', '市委书记']],
    ]);
  });

  it('报告并告知X keeps X; 向X报告，并告知Y is one 报告 to both; 请假，并告知 the office stays two duties', () => {
    expect(leave('县长离县，须事先向市长报告并告知县委书记。')).toEqual([[['县长'], '报告', ['市长', '县委书记'], ['离县']]]);
    expect(leave('区长离开青山市，应当事先向市长报告，并告知区委书记。')).toEqual([[['区长'], '报告', ['市长', '区委书记'], ['离市']]]);
    expect(leave('副区长离开青山市，应当事先向区长请假，并告知区政府办公室。').map(([, verb, to]) => [verb, to])).toEqual([
      ['请假', ['区长']],
      ['报告', ['区政府办公室']],
    ]);
  });

  it('出国（境）的，按照有关规定报批 is a 报批 with nobody named, for the subject of the sentence before', () => {
    expect(leave('区政府组成人员出国（境）的，按照有关规定报批。')).toEqual([[['区政府组成人员'], '报批', [], ['出访']]]);
    const l = extractLeave(generatedDoc(['区政府各部门主要负责人离区，应当向分管副区长请假，并报区政府办公室备案；出国（境）的，按照有关规定报批。']));
    expect(l.map((f) => [f.who, f.verb, f.to])).toEqual([
      [['部门主要负责人'], '请假', ['分管副区长']],
      [['部门主要负责人'], '报备', ['区政府办公室']],
      [['部门主要负责人'], '报批', []],
    ]);
    expect(l[2]!.occasions).toEqual(['出访']);
    expect(l[2]!.citation.quote).toBe('出国（境）的，按照有关规定报批');
  });
});

describe('thresholds: （不含） wherever it stands, and what a band is for', () => {
  it('20万元（不含）以下 is an exclusive upper bound; 20万元（含）以上50万元（不含）以下 a half-open band', () => {
    const t = extractThresholds(generatedDoc(['项目资金支出20万元（不含）以下的由分管副县长审批，20万元（含）以上50万元（不含）以下的由常务副县长审批。']));
    expect(t.map(band)).toEqual([
      [null, '20万元不含'],
      ['20万元含', '50万元不含'],
    ]);
    expect(t.map((x) => x.decidedBy)).toEqual([['分管副县长'], ['常务副县长']]);
  });

  it('100万元以上500万元（不含）以下, 500万元以下（不含500万元）, 100万元以上(不含): the mark decides', () => {
    const b = (s: string) => extractThresholds(generatedDoc([s])).map(band);
    expect(b('100万元以上500万元（不含）以下的，报常务副县长审批。')).toEqual([['100万元含', '500万元不含']]);
    expect(b('500万元以下（不含500万元）的，由区长审批。')).toEqual([[null, '500万元不含']]);
    expect(b('100万元以上(不含)的，提交区政府常务会议研究决定。')).toEqual([['100万元不含', null]]);
  });

  it('A万元至B万元(不含): the range includes A and excludes B; no band takes (不含) as its subject', () => {
    const t = extractThresholds(generatedDoc(['市直各部门追加预算支出事项，单笔金额100万元以下的，由分管副市长审批；100万元至500万元(不含)的，报常务副市长审批；500万元及以上的，提交市政府常务会议审定。']));
    expect(t.map(band)).toEqual([
      [null, '100万元含'],
      ['100万元含', '500万元不含'],
      ['500万元含', null],
    ]);
    expect(t.map((x) => x.subject)).toEqual(['市直各部门追加预算支出事项', '市直各部门追加预算支出事项', '市直各部门追加预算支出事项']);
    expect(t.map((x) => x.decidedBy)).toEqual([['分管副市长'], ['常务副市长'], ['市政府常务会议']]);
  });

  it('the subject is never the decider (的由常务副区长审批), and later bands keep the first band’s subject', () => {
    const t = extractThresholds(generatedDoc(['各部门申请追加预算支出，30万元（含）以下的由分管副区长审批；30万元以上100万元（含）以下的由常务副区长审批；超过100万元的，由区长审批。']));
    expect(t.map((x) => x.subject)).toEqual(['追加预算支出', '追加预算支出', '追加预算支出']);
    expect(t.map((x) => x.decidedBy)).toEqual([['分管副区长'], ['常务副区长'], ['区长']]);
  });

  it('bands in an item list take their subject from the paragraph the list hangs from', () => {
    const t = extractThresholds(generatedDoc(['县政府各部门和各乡镇申请使用县级财政预算外资金的，按照以下权限审批：\n（一）单笔50万元以下的，由分管副县长审批；\n（二）单笔50万元以上的，提交县政府常务会议研究决定。']));
    expect(t.map((x) => [x.subject, x.decidedBy])).toEqual([
      ['县级财政预算外资金', ['分管副县长']],
      ['县级财政预算外资金', ['县政府常务会议']],
    ]);
  });

  it('an HTML table of approval limits gives one band per row, with its subject and decider', () => {
    const html = [
      '<html><body><p>区人民政府工作规则</p>',
      '<p>第一条&nbsp;本规则适用于区政府。</p>',
      '<p>第二条&nbsp;政府采购项目审批权限如下：</p>',
      '<table><tr><td>审批事项</td><td>金额</td><td>审批人</td></tr>',
      '<tr><td>政府采购项目</td><td>200万元以下</td><td>分管副区长</td></tr>',
      '<tr><td>政府采购项目</td><td>200万元以上</td><td>区政府常务会议</td></tr></table>',
      '<p>第三条&nbsp;本规则自印发之日起施行。</p></body></html>',
    ].join('\n');
    const doc = segment(ingest(new TextEncoder().encode(html), 'table.html'), 'table');
    const t = extractThresholds(doc);
    expect(t.map((x) => [...band(x), x.subject, x.decidedBy])).toEqual([
      [null, '200万元含', '政府采购项目', ['分管副区长']],
      ['200万元含', null, '政府采购项目', ['区政府常务会议']],
    ]);
    expect(t[0]!.citation.quote.split('\t')).toEqual(['政府采购项目', '200万元以下', '分管副区长']);
    for (const f of t) expect(doc.text.slice(f.citation.span.start, f.citation.span.end)).toBe(f.citation.quote);
  });
});

describe('deadlines counted back from a meeting, and speaking time', () => {
  const d = (s: string) => extractDeadlines(generatedDoc([s])).map((x) => [x.measure, x.value, x.unit, x.bound]);
  it('会议召开前3个工作日送达 / 会前2天送达 / 会议召开3日前报送 are at least that long before the meeting', () => {
    expect(d('会议文件由县政府办公室于会议召开前3个工作日送达与会人员。')).toEqual([['duration', 3, 'working-day', 'at-least']]);
    expect(d('会议材料应于会前2天送达与会人员。')).toEqual([['duration', 2, 'day', 'at-least']]);
    expect(d('议题材料应于会议召开3日前报送市政府办公室。')).toEqual([['duration', 3, 'day', 'at-least']]);
    expect(d('会议通知应于会议召开前2日报送省政府办公厅。')).toEqual([['duration', 2, 'day', 'at-least']]);
  });
  it('讲话一般不超过40分钟 is a length limit in minutes', () => {
    expect(d('县政府全体会议讲话一般不超过40分钟。')).toEqual([['length', 40, '分钟', 'at-most']]);
  });
  it('a sentence broken by a page number is quoted from the source, up to its last word', () => {
    const doc = docFromText(['某县人民政府工作规则', '', '第一条　本规则适用于县政府。', '第二条　县政府办公室对部门报', '— 4 —', '送的请示事项，应当在3个工作日内提出办理意见。', '第三条　本规则自印发之日起施行。', ''].join('\n'));
    const [f] = extractDeadlines(doc);
    expect(f!.citation.quote.startsWith('县政府办公室对部门报')).toBe(true);
    expect(f!.citation.quote.endsWith('应当在3个工作日内提出办理意见')).toBe(true);
    expect(doc.text.slice(f!.citation.span.start, f!.citation.span.end)).toBe(f!.citation.quote);
  });
});

describe('meetings: quorum as a fraction, minutes sent up for signing, roles, rates with one bound', () => {
  const meeting = (s: string) => extractMeetings(generatedDoc([s]))[0]!;
  it('须有二分之一以上组成人员到会方可召开 is a quorum of one half, inclusive', () => {
    expect(meeting('省政府常务会议须有二分之一以上组成人员到会方可召开。').quorum).toMatchObject({ share: 0.5, inclusive: true });
    expect(meeting('市政府全体会议须有三分之二以上组成人员到会方可召开。').quorum!.share).toBeCloseTo(2 / 3, 3);
  });
  it('纪要…一般在会后5个工作日内报县长签发: who signs, and the deadline', () => {
    const m = meeting('县政府常务会议纪要由县政府办公室起草，一般在会后5个工作日内报县长签发。');
    expect(m.minutesSignedBy).toEqual(['县长']);
    expect(m.minutesDeadline).toMatchObject({ value: 5, unit: 'working-day' });
  });
  it('members split on 和 / 及 / 与, 秘书长 is a role, 组成部门 is kept as written', () => {
    expect(meeting('市政府全体会议由市长、副市长、秘书长和市政府组成部门主要负责人组成，由市长召集和主持。').members).toEqual(['市长', '副市长', '秘书长', '组成部门主要负责人']);
    expect(splitRoles('区长、副区长及区政府工作部门主要负责人')).toEqual(['区长', '副区长', '工作部门主要负责人']);
    expect(splitRoles('县长与副县长')).toEqual(['县长', '副县长']);
  });
  it('根据工作需要 is not a role: it makes the meeting irregular', () => {
    const m = meeting('专题会议由副市长或秘书长根据工作需要召集和主持，研究、协调和处理分管工作中的具体问题。');
    expect(m.chair).toEqual(['副市长', '秘书长']);
    expect(m.frequency).toMatchObject({ irregular: true, min: null, max: null });
  });
  it('每季度至少召开一次 has a lower bound and no upper bound; so has 每月召开2次以上', () => {
    const f = meeting('县政府党组会议每季度至少召开一次。').frequency!;
    expect(f).toMatchObject({ min: 1, max: null, per: 'quarter', perYear: { min: 4, max: null } });
    expect(frequencyText(f)).toBe('每季度至少1次（≥4次/年）');
    expect(meeting('区政府常务会议每月召开2次以上。').frequency).toMatchObject({ min: 2, max: null, per: 'month' });
  });
});

describe('second held-out review: written subjects, meetings named after who holds them, shared deadlines', () => {
  const meetings = (...articles: string[]) => extractMeetings(generatedDoc(articles));
  const thresholds = (...articles: string[]) => extractThresholds(generatedDoc(articles));

  it('a subject written in the sentence is never replaced by the one before (各街道、各部门副职 …)', () => {
    const l = leave('各街道办事处主任、区政府各部门主要负责人离开本区，须事先向区长请假。各街道、各部门副职离开本区，须向本单位主要负责人请假。');
    expect(l.map(([who, verb, to]) => [who, verb, to])).toEqual([
      [['街道办事处主任', '部门主要负责人'], '请假', ['区长']],
      [['街道副职', '部门副职'], '请假', ['本单位主要负责人']],
    ]);
  });

  it('a meeting named after who holds it (市政府领导同志召开的专题会议，根据工作需要确定，由分管副市长主持) is irregular', () => {
    const [m] = meetings('市政府领导同志召开的专题会议，根据工作需要确定，由分管副市长主持，协调分管领域的专门问题。');
    expect(m).toMatchObject({ meeting: '专题会议', chair: ['分管副市长'], frequency: { irregular: true } });
  });

  it('the members of meetings (区政府全体会议、常务会议的组成人员) are who asks for leave, not a meeting', () => {
    expect(leave('区政府全体会议、常务会议的组成人员因故不能出席的，应当向区长请假。')).toEqual([[['组成人员'], '请假', ['区长'], ['缺席会议']]]);
    // Other people after 和 stay people: 部门主要负责人和其他需要参加会议的人员 is not read as members.
    expect(splitRoles('县人民政府全体会议和常务会议的组成人员')).toEqual(['组成人员']);
  });

  it('提交X集体研究决定: the decider is the meeting, not 集体', () => {
    expect(thresholds('单笔5000万元以上的，提交自治区人民政府常务会议集体研究决定。')[0]!.decidedBy).toEqual(['自治区人民政府常务会议']);
    expect(thresholds('3000万元以上的，提交市政府常务会议集体讨论决定。')[0]!.decidedBy).toEqual(['市政府常务会议']);
  });

  it('one minutes deadline for several meetings (全体会议和常务会议纪要…；专题会议纪要…。会议纪要…7个工作日内印发) applies to each', () => {
    const ms = meetings('县政府全体会议和常务会议纪要，由县长签发；专题会议纪要，由主持会议的副县长签发。会议纪要一般在会议结束后5个工作日内印发。');
    expect(ms.map((m) => [m.meeting, m.minutesDeadline?.value])).toEqual([['全体会议', 5], ['常务会议', 5], ['专题会议', 5]]);
  });

  it('根据工作需要，由…召集和主持 makes a meeting irregular across the comma', () => {
    expect(meetings('省政府专题会议根据工作需要，由省长或者省长委托的副省长召集和主持。')[0]!.frequency).toMatchObject({ irregular: true, min: null });
  });

  it('money bands in sub-items take the parent item as their subject (1.专项资金： then (1)…)', () => {
    const t = thresholds('市级财政资金按照以下权限审批：\n1.专项资金：\n(1)10万元（不含）以下的，由分管副市长审批；\n(2)10万元—100万元（含）的，由常务副市长审批。');
    expect(t.map((x) => [band(x), x.subject, x.decidedBy])).toEqual([
      [[null, '10万元不含'], '专项资金', ['分管副市长']],
      [['10万元含', '100万元含'], '专项资金', ['常务副市长']],
    ]);
  });

  it('recipients and subjects are kept as written: 主要负责同志 stays, 各乡镇乡镇长 is 乡镇长', () => {
    expect(leave('区长离开本市，应事先向市政府报告，并告知区委主要负责同志。')).toEqual([[['区长'], '报告', ['市政府', '区委主要负责同志'], ['离市']]]);
    expect(splitRoles('各乡镇乡镇长、各街道办事处主任')).toEqual(['乡镇长', '街道办事处主任']);
  });
});
