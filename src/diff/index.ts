/**
 * Differences inside one aligned pair of texts (two articles, or two paragraphs), for
 * side-by-side display. Align first, then diff: a whole-document character diff of two
 * districts takes seconds and gives thousands of fragments; an aligned pair gives a handful.
 *
 * - Tokens: jieba words and punctuation (src/tokenize, the genre's user dictionary), so a
 *   change is shown as whole words (每周 → 每月), never half a word.
 * - Algorithm: jsdiff's diffArrays (Myers) over token keys, run on integer keys (./myers.ts: jsdiff's algorithm in
 *   WebAssembly, the same script — tests/diff/myers.test.ts holds it to jsdiff).
 *   Keys are normalised (full/half width, Chinese/ASCII punctuation, optionally the level
 *   word 区/县) so that ',' and '，' or 区长 and 县长 are not reported as differences.
 * - Item numbers ((一), 1、) are compared as equal: a list that gains an item renumbers the rest.
 * - Merging: an unchanged run shorter than `minEqual` characters between two changes is
 *   folded into them, so marks stay readable (docs/decisions/0020).
 * - Cut-off: below `cutoff` similarity the two texts are shown side by side without marks
 *   (docs/decisions/0021).
 * Pure: strings in, a TextDiff out.
 */
import { editScript } from './myers.js';
import { SHARE_WASM } from './share-wasm.js';
import { ensureMemory, wasmModule } from './wasm.js';
import { getTokenizer, type Tokenizer } from '../tokenize/index.js';

/** Defaults settled by measurement: docs/decisions/0020 (minEqual) and 0021 (cutoff). */
export const DEFAULT_MIN_EQUAL = 3;
export const DEFAULT_CUTOFF = 0.3;

export interface DiffPart {
  text: string;
  /** True when this part differs from the other side (deleted on the left, inserted on the right). */
  changed: boolean;
}

export interface TextDiff {
  /** Share of the two texts that is common: 2·common / (|a| + |b|), in characters, before merging. */
  similarity: number;
  /** False when similarity < cutoff: parts are then the whole texts, unmarked. */
  marked: boolean;
  /** The first text, in order, as unchanged and changed parts (joined, it is the text exactly). */
  left: DiffPart[];
  /** The second text likewise. */
  right: DiffPart[];
  /** Changed places (a replacement, deletion or insertion counts once), after merging. */
  changes: number;
  /**
   * True when the texts were not diffed because the pre-check (`precheck`) showed they cannot reach the cut-off:
   * `similarity` is then an upper bound of the true one, `changes` 0 and the parts unmarked.
   */
  estimated?: boolean;
}

export interface DiffOptions {
  /** Unchanged runs shorter than this many characters between changes are folded into them. */
  minEqual?: number;
  /** Below this similarity, no inline marks. */
  cutoff?: number;
  /** 'token' (jieba words and punctuation, the default) or 'char' (one character per token). */
  granularity?: 'token' | 'char';
  /** Level words treated as the same on both sides, e.g. ['区', '县'] when comparing a district with a county. */
  levels?: [string, string];
  tokenizer?: Tokenizer;
  /**
   * Before the Myers diff, bound the similarity from the words the texts share (counted, not in order); when the
   * bound is below the cut-off the pair would be shown unmarked anyway, so it is not diffed (the result says
   * `estimated`). Off by default: callers that print the similarity of such pairs get the exact figure.
   */
  precheck?: boolean;
}

/**
 * An upper bound of the similarity diffTexts computes: the longest common subsequence of the keys cannot match more
 * of a key than the smaller of its two counts, each match worth at most the longest spelling of the key on each side.
 */
export function similarityBound(ta: string[], ka: string[], tb: string[], kb: string[]): number {
  const total = ta.reduce((s, t) => s + t.length, 0) + tb.reduce((s, t) => s + t.length, 0);
  if (total === 0) return 1;
  const side = (t: string[], k: string[]) => {
    const m = new Map<string, { n: number; len: number }>();
    k.forEach((key, i) => {
      const e = m.get(key);
      if (e) (e.n++, (e.len = Math.max(e.len, t[i]!.length)));
      else m.set(key, { n: 1, len: t[i]!.length });
    });
    return m;
  };
  const A = side(ta, ka);
  const B = side(tb, kb);
  let common = 0;
  for (const [key, x] of A) {
    const y = B.get(key);
    if (y) common += Math.min(x.n, y.n) * (x.len + y.len);
  }
  return Math.min(1, common / total);
}

