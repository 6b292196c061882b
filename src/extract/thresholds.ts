/**
 * Money thresholds: each bounded amount (1000万元(含)以下, 1000万元以上, 1万元—200万元(含)), what
 * the money is for, and who decides within the band (由区长、常务副区长、主管副区长共同审批 /
 * 提交区政府常务会议讨论决定). An amount in a meeting's task list (常务会议: 讨论和决定2000万元以上…)
 * is decided by that meeting. A subject is never the decider's words (的由常务副区长审批) nor a mark
 * ((不含)); a band that names only its measure (单笔50万元以下的) takes the subject of the sentence, the
 * band before, the item its sub-items hang from (1.预算内资金：(1)…), or the paragraph its item list hangs from. A table (审批事项 | 金额 | 审批人) gives a band
 * per row. Money routed with no amount (涉及大额资金使用的事项，提交旗政府常务会议研究; a task of the 常务会议:
 * 研究…大额资金使用等事项) is a threshold with no bounds, `amountFree`, when the sentence says who decides or is an item
 * of a meeting's task list (vocabulary: data/limits.json amountFreeCues).
 * The bands of one article (or table) are read together, in order: where two neighbouring bands of one matter share a
 * number (1000万元(含)以下 … / 1000万元以上 …), a number marked (含) or (不含) belongs to the band that marks it and the
 * other band takes the rest (it starts above 1000万元); with no mark, or marks on both, each bound keeps what its word or
 * mark says (民法典 第一千二百五十九条), and two bands that then both include the number, or both leave it out, get a
 * diagnostic (band-overlap, band-gap). Pure: document → facts.
 */
import type { AmountBound, Article, RuleDocument, ThresholdDiagnostic, ThresholdFact } from '../model.js';
import { findAmounts } from './amounts.js';
import { leadingMeetings } from './meetings.js';
import { findRoles, splitRoles } from './roles.js';
import { articleLines, cite, clauses, joinPieces, sentences, written, type Line, type Piece } from './text.js';
import { LIMITS, alternation } from './vocab.js';

const DECIDE = alternation(LIMITS.decisionVerbs);
const DECIDED_BY_RE = new RegExp(`由([^，,。；;报]{1,40}?)(?:${DECIDE})`, 'u');
const SUBMIT_RE = new RegExp(`(?:${alternation(LIMITS.submitVerbs)})([^，,。；;]{2,30}?)(?:${DECIDE}|讨论|研究|审议)`, 'u');

const DECIDER_TRAILING_RE = new RegExp(`(?:${alternation(LIMITS.deciderTrailing)})+$`, 'u');

/** 应当经市政府常务会议审议: the body whose deliberation the band needs, when nobody is named with 由 / 提交 / 报. */
const THROUGH_RE = new RegExp(`经([^，,。；;报后经由]{2,30}?)(?:${DECIDE}|讨论|研究|审议)`, 'u');

/** Who decides, from the words after the amount: 由X审批 → roles of X; 提交X讨论决定 (also 由Y提交X…) → [X]; else 经X审议 → [X]. */
function deciders(text: string): string[] {
  const by = text.match(DECIDED_BY_RE);
  const submit = text.match(SUBMIT_RE);
  // 由区长提交区政府常务会议集体研究决定: the post that brings it (由区长) is not who decides — the body it is submitted to is.
  if (by && (!submit || by.index! < submit.index!) && !(submit && submit.index! < by.index! + by[0].length)) return splitRoles(by[1]!);
  if (submit) return [submit[1]!.replace(DECIDER_TRAILING_RE, '')];
  const through = text.match(THROUGH_RE);
  // … a body or post the genre names (经会议讨论 names nobody).
  const body = through?.[1]!.replace(DECIDER_TRAILING_RE, '');
  if (body && findRoles(body).some((r) => r.name === body)) return [body];
  // … or bodies the genre names, joined (经区政府常务会议或者全体会议讨论决定).
  const bodies = body ? splitRoles(body) : [];
  if (bodies.length > 1 && findRoles(bodies[0]!).some((r) => r.name === bodies[0]) && bodies.every((b) => findRoles(b).some((r) => r.name === b) || /会议?$/u.test(b))) return bodies;
  return [];
}

