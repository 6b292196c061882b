/**
 * The fact reports as tables, documents side by side (one column per district):
 * meetings (meeting type × attribute), thresholds (what each district sends to whom),
 * deadlines (grouped by what they govern), leave (post × occasion → verb, to whom). Rows line up documents written
 * with other habits through the shared vocabulary of src/text/roles.ts (data/review.json); cells are compared by
 * normalised values (CellValue.keys). Pure.
 */
import type { DeadlineFact, Fact, Frequency, LeaveFact, MeetingFact, Quorum, RuleDocument, ThresholdFact } from '../model.js';
import type { DocumentFacts } from '../extract/index.js';
import { DEADLINE_CATEGORIES, deadlineCategory, inLevelWords, neutralRole, OCCASION_CLASSES, occasionClass, roleClass, roleClassOf } from '../text/roles.js';
import { shortLabel } from './articles.js';
import { documentHeading } from './coverage.js';
import { bandText, deadlineText, durationText, frequencyText, quorumText } from './format.js';
import type { CellValue, Cite, Column, ListTable, MatrixRow, MatrixTable } from './table.js';

export function columnsOf(docs: RuleDocument[]): Column[] {
  return docs.map((d) => ({ docId: d.id, title: documentHeading(d, docs) }));
}

export function citeOf(f: Fact): Cite {
  const c = f.citation;
  return { docId: c.docId, district: c.district ?? c.docId, label: shortLabel(c.label), key: c.key, ordinal: c.ordinal, quote: c.quote };
}

/** The level word of a document (区, 县, 市) from its jurisdiction name. */
export function levelOf(doc: RuleDocument): string {
  return doc.meta.jurisdiction.name?.slice(-1) ?? '区';
}

/** The level word most documents use (for row labels in neutral words: ◇长 → 区长). */
function commonLevel(docs: RuleDocument[]): string {
  const n = new Map<string, number>();
  for (const d of docs) n.set(levelOf(d), (n.get(levelOf(d)) ?? 0) + 1);
  return [...n].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]?.[0] ?? '区';
}

/** Rows keyed across documents; the label is the name as the first document writes it. */
type Order = number | [number, string, number];
const orderKey = (o: Order): [number, string, number] => (typeof o === 'number' ? [o, '', 0] : o);
class Rows {
  private rows = new Map<string, MatrixRow & { order: Order }>();
  constructor(private width: number) {}
  add(key: string, label: string, order: Order, col: number, value: CellValue): void {
    let r = this.rows.get(key);
    if (!r) {
      r = { key, label, order, cells: Array.from({ length: this.width }, () => []) };
      this.rows.set(key, r);
    }
    const cell = r.cells[col]!;
    if (!cell.some((v) => v.text === value.text && v.cite.docId === value.cite.docId && v.cite.key === value.cite.key)) cell.push(value);
  }
  list(): MatrixRow[] {
    const cmp = (a: MatrixRow & { order: Order }, b: MatrixRow & { order: Order }) => {
      const [x0, x1, x2] = orderKey(a.order);
      const [y0, y1, y2] = orderKey(b.order);
      return x0 - y0 || (x1 < y1 ? -1 : x1 > y1 ? 1 : 0) || x2 - y2 || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    };
    return [...this.rows.values()].sort(cmp).map(({ order: _o, ...r }) => r);
  }
}

// ------------------------------------------------------------------ normalised values

/** A frequency as a value: occurrences a year (min–max), or irregular; the qualifiers (一般, 原则上) do not count. */
export function frequencyKey(f: Frequency): string {
  if (f.irregular || !f.perYear) return '不定期';
  return `${f.perYear.min}–${f.perYear.max ?? '∞'}/年`;
}

/** A quorum as a value: ≥ 1/2 whatever the wording (半数以上, 一半以上, 二分之一以上). */
export function quorumKey(q: Quorum): string {
  return `${q.inclusive ? '≥' : '>'}${Math.round(q.share * 1000) / 1000}`;
}

/** A band as a value: its bounds in 元, inclusive or not. */
export function bandKey(t: Pick<ThresholdFact, 'lower' | 'upper'>): string {
  const b = (x: ThresholdFact['lower'], lo: boolean) => (x ? `${lo ? (x.inclusive ? '≥' : '>') : x.inclusive ? '≤' : '<'}${x.amount.yuan}` : '');
  return `${b(t.lower, true)}|${b(t.upper, false)}`;
}

/** Posts as values: each by its class (区长 and 县长 the same; 常务副区长 its own), duplicates once. */
const postKeys = (posts: string[], level: string) => [...new Set(posts.map((p) => roleClass(p, level)))];

// ------------------------------------------------------------------ meetings

