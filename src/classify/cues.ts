/**
 * Finding cue terms in a text: leftmost-longest matching of every cue of the taxonomy, so
 * that 区长办公会议 is one hit (not 区长 + 办公会议) and 常务副区长 is not 常务会.
 * Each hit is weighted by where it stands:
 *  - at the head of a clause (the grammatical subject of most articles of this genre:
 *    "区政府常务会议由……组成") it counts subjectBoost times;
 *  - inside an enumeration ("全体会议、常务会议、区长办公会议") a topic only gets the share
 *    of the list its own cues make up: a list of meeting types is a passing mention of each;
 *  - a modifier counts modifierWeight: in "常务会议的纪要", "常务会议纪要" or "常务会议讨论的议题"
 *    the head noun (纪要, 议题) is what the clause is about;
 *  - inside an enumerated item (（一）…) it counts itemWeight, and only for topics the article's own
 *    sentences speak of (see the classifier): items list the contents of what the lead-in sentence
 *    names (the tasks of a meeting are not the subject of the article).
 */
import type { Taxonomy } from '../model.js';

export interface CueRole {
  topic: string;
  strong: boolean;
}

export interface CueIndex {
  /** First character → terms starting with it, longest first. */
  byFirst: Map<string, { term: string; roles: CueRole[] }[]>;
}

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
const CLAUSE_END = /[。；;！!？?\n：:]/u;

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
  for (const [term, roles] of terms) {
    const k = term[0]!;
    const list = byFirst.get(k) ?? [];
    list.push({ term, roles });
    byFirst.set(k, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.term.length - a.term.length || (a.term < b.term ? -1 : 1));
  return { byFirst };
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
    const match = index.byFirst.get(ch)?.find((c) => text.startsWith(c.term, i));
    if (!match) {
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
  for (let k = 0; k + 1 < hits.length; k++) {
    const h = hits[k]!;
    const next = hits[k + 1]!;
    if (prefix[k] || next.group === h.group || !strong(h) || sameTopic(h, next)) continue;
    const gap = text.slice(h.end, next.start);
    if (gap === '' || !MODIFIER_GAP.test(gap)) continue;
    for (const g of hits) if (g.group === h.group) g.weight = Math.min(g.weight, 1) * w.modifierWeight;
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
