/**
 * Finding cue terms in a text: leftmost-longest matching of every cue of the taxonomy, so
 * that 区长办公会议 is one hit (not 区长 + 办公会议) and 常务副区长 is not 常务会; a match gives way to a
 * longer cue that begins inside it (控制发文数量 is 发文数量, not 制发 + 文).
 * Each hit is weighted by where it stands:
 *  - at the head of a clause (the grammatical subject of most articles of this genre:
 *    "区政府常务会议由……组成") it counts subjectBoost times;
 *  - inside an enumeration ("全体会议、常务会议、区长办公会议") a topic only gets the share
 *    of the list its own cues make up: a list of meeting types is a passing mention of each;
 *  - a modifier counts modifierWeight: in "常务会议的纪要", "常务会议纪要" or "常务会议讨论的议题"
 *    the head noun (纪要, 议题) is what the clause is about;
 *  - so does the subject of a procedure it must go through (重大行政决策应当进行合法性审查: the clause is about the
 *    review);
 *  - inside an enumerated item (（一）…) it counts itemWeight, and only for topics the article's own
 *    sentences speak of (see the classifier): items list the contents of what the lead-in sentence
 *    names (the tasks of a meeting are not the subject of the article);
 *  - a meeting (or any cue) that qualifies people counts modifierWeight too: in "全体会议组成人员因故不能出席会议的"
 *    or "全体会议和常务会议的组成人员" the clause is about the members, not the meeting.
 * A cue written "A…B" (不能出席…请假) is a sentence pattern: it is found once for each sentence (up to 。；！？ or a
 * line end) in which A is followed by B, and counts as a cue of its own, on top of A and B found as words.
 */
import type { Taxonomy } from '../model.js';

export interface CueRole {
  topic: string;
  strong: boolean;
}

export interface CueIndex {
  /** First character → terms starting with it, longest first. */
  byFirst: Map<string, { term: string; roles: CueRole[] }[]>;
  /** Sentence patterns "A…B": A followed by B in one sentence. */
  patterns: { term: string; parts: [string, string]; roles: CueRole[] }[];
}

/** Separates the two words of a sentence-pattern cue (不能出席…请假). */
export const PATTERN_GAP = '…';

export interface CueHit {
  term: string;
  start: number;
  end: number;
  roles: CueRole[];
  /** Weight from position (subject boost, modifier, item); list dilution is applied per topic, see listShare. */
  weight: number;
  /** True inside an enumerated item. */
  inItem: boolean;
  /** Index of the enumeration group the hit belongs to (hits not in a list have their own group). */
  group: number;
  /** For a sentence pattern (A…B): the ranges [start, end) of A and of B; else absent. */
  parts?: [number, number][];
}

/** Position weights of a hit (src/classify/index.ts passes the classifier's options). */
export interface HitWeights {
  subjectBoost: number;
  modifierWeight: number;
  itemWeight: number;
}

export const DEFAULT_HIT_WEIGHTS: HitWeights = { subjectBoost: 1.5, modifierWeight: 0.5, itemWeight: 0.5 };
/** A hit this close (in characters) to the start of its clause stands in subject position. */
const SUBJECT_WINDOW = 6;
/** What may stand between two items of one enumeration: a list separator and a short qualifier (区政府, 区长 …). */
const LIST_GAP = /^(?:[、和及与或]|或者|以及)[\u4e00-\u9fa5]{0,8}$/u;
/** Between a modifier and its head noun: 的 or a short verb + 的 (讨论的, 审议通过的), or the 等 that closes an enumeration ("A、B等重大决策"). */
const MODIFIER_GAP = /^(?:[\u4e00-\u9fa5]{0,4}的|等|等等)$/u;
/**
 * Between the subject of a clause and a procedure it must go through: a modal and a verb of procedure
 * ("重大行政决策应当进行合法性审查", "规范性文件须经合法性审查"). The clause is about the procedure; its subject is
 * what the procedure applies to, and counts as a modifier.
 */
const PROCEDURE_GAP = /^(?:应当|应|须|必须|需|均应|均须|一律)(?:进行|经过|经|开展)$/u;
const CLAUSE_END = /[。；;！!？?\n：:]/u;
/** Where a sentence pattern (A…B) must hold both its words: one sentence. */
const SENTENCE_END = /[。；;！!？?\n]/u;
/** People a cue may qualify (全体会议组成人员, 常务会议的组成人员, 会议的参会人员): the clause is about them. */
const PEOPLE_HEAD = /^的?(?:全体)?(?:组成人员|参会人员|与会人员|出席人员|列席人员|参加人员|成员)/u;

