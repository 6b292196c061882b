/**
 * The genre's synonyms (data/synonyms.json, and everyday ↔ official words in data/synonyms-everyday.json): where a query has a word of a group, the group's other words are
 * alternatives of it — found as well as the typed word, never instead of it, and ranked below it (search.ts).
 * Words are found in the query's text, not in its jieba units, so a word jieba cuts apart (来|不了) is found too.
 * Pure.
 */
import data from '../../data/synonyms.json' with { type: 'json' };
import stop from '../../data/stopwords.json' with { type: 'json' };
import everyday from '../../data/synonyms-everyday.json' with { type: 'json' };
import type { SearchAlternative } from '../model.js';
import { normalise } from '../tokenize/index.js';
import { numeralAlternatives, type AlternativeSpan, type AlternativesOf } from './terms.js';

interface Group {
  words: string[];
  source: string;
}

const GROUPS: Group[] = [...(data.groups as Group[]), ...(everyday.groups as Group[])].map((g) => ({ words: [...new Set(g.words.map(normalise))], source: g.source }));
/** Each word → the groups it is in. */
const BY_WORD = new Map<string, Group[]>();
for (const g of GROUPS) for (const w of g.words) BY_WORD.set(w, [...(BY_WORD.get(w) ?? []), g]);
const LONGEST = Math.max(0, ...[...BY_WORD.keys()].map((w) => w.length));

/**
 * The stretches of a text that are words of a vocabulary (`has`, words of at most `longest` characters),
 * leftmost-longest, not overlapping. With `boundaries` (where the text's units start and end), only stretches from
 * one to another.
 */
function wordsOf(text: string, has: (word: string) => boolean, longest: number, boundaries?: Set<number>): { start: number; end: number; word: string }[] {
  const out: { start: number; end: number; word: string }[] = [];
  const at = (i: number) => !boundaries || boundaries.has(i);
  for (let i = 0; i < text.length; ) {
    let found = 0;
    if (at(i)) for (let n = Math.min(longest, text.length - i); n >= 1 && !found; n--) if (at(i + n) && has(text.slice(i, i + n))) found = n;
    if (!found) {
      i++;
      continue;
    }
    out.push({ start: i, end: i + found, word: text.slice(i, i + found) });
    i += found;
  }
  return out;
}

/** Stretches of a (normalised) text that are a word of a group (wordsOf), with the group's other words. */
export function synonymSpans(text: string, boundaries?: Set<number>): AlternativeSpan[] {
  return wordsOf(text, (w) => BY_WORD.has(w), LONGEST, boundaries).map(({ start, end, word }) => {
    const alternatives: SearchAlternative[] = [];
    const seen = new Set([word]);
    for (const g of BY_WORD.get(word)!) for (const w of g.words) if (!seen.has(w)) seen.add(w), alternatives.push({ text: w, kind: 'synonym', source: g.source });
    return { start, end, alternatives };
  });
}

// ---------------------------------------------------------------- the same post at another level

const { patterns: LEVEL_PATTERNS, ranks: RANKS, heads: HEADS } = stop.levelCompounds as unknown as { patterns: string[]; ranks: Record<string, number | string>; heads: { words: string[]; pattern: string }[] };
/** Everyday names of a government's posts (一把手, 副职领导) → the post's pattern at every level ({L}长, 副{L}长). */
const HEAD_WORDS = new Map(HEADS.flatMap((h) => h.words.map((w) => [normalise(w), h.pattern] as const)));
const LONGEST_HEAD = Math.max(0, ...[...HEAD_WORDS.keys()].map((w) => w.length));
const LEVEL_RANK = new Map(Object.entries(RANKS).filter((e): e is [string, number] => typeof e[1] === 'number'));
/** The patterns of a government's head and deputies (区长, 副区长, 常务副区长): looked for at every level. */
const HEAD_POST_RE = /^(?:常务)?副?\{L\}长$/u;
const LEVEL_SOURCE = 'the same post or body at each document\'s own level (data/stopwords.json levelCompounds: 县长 in a county\'s rules, 区长 in a district\'s)';
/** Each level word (副县长, 县政府, 全县 …) → its pattern and level character. */
const LEVEL_WORDS = new Map<string, { pattern: string; level: string }>();
for (const pattern of LEVEL_PATTERNS) for (const level of LEVEL_RANK.keys()) LEVEL_WORDS.set(pattern.replaceAll('{L}', level), { pattern, level });
const LONGEST_LEVEL = Math.max(0, ...[...LEVEL_WORDS.keys()].map((w) => w.length));

