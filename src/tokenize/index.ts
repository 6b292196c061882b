/**
 * Chinese word segmentation for this genre: jieba (default @node-rs/jieba, optionally
 * nodejieba) with the genre's user dictionary (data/user-dict.json). The same tokenizer
 * is used for indexing, querying, alignment and diffs.
 */
import { createRequire } from 'node:module';
import userDict from '../../data/user-dict.json' with { type: 'json' };
import { toHalfWidth } from '../text/numerals.js';

export type TokenizerEngine = 'node-rs' | 'nodejieba';

export interface Tokenizer {
  engine: TokenizerEngine;
  /** Every piece of the text, punctuation and spaces included: joining them gives the input back. */
  cut(text: string): string[];
}

const require = createRequire(import.meta.url);

/** The user dictionary in jieba's text format: "word frequency tag" per line. */
export function userDictText(): string {
  return (userDict.entries as [string, number, string][]).map(([w, f, t]) => `${w} ${f} ${t}`).join('\n') + '\n';
}

function nodeRs(): Tokenizer {
  const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(userDictText()));
  return { engine: 'node-rs', cut: (text) => (text.length ? jieba.cut(text, false) : []) };
}

function nodejieba(): Tokenizer {
  let lib: { load(o: object): void; cut(s: string, hmm?: boolean): string[]; insertWord(w: string, tag?: string): boolean };
  try {
    lib = require('nodejieba');
  } catch {
    throw new Error('tokenizer nodejieba is not installed (it is an optional dependency: npm install nodejieba)');
  }
  lib.load({});
  for (const [w, , t] of userDict.entries as [string, number, string][]) lib.insertWord(w, t);
  return { engine: 'nodejieba', cut: (text) => (text.length ? lib.cut(text, false) : []) };
}

const cache = new Map<TokenizerEngine, Tokenizer>();

/** The shared tokenizer (loaded once per process). Engine: argument, else RULECMP_TOKENIZER, else node-rs. */
export function getTokenizer(engine: TokenizerEngine = (process.env.RULECMP_TOKENIZER as TokenizerEngine) || 'node-rs'): Tokenizer {
  let t = cache.get(engine);
  if (!t) {
    if (engine !== 'node-rs' && engine !== 'nodejieba') throw new Error(`unknown tokenizer "${engine}" (use node-rs or nodejieba)`);
    t = engine === 'node-rs' ? nodeRs() : nodejieba();
    cache.set(engine, t);
  }
  return t;
}

const WORDLESS = /^[\s\u3000\p{P}\p{S}]+$/u;

/** Normalise before cutting: full-width digits and Latin to half width, Latin to lower case. */
export function normalise(text: string): string {
  return toHalfWidth(text).toLowerCase();
}

/** Words of a text for search and similarity: normalised, punctuation and spaces dropped. */
export function words(text: string, tokenizer: Tokenizer = getTokenizer()): string[] {
  return tokenizer.cut(normalise(text)).filter((w) => !WORDLESS.test(w));
}
