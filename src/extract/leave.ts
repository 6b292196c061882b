/**
 * Leave and reporting rules: who (区长, 副区长, 部门主要负责人 …) on what occasion (离京, 离区,
 * 出访, 出差, 休假, 脱产学习; missing a meeting) must do what (请假 ≠ 报告 ≠ 报备 ≠ 请示; 报批 for
 * approvals sought) towards whom (市长, 区委书记, 区长, 区政府办公室 …), and what follows
 * (委托常务副区长主持工作).
 *
 * A sentence is a leave sentence when it names an occasion or 请假. Its subject is the phrase
 * before the occasion (a subject written there is never replaced by the one before); a sentence without one (请假批准后,应向区政府报备) continues the previous
 * subject of the article. Each recipient clause gives a fact (向市长请假; 报告区长; 将…报区政府办公室), the
 * recipients of one verb in one sentence together (向市长报告，并告知区委书记 → 报告 to both); the approvals
 * of one sentence (经分管副区长同意, 报区委书记、区长审批) give one 报批 fact, with nobody named for
 * 按照有关规定报批. Leaving a named place (离开本市, 离开X县) is an occasion (离市, 离县).
 * Reviews (经…审核) are not approvals. An office that collects absences and reports them
 * (由区政府办公室汇总后向区长报告) is the one who reports. A duration that ends a conditional clause (离市外出5日以上的，
 * 还应当报告市长) is the `condition` of the rules of its sentence, written from the occasion on (the subject left out).
 * Pure: document → facts.
 * Vocabulary: data/leave.json, data/roles.json.
 */
import type { Article, LeaveFact, LeaveVerb, RuleDocument } from '../model.js';
import { conditionClause } from './limits.js';
import { findRoles, roleHead, splitRoles } from './roles.js';
import { articleLines, cite, clauses, joinPieces, sentences, written, type Piece, type Sentence } from './text.js';
import { LEAVE, alternation } from './vocab.js';

interface Occasion {
  word: string;
  name: string;
  primary: boolean;
  foreign?: boolean;
}
const OCCASIONS = LEAVE.occasions as Occasion[];
const OCCASION_RE = new RegExp(alternation(OCCASIONS.map((o) => o.word)), 'gu');
const PLACE_CHAR = `(?:(?![${LEAVE.placeNameNever.join('')}])[\\u4e00-\\u9fff])`;
/** 离开X市 / 离开本县: group 1 the level word. */
const PLACE_RE = new RegExp(`离开(?:本|${PLACE_CHAR}{1,${LEAVE.placeNameMaxChars}}?)(${alternation(LEAVE.placeLevels)})`, 'gu');
/**
 * 离X外出: leaving the place by its one-character name (the first of its name, or a province's short name) before
 * 外出 or 出差 — the genre's 离京外出 for any place. Group 1 the character.
 */
const SHORT_PLACE_RE = new RegExp(`离(${PLACE_CHAR})(?=外出|出差)`, 'gu');
const PRIMARY_RE = new RegExp(`${alternation(OCCASIONS.filter((o) => o.primary).map((o) => o.word))}|${PLACE_RE.source}|${SHORT_PLACE_RE.source}`, 'u');
const RULE_FORMS = LEAVE.approvalByRuleForms as { lead: string[]; basis: string[]; verbs: string[]; maxChars: number };
const RULE_BASIS = `[^，,。；;]{0,${RULE_FORMS.maxChars}}?(?:${alternation(RULE_FORMS.basis)})`;
/** 按照有关规定报批, 按照外事管理规定和干部管理权限报批: an approval the rules require (data/leave.json). */
const BY_RULE_RE = new RegExp(`${alternation(LEAVE.approvalByRule)}|(?:${alternation(RULE_FORMS.lead)})${RULE_BASIS}(?:和${RULE_BASIS})?(?:${alternation(RULE_FORMS.verbs)})`, 'u');
const ABSENCE_RE = new RegExp(alternation(LEAVE.absence), 'u');
const OFFICE_RE = new RegExp(`(?:${alternation(LEAVE.offices)})$`, 'u');
const COLLECTIVE_RE = new RegExp(alternation(LEAVE.collectiveCues), 'u');
const CONSEQUENCE_RE = new RegExp(alternation(LEAVE.consequenceCues), 'u');
const VERB_OF = new Map((LEAVE.verbs as { cue: string; verb: LeaveVerb }[]).map((v) => [v.cue, v.verb]));