/**
 * The longer posts and bodies of the same level that hold a level word (区长 → 副区长, 常务副区长, 区长办公会议 …;
 * 区委 → 区委书记): an occurrence of 区长 inside 副区长 is the deputy's post, not the head's. Empty for other words.
 */
export function longerPosts(word: string): string[] {
  const w = LEVEL_WORDS.get(word);
  if (!w) return [];
  return [...LEVEL_WORDS.entries()].filter(([x, v]) => v.level === w.level && x !== word && x.includes(word)).map(([x]) => x);
}

/** The level character of a jurisdiction's name (某某区 → 区, 某某市 → 市, 某某自治州 → 州), or null. */
export function levelOfName(name: string | null | undefined): string | null {
  const last = name?.slice(-1);
  return last && LEVEL_RANK.has(last) ? last : null;
}

/**
 * Stretches of a (normalised) text that name a post or body of a level (副县长, 县政府, 全县), with the same word at
 * each other level it may stand for — for a head's or deputy's post every level (市长 → 县长, 区长, 州长, 省长 …: the
 * blind query sets' questions ask each document about its own head in one level's word, 省长不在的时候谁主持工作; the
 * word as typed still ranks first where a document has it, its superior's post), for a body or its leaders a level not
 * below the typed one (市政府 → 州政府, 省政府, not 区政府: in a district's rules 市政府 is the city's) — each looked for
 * only in the documents of that level (SearchAlternative.level).
 */
export function levelSpans(text: string, boundaries?: Set<number>): AlternativeSpan[] {
  return wordsOf(text, (w) => LEVEL_WORDS.has(w), LONGEST_LEVEL, boundaries).map(({ start, end, word }) => {
    const { pattern, level: typed } = LEVEL_WORDS.get(word)!;
    const rank = LEVEL_RANK.get(typed)!;
    // A head's or deputy's post stands for the same post at every level (省长不在的时候谁主持工作 asks each document
    // about its own head); a body or its leaders (市政府, 市领导) only at levels not below the typed one.
    const post = HEAD_POST_RE.test(pattern);
    return { start, end, alternatives: atLevelsOf(pattern, (level, r) => level !== typed && (post || r >= rank)) };
  });
}

const atLevelsOf = (pattern: string, keep: (level: string, rank: number) => boolean): SearchAlternative[] =>
  [...LEVEL_RANK].filter(([level, r]) => keep(level, r)).map(([level]) => ({ text: pattern.replaceAll('{L}', level), kind: 'synonym' as const, source: LEVEL_SOURCE, level }));

/** Stretches of a text that name a government's head or deputies (一把手, 副职领导): the post at every level (区长, 副县长 …). */
function headSpans(text: string, boundaries?: Set<number>): AlternativeSpan[] {
  return wordsOf(text, (w) => HEAD_WORDS.has(w), LONGEST_HEAD, boundaries).map(({ start, end, word }) => ({ start, end, alternatives: atLevelsOf(HEAD_WORDS.get(word)!, () => true) }));
}

/**
 * Synonyms; where none stands, the same post at those of `levels` (the levels the searched documents have) it may
 * stand for; and other spellings of numbers where neither does.
 */
export function alternativesAt(levels: ReadonlySet<string>): AlternativesOf {
  return (text, boundaries) => {
    const held = (l: AlternativeSpan) => ({ ...l, alternatives: l.alternatives.filter((a) => levels.has(a.level!)) });
    const overlaps = (a: AlternativeSpan, xs: AlternativeSpan[]) => xs.some((s) => s.start < a.end && a.start < s.end);
    // A head's name keeps its synonyms (a department's 主要负责人) and gains the head's post at each level.
    const heads = headSpans(text, boundaries).map(held).filter((h) => h.alternatives.length);
    const syn = synonymSpans(text, boundaries).map((s) => {
      const h = heads.find((x) => x.start === s.start && x.end === s.end);
      return h ? { ...s, alternatives: [...s.alternatives, ...h.alternatives] } : s;
    });
    syn.push(...heads.filter((h) => !overlaps(h, syn)));
    const lvl = levelSpans(text, boundaries)
      .map(held)
      .filter((l) => l.alternatives.length && !overlaps(l, syn));
    const num = numeralAlternatives(text, boundaries).filter((n) => !overlaps(n, syn) && !overlaps(n, lvl));
    return [...syn, ...lvl, ...num].sort((a, b) => a.start - b.start);
  };
}

/** Synonyms and other spellings of numbers (no level: for a query read without its documents). */
export const queryAlternatives: AlternativesOf = alternativesAt(new Set());

/** The groups, for listing and tests. */
export function synonymGroups(): readonly Group[] {
  return GROUPS;
}