const PUNCT: Record<string, string> = { '，': ',', '；': ';', '：': ':', '（': '(', '）': ')', '！': '!', '？': '?', '“': '"', '”': '"', '‘': "'", '’': "'", '—': '-', '－': '-', '　': ' ' };

const KEYS = new Map<string, string>();

/** The comparison key of a token: half width, one spelling of each punctuation mark. Remembered per token (a few thousand distinct). */
export function tokenKey(token: string, level?: string): string {
  const memo = level ? `${level}\u0000${token}` : token;
  let k = KEYS.get(memo);
  if (k === undefined) {
    if (KEYS.size > 100_000) KEYS.clear();
    KEYS.set(memo, (k = computeKey(token, level)));
  }
  return k;
}

function computeKey(token: string, level?: string): string {
  let k = token.replace(/[\uFF01-\uFF5E]/gu, (c) => PUNCT[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  k = k.replace(/[，；：（）！？“”‘’—－\u3000]/gu, (c) => PUNCT[c] ?? c);
  if (level) k = k.replaceAll(level, '◇');
  return k;
}

/** The pieces a text is diffed in: jieba words and punctuation, or characters. Joined, they give the text. */
export function diffTokens(text: string, granularity: 'token' | 'char' = 'token', tokenizer: Tokenizer = getTokenizer()): string[] {
  return granularity === 'char' ? [...text] : tokenizer.cut(text);
}

const NUMERAL = /^(?:[0-9]+|[一二三四五六七八九十]+)$/u;
/** The key of an item number, whatever its numeral (so not of one length). */
const ITEM_KEY = '§';

/**
 * Item numbers ((一), (二), 1、) shift when a list gains or loses an item; they are not what
 * differs, so their keys are made equal.
 */
function markers(keys: string[]): string[] {
  return keys.map((k, i) => {
    if (!NUMERAL.test(k)) return k;
    const before = keys[i - 1];
    const after = keys[i + 1];
    if (before === '(' && after === ')') return ITEM_KEY;
    if ((before === undefined || before === '\n') && (after === '、' || after === '.')) return ITEM_KEY;
    return k;
  });
}

/** Both texts' tokens and their comparison keys (level words of each side, item numbers made equal). */
function tokensAndKeys(a: string, b: string, options: Pick<DiffOptions, 'granularity' | 'levels' | 'tokenizer'>): { ta: string[]; tb: string[]; ka: string[]; kb: string[] } {
  const tokenizer = options.tokenizer ?? getTokenizer();
  const [ta, ka] = sideOf(a, options.granularity ?? 'token', options.levels?.[0], tokenizer);
  const [tb, kb] = sideOf(b, options.granularity ?? 'token', options.levels?.[1], tokenizer);
  return { ta, tb, ka, kb };
}

/**
 * One side's tokens and keys, remembered for the last texts seen (per tokenizer): a topic page diffs every column
 * against one base text, which was cut again for each of its up to 500 columns. The arrays are never changed.
 */
const SIDES = new WeakMap<Tokenizer, Map<string, [string[], string[]]>>();
const SIDES_MAX = 1024;
function sideOf(text: string, granularity: 'token' | 'char', level: string | undefined, tokenizer: Tokenizer): [string[], string[]] {
  let memo = SIDES.get(tokenizer);
  if (!memo) SIDES.set(tokenizer, (memo = new Map()));
  const key = `${granularity}\u0000${level ?? ''}\u0000${text}`;
  let side = memo.get(key);
  if (!side) {
    if (memo.size >= SIDES_MAX) memo.clear();
    const tokens = diffTokens(text, granularity, tokenizer);
    memo.set(key, (side = [tokens, markers(tokens.map((t) => tokenKey(t, level)))]));
  }
  return side;
}

/** Both sides' keys as integers, equal where the keys are equal. */
function integerKeys(ka: string[], kb: string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const side = (keys: string[]) => {
    const out = new Int32Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      let id = ids.get(keys[i]!);
      if (id === undefined) ids.set(keys[i]!, (id = ids.size));
      out[i] = id;
    }
    return out;
  };
  return [side(ka), side(kb)];
}

/**
 * The share of two texts that is common, 2·common / (|a| + |b|) in characters, where common is the most characters an
 * in-order matching of equal tokens can cover (tokens and keys as diffTexts makes them). It is what diffTexts'
 * `similarity` measures, without building a diff: the longest common subsequence weighted by token length, by dynamic
 * programming over two rows of integers, O(|a|·|b|) tokens. Myers' diff (jsdiff) finds a shortest edit script in
 * tokens, whose common part can hold fewer characters than this (a long word given up for two short ones), so this is
 * at least diffTexts' figure, usually the same. For the review, which shows the figure for every peer it lists and a
 * diff for one (docs/decisions/0020, addendum): a jsdiff run per listed peer was most of a review's diffing time.
 */
export function commonShare(a: string, b: string, options: Pick<DiffOptions, 'granularity' | 'levels' | 'tokenizer'> & { whole?: boolean } = {}): number {
  if (a === b) return 1;
  const total = a.length + b.length;
  if (total === 0) return 1;
  const { ta, tb, ka: keysA, kb: keysB } = tokensAndKeys(a, b, options);
  const [ka, kb] = integerKeys(keysA, keysB);
  const la = Int32Array.from(ta, (t) => t.length);
  const lb = Int32Array.from(tb, (t) => t.length);
  // A common start and end are matched as they stand: when two first tokens have the same key, and every token of
  // that key is as long (all but item numbers, whose key stands for numerals of any length), some best matching
  // pairs them (swap whatever either was matched to for the other: same weight), so only the middle needs the table.
  let from = 0;
  let toA = ka.length;
  let toB = kb.length;
  let common = 0;
  if (!options.whole) {
    const uniform = (i: number) => keysA[i] !== ITEM_KEY;
    while (from < toA && from < toB && ka[from] === kb[from] && uniform(from)) (common += la[from]! + lb[from]!), from++;
    while (toA > from && toB > from && ka[toA - 1] === kb[toB - 1] && uniform(toA - 1)) (common += la[toA - 1]! + lb[toB - 1]!), toA--, toB--;
  }
  // A token whose key the other side's middle does not have is in no matching: leaving it out changes no matching's
  // weight, and the table shrinks to the tokens both sides have.
  let keys = 0;
  for (let i = from; i < toA; i++) if (ka[i]! >= keys) keys = ka[i]! + 1;
  for (let j = from; j < toB; j++) if (kb[j]! >= keys) keys = kb[j]! + 1;
  const seen = new Uint8Array(keys); // 1: in a's middle, 2: in b's
  for (let i = from; i < toA; i++) seen[ka[i]!]! |= 1;
  for (let j = from; j < toB; j++) seen[kb[j]!]! |= 2;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = from; i < toA; i++) if (options.whole || seen[ka[i]!] === 3) xs.push(i);
  for (let j = from; j < toB; j++) if (options.whole || seen[kb[j]!] === 3) ys.push(j);
  return (common + (options.whole ? shareTableJs : shareTable)(ka, la, xs, kb, lb, ys)) / total;
}