/** 向X请假 / 向X报告 / 向X报备 / 向X请示 / 向X通报 / 向X汇报 */
const TO_RE = /向([^，,。；;向]{1,30}?)(?:书面|口头)?(请假|请示|报备|备案|报告|汇报|通报)/gu;
/** 报告区长 / 告知区政府办公室 / 通报区政府其他领导 (recipient after the verb, to the clause end) */
const VERB_TO_RE = /(?:^|[应须需并及时事先当还后])(报告|告知|通报)([^，,。；;]{2,30}?)(?=有关情况|[，,。；;]|$)/gu;
/** 报区委书记、区长同意 / 报请区长同意 / 报市政府审批 */
const REPORT_FOR_RE = /报(请)?(?!送|告|备|批|到)([^，,。；;报]{2,30}?)(同意|审批|批准|签批)/gu;
/** 经分管副区长同意 / 经区级分管领导签批同意 */
const BY_CONSENT_RE = /经([^，,。；;经]{2,30}?)(?:签批)?同意/gu;
/** 由分管外事工作的副区长审批 */
const BY_APPROVAL_RE = /由([^，,。；;由]{2,30}?)(审批|批准)/gu;
/** 提请区政府常务会议和区委常委会审议 */
const SUBMIT_RE = /提请([^，,。；;]{2,30}?)审议/gu;
/** 由区政府办公室 right before a filing: the office is who files. */
const OFFICE_BY_RE = new RegExp(`由([^，,。；;由]{2,20}?(?:${alternation(LEAVE.offices)}))(?:统一|负责)?$`, 'u');
/** 将外出的时间、地点…报区政府办公室 (a filing) */
const FILE_RE = /^(?:应|须|需|并)?将.{2,60}?报([^，,。；;]{2,30}?)(?:备案)?$/u;

interface Action {
  verb: LeaveVerb;
  to: string[];
  /** The office itself reports (汇总后向区长报告). */
  actor?: string[];
  approval: boolean;
  piece: Piece;
}

/** 请假 as an act, not in the name of a rule (请假制度, 请假报备制度, 请假手续). */
const LEAVE_WORD_RE = /请假(?!报备制度|制度|手续)/u;
/** 报县政府办公室备案 (a filing, in a leave sentence) */
const FILE_WITH_RE = /报([^，,。；;报]{2,30}?)备案/u;
/** 并书面报州政府办公室: a clause that only sends the matter on to an office (a filing: no approval is asked of an office). */
const FILE_OFFICE_RE = new RegExp(`^(?:应|须|需|并|同时)?(?:书面|及时|另行)?报([^，,。；;报]{2,20}?(?:${alternation(LEAVE.offices)}))$`, 'u');
const TRAILING_RE = /(?:因公|因故|因私|临时|因|确需|确|要|应|需|须|在|执行|如|均|时|等)+$/u;

