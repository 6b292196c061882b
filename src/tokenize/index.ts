/**
 * Chinese word segmentation for this genre: jieba with the genre's user dictionary
 * (data/user-dict.json). The same tokenizer is used for indexing, querying, alignment
 * and diffs.
 *
 * Two engines run the same algorithm (jieba's DAG over a prefix dictionary, best route
 * by word frequency, no HMM) on the same dictionary format:
 * - 'node-rs' (@node-rs/jieba, the default): prebuilt binaries, loads in ~0.2 s;
 * - 'nodejieba' (optional dependency, cppjieba): loads in ~1–1.3 s, cuts 2–3× slower.
 * `npx tsx scripts/bench-tokenizers.ts` measures both and their agreement (docs/decisions/0001).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import userDict from '../../data/user-dict.json' with { type: 'json' };
import { toSimplified } from '../text/script.js';

export type TokenizerEngine = 'node-rs' | 'nodejieba';
export const TOKENIZER_ENGINES: readonly TokenizerEngine[] = ['node-rs', 'nodejieba'];

export interface Tokenizer {
  engine: TokenizerEngine;
  /** Every piece of the text, punctuation and spaces included: joining them gives the input back. */
  cut(text: string): string[];
  /**
   * Told that these texts are about to be cut (a review, of the peer articles it shows): a cutter built for a few
   * texts (querydict.ts charsetCutter with a prime) gets their words ready at once instead of falling back to a
   * larger dictionary. The cuts are the same with or without it.
   */
  expect?(texts: string[]): void;
}

/** A cutter as the setup hands it over: the function, and what it does when told of texts to come. */
export type Cutter = ((text: string) => string[]) & { expect?: (texts: string[]) => void };

const require = createRequire(import.meta.url);

type DictEntry = [word: string, frequency: number, tag: string];

/** The user dictionary in jieba's text format: "word frequency tag" per line. */
export function userDictText(): string {
  return (userDict.entries as DictEntry[]).map(([w, f, t]) => `${w} ${f} ${t}`).join('\n') + '\n';
}

/** Short hash of the user dictionary: anything built with the tokenizer records it. */
export function userDictHash(): string {
  return createHash('sha256').update(userDictText()).digest('hex').slice(0, 16);
}

/** jieba's whole dictionary with the user dictionary (100–200 ms to build). */
function fullNodeRs(): (text: string) => string[] {
  const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(userDictText()));
  return (text) => (text.length ? jieba.cut(text, false) : []);
}

function nodeRs(): Tokenizer {
  const cut: Cutter = setup.fullCutter?.(userDictText(), fullNodeRs) ?? fullNodeRs();
  return { engine: 'node-rs', cut, ...(cut.expect ? { expect: cut.expect } : {}) };
}

/**
 * What the edges tell the tokenizer (this module touches no files and no environment): the engine a
 * process uses by default (the CLI reads RULECMP_TOKENIZER), and, for cppjieba, which reads a user
 * dictionary only from a file (its insertWord takes no frequency, so words inserted that way cut
 * differently), where our dictionary is written (src/io/jieba.ts).
 */
export interface TokenizerSetup {
  engine?: TokenizerEngine;
  userDictFile?: () => string;
  /**
   * How short texts are cut without jieba's whole dictionary (src/io/querydict.ts: a sorted copy of the dictionary
   * in the user's cache, read a block at a time); without it, queries are cut with the full dictionary.
   */
  queryCutter?: (userDictText: string) => (text: string) => string[];
  /** Write what queryCutter reads, ahead of the first query (rulecmp build does). */
  prepareQueryCutter?: (userDictText: string) => void;
  /**
   * A cutter that cuts every text exactly as jieba's full dictionary does but starts faster, or null to use the full
   * dictionary (src/io/querydict.ts charsetCutter: a review starts from the peers' dictionary written by build);
   * `full` builds the full one, for the texts the faster one cannot cut.
   */
  fullCutter?: (userDictText: string, full: () => (text: string) => string[]) => Cutter | null;
}
const setup: TokenizerSetup = {};

export function configureTokenizer(s: TokenizerSetup): void {
  Object.assign(setup, s);
  if ('fullCutter' in s) cache.delete('node-rs'); // the next getTokenizer() starts from it
}

const ASCII_ALNUM = /^[A-Za-z0-9]$/;

/**
 * Without HMM, cppjieba returns runs of Latin letters and digits one character at a
 * time ('1','0','0','0'), where jieba (Python, Rust) joins them ('1000'). Join them the
 * same way so both engines agree.
 */
function joinAsciiRuns(pieces: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const p of pieces) {
    if (ASCII_ALNUM.test(p)) {
      run += p;
      continue;
    }
    if (run) out.push(run), (run = '');
    out.push(p);
  }
  if (run) out.push(run);
  return out;
}

function nodejieba(): Tokenizer {
  let lib: { load(o: { userDict?: string }): void; cut(s: string, hmm?: boolean): string[] };
  try {
    lib = require('nodejieba');
  } catch {
    throw new Error('tokenizer nodejieba is not installed (it is an optional dependency: npm install nodejieba)');
  }
  if (!setup.userDictFile) throw new Error('tokenizer nodejieba needs its user dictionary as a file: call configureTokenizer({ userDictFile }) (src/io/jieba.ts)');
  lib.load({ userDict: setup.userDictFile() });
  return { engine: 'nodejieba', cut: (text) => (text.length ? joinAsciiRuns(lib.cut(text, false)) : []) };
}