/** commonShare's table in JavaScript: the reference the WebAssembly table is tested against (`whole`). */
function shareTableJs(ka: Int32Array, la: Int32Array, xs: number[], kb: Int32Array, lb: Int32Array, ys: number[]): number {
  const m = ys.length;
  let prev = new Int32Array(m + 1);
  let row = new Int32Array(m + 1);
  for (const i of xs) {
    const key = ka[i]!;
    const len = la[i]!;
    for (let j = 0; j < m; j++) {
      const up = prev[j + 1]!;
      const left = row[j]!;
      let best = up > left ? up : left;
      const jj = ys[j]!;
      if (kb[jj] === key) {
        const diag = prev[j]! + len + lb[jj]!;
        if (diag > best) best = diag;
      }
      row[j + 1] = best;
    }
    [prev, row] = [row, prev];
  }
  return prev[m]!;
}

const share = wasmModule<{ memory: WebAssembly.Memory; share: (n: number, m: number) => number }>(SHARE_WASM);

/**
 * commonShare's table over the tokens at `xs` of a and `ys` of b, in WebAssembly (src/diff/share.wat): the same
 * recurrence as shareTableJs, compiled from its first call — a review fills ~160 small tables once each, which as
 * JavaScript ran mostly before V8 optimised them.
 */