/** The roles before the first occasion or absence word, or null when the sentence has no subject of its own. */
function subjectOf(text: string): string[] | null {
  const stop = [text.search(PRIMARY_RE), text.search(ABSENCE_RE), text.search(LEAVE_WORD_RE)].filter((i) => i >= 0);
  if (stop.length === 0) return null;
  // An item marker inside the sentence (①市长离X，…；②副市长离X，…) is not part of the subject.
  const head = text.slice(0, Math.min(...stop)).replace(TRAILING_RE, '').replace(/^[（(]/u, '').replace(/^[①-⑳]/u, '');
  if (head.length < 2 || /^(?:经|将|应|需|须|并|在|如|请假|由|对|除)/u.test(head) || /[，,]/u.test(head)) {
    // 因故不能参加区政府专题会议的人员: the people who cannot attend
    if (ABSENCE_RE.test(text) && /的人员/u.test(text.slice(0, text.search(/[，,]/u) >>> 0))) return ['参会人员'];
    return null;
  }
  // A subject written in the sentence is its subject, never one carried over from the sentence before
  // (各乡镇、各部门副职离开本县 …: the 副职, not the 乡镇长 of the previous sentence).
  const found = splitRoles(head).filter(isRoleLike);
  return found.length ? found : null;
}

/** A recipient or subject is a role, office or body, not a word like 批准. */
function isRoleLike(r: string): boolean {
  return ROLE_LIKE_RE.test(r) || findRoles(r).length > 0 || /(?:政府|委|会议|常委会|办公厅|外办|外事办|主持人)$/u.test(r);
}
function roles(phrase: string): string[] {
  return splitRoles(phrase).filter(isRoleLike);
}

const MODAL_RE = /(?:应当|应|需|须|要|必须|均|可|事先|事前|提前|会前|及时|按规定|按程序|书面)+$/u;
const ROLE_LIKE_RE = /(?:长|书记|领导|同志|人员|负责人|主任|成员|正职|副职|办公室|部门)$/u;

/** The roles written before 向 in a clause (副县长、政府组成人员向县长请假), if the words there are roles. */
function clauseSubject(before: string): string[] | null {
  // 由区政府办公室向…报备: the office acts for the absent person (unless it collects absences: 汇总).
  const head = before.replace(MODAL_RE, '').replace(/^(?:并|则|其中)/u, '');
  if (head.length < 2 || /^(?:经|将|在|如|对|获|请假|批准|由)/u.test(head)) return null;
  const roles = splitRoles(head);
  return roles.length && roles.every((r) => ROLE_LIKE_RE.test(r)) ? roles : null;
}

function occasionsOf(text: string): string[] {
  const out: string[] = [];
  // Words inside a rule's name (领导干部外出请假报备制度) are not occasions.
  const t = text.replace(/[^，,。；;]*制度/gu, (m) => '＿'.repeat(m.length));
  const found: [number, string][] = [];
  for (const m of t.matchAll(OCCASION_RE)) found.push([m.index!, OCCASIONS.find((x) => x.word === m[0])!.name]);
  // 离开X市 → 离市: leaving the place is the occasion, whatever the place's name.
  for (const m of t.matchAll(PLACE_RE)) found.push([m.index!, `离${m[1]!}`]);
  for (const m of t.matchAll(SHORT_PLACE_RE)) if (!found.some(([at]) => at === m.index)) found.push([m.index!, `离${m[1]!}`]);
  found.sort((a, b) => a[0] - b[0]);
  for (const [, name] of found) if (!out.includes(name)) out.push(name);
  if (ABSENCE_RE.test(t)) out.push(LEAVE.absenceName);
  return out;
}

function isForeign(occasions: string[]): boolean {
  return occasions.some((n) => OCCASIONS.some((o) => o.name === n && o.foreign)) && !occasions.some((n) => n.startsWith('离') || ['出差', '休假'].includes(n));
}

/** Sending a report as a document (报送出访报告, 提交书面报告, 呈报考察报告): what 报告 names there is a paper, not a telling. */
const REPORT_DOCUMENT_RE = /(?:报送|提交|呈报|上报|呈送)[\u4e00-\u9fff（）()]{0,8}报告$/u;

/** Recipient clauses of a sentence. */
function actions(s: Sentence): Action[] {
  const out: Action[] = [];
  for (const c of clauses(s)) {
    const text = c.text.replace(/[，,。；;：:]$/u, '');
    if (/(?:审核|初审)/u.test(text) && !/(同意|审批|批准|签批)/u.test(text)) continue; // a review step
    // 回国后15日内向省政府报送出访报告: a written report sent after the trip (a deadline), no leave asked or given.
    if (REPORT_DOCUMENT_RE.test(text)) continue;
    const collective = COLLECTIVE_RE.test(text) ? text.match(/由([^，,。；;]{2,20}?)汇总/u)?.[1] : undefined;
    let found = false;
    const toSpans: [number, number][] = [];
    for (const m of text.matchAll(TO_RE)) {
      found = true;
      toSpans.push([m.index!, m.index! + m[0].length]);
      const cue = m[2]!;
      const to = roles(m[1]!);
      if (to.length === 0) continue;
      if (cue === '通报' && !to.some((r) => OFFICE_RE.test(r))) continue; // informing colleagues is a consequence
      const verb = cue === '汇报' ? '报告' : VERB_OF.get(cue)!;
      // 不能参加…会议,副县长、政府组成人员向县长请假: the subject is in the clause itself.
      const own = clauseSubject(text.slice(0, m.index!));
      out.push({ verb, to, actor: collective ? splitRoles(collective) : own ?? undefined, approval: false, piece: c });
    }
    // 报告X / 告知X, also after 向…报告 in the same clause (向省长报告并告知市委书记).
    for (const m of text.matchAll(VERB_TO_RE)) {
      if (toSpans.some(([a, b]) => m.index! < b && m.index! + m[0].length > a)) continue;
      const to = roles(m[2]!);
      if (to.length === 0) continue;
      if (m[1] === '通报' && !to.some((r) => OFFICE_RE.test(r))) continue;
      found = true;
      out.push({ verb: VERB_OF.get(m[1]!)!, to, actor: collective ? splitRoles(collective) : undefined, approval: false, piece: c });
    }
    const file = text.match(FILE_RE) ?? text.match(FILE_WITH_RE) ?? text.match(FILE_OFFICE_RE);
    if (!found && file && roles(file[1]!).length) {
      found = true;
      // 由区政府办公室报市政府办公厅备案: the office files the record.
      const by = text.slice(0, file.index! + file[0].indexOf('报')).match(OFFICE_BY_RE);
      out.push({ verb: '报备', to: roles(file[1]!), actor: by ? splitRoles(by[1]!) : undefined, approval: false, piece: c });
    }
    if (found) continue;
    const approvals: [number, string[], string][] = [];
    for (const m of text.matchAll(REPORT_FOR_RE)) approvals.push([m.index!, roles(m[2]!), m[1] ? '报请' : m[3]!]);
    for (const m of text.matchAll(BY_CONSENT_RE)) approvals.push([m.index!, roles(m[1]!), '同意']);
    for (const m of text.matchAll(BY_APPROVAL_RE)) approvals.push([m.index!, roles(m[1]!), m[2]!]);
    for (const m of text.matchAll(SUBMIT_RE)) approvals.push([m.index!, roles(m[1]!), '审议']);
    approvals.sort((a, b) => a[0] - b[0]);
    const named = approvals.filter((a) => a[1].length > 0);
    for (const [, to, how] of named) out.push({ verb: how === '报请' || how === '同意' ? '同意' : '报批', to, approval: true, piece: c });
    // 按照有关规定报批: an approval the rules require, nobody named.
    if (named.length === 0 && BY_RULE_RE.test(text)) out.push({ verb: '报批', to: [], approval: true, piece: c });
  }
  return out;
}

/**
 * One duty per verb and actor in a sentence: 向市长报告，并告知区委书记 and 向省长报告并告知市委书记 are
 * each one 报告 to both; 向县长请假，并告知县政府办公室 stays two (请假, 报告).
 */
function mergeActions(acts: Action[], s: Sentence): Action[] {
  const out: Action[] = [];
  for (const a of acts) {
    const same = a.approval ? undefined : out.find((b) => !b.approval && b.verb === a.verb && (b.actor ?? []).join() === (a.actor ?? []).join());
    if (!same) {
      out.push({ ...a });
      continue;
    }
    for (const t of a.to) if (!same.to.includes(t)) same.to = [...same.to, t];
    same.piece = joinPieces(same.piece, a.piece, s.line.text, s.line.start);
  }
  return out;
}

/** The condition of a sentence's rules: its conditional clause (离区外出超过3天的), from the occasion on. */
function conditionOf(s: Sentence): string | null {
  for (const c of clauses(s)) {
    const cond = conditionClause(c.text);
    if (!cond) continue;
    const at = cond.search(PRIMARY_RE);
    return at > 0 ? cond.slice(at) : cond;
  }
  return null;
}

function consequenceOf(s: Sentence, used: Set<number>): string | null {
  const parts = clauses(s)
    .filter((c) => !used.has(c.start) && CONSEQUENCE_RE.test(c.text) && !/(请假|报备)制度/u.test(c.text))
    .map((c) => c.text.replace(/[，,。；;：:）)]+$/u, '').replace(/^(?:并|应|须|需)/u, ''));
  return parts.length ? parts.join(',') : null;
}