export function buildCueIndex(taxonomy: Taxonomy): CueIndex {
  const terms = new Map<string, CueRole[]>();
  const add = (term: string, role: CueRole) => {
    const roles = terms.get(term) ?? [];
    if (!roles.some((r) => r.topic === role.topic)) roles.push(role);
    else if (role.strong) roles.find((r) => r.topic === role.topic)!.strong = true;
    terms.set(term, roles);
  };
  for (const t of taxonomy.topics) {
    for (const c of t.cues) add(c, { topic: t.id, strong: true });
    for (const c of t.weakCues) add(c, { topic: t.id, strong: false });
  }
  const byFirst = new Map<string, { term: string; roles: CueRole[] }[]>();
  const patterns: CueIndex['patterns'] = [];
  for (const [term, roles] of terms) {
    const parts = term.split(PATTERN_GAP);
    if (parts.length === 2 && parts[0] && parts[1]) {
      patterns.push({ term, parts: [parts[0], parts[1]], roles });
      continue;
    }
    const k = term[0]!;
    const list = byFirst.get(k) ?? [];
    list.push({ term, roles });
    byFirst.set(k, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.term.length - a.term.length || (a.term < b.term ? -1 : 1));
  patterns.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return { byFirst, patterns };
}

function matchAt(text: string, i: number, index: CueIndex): { term: string; roles: CueRole[] } | undefined {
  return index.byFirst.get(text[i]!)?.find((c) => text.startsWith(c.term, i));
}

/** True when a cue longer than `length` begins inside the match at `i` (after its first character). */
function overtaken(text: string, i: number, length: number, index: CueIndex): boolean {
  for (let j = i + 1; j < i + length; j++) if ((matchAt(text, j, index)?.term.length ?? 0) > length) return true;
  return false;
}

/** Character ranges [start, end) of enumerated items, whose hits count itemWeight. */
export type ItemRanges = [number, number][];

/** All cue hits of a text, leftmost-longest, with position weights and enumeration groups. */
export function findCues(text: string, index: CueIndex, items: ItemRanges = [], w: HitWeights = DEFAULT_HIT_WEIGHTS): CueHit[] {
  const hits: CueHit[] = [];
  let clauseStart = 0;
  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    if (CLAUSE_END.test(ch)) {
      clauseStart = i + 1;
      i++;
      continue;
    }
    const match = matchAt(text, i, index);
    // A longer cue that begins inside this one wins (控制发文数量: 发文数量, not 制发).
    if (!match || overtaken(text, i, match.term.length, index)) {
      i++;
      continue;
    }
    const inItem = items.some(([s, e]) => i >= s && i < e);
    const weight = (i - clauseStart <= SUBJECT_WINDOW ? w.subjectBoost : 1) * (inItem ? w.itemWeight : 1);
    hits.push({ term: match.term, start: i, end: i + match.term.length, roles: match.roles, weight, inItem, group: hits.length });
    i += match.term.length;
  }
  // A strong hit directly followed by another topic's strong hit is a prefix modifier (接诉即办联席会议,
  // 常务会议纪要): it counts modifierWeight and stands outside any enumeration.
  const strong = (h: CueHit) => h.roles.some((r) => r.strong);
  const sameTopic = (a: CueHit, b: CueHit) => a.roles.some((r) => b.roles.some((q) => q.topic === r.topic));
  const prefix = hits.map((h, k) => {
    const next = hits[k + 1];
    return !!next && next.start === h.end && strong(h) && strong(next) && !sameTopic(h, next);
  });
  hits.forEach((h, k) => prefix[k] && (h.weight = Math.min(h.weight, 1) * w.modifierWeight));
  // Enumerations: consecutive hits separated only by a list separator and a short qualifier.
  let last = -1;
  for (let k = 0; k < hits.length; k++) {
    if (prefix[k]) continue;
    if (last >= 0) {
      const gap = text.slice(hits[last]!.end, hits[k]!.start);
      if (LIST_GAP.test(gap)) hits[k]!.group = hits[last]!.group;
    }
    last = k;
  }
  // Modifiers through 的: "全体会议、常务会议的纪要", "常务会议讨论的议题" — the enumeration modifies the head
  // noun, unless the head is a word of the same topic ("全体会议的主要任务").
  const modifierGroups = new Set<number>();
  for (let k = 0; k + 1 < hits.length; k++) {
    const h = hits[k]!;
    const next = hits[k + 1]!;
    if (prefix[k] || next.group === h.group || !strong(h) || sameTopic(h, next)) continue;
    const gap = text.slice(h.end, next.start);
    if (gap === '' || !(MODIFIER_GAP.test(gap) || PROCEDURE_GAP.test(gap))) continue;
    modifierGroups.add(h.group);
  }
  // Cues that qualify people ("全体会议和常务会议的组成人员不能出席会议的"): the whole enumeration is a modifier.
  hits.forEach((h, k) => !prefix[k] && strong(h) && PEOPLE_HEAD.test(text.slice(h.end, h.end + 8)) && modifierGroups.add(h.group));
  hits.forEach((g, k) => !prefix[k] && modifierGroups.has(g.group) && (g.weight = Math.min(g.weight, 1) * w.modifierWeight));
  // Sentence patterns (A…B), each found once per sentence, in a group of its own.
  if (index.patterns.length) {
    let group = hits.length;
    for (let s = 0; s < text.length; ) {
      let e = s;
      while (e < text.length && !SENTENCE_END.test(text[e]!)) e++;
      const sentence = text.slice(s, e);
      for (const p of index.patterns) {
        const a = sentence.indexOf(p.parts[0]);
        if (a < 0) continue;
        const b = sentence.indexOf(p.parts[1], a + p.parts[0].length);
        if (b < 0) continue;
        const start = s + a;
        const inItem = items.some(([x, y]) => start >= x && start < y);
        hits.push({
          term: p.term,
          start,
          end: s + b + p.parts[1].length,
          roles: p.roles,
          weight: inItem ? w.itemWeight : 1,
          inItem,
          group: group++,
          parts: [[start, start + p.parts[0].length], [s + b, s + b + p.parts[1].length]],
        });
      }
      s = e + 1;
    }
  }
  return hits;
}

/** Share of an enumeration group that speaks of `topic`: 1 outside lists, 1/3 for one meeting type of three. */
export function listShare(hits: CueHit[], hit: CueHit, topic: string): number {
  let size = 0;
  let own = 0;
  for (const h of hits) {
    if (h.group !== hit.group) continue;
    size++;
    if (h.roles.some((r) => r.topic === topic)) own++;
  }
  return size <= 1 ? 1 : own / size;
}