const cache = new Map<TokenizerEngine, Tokenizer>();

/**
 * Texts cut are remembered up to this many characters in all (then forgotten and counted afresh). 1 M, not 8 M: at 500
 * documents the larger memo held ~110 MB for the whole build and kept its peak above 1 GB, for no CPU saved
 * (64.7 s CPU and 1.01 GB at 8 M, 63.1 s and 0.96 GB at 1 M; docs/decisions/0070).
 */
export const CUT_MEMO_CHARS = 1_000_000;

/**
 * The same tokenizer, remembering what it cut: a build cuts the same article text for the search index, the
 * alignment, the side-by-side diffs and the review, and a diff's base text once per pair (docs/decisions/0070).
 * Texts shorter than 8 characters are cheaper to cut than to look up. Each call gets its own array.
 */
export function memoised(t: Tokenizer, maxChars = CUT_MEMO_CHARS): Tokenizer {
  let memo = new Map<string, string[]>();
  let chars = 0;
  return {
    engine: t.engine,
    ...(t.expect ? { expect: (texts: string[]) => t.expect!(texts.filter((x) => !memo.has(x))) } : {}),
    cut(text) {
      if (text.length < 8) return t.cut(text);
      let pieces = memo.get(text);
      if (!pieces) {
        pieces = t.cut(text);
        if ((chars += text.length) > maxChars) (memo = new Map()), (chars = text.length);
        memo.set(text, pieces);
      }
      return pieces.slice();
    },
  };
}

/** The shared tokenizer (loaded once per process). Engine: argument, else the configured one, else node-rs. */
/**
 * The engine itself, remembering nothing of what it cut: a new one each call (for measuring an engine's speed,
 * scripts/bench-tokenizers.ts — the memo of getTokenizer would answer a repeated text without cutting it).
 */
export function engineTokenizer(engine: TokenizerEngine): Tokenizer {
  if (!TOKENIZER_ENGINES.includes(engine)) return getTokenizer(engine); // says which engines exist
  return engine === 'node-rs' ? nodeRs() : nodejieba();
}

export function getTokenizer(engine: TokenizerEngine = setup.engine ?? 'node-rs'): Tokenizer {
  let t = cache.get(engine);
  if (!t) {
    if (!TOKENIZER_ENGINES.includes(engine)) throw new Error(`unknown tokenizer "${engine}" (use node-rs or nodejieba)`);
    t = memoised(engine === 'node-rs' ? nodeRs() : nodejieba());
    cache.set(engine, t);
  }
  return t;
}

const queryCache = new Map<TokenizerEngine, Tokenizer>();

/**
 * A tokenizer for short texts (search queries) that cuts exactly as getTokenizer(engine) does. For node-rs it
 * does not load jieba's full dictionary (~0.1–0.2 s): each text is cut with a dictionary of just the words it
 * contains (querydict.ts). Long texts are better cut by getTokenizer().
 */
export function getQueryTokenizer(engine: TokenizerEngine = setup.engine ?? 'node-rs'): Tokenizer {
  if (engine !== 'node-rs' || !setup.queryCutter) return getTokenizer(engine);
  let t = queryCache.get(engine);
  if (!t) queryCache.set(engine, (t = { engine, cut: setup.queryCutter(userDictText()) }));
  return t;
}

/** Write the sorted dictionary the query tokenizer reads to the cache now (rulecmp build does), so that the first search does not. */
export function prepareQueryTokenizer(): void {
  setup.prepareQueryCutter?.(userDictText());
}

const WORDLESS = /^[\s\u3000\p{P}\p{S}]+$/u;

/** True for a piece that is only spaces, punctuation or symbols. */
export function isWordless(piece: string): boolean {
  return WORDLESS.test(piece);
}

/**
 * Normalise before cutting: full-width ASCII forms (digits, Latin letters, punctuation,
 * U+FF01–FF5E) to half width, the ideographic space to a space, ASCII letters to lower
 * case, traditional characters to simplified (src/text/script.ts: 區政府常務會議 is read as
 * 区政府常务会议, so a query in either script finds a text in either, and a text in traditional
 * characters is cut, classified and aligned as its simplified reading). Character for character,
 * so offsets into the result are offsets into the input (a search hit found in the normalised
 * text is highlighted in the original).
 */
export function normalise(text: string): string {
  return toSimplified(halfWidth(text));
}

function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000A-Z]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x3000) return ' ';
    const half = code >= 0xff01 ? code - 0xfee0 : code;
    return String.fromCharCode(half >= 0x41 && half <= 0x5a ? half + 32 : half);
  });
}

/** Words of a text for search and similarity: normalised, punctuation and spaces dropped. */
export function words(text: string, tokenizer: Tokenizer = getTokenizer()): string[] {
  return tokenizer.cut(normalise(text)).filter((w) => !isWordless(w));
}