/**
 * The document's own place named without its level word (离开XY in the rules of XY省 or XY市) read as 离开本省 /
 * 离开本市: same length, so every offset stays. Names of two characters (本 and the level make two);
 * null when the document names no such place.
 */
function ownPlaceReading(doc: RuleDocument): ((text: string) => string) | null {
  const j = doc.meta.jurisdiction;
  const names = new Map<string, string>();
  for (const name of [j.name, j.district, j.city, j.province]) {
    const m = name ? new RegExp(`^([\u4e00-\u9fff]{2})(${alternation(LEAVE.placeLevels)})$`, 'u').exec(name) : null;
    if (m && m[2]!.length === 1) names.set(m[1]!, m[2]!);
  }
  if (!names.size) return null;
  const re = new RegExp(`离开(${[...names.keys()].join('|')})(?![\u4e00-\u9fff]{0,2}(?:${alternation(LEAVE.placeLevels)}))`, 'gu');
  // 离某， (the place by the first character of its name, the clause ending there): 离 + its level word, the same length
  // (离X外出 is SHORT_PLACE_RE's, as written).
  const short = new Map([...names].map(([name, level]) => [name[0]!, level]));
  const shortRe = new RegExp(`离([${[...short.keys()].join('')}])(?=[，,；;。]|的|期间)`, 'gu');
  return (text) => text.replace(re, (_, place: string) => `离开本${names.get(place)!}`).replace(shortRe, (_, c: string) => `离${short.get(c)!}`);
}

