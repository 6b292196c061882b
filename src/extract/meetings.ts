/**
 * Meeting rules: for every meeting type a document establishes (全体会议, 常务会议, 区长办公会议,
 * 专题会议, 党组会议, each 联席会议, 副区长协调会议 …), its members, chair, frequency, quorum,
 * regular time, who signs the minutes and how fast minutes or decided documents go out (会议结束后
 * 5个工作日内印发) or go up for signing (纪要…会后5个工作日内报县长签发).
 *
 * One fact per (article, meeting type). A sentence is about a meeting when it begins with
 * the meeting's name (区政府常务会议一般每周召开1次) or continues the article's current meeting
 * (会议由区长主持), or names it after who holds it (县政府领导同志召开的专题会议，…); a chair is also read
 * from 区长召集和主持区政府全体会议和区政府常务会议. A minutes deadline written once for the article's meetings
 * (…纪要…；…纪要…。会议纪要一般在会议结束后7个工作日内印发) applies to each of them.
 * A meeting the genre names beyond the standard types (经济运行分析会议, 项目建设调度会议, 经济形势分析会) is a meeting
 * when the sentence states its rate: named at the start (市政府经济运行分析会议原则上每季度召开一次，由市长主持) or right
 * after the rate (省政府每季度召开一次经济形势分析会，每年召开一次廉政工作会议，由省长…主持: each with its own clause
 * and rate, the chair shared).
 * Enumerated items (the meeting's tasks) are not read. Pure: document → facts.
 */
import type { Article, MeetingFact, RuleDocument } from '../model.js';
import { readCellFrequency, readFrequency, readQuorum } from './frequency.js';
import { readDuration } from './limits.js';
import { findRoles, splitRoles } from './roles.js';
import { articleLines, cite, clauses, sentences, type Sentence } from './text.js';
import { GOV_PREFIX, LEVEL, MEETINGS, alternation, expandLevel } from './vocab.js';

export interface MeetingMention {
  /** Neutral type: '常务会议', '区长办公会议', '发展改革联席会议'. */
  meeting: string;
  /** As written: '区政府常务会议'. */
  written: string;
  index: number;
  end: number;
}

const TYPE_RES = MEETINGS.types.map((t) => ({ name: t.name, re: expandLevel(t.pattern) }));
const MENTION_RE = new RegExp(`(${GOV_PREFIX})?(${TYPE_RES.map((t) => t.re).join('|')})`, 'gu');
const TYPE_MATCHERS = TYPE_RES.map((t) => ({ name: t.name, re: new RegExp(`^(?:${t.re})$`, 'u') }));
const FOREIGN_RE = new RegExp(`(?:${MEETINGS.foreignBodies.map(expandLevel).join('|')})[^，,。；;、]{0,3}$`, 'u');
const JOINT_FIELD_RE = new RegExp(`[\\u4e00-\\u9fff]{1,${MEETINGS.jointFieldMaxChars}}$`, 'u');
const JOINT_LEAD_RE = new RegExp(`^(?:.*(?:实行|召开|主持|建立|参加|由|的))?(?:${GOV_PREFIX}|${LEVEL})?`, 'u');

/** Neutral name of a type as written: '区长办公会' → '区长办公会议' (level kept), '常务会' → '常务会议'. */
function typeName(written: string): string {
  for (const t of TYPE_MATCHERS) {
    if (!t.re.test(written)) continue;
    if (!t.name.includes('{L}')) return t.name;
    const level = written.match(new RegExp(LEVEL, 'u'))![0];
    return t.name.replaceAll('{L}', level);
  }
  return written;
}