const MEETING_ORDER = ['全体会议', '常务会议', '◇长办公会议', '专题会议', '◇长专题会议', '副◇长专题会议', '副◇长协调会议', '党组会议', '协调会议'];
const ATTRIBUTES = ['frequency', 'quorum', 'chair', 'regularTime', 'minutesSignedBy', 'minutesDeadline'] as const;
type Attribute = (typeof ATTRIBUTES)[number];
const ATTRIBUTE_NAME: Record<Attribute, string> = {
  frequency: '频次',
  quorum: '法定人数',
  chair: '主持',
  regularTime: '例会时间',
  minutesSignedBy: '纪要签发',
  minutesDeadline: '纪要/文件印发时限',
};

function meetingValue(f: MeetingFact, attr: Attribute, level: string): { text: string; keys: string[] } | null {
  switch (attr) {
    case 'frequency':
      return f.frequency ? { text: frequencyText(f.frequency), keys: [frequencyKey(f.frequency)] } : null;
    case 'quorum':
      return f.quorum ? { text: quorumText(f.quorum), keys: [quorumKey(f.quorum)] } : null;
    case 'chair':
      return f.chair.length ? { text: f.chair.join('、'), keys: postKeys(f.chair, level) } : null;
    case 'regularTime':
      return f.regularTime ? { text: f.regularTime, keys: [f.regularTime] } : null;
    case 'minutesSignedBy':
      return f.minutesSignedBy.length ? { text: f.minutesSignedBy.join('、'), keys: postKeys(f.minutesSignedBy, level) } : null;
    case 'minutesDeadline':
      return f.minutesDeadline ? { text: `会议结束后 ≤ ${durationText(f.minutesDeadline)}`, keys: [`${f.minutesDeadline.value} ${f.minutesDeadline.unit}`] } : null;
  }
}

/** Meeting type × attribute rows, one column per document. */
export function meetingsTable(docs: RuleDocument[], facts: DocumentFacts[]): MatrixTable {
  const rows = new Rows(docs.length);
  docs.forEach((doc, col) => {
    const level = levelOf(doc);
    for (const f of facts[col]!.meetings) {
      const key = neutralRole(f.meeting, level);
      const base = MEETING_ORDER.indexOf(key);
      const order = base >= 0 ? base : key.endsWith('联席会议') ? 50 : 80;
      ATTRIBUTES.forEach((attr, ai) => {
        const v = meetingValue(f, attr, level);
        if (v) rows.add(`${key}|${attr}`, `${f.meeting} · ${ATTRIBUTE_NAME[attr]}`, [order, key, ai], col, { text: v.text, keys: v.keys, cite: citeOf(f) });
      });
    }
  });
  return {
    kind: 'matrix',
    id: 'meetings',
    title: '会议制度',
    note: '各文件设立的每类会议：召开频次（括号内为折合每年次数）、法定出席人数（≥ 含本数，如“半数以上”；> 不含本数，如“超过半数”）、主持人、例会时间、纪要由谁签发、纪要或会议决定事项的文件多快印发。频次比较的是每年次数，“一般”“原则上”等限定语不计。',
    rowHeader: '会议 · 事项',
    columns: columnsOf(docs),
    rows: rows.list(),
  };
}

// ------------------------------------------------------------------ thresholds

/** Who decides, as one key for grouping: a meeting body in neutral words (◇政府常务会议), a leader by post class. */
function deciderKey(t: ThresholdFact, level: string): string {
  if (t.decidedBy.length === 0) return '（未写明）';
  return t.decidedBy.map((d) => (/会议|常委会|党组/u.test(d) ? neutralRole(d, level).replace(/^.*(?=常务会议)/u, '◇政府') : roleClass(d, level))).join('、');
}

/** Thresholds: rows = who decides; cells = the bands and what the money is for. */
export function thresholdsTable(docs: RuleDocument[], facts: DocumentFacts[]): MatrixTable {
  const rows = new Rows(docs.length);
  docs.forEach((doc, col) => {
    const level = levelOf(doc);
    for (const t of facts[col]!.thresholds) {
      const key = deciderKey(t, level);
      const order = /常务会议/u.test(key) ? 0 : 10;
      rows.add(key, t.decidedBy.join('、') || '（未写明）', order, col, { text: `${bandText(t)}：${t.subject ?? '（用途未写明）'}`, keys: [bandKey(t)], cite: citeOf(t) });
    }
  });
  return {
    kind: 'matrix',
    id: 'thresholds',
    title: '资金审批权限',
    note: '各金额由谁决定：每行一个决定者（常务会议在前），每格为其决定的金额区间及资金用途。界限依民法典第一千二百五十九条：以上、以下含本数（≥、≤），超过、不满不含本数（>、<）；同一条文中共用一个金额的各档一并解读，标明“（含）”的一档包含该金额，另一档不含。比较的是金额区间，用途不计。',
    rowHeader: '决定者',
    columns: columnsOf(docs),
    rows: rows.list(),
  };
}

export function thresholdsList(docs: RuleDocument[], facts: DocumentFacts[]): ListTable {
  return {
    kind: 'list',
    id: 'thresholds-list',
    title: '全部金额界限',
    header: ['文件', '金额区间', '资金用途', '决定者', '原文'],
    rows: docs.flatMap((d, i) => facts[i]!.thresholds.map((t) => ({ cells: [documentHeading(d, docs), bandText(t), t.subject ?? '', t.decidedBy.join('、'), t.raw], cite: citeOf(t) }))),
  };
}