export function articleLeave(doc: RuleDocument, article: Article, startId = 0, ownPlace = ownPlaceReading(doc)): LeaveFact[] {
  const facts: LeaveFact[] = [];
  let who: string[] | null = null;
  /** The subject before the items of a heading that names who (whoHeading), while in them. */
  let outer: { who: string[] | null } | null = null;
  let occasions: string[] = [];
  let lastLeave = -2;
  let n = 0;
  // Each item's whoHeading, read once (its sub-items ask for it again).
  const headings = new Map<string, string[] | null>();
  const heading = (text: string) => {
    if (!headings.has(text)) headings.set(text, whoHeading(text));
    return headings.get(text)!;
  };
  for (const line of articleLines(doc, article)) {
    // An item that only names who (（一）各办（中心）、各站所负责人), its rules in the items under it (1.请假1天以内的，由分管副镇长批准):
    // they are its rules, and theirs only (the subject before the heading is the subject again after its items).
    if (line.isItem && heading(line.text)) continue;
    const under = line.parent ? heading(line.parent.text) : null;
    if (under) {
      outer ??= { who };
      who = under;
    } else if (outer) {
      who = outer.who;
      outer = null;
    }
    // A row of a table of leave typed as text (常务副县长、副县长 | 离开本县 | 向县长请假): who is its first cell; a header
    // row (人员 | 外出情形 | 请假或报告对象) is none.
    const row = line.row && line.cells && line.cells.length >= 3 ? tableRowWho(line.cells) : undefined;
    if (row === null) continue;
    for (const raw of sentences(line)) {
      const s = ownPlace ? { ...raw, text: ownPlace(raw.text) } : raw;
      n++;
      const trigger = PRIMARY_RE.test(s.text) || ABSENCE_RE.test(s.text) || LEAVE_WORD_RE.test(s.text);
      if (!trigger && lastLeave !== n - 1) continue;
      const subject = row ?? subjectOf(s.text);
      const own = occasionsOf(s.text);
      if (subject) who = subject;
      // A sentence with its own subject states its own occasions; a continuation adds to the last ones.
      // … unless it names a trip abroad after a trip at home (离区…；出国（境）的，按照有关规定报批): a case of its own.
      if ((subject && own.length) || (own.length && isForeign(own) && !isForeign(occasions))) occasions = own;
      else for (const o of own) if (!occasions.includes(o)) occasions = [...occasions, o];
      const clauseActs = actions(s);
      const acts = mergeActions(clauseActs, s);
      if (!who && !acts.some((a) => a.actor)) {
        if (trigger) lastLeave = n;
        continue;
      }
      if (acts.length === 0) {
        if (trigger) lastLeave = n;
        continue;
      }
      lastLeave = n;
      const foreign = isForeign(occasions);
      const hasApprovalVerb = /(审批|签批|审议|报批)/u.test(s.text);
      const used = new Set(clauseActs.map((a) => a.piece.start));
      const consequence = consequenceOf(s, used);
      const condition = conditionOf(s);
      const approvals = acts.filter((a) => a.approval);
      const emit = (verb: LeaveVerb, whoList: string[] | null, to: string[], quote: Piece) => {
        if (!whoList) return;
        // Nobody reports to themselves (县长外出期间…应及时向县长请示: the stand-in reports).
        if (to.length && to.every((t) => whoList.includes(t))) return;
        const same = facts.find((f) => f.verb === verb && sameSet(f.who, whoList) && sameSet(f.to, to) && f.condition === condition);
        if (same) {
          if (!same.consequence && consequence) same.consequence = consequence;
          return;
        }
        facts.push({
          id: `${doc.id}:leave:${startId + facts.length + 1}`,
          kind: 'leave',
          citation: cite(doc, article, quote),
          who: whoList,
          occasions: [...occasions],
          to,
          verb,
          consequence,
          condition,
          raw: written(doc, article, quote).replace(/[，,。；;]$/u, ''),
        });
      };
      for (const a of acts.filter((x) => !x.approval)) emit(a.verb, a.actor ?? who, a.to, a.piece);
      if (approvals.length) {
        // 报请区长同意 for a stay-at-home absence is asking for leave; trips and 审批 are approvals sought.
        const verb: LeaveVerb = !foreign && !hasApprovalVerb ? '请假' : '报批';
        const to = [...new Set(approvals.flatMap((a) => a.to))];
        emit(verb, who, to, s);
      }
    }
  }
  return facts;
}

