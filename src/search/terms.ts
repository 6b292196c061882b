/**
 * What the search index and the query are cut into, by one function each so that index
 * and query always agree: units (jieba words with numbers and amounts kept whole) and
 * character grams (for the bigram candidate index).
 */
import type { SearchQueryPart } from '../model.js';
import { isWordless, normalise, type Tokenizer } from '../tokenize/index.js';

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
  /** For an amount: jieba's pieces of it (1000, 万元), indexed too so that 万元 alone finds it. */
  parts?: string[];
}

function pieces(text: string, tokenizer: Tokenizer): Piece[] {
  const out: Piece[] = [];
  const words = (s: string) => tokenizer.cut(s).filter((w) => !isWordless(w));
  let last = 0;
  for (const m of text.matchAll(AMOUNT)) {
    for (const w of words(text.slice(last, m.index))) out.push({ unit: w });
    const parts = words(m[0]);
    out.push(parts.length > 1 ? { unit: m[0], parts } : { unit: m[0] });
    last = m.index + m[0].length;
  }
  for (const w of words(text.slice(last))) out.push({ unit: w });
  return out;
}

/** Terms indexed for a normalised text: its units, and the jieba pieces of each amount beside the amount. */
export function indexTerms(text: string, tokenizer: Tokenizer): string[] {
  const out: string[] = [];
  for (const p of pieces(text, tokenizer)) {
    out.push(p.unit);
    if (p.parts) out.push(...p.parts);
  }
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

/**
 * Split a query into parts: quoted phrases ("…", “…”, 「…」, 『…』; an unclosed quote runs
 * to the end) and the space-separated words around them. Parts with no word in them
 * (only punctuation) are dropped; an empty result means an empty query.
 */
export function parseQuery(query: string, tokenizer: Tokenizer): SearchQueryPart[] {
  const parts: SearchQueryPart[] = [];
  const addWords = (s: string) => {
    for (const raw of s.split(/[\s\u3000]+/)) {
      const text = normalise(raw);
      const u = dedupe(units(text, tokenizer));
      if (u.length) parts.push({ kind: 'words', raw, text, units: u });
    }
  };
  let last = 0;
  for (const m of query.matchAll(QUOTED)) {
    addWords(query.slice(last, m.index));
    const raw = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
    const text = normalise(raw);
    const u = dedupe(units(text, tokenizer));
    if (u.length) parts.push({ kind: 'phrase', raw, text, units: u });
    last = m.index + m[0].length;
  }
  addWords(query.slice(last));
  return parts;
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}