// ------------------------------------------------------------------ deadlines

const PERIOD: Record<NonNullable<DeadlineFact['per']>, string> = { week: '周', month: '月', quarter: '季度', 'half-year': '半年', year: '年' };

/** The row of a deadline: what it governs (data/review.json deadlineCategories, by its phrase, else its sentence), else per-period counts, else 其他. */
function deadlineRow(d: DeadlineFact): [string, string, number] {
  // What it governs, else the sentence it is written in (…会议结束后3个工作日内印发).
  const c = deadlineCategory(d.governs) ?? deadlineCategory(d.citation.quote);
  if (c) return [c.id, c.name, DEADLINE_CATEGORIES.findIndex((x) => x.id === c.id)];
  if (d.measure === 'count') return [`count|${d.per ?? ''}`, d.per ? `每${PERIOD[d.per]}次数要求` : '次数要求', 90];
  return ['other', '其他时限', 99];
}

/** Deadlines and limits grouped by what they govern, one column per document. */
export function deadlinesTable(docs: RuleDocument[], facts: DocumentFacts[]): MatrixTable {
  const rows = new Rows(docs.length);
  docs.forEach((_doc, col) => {
    for (const d of facts[col]!.deadlines) {
      const [key, label, order] = deadlineRow(d);
      rows.add(key, label, order, col, { text: `${deadlineText(d)}：${d.governs}`, keys: [deadlineText(d)], cite: citeOf(d) });
    }
  });
  return {
    kind: 'matrix',
    id: 'deadlines',
    title: '时限与篇幅',
    note: '按所规范的事项分组（会议纪要印发、请示报送、公文办理、征求意见、信息发布、篇幅）：时限（N个工作日为工作日，N日/天为自然日）、篇幅（字、页）和每期次数，各注明所规范的事项。≤ 为至多（以内、不超过），≥ 为至少（提前、不少于、以上）。',
    rowHeader: '事项',
    columns: columnsOf(docs),
    rows: rows.list(),
  };
}

// ------------------------------------------------------------------ leave

/** Rows of the leave table: the head first, then deputies, leaders, the office, departments, participants, staff. */
const ROLE_ORDER = ['head', 'executive-deputy', 'deputy', 'secretary-general', 'leaders', 'office', 'department-heads', 'participants', 'staff'];
const roleOrder = (who: string, level: string) => {
  const i = ROLE_ORDER.indexOf(roleClassOf(who, level).id ?? '');
  return i < 0 ? ROLE_ORDER.length : i;
};

/** Leave and reporting: post class × occasion class → verb and to whom. */
export function leaveTable(docs: RuleDocument[], facts: DocumentFacts[]): MatrixTable {
  const rows = new Rows(docs.length);
  const shown = commonLevel(docs);
  docs.forEach((doc, col) => {
    const level = levelOf(doc);
    for (const l of facts[col]!.leave) {
      const occ = occasionClass(l.occasions);
      const occId = occ?.id ?? 'other';
      const occName = occ?.name ?? '其他情形';
      const occOrder = occ ? OCCASION_CLASSES.findIndex((c) => c.id === occ.id) : OCCASION_CLASSES.length;
      const seen = new Set<string>();
      for (const w of l.who) {
        const cls = roleClass(w, level);
        if (seen.has(cls)) continue;
        seen.add(cls);
        const to = [...new Set(l.to.map((x) => roleClass(x, level)))].sort();
        rows.add(`${cls}|${occId}`, `${inLevelWords(cls, shown)} · ${occName}`, [roleOrder(w, level), cls, occOrder], col, { text: `${w}：${leaveText(l)}`, keys: [`${l.verb}→${to.join('、')}`], cite: citeOf(l) });
      }
    }
  });
  return {
    kind: 'matrix',
    id: 'leave',
    title: '请销假与报备',
    note: '谁在什么情形下须向谁做什么。行按人员类别（data/review.json 的职务分类：组成部门主要负责人、工作部门主要负责同志、部门行政正职同属部门主要负责人）和情形（离开辖区外出、出国（境）、缺席会议、休假学习）对齐；每格先写原文中的人员。动词有别：请假是请求准许，报告是告知，报备是备案，请示是请求指示，报批是报请批准（出访、审批）。比较的是动词和接收者（按职务分类）。',
    rowHeader: '人员 · 情形',
    columns: columnsOf(docs),
    rows: rows.list(),
  };
}

export function leaveText(l: LeaveFact): string {
  const occ = l.occasions.length ? `（${l.occasions.join('、')}）` : '';
  // 按照有关规定报批 names no recipient: the verb alone.
  const to = l.to.length ? ` → ${l.to.join('、')}` : '';
  return `${l.verb}${to}${occ}${l.consequence ? `；${l.consequence}` : ''}`;
}