const MEASURE_RE = new RegExp(`^(?:${alternation(LIMITS.measureWords)})+$`, 'u');
const APPLICANT_RE = new RegExp(`^[^，,]*?(?:${alternation(LIMITS.applicationVerbs)})(?=.)`, 'u');
const ITEM_MARK_RE = /^(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))/u;
/** The clause of a lead paragraph that only announces the list (按照以下权限审批：). */
const ANNOUNCE_RE = /(?:以下|如下|下列)(?:权限|规定|标准|程序|情形)?[^，,]*[：:]?$|[：:]$/u;
const DECIDER_AT_RE = new RegExp(`(?:须|应当|应|需)?(?:经|由|(?:${alternation(LIMITS.submitVerbs)})(?=[^，,。；;]{2,30}?(?:${DECIDE}|讨论|研究|审议)))`, 'u');

/** A subject as the genre writes it, or null when only a measure word (单笔金额) or nothing is left. */
function tidySubject(t: string): string | null {
  const s = t
    .replace(/[，,。；;：:]$/u, '')
    .replace(ITEM_MARK_RE, '')
    .replace(/^(?:在|对)/u, '')
    .replace(/^的/u, '')
    .replace(/(?:在|的)+$/u, '')
    .replace(APPLICANT_RE, '');
  if (s.replace(/的/gu, '').length < 2 || MEASURE_RE.test(s)) return null;
  return s;
}

/**
 * What the money is for: the words of the amount's clause around the amount (not the decider after
 * it), else the clauses before it in the sentence.
 */
function subjectOf(sentence: Piece, raw: string): string | null {
  const cls = clauses(sentence);
  const i = cls.findIndex((c) => c.text.includes(raw));
  if (i < 0) return null;
  const text = cls[i]!.text.replace(/[，,。；;：:]$/u, '');
  const at = text.indexOf(raw);
  let after = text.slice(at + raw.length);
  const d = after.search(DECIDER_AT_RE);
  if (d >= 0) after = after.slice(0, d);
  const own = tidySubject(text.slice(0, at) + after);
  if (own) return own;
  const before = cls.slice(0, i).map((c) => c.text.replace(/[，,：:]$/u, '').replace(ITEM_MARK_RE, '')).join(',');
  return before ? tidySubject(before) : null;
}

/** The subject announced by the paragraph an item list hangs from (申请使用县级财政预算外资金的，按照以下权限审批：). */
function leadSubject(lead: Line | undefined): string | null {
  if (!lead) return null;
  const parts = clauses({ text: lead.text, start: lead.start })
    .map((c) => c.text)
    .filter((t) => !ANNOUNCE_RE.test(t));
  return parts.length ? tidySubject(parts.join(',')) : null;
}

/** The words of the item a sub-item hangs from (1.预算内资金： then (1)5万元以下的…), when it names a subject, not a list. */
function parentSubject(parent: Line | undefined): string | null {
  if (!parent || findAmounts(parent.text).length) return null;
  const text = parent.text.replace(/[：:]$/u, '');
  if (ANNOUNCE_RE.test(text) || /[，,。；;]/u.test(text)) return null;
  return tidySubject(text);
}

/** A table cell that names only roles or bodies (分管副区长, 区政府常务会议). */
function isRoleCell(text: string): boolean {
  let rest = text;
  for (const r of findRoles(text)) rest = rest.replace(r.name, '');
  return rest !== text && /^[、和及与或\s]*$/u.test(rest);
}

/**
 * Who decides a band of a table: the row's cells that name only roles (审批事项 | 金额 | 审批人); failing those, in a grid
 * whose columns are the deciders (资金类别 | 分管副市长审批 | 市长审批 …, each row's cells the bands), the roles its
 * column's header names.
 */
function deciderCells(others: Piece[], headerCell: Piece | undefined): string[] {
  const own = others.filter((c) => isRoleCell(c.text)).flatMap((c) => splitRoles(c.text));
  if (own.length || !headerCell) return own;
  return findRoles(headerCell.text).map((r) => r.name);
}

/** Bands read from a table's rows (审批事项 | 金额 | 审批人): the amount cell, the roles and the subject of its row. */
function tableThresholds(doc: RuleDocument, article: Article, line: Line, header?: Line): Omit<ThresholdFact, 'id'>[] {
  const cells = line.cells!;
  const amounts = cells.map((c) => findAmounts(c.text));
  const at = amounts.flatMap((a, i) => (a.length === 1 ? [i] : []));
  if (at.length === 0) return [];
  // Cells come row by row: the distance between amount cells is the row length.
  const n = line.row ? cells.length : at.length > 1 && at.every((x, k) => k === 0 || x - at[k - 1]! === at[1]! - at[0]!) ? at[1]! - at[0]! : 3;
  const col = at[0]! % n;
  return at.map((i) => {
    const row = cells.slice(Math.max(0, i - col), i - col + n);
    const others = row.filter((c) => c !== cells[i]);
    const a = amounts[i]![0]!;
    return {
      kind: 'threshold' as const,
      citation: cite(doc, article, joinPieces(row[0]!, row[row.length - 1]!, line.text, line.start)),
      lower: a.lower,
      upper: a.upper,
      subject: others.filter((c) => !isRoleCell(c.text) && findAmounts(c.text).length === 0).map((c) => c.text).join(',') || null,
      decidedBy: deciderCells(others, header?.cells?.length === cells.length && line.row ? header.cells[i] : undefined),
      raw: written(doc, article, { text: a.raw, start: cells[i]!.start + a.index }),
      amountFree: false,
      diagnostics: [],
    };
  });
}