const TABLE_HEADERS = LEAVE.tableHeaders as string[];
/** Who a table row is about (its first cell's roles), or null for a header row or a row naming nobody. */
function tableRowWho(cells: Piece[]): string[] | null {
  const first = cells[0]!.text;
  const last = cells[cells.length - 1]!.text;
  if (TABLE_HEADERS.includes(first) || TABLE_HEADERS.some((h) => last.endsWith(h))) return null;
  const who = roles(first);
  return who.length ? who : null;
}

/** The roles an item names when it names nothing else (各办（中心）、各站所负责人; 一般干部): no verb, no sentence mark. */
function whoHeading(text: string): string[] | null {
  const t = text.replace(/[：:]$/u, '').trim();
  if (!t || t.length > 40 || /[，,。；;：:]/u.test(t) || PRIMARY_RE.test(t) || ABSENCE_RE.test(t) || LEAVE_WORD_RE.test(t)) return null;
  const pieces = splitRoles(t);
  const last = pieces.at(-1);
  // The last names the post (各办、各站所负责人: 办 takes its 负责人); 干部 are staff too (一般干部).
  if (!last || !(ROLE_LIKE_RE.test(last) || /(?:干部|职工)$/u.test(last))) return null;
  const head = roleHead(last);
  return pieces.map((p) => (p === last || ROLE_LIKE_RE.test(p) || !head ? p : p + head));
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

export function extractLeave(doc: RuleDocument): LeaveFact[] {
  const out: LeaveFact[] = [];
  const ownPlace = ownPlaceReading(doc);
  for (const a of doc.articles) out.push(...articleLeave(doc, a, out.length, ownPlace));
  return out;
}
