/**
 * What the search index and the query are cut into, by one function each so that index
 * and query always agree: units (jieba words with numbers and amounts kept whole) and
 * character grams (for the bigram candidate index); and how a query becomes parts and
 * terms: question and function words left out (data/query-words.json), other spellings of
 * numbers and the genre's synonyms as alternatives (numerals.ts, synonyms.ts).
 */
import vocab from '../../data/query-words.json' with { type: 'json' };
import type { SearchAlternative, SearchQueryPart, SearchTerm } from '../model.js';
import { isWordless, normalise, type Tokenizer } from '../tokenize/index.js';
import { canonicalNumerals, numeralSpans } from './numerals.js';
import { alternation } from '../text/regexp.js';

/**
 * A number as written with its unit, on normalised text: 1000万元, 5个工作日, 24小时, 30日,
 * 5000字, 1.5亿元, 50%. jieba cuts these apart (5|个|工作日, and 工作|日报 in 5个工作日报至);
 * kept whole they are searchable as written.
 */
const AMOUNT = /(?<![a-z\d.])\d+(?:\.\d+)?(?:%|万元|亿元|元|万|亿|个工作日|工作日|个月|小时|分钟|日|天|周|年|次|人|名|字|页|篇|倍|项|个)?/g;

/** Units of a normalised text, in order: amounts whole, everything else as jieba cuts it, punctuation dropped. */
export function units(text: string, tokenizer: Tokenizer): string[] {
  return pieces(text, tokenizer).map((p) => p.unit);
}

interface Piece {
  unit: string;
  /** Where the unit stands in the text. */
  start: number;
  /** For an amount: jieba's pieces of it (1000, 万元), indexed too so that 万元 alone finds it. */
  parts?: string[];
}

function pieces(text: string, tokenizer: Tokenizer): Piece[] {
  const out: Piece[] = [];
  const words = (from: number, to: number) => {
    let at = from;
    for (const w of tokenizer.cut(text.slice(from, to))) {
      if (!isWordless(w)) out.push({ unit: w, start: at });
      at += w.length;
    }
  };
  let last = 0;
  for (const m of text.matchAll(AMOUNT)) {
    words(last, m.index);
    const parts = tokenizer.cut(m[0]).filter((w) => !isWordless(w));
    out.push(parts.length > 1 ? { unit: m[0], start: m.index, parts } : { unit: m[0], start: m.index });
    last = m.index + m[0].length;
  }
  words(last, text.length);
  return out;
}

/**
 * Terms indexed for a normalised text: its units, the jieba pieces of each amount beside the amount, and each
 * number written in Chinese numerals also in Arabic digits (一次 → 1次: numerals.ts), so that either spelling
 * finds it as a word.
 */
export function indexTerms(text: string, tokenizer: Tokenizer): string[] {
  const out: string[] = [];
  for (const p of pieces(text, tokenizer)) {
    out.push(p.unit);
    if (p.parts) out.push(...p.parts);
  }
  for (const n of numeralSpans(text)) if (n.canonical !== n.text) out.push(...units(canonicalNumerals(n.text), tokenizer));
  return out;
}

/** Runs of characters that are not spaces, punctuation or symbols. */
const RUN = /[^\s\p{P}\p{S}]+/gu;

export function runs(text: string): string[] {
  return text.match(RUN) ?? [];
}

/**
 * Grams of a normalised text for the bigram candidate index: every bigram of each run,
 * plus the run's last character alone (so a one-character query is found by prefix
 * search on the grams, wherever the character stands in its run).
 */
export function grams(text: string): string[] {
  const out: string[] = [];
  for (const run of runs(text)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    out.push(chars[chars.length - 1]!);
  }
  return out;
}

const QUOTED = /"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|『([^』]*)』?/g;

/** Question and function words (data/query-words.json): left out of unquoted parts. */
const DROPPED = new Set([...vocab.questionWords, ...vocab.functionWords]);
/** Whether a word is a question or function word (left out of unquoted parts). */
export const isDroppedWord = (w: string): boolean => DROPPED.has(w);
const QUESTION = new Set(vocab.questionWords);
/** Hedges, left out before a question word (data/query-words.json). */
const HEDGES = new Set(vocab.hedgeWords);
/** How-often question words, and the count they frame (多久开一次: data/query-words.json). */
const FREQUENCY_QUESTION = new Set(vocab.frequencyQuestion);
/** Question words and the words their answer states (data/query-words.json answerWords). */
const ANSWERS = vocab.answerWords as { asks: string[]; states: string[]; notWithOnce?: boolean }[];
const ANSWER_SOURCE = 'what the question word asks for (data/query-words.json answerWords)';
const ONCE = new Set(vocab.onceWords);

/** A stretch of a part's text with other ways of writing it. */
export interface AlternativeSpan {
  start: number;
  end: number;
  alternatives: SearchAlternative[];
}

/**
 * Where a text may be written otherwise: its numbers (other spellings) and, when given, the genre's synonyms.
 * `boundaries` are where the text's units start and end: a synonym is a whole word or run of words (会议 in 常务会议
 * is none), a number may sit inside a word (一次 in 一次性).
 */