/** A sentence about the things listed before it (上述事项, 以上事项, 前款所列事项). */
const SAID_ABOVE_RE = /^(?:上述|以上|前款所列|前述)(?:重大)?事项/u;

export function articleThresholds(doc: RuleDocument, article: Article, startId = 0): ThresholdFact[] {
  const facts: ThresholdFact[] = [];
  const push = (f: Omit<ThresholdFact, 'id'>) => facts.push({ id: `${doc.id}:threshold:${startId + facts.length + 1}`, ...f });
  const lines = articleLines(doc, article);
  // The meeting whose tasks the items list (区政府常务会议由…组成…会议的主要任务是：)
  const leadMeeting = lines[0] ? leadingMeetings(lines[0].text)[0]?.written ?? null : null;
  // A table's header row (no amount in it), for a grid whose columns are the deciders.
  let header: Line | undefined;
  for (const line of lines) {
    if (line.cells) {
      tableThresholds(doc, article, line, header).forEach(push);
      if (line.row && line.cells.every((c) => findAmounts(c.text).length === 0)) header = line;
      continue;
    }
    header = undefined;
    let lastSubject: string | null = null;
    const lead = line.isItem ? lines.find((l) => !l.isItem && l.paragraph === line.paragraph) : undefined;
    // The deciders an item's lead-in names (下列事项由区政府常务会议讨论决定：), and those a sentence after a list names
    // for it (…包括：…；单项支出在200万元以上的资金使用。上述事项，须经区政府常务会议讨论决定).
    const leadDeciders = lead ? deciders(lead.text) : [];
    const ss = sentences(line);
    for (const [k, s] of ss.entries()) {
      const listed = ss.slice(k + 1).find((x) => SAID_ABOVE_RE.test(x.text));
      for (const a of findAmounts(s.text)) {
        const after = s.text.slice(a.index + a.raw.length);
        let decidedBy = deciders(after);
        if (decidedBy.length === 0 && line.isItem) decidedBy = leadDeciders;
        if (decidedBy.length === 0 && listed && (/[：:]/u.test(s.text.slice(0, a.index)) || ss.slice(0, k).some((x) => /[：:]/u.test(x.text)))) decidedBy = deciders(listed.text);
        if (decidedBy.length === 0 && line.isItem && leadMeeting) decidedBy = [leadMeeting];
        const subject: string | null = subjectOf(s, a.raw) ?? lastSubject ?? parentSubject(line.parent) ?? leadSubject(lead);
        lastSubject = subject;
        push({ kind: 'threshold', citation: cite(doc, article, s), lower: a.lower, upper: a.upper, subject, decidedBy, raw: written(doc, article, { text: a.raw, start: s.start + a.index }), amountFree: false, diagnostics: [] });
      }
      const free = amountFreeRouting(s, line.isItem ? leadMeeting : null);
      if (free) push({ kind: 'threshold', citation: cite(doc, article, s), lower: null, upper: null, subject: free.subject, decidedBy: free.decidedBy, raw: written(doc, article, free.cue), amountFree: true, diagnostics: [] });
    }
  }
  readTogether(facts);
  return facts;
}

const AMOUNT_FREE_RE = new RegExp(alternation(LIMITS.amountFreeCues), 'u');
const TASK_VERB_RE = /^(?:研究决定|讨论决定|研究|讨论|审议|决定)(?:和|并)?(?:决定)?/u;
const LIST_LEAD_RE = /^(?:凡是?|对)?(?:研究|讨论|审议|决定|涉及)/u;

/**
 * Money routed without an amount: a sentence with no amount that names money the text calls large (大额资金) and
 * says who decides it (提交X研究), or an item of a meeting's task list (then the meeting decides). The subject is the
 * cue's clause (in a 、 list, its own element), without a task verb before it or 等 after it.
 */