/** Government meetings named in a text, in order. */
export function findMeetings(text: string): MeetingMention[] {
  const out: MeetingMention[] = [];
  for (const m of text.matchAll(MENTION_RE)) {
    let index = m.index!;
    const type = m[2]!;
    let meeting = typeName(type);
    const before = text.slice(Math.max(0, index - 8), index);
    if (!m[1] && FOREIGN_RE.test(before)) continue;
    if (!m[1] && (type === '联席会议' || type === '协调会议')) {
      // The field is written before the type: 区发展改革联席会议 → 发展改革联席会议.
      const run = text.slice(0, index).match(JOINT_FIELD_RE)?.[0] ?? '';
      const field = run.replace(JOINT_LEAD_RE, '');
      if (field) {
        if (FOREIGN_RE.test(field)) continue;
        meeting = field + type;
        const lead = run.slice(0, run.length - field.length);
        const prefix = lead.match(new RegExp(`(?:${GOV_PREFIX}|${LEVEL})$`, 'u'))?.[0] ?? '';
        index -= field.length + prefix.length;
      }
    }
    out.push({ meeting, written: text.slice(index, m.index! + m[0].length), index, end: m.index! + m[0].length });
  }
  return out;
}

const NAMED = MEETINGS.namedMeeting;
const NAME = `[\\u4e00-\\u9fff]{${NAMED.minChars - 2},${NAMED.maxChars - 2}}?(?:${alternation(NAMED.endings)})`;
/** 市政府经济运行分析会议原则上每季度召开一次: the name, then (a qualifier and) the rate. */
const NAMED_FIRST_RE = new RegExp(`^(?:${GOV_PREFIX})?(?:全${LEVEL})?(${NAME})(?=(?:${alternation(MEETINGS.qualifiers)})?每)`, 'u');
/** 区政府设立引领区建设推进会议，由区长主持，…每季度至少召开一次: a meeting set up at the sentence's start, its rate later in it. */
const NAMED_SET_RE = new RegExp(`^(?:${GOV_PREFIX})?(?:设立|建立|实行|建立健全)(?:全${LEVEL})?(${NAME})(?=[，,])`, 'u');
/** 每季度召开一次经济形势分析会: the rate, then the name, to the clause end. */
const NAMED_AFTER_RE = new RegExp(`(?:${alternation(MEETINGS.holdVerbs)})(?:[0-9０-９一二两三四五六七八九十]+次)(${NAME})$`, 'u');
const NAMED_NEVER_RE = new RegExp(`(?:${alternation([...NAMED.never, ...MEETINGS.events])})$|^(?:各类|各种|有关|相关|其他|上述|此类|这些|该|本次)`, 'u');

/** A meeting named as the genre names its special meetings, when it is no standard type and no other body's. */
function namedMeeting(name: string, written: string, index: number): MeetingMention | null {
  if (findMeetings(name).length || NAMED_NEVER_RE.test(name) || FOREIGN_RE.test(name) || new RegExp(`(?:${MEETINGS.foreignBodies.map(expandLevel).join('|')})`, 'u').test(name)) return null;
  return { meeting: name, written, index, end: index + written.length };
}

/** Named meetings whose rate the sentence states, each with the clause that states it (see the module comment). */
function namedMeetings(s: Sentence): { mention: MeetingMention; clause: Sentence }[] {
  // A name at the sentence's start (the rate right after it, or later when the sentence sets the meeting up).
  const first = s.text.match(NAMED_FIRST_RE);
  const set = first ? null : s.text.match(NAMED_SET_RE);
  const lead = first ? namedMeeting(first[1]!, first[0], 0) : set ? namedMeeting(set[1]!, set[1]!, set[0].length - set[1]!.length) : undefined;
  if (lead !== undefined) return lead && readFrequency(s) ? [{ mention: lead, clause: s }] : [];
  const out: { mention: MeetingMention; clause: Sentence }[] = [];
  for (const c of clauses(s)) {
    const text = c.text.replace(/[，,。；;：:]$/u, '');
    const after = text.match(NAMED_AFTER_RE);
    if (!after) continue;
    const clause: Sentence = { ...s, text, start: c.start };
    if (!readFrequency(clause)) continue;
    const m = namedMeeting(after[1]!, after[1]!, c.start - s.start + after.index! + after[0].length - after[1]!.length);
    if (m) out.push({ mention: m, clause });
  }
  return out;
}

