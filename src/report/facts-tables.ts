/**
 * The fact reports as tables, documents side by side (one column per district):
 * meetings (meeting type × attribute), thresholds (what each district sends to whom),
 * deadlines (grouped by unit), leave (role × district → verb, to whom). Pure.
 */
import type { DeadlineFact, Fact, LeaveFact, MeetingFact, RuleDocument, ThresholdFact } from '../model.js';
import type { DocumentFacts } from '../extract/index.js';
import { roleHead } from '../extract/roles.js';
import { ROLES } from '../extract/vocab.js';
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
function levelOf(doc: RuleDocument): string {
  return doc.meta.jurisdiction.name?.slice(-1) ?? '区';
}
/** A role or meeting name with the document's level word neutralised, for grouping rows across 区 and 县. */
function neutral(name: string, level: string): string {
  return level ? name.replaceAll(level, '◇') : name;
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

const MEETING_ORDER = ['全体会议', '常务会议', '◇长办公会议', '专题会议', '◇长专题会议', '副◇长专题会议', '副◇长协调会议', '党组会议', '协调会议'];
const ATTRIBUTES = ['frequency', 'quorum', 'chair', 'regularTime', 'minutesSignedBy', 'minutesDeadline'] as const;
const ATTRIBUTE_NAME: Record<(typeof ATTRIBUTES)[number], string> = {
  frequency: '频次',
  quorum: '法定人数',
  chair: '主持',
  regularTime: '例会时间',
  minutesSignedBy: '纪要签发',
  minutesDeadline: '纪要/文件印发时限',
};

function meetingValue(f: MeetingFact, attr: (typeof ATTRIBUTES)[number]): string | null {
  switch (attr) {
    case 'frequency':
      return f.frequency ? frequencyText(f.frequency) : null;
    case 'quorum':
      return f.quorum ? quorumText(f.quorum) : null;
    case 'chair':
      return f.chair.length ? f.chair.join('、') : null;
    case 'regularTime':
      return f.regularTime;
    case 'minutesSignedBy':
      return f.minutesSignedBy.length ? f.minutesSignedBy.join('、') : null;
    case 'minutesDeadline':
      return f.minutesDeadline ? `会议结束后 ≤ ${durationText(f.minutesDeadline)}` : null;
  }
}

/** Meeting type × attribute rows, one column per document. */
export function meetingsTable(docs: RuleDocument[], facts: DocumentFacts[]): MatrixTable {
  const rows = new Rows(docs.length);
  docs.forEach((doc, col) => {
    const level = levelOf(doc);
    for (const f of facts[col]!.meetings) {
      const key = neutral(f.meeting, level);
      const base = MEETING_ORDER.indexOf(key);
      const order = base >= 0 ? base : key.endsWith('联席会议') ? 50 : 80;
      ATTRIBUTES.forEach((attr, ai) => {
        const text = meetingValue(f, attr);
        if (text) rows.add(`${key}|${attr}`, `${f.meeting} · ${ATTRIBUTE_NAME[attr]}`, [order, key, ai], col, { text, cite: citeOf(f) });
      });
    }
  });
  return {
    kind: 'matrix',
    id: 'meetings',
    title: '会议制度 Meetings',
    note: 'Each meeting type a document establishes: how often it meets (rate per year in brackets), quorum (≥ includes the share, > excludes it: 半数以上 vs 超过半数), who chairs it, its regular time, who signs the minutes and how fast minutes or decided documents go out. Highlighted cells differ from the most common value of the row.',
    rowHeader: '会议 · 事项',
    columns: columnsOf(docs),
    rows: rows.list(),
  };
}

/** Who decides, as one word for grouping: the 常务会议, a leader, a body. */
function deciderKey(t: ThresholdFact, level: string): string {
  if (t.decidedBy.length === 0) return '（未写明）';
  return t.decidedBy.map((d) => neutral(d.replace(/^.*政府(?=常务会议)/u, '◇政府'), level)).join('、');
}

/** Thresholds: rows = who decides; cells = the bands and what the money is for. */
export function thresholdsTable(docs: RuleDocument[], facts: DocumentFacts[]): MatrixTable {
  const rows = new Rows(docs.length);
  docs.forEach((doc, col) => {
    const level = levelOf(doc);
    for (const t of facts[col]!.thresholds) {
      const key = deciderKey(t, level);
      const order = /常务会议/u.test(key) ? 0 : 10;
      rows.add(key, t.decidedBy.join('、') || '（未写明）', order, col, { text: `${bandText(t)}：${t.subject ?? '（用途未写明）'}`, cite: citeOf(t) });
    }
  });
  return {
    kind: 'matrix',
    id: 'thresholds',
    title: '资金审批权限 Money thresholds',
    note: 'Which amounts go to whom: each row is a decider (the 常务会议 first), each cell the bands it decides and what the money is for. Bounds per 民法典 第一千二百五十九条: 以上/以下 include the number (≥, ≤), 超过/不满 exclude it (>, <); (含) confirms inclusion.',
    rowHeader: '决定者 decided by',
    columns: columnsOf(docs),
    rows: rows.list(),
  };
}

export function thresholdsList(docs: RuleDocument[], facts: DocumentFacts[]): ListTable {
  return {
    kind: 'list',
    id: 'thresholds-list',
    title: '全部金额界限 All thresholds',
    header: ['district', 'band', 'subject', 'decided by', 'as written'],
    rows: docs.flatMap((d, i) => facts[i]!.thresholds.map((t) => ({ cells: [d.meta.jurisdiction.name ?? d.id, bandText(t), t.subject ?? '', t.decidedBy.join('、'), t.raw], cite: citeOf(t) }))),
  };
}

const UNIT_ORDER = ['working-day', 'day', 'hour', 'week', 'month', 'year', '字', '页'];
const UNIT_ROW: Record<string, string> = { 'working-day': '工作日 working days', day: '日/天 calendar days', hour: '小时 hours', week: '周 weeks', month: '月 months', year: '年 years', 字: '字数 length in characters', 页: '页数 length in pages' };

function deadlineRow(d: DeadlineFact): [string, string, number] {
  if (d.measure === 'count') return [`count|${d.per ?? ''}`, d.per ? `次数/${{ week: '周', month: '月', quarter: '季度', 'half-year': '半年', year: '年' }[d.per]} counts per period` : '数量 counts', 100];
  const i = UNIT_ORDER.indexOf(d.unit);
  return [d.unit, UNIT_ROW[d.unit] ?? d.unit, i >= 0 ? i : 50];
}

/** Deadlines and limits grouped by unit (working days first), one column per document. */
export function deadlinesTable(docs: RuleDocument[], facts: DocumentFacts[]): MatrixTable {
  const rows = new Rows(docs.length);
  docs.forEach((_doc, col) => {
    for (const d of facts[col]!.deadlines) {
      const [key, label, order] = deadlineRow(d);
      rows.add(key, label, order, col, { text: `${deadlineText(d)}：${d.governs}`, cite: citeOf(d) });
    }
  });
  return {
    kind: 'matrix',
    id: 'deadlines',
    title: '时限与篇幅 Deadlines and limits',
    note: 'Durations (N个工作日 are working days, N日/天 calendar days), lengths (字, 页) and per-period counts, each with what it governs. ≤ = at most (以内, 不超过), ≥ = at least (提前, 不少于, 以上).',
    rowHeader: '单位 unit',
    columns: columnsOf(docs),
    rows: rows.list(),
  };
}

const UNIT_START = new RegExp(`^(?:${[...ROLES.units].sort((a, b) => b.length - a.length).join('|')})`, 'u');

/** The row a person falls in: leaders by title, staff by their post (部门主要负责人 → 主要负责人). */
function whoRow(who: string, level: string): [string, string, number] {
  // 区政府领导同志 and 区政府领导 are the same people.
  const key = neutral(who, level).replace(/同志$/u, '').replace(/的/gu, '');
  const leaders = ['◇长', '常务副◇长', '副◇长', '◇政府领导', '◇政府党组成员', '◇政府办公室'];
  const li = leaders.indexOf(key);
  if (li >= 0) return [key, who.replace(/同志$/u, ''), li];
  // Staff of units by their post: 部门主要负责人, 街道办事处主要负责人 → 主要负责人（部门、单位）.
  const head = roleHead(who);
  if (head && head !== who && UNIT_START.test(who)) return [neutral(head, level), `${head}（部门、单位）`, 20];
  // 处级副职及以下人员, 处级副职行政负责人 → 处级副职
  const lead = ROLES.heads.find((h) => who.startsWith(h) && who !== h);
  if (lead) return [neutral(lead, level), lead, 25];
  return [key, who, 30];
}

/** Leave and reporting: role × district → verb and to whom. */
export function leaveTable(docs: RuleDocument[], facts: DocumentFacts[]): MatrixTable {
  const rows = new Rows(docs.length);
  docs.forEach((doc, col) => {
    const level = levelOf(doc);
    for (const l of facts[col]!.leave) {
      const seen = new Set<string>();
      for (const w of l.who) {
        const [key, label, order] = whoRow(w, level);
        if (seen.has(key)) continue;
        seen.add(key);
        rows.add(key, label, order, col, { text: leaveText(l), cite: citeOf(l) });
      }
    }
  });
  return {
    kind: 'matrix',
    id: 'leave',
    title: '请销假与报备 Leave and reporting',
    note: 'Who must do what towards whom, and when. The verb matters: 请假 asks permission, 报告 informs, 报备 files a record, 请示 asks for instruction, 报批 seeks approval (trips abroad, 审批).',
    rowHeader: '谁 who',
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