function amountFreeRouting(s: Piece, meeting: string | null): { subject: string; decidedBy: string[]; cue: Piece } | null {
  if (findAmounts(s.text).length) return null;
  const m = AMOUNT_FREE_RE.exec(s.text);
  if (!m) return null;
  const cls = clauses(s);
  const clause = cls.find((c) => c.start - s.start <= m.index && m.index < c.start - s.start + c.text.length);
  if (!clause || ANNOUNCE_RE.test(clause.text.replace(/[。；;]$/u, ''))) return null;
  let decidedBy = deciders(s.text.slice(m.index));
  if (decidedBy.length === 0 && meeting) decidedBy = [meeting];
  if (decidedBy.length === 0) return null;
  const own = clause.text.replace(/[，,。；;：:]$/u, '');
  const at = m.index - (clause.start - s.start);
  const parts = own.split('、');
  let subject = own;
  // A list of matters (研究重大决策、…、大额资金使用等事项; 涉及…、…): the one the cue is in.
  if (parts.length > 1 && LIST_LEAD_RE.test(own)) {
    let from = 0;
    subject = parts.find((p) => (from += p.length + 1) > at) ?? own;
  }
  subject = subject.replace(TASK_VERB_RE, '').replace(/等(?:事项|事宜)?$/u, '');
  return { subject, decidedBy, cue: { text: m[0], start: s.start + m.index } };
}

const amountText = (a: AmountBound['amount']) => `${Math.round(a.value * 100) / 100}${a.unit}`;

function diagnose(f: ThresholdFact, other: ThresholdFact, code: ThresholdDiagnostic['code'], what: string): void {
  f.diagnostics.push({ code, other: other.id, message: `${what} (${code === 'band-overlap' ? 'overlaps' : 'leaves a gap to'} the band «${other.raw}»)` });
}

/** Neighbouring bands of one matter, in order: the shared number goes to the band that marks it (see the module comment). */
function readTogether(facts: ThresholdFact[]): void {
  for (let k = 1; k < facts.length; k++) {
    const prev = facts[k - 1]!;
    const cur = facts[k]!;
    if (prev.subject && cur.subject && prev.subject !== cur.subject) continue;
    // The ends that meet: ascending (…以下 then …以上) or descending (…以上 then …以下).
    let ends: [AmountBound, AmountBound] | null = null;
    if (prev.upper && cur.lower && prev.upper.amount.yuan === cur.lower.amount.yuan) ends = [prev.upper, cur.lower];
    else if (prev.lower && cur.upper && prev.lower.amount.yuan === cur.upper.amount.yuan) ends = [prev.lower, cur.upper];
    if (ends) {
      const [a, b] = ends;
      if (a.basis === 'mark' && b.basis !== 'mark') Object.assign(b, { inclusive: !a.inclusive, basis: 'band' });
      else if (b.basis === 'mark' && a.basis !== 'mark') Object.assign(a, { inclusive: !b.inclusive, basis: 'band' });
      const n = amountText(a.amount);
      if (a.inclusive && b.inclusive) {
        diagnose(prev, cur, 'band-overlap', `${n} is in this band and in the next`);
        diagnose(cur, prev, 'band-overlap', `${n} is in this band and in the one before`);
      } else if (!a.inclusive && !b.inclusive) {
        diagnose(prev, cur, 'band-gap', `${n} is in neither this band nor the next`);
        diagnose(cur, prev, 'band-gap', `${n} is in neither this band nor the one before`);
      }
      continue;
    }
    // Two bands of the same matter that do not meet at one number.
    if (!prev.subject || prev.subject !== cur.subject || !prev.upper || !cur.lower) continue;
    const [hi, lo] = [prev.upper.amount.yuan, cur.lower.amount.yuan];
    if (hi < lo) {
      diagnose(prev, cur, 'band-gap', `nothing between ${amountText(prev.upper.amount)} and ${amountText(cur.lower.amount)}`);
      diagnose(cur, prev, 'band-gap', `nothing between ${amountText(prev.upper.amount)} and ${amountText(cur.lower.amount)}`);
    } else if (hi > lo) {
      diagnose(prev, cur, 'band-overlap', `${amountText(cur.lower.amount)} to ${amountText(prev.upper.amount)} is in both bands`);
      diagnose(cur, prev, 'band-overlap', `${amountText(cur.lower.amount)} to ${amountText(prev.upper.amount)} is in both bands`);
    }
  }
}

export function extractThresholds(doc: RuleDocument): ThresholdFact[] {
  const out: ThresholdFact[] = [];
  for (const a of doc.articles) out.push(...articleThresholds(doc, a, out.length));
  return out;
}