export type AlternativesOf = (text: string, boundaries: Set<number>) => AlternativeSpan[];

export const numeralAlternatives: AlternativesOf = (text) =>
  numeralSpans(text).map((n) => ({ start: n.start, end: n.end, alternatives: n.spellings.filter((x) => x !== n.text).map((x) => ({ text: x, kind: 'numeral' as const })) }));

export interface ParseOptions {
  /** Stretches with alternatives (default: numbers only). */
  alternatives?: AlternativesOf;
  /** Leave out question and function words (default true). */
  dropFunctionWords?: boolean;
}

/**
 * The terms of an unquoted part: one per unit, except that the units a stretch with alternatives overlaps
 * become one term carrying them (the alternative written over the same stretch of the term's text).
 */
function termsOf(text: string, tokenizer: Tokenizer, alternativesOf: AlternativesOf): SearchTerm[] {
  const ps = pieces(text, tokenizer);
  const boundaries = new Set(ps.flatMap((p) => [p.start, p.start + p.unit.length]));
  const spans = alternativesOf(text, boundaries).filter((s) => s.alternatives.length);
  const terms: SearchTerm[] = [];
  for (let i = 0; i < ps.length; ) {
    const p = ps[i]!;
    const end = (q: Piece) => q.start + q.unit.length;
    const span = spans.find((s) => s.start < end(p) && p.start < s.end);
    if (!span) {
      terms.push({ text: p.unit, units: [p.unit], alternatives: [] });
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < ps.length && ps[j + 1]!.start < span.end) j++;
    const from = Math.min(p.start, span.start);
    const to = Math.max(end(ps[j]!), span.end);
    const termText = text.slice(from, to);
    const alternatives = span.alternatives.map((a) => ({ ...a, text: text.slice(from, span.start) + a.text + text.slice(span.end, to) }));
    terms.push({ text: termText, units: dedupe(ps.slice(i, j + 1).map((q) => q.unit)), alternatives: dedupeAlternatives(alternatives, termText) });
    i = j + 1;
  }
  return terms;
}

/**
 * A question asked by a verb and its negation (正反问句: 能不能, 会不会, 要不要, 是不是, 有没有; 可不可以, 需不需要;
 * 需要不需要 — 朱德熙《语法讲义》§15.4): the verb is what the question is about, once, as if typed alone. jieba cuts
 * 能不能 into 能 | 不能, and 不能 (a prohibition: 不能参加) then had to stand in the article.
 */
const A_NOT_A = /(\p{Script=Han}{1,2})[不没]\1|(\p{Script=Han})不(\2\p{Script=Han})/gu;

/**
 * A word's optional part in brackets, as the genre writes "X or X-and-Y" (出国（境）, 乡（镇）, 区（县）): one or two
 * characters in brackets right after a character. The word is searched without it (因公出国 finds 因公出国（境） and
 * 因公出国 alike); the bracket was a term every article had to hold (境).
 */
const OPTIONAL_PART = /(?<=\p{Script=Han})\((\p{Script=Han}{1,2})\)/gu;

/**
 * The terms of a (normalised) text as a question means them: each verb-not-verb question replaced by its verb's terms,
 * each optional bracketed part left out.
 */
function questionTerms(text: string, termsOf: (text: string) => SearchTerm[]): SearchTerm[] {
  const out: SearchTerm[] = [];
  let last = 0;
  const marks = [...text.matchAll(A_NOT_A), ...text.matchAll(OPTIONAL_PART)].sort((a, b) => a.index - b.index);
  for (const m of marks) {
    if (m.index < last) continue;
    out.push(...wordsAround(text.slice(last, m.index), termsOf));
    if (!m[0].startsWith('(')) out.push(...termsOf(m[1] ?? m[3]!)); // an optional part: nothing
    last = m.index + m[0].length;
  }
  out.push(...wordsAround(text.slice(last), termsOf));
  return out;
}

/** Question words of two characters or more, longest first (data/query-words.json questionWords). */
const LONG_QUESTION = [...QUESTION].filter((w) => [...w].length >= 2);
const LONG_QUESTION_RE = new RegExp(alternation(LONG_QUESTION), 'gu');

/**
 * The terms of a stretch of a question with its question words of two characters or more kept whole, each a term of
 * its own, and the words between them cut apart from them: jieba cuts 要到多少人才能开 as 多少 | 人才 | 能, and 人才
 * (talent) was then a word the article had to hold; cut around 多少人 it is 要到 | 多少人 | 才能 | 开.
 */
function wordsAround(text: string, termsOf: (text: string) => SearchTerm[]): SearchTerm[] {
  if (!LONG_QUESTION.length) return termsOf(text);
  const all = [...text.matchAll(LONG_QUESTION_RE)];
  if (!all.length || (all.length === 1 && all[0]![0] === text)) return termsOf(text); // nothing but the question word: as typed
  const out: SearchTerm[] = [];
  let last = 0;
  for (const m of all) {
    out.push(...termsOf(text.slice(last, m.index)));
    out.push({ text: m[0], units: [m[0]], alternatives: [] });
    last = m.index + m[0].length;
  }
  out.push(...termsOf(text.slice(last)));
  return out;
}