/** Meetings listed at the very start of a text: '区政府全体会议、区政府常务会议的纪要…' → both. */
export function leadingMeetings(text: string): MeetingMention[] {
  const ms = findMeetings(text);
  const out: MeetingMention[] = [];
  let pos = 0;
  for (const m of ms) {
    const gap = text.slice(pos, m.index);
    if (out.length === 0 ? gap !== '' : !/^(?:、|和|及|与|或|以及)$/u.test(gap)) break;
    out.push(m);
    pos = m.end;
  }
  return out;
}

/**
 * Meetings named as the subject of a sentence after who holds them: '县政府领导同志召开的专题会议，…' →
 * 专题会议 (the first clause is the meeting, the words before it say who calls it).
 */
function heldMeetings(text: string): MeetingMention[] {
  const first = text.match(/^[^，,。；;：:]*/u)![0];
  const ms = findMeetings(first);
  if (!ms.length || ms[ms.length - 1]!.end !== first.length) return [];
  // The meetings listed at the end of the clause (…召开的全体会议和专题会议).
  let k = ms.length - 1;
  while (k > 0 && /^(?:、|和|及|与|以及)$/u.test(first.slice(ms[k - 1]!.end, ms[k]!.index))) k--;
  return /(?:召开|召集|主持|组织|举行)的$/u.test(first.slice(0, ms[k]!.index)) ? ms.slice(k) : [];
}

/** 可以召开, 可以召集有关部门负责人召开: the words between who convenes a meeting and the meeting. */
const CONVENES_RE = /(?:可以|可)?(?:召集[^，,。；;]{0,16}?)?召开$/u;

/** 可以根据工作需要, 可视情: the condition and modal after a post that convenes a meeting when needed. */
const WHEN_NEEDED_TAIL_RE = /(?:可以|可)?(?:根据|按照?|视)[\u4e00-\u9fff]{0,8}?需要$|(?:可以|可)$/u;

/**
 * Meetings a post convenes, said with the post as the subject (副省长可以召开专题会议; 副县长受县长委托，可以召开
 * 专题会议; 副区长可以召集有关部门负责人召开专题会议): the meeting, and the post as its chair.
 */
function convenedMeetings(text: string): { mention: MeetingMention; chair: string[] }[] {
  const out: { mention: MeetingMention; chair: string[] }[] = [];
  for (const m of findMeetings(text)) {
    const before = text.slice(0, m.index);
    const hold = before.match(CONVENES_RE);
    if (!hold) continue;
    const who = before
      .slice(0, hold.index)
      .replace(/[，,]$/u, '')
      .replace(/受[^，,。；;]{1,16}?委托$/u, '')
      .split(/[，,。；;]/u)
      .pop()!
      .trim()
      // 县长、副县长可以根据工作需要召开专题会议: the condition between the post and the verb is not the post.
      .replace(WHEN_NEEDED_TAIL_RE, '');
    const roles = who ? splitRoles(who) : [];
    if (roles.length && roles.every((r) => findRoles(r).some((f) => f.name === r))) out.push({ mention: m, chair: roles });
  }
  return out;
}

/** A minutes sentence naming no meeting (会议纪要一般在会议结束后7个工作日内印发): it is about every meeting of the article. */
const GENERIC_MINUTES_RE = new RegExp(`^(?:会议|上述会议|以上会议|各类会议|各次会议)?(?:${MEETINGS.minutesWords.join('|')})`, 'u');