function shareTable(ka: Int32Array, la: Int32Array, xs: number[], kb: Int32Array, lb: Int32Array, ys: number[]): number {
  const wasm = share();
  const n = xs.length;
  const m = ys.length;
  ensureMemory(wasm.memory, 4 * (2 * n + 2 * m + 2 * (m + 1)));
  const mem = new Int32Array(wasm.memory.buffer, 0, 2 * n + 2 * m);
  for (let k = 0; k < n; k++) (mem[k] = ka[xs[k]!]!), (mem[n + k] = la[xs[k]!]!);
  for (let k = 0; k < m; k++) (mem[2 * n + k] = kb[ys[k]!]!), (mem[2 * n + m + k] = lb[ys[k]!]!);
  return wasm.share(n, m);
}

interface Block {
  equal: boolean;
  a: string;
  b: string;
}

/** Diff two texts. */
export function diffTexts(a: string, b: string, options: DiffOptions = {}): TextDiff {
  const minEqual = options.minEqual ?? DEFAULT_MIN_EQUAL;
  const cutoff = options.cutoff ?? DEFAULT_CUTOFF;
  // The same text: one unchanged part each (what the diff below would give, without running it).
  if (a === b && cutoff <= 1) return { similarity: 1, marked: true, left: a ? [{ text: a, changed: false }] : [], right: b ? [{ text: b, changed: false }] : [], changes: 0 };
  const { ta, tb, ka, kb } = tokensAndKeys(a, b, options);
  if (options.precheck && cutoff > 0) {
    const bound = similarityBound(ta, ka, tb, kb);
    if (bound < cutoff) return { similarity: bound, marked: false, left: a ? [{ text: a, changed: false }] : [], right: b ? [{ text: b, changed: false }] : [], changes: 0, estimated: true };
  }
  const changes = editScript(...integerKeys(ka, kb));

  // Blocks of the two sides, in order: unchanged runs and changed places (removed + added).
  const blocks: Block[] = [];
  let ia = 0;
  let ib = 0;
  for (const c of changes) {
    const n = c.count;
    if (!c.added && !c.removed) {
      blocks.push({ equal: true, a: ta.slice(ia, ia + n).join(''), b: tb.slice(ib, ib + n).join('') });
      ia += n;
      ib += n;
    } else {
      const last = blocks[blocks.length - 1];
      const block = last && !last.equal ? last : (blocks.push({ equal: false, a: '', b: '' }), blocks[blocks.length - 1]!);
      if (c.removed) {
        block.a += ta.slice(ia, ia + n).join('');
        ia += n;
      } else {
        block.b += tb.slice(ib, ib + n).join('');
        ib += n;
      }
    }
  }
  const common = blocks.filter((x) => x.equal).reduce((s, x) => s + x.a.length + x.b.length, 0);
  const total = a.length + b.length;
  const similarity = total === 0 ? 1 : common / total;

  if (similarity < cutoff) {
    return { similarity, marked: false, left: a ? [{ text: a, changed: false }] : [], right: b ? [{ text: b, changed: false }] : [], changes: blocks.filter((x) => !x.equal).length };
  }

  // Fold short unchanged runs between two changes into them.
  const merged: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const x = blocks[i]!;
    const inner = i > 0 && i < blocks.length - 1;
    const asChange = x.equal && inner && Math.max(x.a.length, x.b.length) < minEqual;
    const last = merged[merged.length - 1];
    if (!x.equal || asChange) {
      if (last && !last.equal) {
        last.a += x.a;
        last.b += x.b;
      } else merged.push({ equal: false, a: x.a, b: x.b });
    } else merged.push({ ...x });
  }
  const side = (pick: 'a' | 'b'): DiffPart[] => merged.filter((x) => x[pick] !== '').map((x) => ({ text: x[pick], changed: !x.equal }));
  return { similarity, marked: true, left: side('a'), right: side('b'), changes: merged.filter((x) => !x.equal).length };
}