function dedupeAlternatives(xs: SearchAlternative[], typed: string): SearchAlternative[] {
  const seen = new Set([typed]);
  return xs.filter((x) => !seen.has(x.text) && (seen.add(x.text), true));
}

/**
 * Split a query into parts: quoted phrases ("…", “…”, 「…」, 『…』; an unclosed quote runs
 * to the end) and the space-separated words around them. An unquoted part — a word or a
 * sentence — is cut into terms; question and function words (谁, 多久, 要, 由 …) are left out
 * unless nothing else is left in the whole query. Parts with no word in them (only
 * punctuation) are dropped; an empty result means an empty query.
 */
export function parseQuery(query: string, tokenizer: Tokenizer, opts: ParseOptions = {}): SearchQueryPart[] {
  const alternativesOf = opts.alternatives ?? numeralAlternatives;
  const raw: SearchQueryPart[] = [];
  const addWords = (s: string) => {
    for (const r of s.split(/[\s\u3000]+/)) {
      const text = positiveOf(normalise(r));
      const terms = questionTerms(text, (t) => termsOf(t, tokenizer, alternativesOf));
      if (terms.length) raw.push({ kind: 'words', raw: r, text, units: [], terms, dropped: [] });
    }
  };
  let last = 0;
  for (const m of query.matchAll(QUOTED)) {
    addWords(query.slice(last, m.index));
    const r = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
    const text = normalise(r);
    const u = dedupe(units(text, tokenizer));
    if (u.length) raw.push({ kind: 'phrase', raw: r, text, units: u, terms: [{ text, units: [text], alternatives: [] }], dropped: [] });
    last = m.index + m[0].length;
  }
  addWords(query.slice(last));

  const single = (t: SearchTerm | undefined) => (t && !t.alternatives.length && t.units.length === 1 ? t.units[0]! : undefined);
  const droppable = (t: SearchTerm) => DROPPED.has(single(t) ?? '');
  // A hedge (主要, 一般 …) next to a question word, function words between: before it (主要有哪些, 一般要多久) or after
  // it (有哪些主要职能: which functions, not an article that says 主要).
  const hedge = (ts: SearchTerm[], i: number) => {
    if (!HEDGES.has(single(ts[i]) ?? '')) return false;
    for (const step of [1, -1]) {
      for (let j = i + step; j >= 0 && j < ts.length; j += step) {
        const u = single(ts[j]);
        if (u === undefined || !DROPPED.has(u)) break;
        if (QUESTION.has(u)) return true;
      }
    }
    return false;
  };
  // 一次 after a how-often question word (多久开一次): the question's frame, not a count the article states.
  const once = (ts: SearchTerm[], i: number) => ONCE.has(ts[i]!.text) && ts.slice(0, i).some((t) => FREQUENCY_QUESTION.has(single(t) ?? ''));
  const dropAt = (ts: SearchTerm[], i: number) => droppable(ts[i]!) || hedge(ts, i) || once(ts, i);
  const drop = (opts.dropFunctionWords ?? true) && raw.some((p) => p.kind === 'phrase' || p.terms.some((t, i) => !dropAt(p.terms, i)));
  const parts: SearchQueryPart[] = [];
  for (const p of raw) {
    if (p.kind === 'phrase') {
      parts.push(p);
      continue;
    }
    const kept = drop ? p.terms.filter((t, i) => !dropAt(p.terms, i)) : p.terms;
    if (!kept.length) continue; // a part of question words only (向谁): nothing to find
    const dropped = drop ? dedupe(p.terms.filter((t, i) => dropAt(p.terms, i)).flatMap((t) => t.units)) : [];
    // What a question word asks for, as words the answer states (花多少钱 → 万元): an optional term of its own.
    const framed = p.terms.some((t, i) => once(p.terms, i));
    for (const a of ANSWERS) {
      if (!dropped.length || !a.asks.some((w) => p.text.includes(w)) || (a.notWithOnce && framed) || kept.some((t) => a.states.includes(t.text))) continue;
      const [first, ...rest] = a.states;
      kept.push({ text: first!, units: [first!], alternatives: rest.map((x) => ({ text: x, kind: 'synonym' as const, source: ANSWER_SOURCE })), answer: true });
    }
    parts.push({ ...p, terms: kept, units: dedupe(kept.filter((t) => !t.answer).flatMap((t) => t.units)), dropped });
  }
  return parts;
}


/**
 * A yes-no question asked by repeating a word's first character with 不 (合不合法, 满不满意, 符不符合) stands for the
 * word (合法, 满意, 符合): the article says 合法性审查, never 合不合法. Not where the repetition is a question word itself
 * (要不要, 能不能: data/query-words.json), which is left out as such. The same length is not kept: the query's text,
 * not a document's, so no span moves.
 */
export function positiveOf(text: string): string {
  return text.replace(/(\p{Script=Han})不(?=\1\p{Script=Han})/gu, (m, a: string) => (DROPPED.has(`${a}不${a}`) ? m : ''));
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}