const CHAIR_VERB = '(?:召集(?:并|和|、)?主持(?!人)(?:召开)?|主持(?!人)(?:召开)?|召集(?!人))';
/** 区政府全体会议由全体组成人员参加，区长召集并主持: a clause that is a role and a chair verb. */
const CLAUSE_CHAIR_RE = new RegExp(`(?:^|[，,])([^，,。；;由]{2,20}?)${CHAIR_VERB}(?=[，,。；;]|$)`, 'u');
/** 区长专题会议和副区长专题会议…分别由区长、副区长主持: one chair each, in order. */
const RESPECTIVELY_RE = new RegExp(`分别由([^，,。；;]{2,40}?)${CHAIR_VERB}`, 'u');
const CHAIR_BY_RE = new RegExp(`由(?!召集|主持)([^，,。；;]{1,40}?)${CHAIR_VERB}(?!会议的)`, 'u');
/** 县长可委托常务副县长主持 */
const DELEGATE_RE = new RegExp(`委托的?(?!召集|主持)([^，,。；;由]{1,20}?)${CHAIR_VERB}`, 'u');
/** 由副市长、秘书长受市长委托召集和主持: who chairs, the delegation after them not part of their names. */
const ON_BEHALF_RE = /(?:受|经)[^，,。；;、]{1,12}?(?:委托|同意|授权)$/u;
const chairRoles = (phrase: string) => splitRoles(phrase.replace(ON_BEHALF_RE, ''));
const MEMBERS_RE = /由([^。；;]{1,120}?)组成(?=[，,。；;]|$)/u;
const REGULAR_TIME_RE = new RegExp(MEETINGS.regularTime, 'u');
const MINUTES_RE = new RegExp(`(?:${MEETINGS.minutesWords.join('|')})`, 'u');
/** 纪要…会后5个工作日内报县长签发: the deadline of a minutes sentence that sends them out or up for signing. */
const MINUTES_DUE_RE = new RegExp(`(?:${MEETINGS.minutesDueVerbs.join('|')})`, 'u');

/** The roles before a chair verb that governs the meetings right after it: 区长召集和主持区政府全体会议. */
function chairOfObject(s: Sentence): { chair: string[]; meetings: MeetingMention[] } | null {
  const re = new RegExp(`(?:^|由)([^，,。；;由]{1,40}?)${CHAIR_VERB}的?`, 'u');
  const m = s.text.match(re);
  if (!m) return null;
  const rest = s.text.slice(m.index! + m[0].length);
  const meetings = leadingMeetings(rest);
  if (meetings.length === 0) return null;
  return { chair: splitRoles(m[1]!), meetings };
}

/** The roles that sign the minutes: the phrase before 签发, after the last 由 or 报. */
function minutesSigners(text: string): string[] {
  const i = text.indexOf('签发');
  if (i < 0 || !MINUTES_RE.test(text.slice(0, i))) return [];
  const head = text.slice(0, i);
  const cut = Math.max(head.lastIndexOf('由'), head.lastIndexOf('报'), head.lastIndexOf('，'), head.lastIndexOf(','));
  return splitRoles(head.slice(cut + 1));
}

/** A meeting fact before it gets its id and citation; `quote` picks the sentence to cite. */
type Draft = Omit<MeetingFact, 'id' | 'kind' | 'citation'> & {
  /** The sentence to quote: the one with the frequency, else quorum, else chair, else the first. */
  quote: { s: Sentence; rank: number } | null;
};

function merge(list: string[], add: string[]): string[] {
  for (const a of add) if (!list.includes(a)) list.push(a);
  return list;
}

/** Meeting facts of one article. */
export function articleMeetings(doc: RuleDocument, article: Article, startId = 0): MeetingFact[] {
  const drafts = new Map<string, Draft>();
  const draft = (m: MeetingMention): Draft => {
    let d = drafts.get(m.meeting);
    if (!d) {
      d = { meeting: m.meeting, name: m.written, members: [], chair: [], frequency: null, quorum: null, regularTime: null, minutesSignedBy: [], minutesDeadline: null, quote: null };
      drafts.set(m.meeting, d);
    }
    return d;
  };
  const quoteFrom = (d: Draft, s: Sentence, rank: number) => {
    if (!d.quote || rank < d.quote.rank) d.quote = { s, rank };
  };
  let topic: MeetingMention[] = [];
  const seen: MeetingMention[] = [];
  let table: TableHead | null = null;
  for (const line of articleLines(doc, article)) {
    // Items list a meeting's tasks (常务会议的主要任务是：（一）…), not meetings — but an item that opens with a meeting
    // and states its rate (（一）市政府经济运行分析会议每季度召开一次，由市长主持) sets that meeting up.
    const rated = line.isItem ? sentences(line).filter((s) => (leadingMeetings(s.text).length > 0 || NAMED_FIRST_RE.test(s.text)) && readFrequency(s) !== null) : null;
    if (rated && !rated.length) continue;
    // A table of the meetings (会议 | 频次 | 主持人): its header, then a meeting per row.
    const cells = line.text.split('\t');
    const head = cells.length > 1 ? tableHead(cells) : null;
    if (head) {
      table = head;
      continue;
    }
    if (table && cells.length === table.width) {
      const meeting = leadingMeetings(cells[table.meeting]!)[0];
      const s = sentences(line)[0];
      if (meeting && s) {
        const d = draft(meeting);
        if (d.name.length < meeting.written.length) d.name = meeting.written;
        if (table.frequency !== null) d.frequency ??= readCellFrequency(cells[table.frequency]!);
        if (table.chair !== null) merge(d.chair, splitRoles(cells[table.chair]!.replace(/(?:或者?|或由)(?:受|经)?(?:其)?委托的?/gu, '、')));
        quoteFrom(d, s, 1);
        continue;
      }
    }
    if (cells.length < 2) table = null;
    for (const s of rated ?? sentences(line)) {
      if (rated) topic = []; // an item speaks of its own meeting, or of none
      const object = chairOfObject(s);
      if (object && !leadingMeetings(s.text).length) {
        for (const m of object.meetings) {
          const d = draft(m);
          merge(d.chair, object.chair);
          quoteFrom(d, s, 3);
        }
        continue;
      }
      const lead = leadingMeetings(s.text);
      if (!lead.length) {
        const convened = convenedMeetings(s.text);
        if (convened.length) {
          for (const { mention, chair } of convened) {
            const d = draft(mention);
            merge(d.chair, chair);
            // 县长、副县长可以根据工作需要召开专题会议: convened when needed (a rate, when the sentence has one).
            const rate = convened.length === 1 ? readFrequency(s) : null;
            if (rate && !d.frequency) {
              d.frequency = rate;
              quoteFrom(d, s, 1);
            }
            quoteFrom(d, s, 3);
          }
          topic = convened.map((c) => c.mention);
          continue;
        }
      }
      if (!lead.length) lead.push(...heldMeetings(s.text));
      if (!lead.length) {
        const named = namedMeetings(s);
        if (named.length === 1 && named[0]!.clause === s) lead.push(named[0]!.mention);
        else if (named.length) {
          // Several named after their rates in one sentence: each its own rate and clause; the chair is shared.
          const chair = s.text.match(CHAIR_BY_RE);
          const delegate = s.text.match(DELEGATE_RE);
          for (const { mention, clause } of named) {
            const d = draft(mention);
            d.frequency ??= readFrequency(clause);
            if (chair) merge(d.chair, chairRoles(chair[1]!));
            if (delegate) merge(d.chair, splitRoles(delegate[1]!));
            quoteFrom(d, clause, 1);
          }
          topic = named.map((n) => n.mention);
          continue;
        }
      }
      if (lead.length) topic = lead;
      for (const m of lead) if (!seen.some((x) => x.meeting === m.meeting)) seen.push(m);
      // One deadline stated once for the minutes of several meetings applies to each of them.
      const about = !lead.length && GENERIC_MINUTES_RE.test(s.text) && MINUTES_DUE_RE.test(s.text) && seen.length > 1 ? seen : topic;
      for (const m of about) {
        const d = draft(m);
        if (lead.length && d.name.length < m.written.length) d.name = m.written;
        const frequency = readFrequency(s);
        if (frequency && !d.frequency) {
          d.frequency = frequency;
          quoteFrom(d, s, 1);
        }
        const quorum = readQuorum(s);
        if (quorum && !d.quorum) {
          d.quorum = quorum;
          quoteFrom(d, s, 2);
        }
        const each = s.text.match(RESPECTIVELY_RE);
        const eachRoles = each ? splitRoles(each[1]!) : [];
        const chair = s.text.match(CHAIR_BY_RE);
        const delegate = s.text.match(DELEGATE_RE);
        // A role and a chair verb as a clause of their own (…，区长召集并主持), when no 由 names the chair.
        // Also before one (…组成，县长召集和主持，也可由县长委托常务副县长召集和主持: both).
        const own = s.text.match(CLAUSE_CHAIR_RE);
        const ownRoles = own ? splitRoles(own[1]!) : [];
        const ownValid = ownRoles.length > 0 && ownRoles.every((r) => findRoles(r).some((f) => f.name === r));
        if (about.length > 1 && eachRoles.length === about.length) {
          merge(d.chair, [eachRoles[about.indexOf(m)]!]);
          quoteFrom(d, s, 3);
        } else if (chair || delegate) {
          if (ownValid && own!.index! < (chair ?? delegate)!.index!) merge(d.chair, ownRoles);
          if (chair) merge(d.chair, chairRoles(chair[1]!));
          if (delegate) merge(d.chair, splitRoles(delegate[1]!));
          quoteFrom(d, s, 3);
        } else if (ownValid) {
          merge(d.chair, ownRoles);
          quoteFrom(d, s, 3);
        }
        const members = s.text.match(MEMBERS_RE);
        if (members) {
          merge(d.members, splitRoles(members[1]!));
          quoteFrom(d, s, 4);
        }
        const time = s.text.match(REGULAR_TIME_RE);
        if (time && /例会|召开|举行/u.test(s.text)) {
          d.regularTime ??= time[0].replace(/^(?:每周|每星期)/u, '');
          quoteFrom(d, s, 4);
        }
        const signers = minutesSigners(s.text);
        if (signers.length) {
          merge(d.minutesSignedBy, signers);
          quoteFrom(d, s, 5);
        }
        if ((/印发/u.test(s.text) && /会议结束|纪要|决定印发/u.test(s.text)) || (MINUTES_RE.test(s.text) && MINUTES_DUE_RE.test(s.text))) {
          const due = readDuration(s.text);
          if (due && !d.minutesDeadline) {
            d.minutesDeadline = due;
            quoteFrom(d, s, 5);
          }
        }
      }
    }
  }
  const facts: MeetingFact[] = [];
  for (const d of drafts.values()) {
    if (!d.quote) continue;
    facts.push({
      id: `${doc.id}:meeting:${startId + facts.length + 1}`,
      kind: 'meeting',
      citation: cite(doc, article, d.quote.s),
      meeting: d.meeting,
      name: d.name,
      members: d.members,
      chair: d.chair,
      frequency: d.frequency,
      quorum: d.quorum,
      regularTime: d.regularTime,
      minutesSignedBy: d.minutesSignedBy,
      minutesDeadline: d.minutesDeadline,
    });
  }
  return facts;
}

interface TableHead {
  width: number;
  meeting: number;
  frequency: number | null;
  chair: number | null;
}

const COLUMNS = MEETINGS.tableColumns as { meeting: string[]; frequency: string[]; chair: string[] };

/** A header row of a table of the meetings: a meeting column and a rate or chair column (data/meetings.json). */
function tableHead(cells: string[]): TableHead | null {
  const at = (names: string[]) => {
    const k = cells.findIndex((c) => names.includes(c.trim()));
    return k < 0 ? null : k;
  };
  const meeting = at(COLUMNS.meeting);
  const frequency = at(COLUMNS.frequency);
  const chair = at(COLUMNS.chair);
  return meeting !== null && (frequency !== null || chair !== null) ? { width: cells.length, meeting, frequency, chair } : null;
}

/** Every meeting fact of a document, in article order. */
export function extractMeetings(doc: RuleDocument): MeetingFact[] {
  const out: MeetingFact[] = [];
  for (const a of doc.articles) out.push(...articleMeetings(doc, a, out.length));
  return out;
}
