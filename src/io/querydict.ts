/**
 * Cutting a short text (a search query) without loading jieba's whole dictionary.
 *
 * `Jieba.withDict` on the full dictionary (349,046 words) costs 100–200 ms per process, while a query of a few
 * characters looks at a handful of words. jieba's cut of a sentence depends only on the dictionary words that
 * are substrings of the sentence (they make the DAG), their frequencies, and the dictionary's total frequency
 * (each word on a route costs log(freq) − log(total)). So a dictionary holding exactly those words with their
 * frequencies, plus one filler word that never occurs in text (a private-use character) carrying the rest of the
 * total, cuts the sentence exactly as the full dictionary does — the tests check it on every article of the corpus.
 *
 * The words are looked up in a sorted copy of the full dictionary (jieba's, with the user dictionary merged in as
 * `loadDict` merges it: a word given again takes the new frequency), written once to the user's cache directory
 * in blocks of 4 KB with an index of the blocks' first words: a query reads a few blocks, never the 5 MB. An
 * edge: this file reads and writes those files.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Cutter } from '../tokenize/index.js';

const require = createRequire(import.meta.url);
/** A word no text contains: it carries the frequency of the words left out, so that the total stays the same. */
const FILLER = '\uE000';
/** Bytes per block of the sorted file: a lookup reads one or two blocks, never the whole file. */
const BLOCK = 4096;

/** The frequency of a dictionary line "word freq tag" whose first space is at `sp` (0 when it has none). */
function lineFreq(line: string, sp: number): number {
  const end = line.indexOf(' ', sp + 1);
  return Number(end < 0 ? line.slice(sp + 1) : line.slice(sp + 1, end)) || 0;
}

type JiebaClass = typeof import('@node-rs/jieba').Jieba;

/**
 * The sorted dictionary: `<name>.txt` holds "word freq tag" lines sorted by word (UTF-16 code unit order, as JS
 * compares strings), in blocks of about 4 KB of whole lines; `<name>.json` the total frequency, the longest word
 * and each block's first word and byte offset.
 */
interface SortedIndex {
  total: number;
  /** Longest word, in UTF-16 code units. */
  maxLength: number;
  /** First word of each block. */
  firsts: string[];
  /** Byte offset of each block, and the file's length at the end. */
  offsets: number[];
}

/**
 * Where jieba's dictionary file is, and what identifies its version cheaply (no hashing of 5 MB): the package's version
 * and the file's size — not its modification time, which each install sets anew (the id is written into build output,
 * OUT/peers-dict.bin, which must be the same bytes on every machine).
 */
let jieba: { path: string; id: string } | null = null;
function jiebaDict(): { path: string; id: string } {
  if (jieba) return jieba;
  const pkg = require.resolve('@node-rs/jieba/package.json');
  const path = join(dirname(pkg), 'dict.txt');
  const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
  return (jieba = { path, id: `${version}-${statSync(path).size}` });
}

/** What identifies the sorted dictionary: jieba's dictionary and the user dictionary (written into peers-dict.bin). */
function sortedDictId(userDictText: string): string {
  return createHash('sha256').update(jiebaDict().id).update('\n').update(userDictText).digest('hex').slice(0, 16);
}

/** The sorted dictionary's files (without extension) for this jieba dictionary and user dictionary. */
export function sortedDictPath(userDictText: string): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'rulecmp', `jieba-sorted-${sortedDictId(userDictText)}`);
}

/** Merge jieba's dictionary and the user dictionary (a word given again takes the new frequency) and sort. */
export function sortedDict(userDictText: string): { index: SortedIndex; body: Buffer } {
  const words = new Map<string, string>(); // word → "freq tag"
  for (const text of [readFileSync(jiebaDict().path, 'utf8'), userDictText]) {
    for (const line of text.split('\n')) {
      const [w, f, t] = line.trim().split(/\s+/);
      if (!w) continue;
      words.set(w, `${Number(f) || 0} ${t ?? ''}`.trimEnd());
    }
  }
  const sortedWords = [...words.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index: SortedIndex = { total: 0, maxLength: 0, firsts: [], offsets: [] };
  const chunks: Buffer[] = [];
  let at = 0;
  let block = -1;
  for (const w of sortedWords) {
    const rest = words.get(w)!;
    index.total += Number(rest.split(' ')[0]);
    index.maxLength = Math.max(index.maxLength, w.length);
    const line = Buffer.from(`${w} ${rest}\n`);
    if (block < 0 || at + line.length - index.offsets[block]! > BLOCK) {
      index.firsts.push(w);
      index.offsets.push(at);
      block++;
    }
    chunks.push(line);
    at += line.length;
  }
  index.offsets.push(at);
  return { index, body: Buffer.concat(chunks) };
}

/** Write a file atomically (a concurrent process never reads half of it). */
function writeAtomic(path: string, data: string | Buffer): void {
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, data);
  renameSync(partial, path);
}

/** Write the sorted dictionary to the cache (the body first: the index says it is complete). */
function writeSorted(path: string, userDictText: string): { index: SortedIndex; body: Buffer } {
  const made = sortedDict(userDictText);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeAtomic(`${path}.txt`, made.body);
    writeAtomic(`${path}.json`, JSON.stringify(made.index));
  } catch {
    // A cache that cannot be written: the dictionary is used from memory this time.
  }
  return made;
}

/** Make sure the sorted dictionary is in the cache. */
export function prepareSortedDict(userDictText: string): void {
  const path = sortedDictPath(userDictText);
  try {
    statSync(`${path}.json`);
  } catch {
    writeSorted(path, userDictText);
  }
}

/** Reads blocks of the sorted dictionary as lookups need them. */
class SortedReader {
  /** Blocks read so far, as text with a line break before every line. */
  private readonly blocks = new Map<number, string>();
  constructor(
    readonly index: SortedIndex,
    private readonly read: (offset: number, length: number) => Buffer,
  ) {}

  static open(userDictText: string): SortedReader {
    const path = sortedDictPath(userDictText);
    let index: SortedIndex;
    try {
      index = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as SortedIndex;
      const fd = openSync(`${path}.txt`, 'r');
      return new SortedReader(index, (offset, length) => {
        const buf = Buffer.alloc(length);
        readSync(fd, buf, 0, length, offset);
        return buf;
      });
    } catch {
      const made = writeSorted(path, userDictText);
      return new SortedReader(made.index, (offset, length) => made.body.subarray(offset, offset + length));
    }
  }

  /** The block a word would be in (the last whose first word is <= it), -1 before the first. */
  private blockOf(word: string): number {
    const { firsts } = this.index;
    let lo = 0;
    let hi = firsts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (firsts[mid]! <= word) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  private block(b: number): string {
    const { offsets } = this.index;
    let block = this.blocks.get(b);
    if (block === undefined) this.blocks.set(b, (block = '\n' + this.read(offsets[b]!, offsets[b + 1]! - offsets[b]!).toString('utf8')));
    return block;
  }

  /**
   * The "freq tag" of a word (null when the dictionary does not have it), and whether a longer word begins with it.
   * Lines are sorted, so the word's own line comes first and the words it begins follow it.
   */
  lookup(word: string): { entry: string | null; longer: boolean } {
    const b = this.blockOf(word);
    const nextFirst = this.index.firsts[b + 1];
    const beginsNext = nextFirst !== undefined && nextFirst.length > word.length && nextFirst.startsWith(word);
    if (b < 0) return { entry: null, longer: beginsNext };
    const block = this.block(b);
    const at = block.indexOf(`\n${word}`);
    if (at < 0) return { entry: null, longer: beginsNext };
    const end = at + 1 + word.length;
    if (block[end] !== ' ') return { entry: null, longer: true };
    const eol = block.indexOf('\n', end);
    const entry = block.slice(end + 1, eol < 0 ? block.length : eol);
    const longer = eol < 0 || eol === block.length - 1 ? beginsNext : block.startsWith(word, eol + 1) && block[eol + 1 + word.length] !== ' ';
    return { entry, longer };
  }

  /** The "freq tag" of a word, or null when the dictionary does not have it. */
  get(word: string): string | null {
    const b = this.blockOf(word);
    if (b < 0) return null;
    const block = this.block(b);
    const at = block.indexOf(`\n${word} `);
    return at < 0 ? null : block.slice(at + word.length + 2, block.indexOf('\n', at + 1));
  }
}

let reader: SortedReader | null = null;

/** The lines of a dictionary that cuts `text` exactly as the full dictionary does. */
export function queryDictText(text: string, userDictText: string): string {
  const r = (reader ??= SortedReader.open(userDictText));
  const lines = new Map<string, string>();
  let kept = 0;
  for (let i = 0; i < text.length; i++) {
    for (let j = i + 1; j <= text.length && j - i <= r.index.maxLength; j++) {
      const w = text.slice(i, j);
      if (lines.has(w)) continue;
      const entry = r.get(w);
      if (entry === null) continue;
      lines.set(w, entry);
      kept += Number(entry.split(' ')[0]);
    }
  }
  return [...lines].map(([w, e]) => `${w} ${e}\n`).join('') + `${FILLER} ${Math.max(0, r.index.total - kept)} x\n`;
}

/** A cutter for short texts with a per-text dictionary (same cuts as the full dictionary, without loading it). */
export function queryCutter(userDictText: string): (text: string) => string[] {
  const { Jieba } = require('@node-rs/jieba') as { Jieba: JiebaClass };
  const memo = new Map<string, string[]>();
  return (text) => {
    if (!text.length) return [];
    let out = memo.get(text);
    if (!out) {
      const jieba = Jieba.withDict(Buffer.from(queryDictText(text, userDictText)));
      out = jieba.cut(text, false);
      if (memo.size > 200) memo.clear();
      memo.set(text, out);
    }
    return [...out];
  };
}

/**
 * The dictionary a document set is cut with: the words of the sorted dictionary (jieba's merged with the user
 * dictionary) made only of characters the texts contain. A text made of those characters cuts with it exactly as
 * with the full dictionary (the words that can occur in it are all there, and the filler added on loading keeps the
 * total frequency); a text with other characters needs the few words around them looked up (charsetCutter does).
 * `rulecmp build` writes it for the peers (OUT/peers-dict.bin, ~1.9 MB for the seeds: 113k of 349k words), so that a
 * review cuts its draft without building jieba's whole dictionary (70–140 ms) — and, from the index of first
 * character pairs, with only the few thousand words whose every pair of adjacent characters occurs in the draft.
 *
 * Layout: line 1 `#rulecmp-peers-dict-2 <sorted dictionary id> <total frequency> <frequency of the words kept>
 * <longest word> <bytes of one-character words> <first pairs> <bytes of longer words>`, line 2 the characters as a
 * JSON string (spaces after it up to a multiple of 4 bytes), then the one-character words as "word freq tag" lines;
 * the first pairs (first two UTF-16 units, as a·65536 + b) ascending, as little-endian 32-bit integers; for each the
 * byte offset of its first word among the longer words, and their end; the longer words as lines in word order.
 */
export function charsetDictionary(texts: Iterable<string>, userDictText: string): Buffer {
  const chars = new Set<string>();
  for (const t of texts) for (let i = 0; i < t.length; i++) chars.add(t[i]!);
  chars.delete('\n');
  chars.delete('\r');
  const path = sortedDictPath(userDictText);
  let body: string;
  let index: SortedIndex;
  try {
    index = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as SortedIndex;
    body = readFileSync(`${path}.txt`, 'utf8');
  } catch {
    const made = writeSorted(path, userDictText);
    (index = made.index), (body = made.body.toString('utf8'));
  }
  const singles: string[] = [];
  const longer: Buffer[] = [];
  const keys: number[] = [];
  const offsets: number[] = [];
  let at = 0;
  let freq = 0;
  for (const line of body.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp <= 0) continue;
    let ok = true;
    for (let i = 0; i < sp && ok; i++) ok = chars.has(line[i]!);
    if (!ok) continue;
    freq += lineFreq(line, sp);
    if (sp === 1) {
      singles.push(`${line}\n`);
      continue;
    }
    // Lines are in word order, so the words of one first pair are together and the pairs ascend.
    const key = line.charCodeAt(0) * 0x10000 + line.charCodeAt(1);
    if (keys[keys.length - 1] !== key) keys.push(key), offsets.push(at);
    const bytes = Buffer.from(`${line}\n`);
    longer.push(bytes);
    at += bytes.length;
  }
  offsets.push(at);
  const single = Buffer.from(singles.join(''));
  const head = `${PEERS_DICT_MAGIC} ${sortedDictId(userDictText)} ${index.total} ${freq} ${index.maxLength} ${single.length} ${keys.length} ${at}\n${JSON.stringify([...chars].sort().join(''))}`;
  const headBytes = Buffer.byteLength(head) + 1;
  const padded = `${head}${' '.repeat((4 - (headBytes % 4)) % 4)}\n`;
  const table = Buffer.alloc(4 * (keys.length * 2 + 1));
  keys.forEach((k, i) => table.writeUInt32LE(k, 4 * i));
  offsets.forEach((o, i) => table.writeUInt32LE(o, 4 * (keys.length + i)));
  // The table right after the one-character words: padded so that it too starts at a multiple of 4.
  const pad = Buffer.alloc((4 - ((Buffer.byteLength(padded) + single.length) % 4)) % 4, 0x0a);
  return Buffer.concat([Buffer.from(padded), single, pad, table, ...longer]);
}

const PEERS_DICT_MAGIC = '#rulecmp-peers-dict-2';
/** A text with more characters outside the dictionary's than this is cut with jieba's whole dictionary. */
const MAX_OUTSIDE = 400;

/** How many words a peers dictionary (charsetDictionary's output) holds; 0 for a file that is not one. */
export function peersDictWords(file: Buffer, userDictText: string): number {
  const dict = readPeersDict(file, userDictText);
  if (!dict) return 0;
  let n = 0;
  for (const part of [dict.singles, dict.longer]) for (let at = part.indexOf(10); at >= 0; at = part.indexOf(10, at + 1)) n++;
  return n;
}

/** A peers dictionary as read back: its sections as views of the file. */
export interface PeersDict {
  /** The characters it was made for (1), line breaks included. */
  inside: Uint8Array;
  total: number;
  /** Frequency of its words. */
  kept: number;
  maxLength: number;
  /** The one-character words' lines. */
  singles: Buffer;
  /** First pairs ascending, and for each the byte range of its words in `longer` (offsets[k] to offsets[k + 1]). */
  keys: Uint32Array;
  offsets: Uint32Array;
  /** The longer words' lines. */
  longer: Buffer;
}

/** Read a peers dictionary (charsetDictionary's layout); null when it is not one of the current dictionaries, or cut short. */
export function readPeersDict(file: Buffer, userDictText: string): PeersDict | null {
  const nl1 = file.indexOf(10);
  const nl2 = nl1 < 0 ? -1 : file.indexOf(10, nl1 + 1);
  if (nl2 < 0) return null;
  const [magic, id, totalS, keptS, maxS, singlesS, pairsS, longerS] = file.subarray(0, nl1).toString('utf8').split(' ');
  if (magic !== PEERS_DICT_MAGIC || id !== sortedDictId(userDictText)) return null;
  const singlesAt = nl2 + 1;
  const tableAt = singlesAt + Number(singlesS) + ((4 - ((singlesAt + Number(singlesS)) % 4)) % 4);
  const pairs = Number(pairsS);
  const longerAt = tableAt + 4 * (2 * pairs + 1);
  // A file cut short (or grown) would cut silently otherwise: the sections' sizes are in the header.
  if (!Number.isInteger(pairs) || longerAt + Number(longerS) !== file.length) return null;
  // The characters the dictionary was made for — UTF-16 units, as charsetDictionary counts them — as a table (1: in
  // it); line breaks count as in it, since no word holds one.
  const inside = new Uint8Array(0x10000);
  try {
    const list = JSON.parse(file.subarray(nl1 + 1, nl2).toString('utf8')) as string;
    for (let i = 0; i < list.length; i++) inside[list.charCodeAt(i)] = 1;
  } catch {
    return null;
  }
  inside[10] = inside[13] = 1;
  // The table as 32-bit views where the file's bytes are aligned (a file read whole is), else copied.
  const u32 = (at: number, n: number) => ((file.byteOffset + at) % 4 === 0 ? new Uint32Array(file.buffer, file.byteOffset + at, n) : new Uint32Array(Uint8Array.prototype.slice.call(file, at, at + 4 * n).buffer));
  return {
    inside,
    total: Number(totalS),
    kept: Number(keptS),
    maxLength: Number(maxS),
    singles: file.subarray(singlesAt, singlesAt + Number(singlesS)),
    keys: u32(tableAt, pairs),
    offsets: u32(tableAt + 4 * pairs, pairs + 1),
    longer: file.subarray(longerAt),
  };
}

/**
 * A cutter that cuts every text exactly as jieba's full dictionary (with the user dictionary) does, starting from a
 * charsetDictionary: a text with characters the dictionary was not made for gets the words around them looked up in
 * the sorted dictionary and added (with the filler's frequency lowered by theirs, so the total stays); a text with
 * very many such characters (say, a whole corpus of other characters) loads the full dictionary once instead.
 * `prime`, the text the cuts will be taken from (a draft under review), has the words around its outside characters
 * looked up once and built into the dictionary, instead of looked up and loaded text by text (same cuts either way).
 * Null when the file is not a peers dictionary of the current jieba and user dictionaries (then use the full one).
 */
export function charsetCutter(file: Buffer, userDictText: string, full: () => (text: string) => string[], prime = ''): ((text: string) => string[]) | null {
  const dict = readPeersDict(file, userDictText);
  if (!dict) return null;
  const { inside, total, maxLength, kept: keptFreq } = dict;
  const looked = new Map<string, { entry: string | null; longer: boolean }>();
  const outsideOf = (text: string): number[] => {
    const outside: number[] = [];
    for (let i = 0; i < text.length; i++) if (!inside[text.charCodeAt(i)]) outside.push(i);
    return outside;
  };
  /** The dictionary words of `text` that hold one of its outside characters, each once, with their "freq tag". */
  const wordsAround = (text: string, outside: number[]): Map<string, string> => {
    const r = (reader ??= SortedReader.open(userDictText));
    const found = new Map<string, string>();
    // Every dictionary word of the text that holds an outside character starts at most maxLength − 1 before it:
    // walk each such start forward while some dictionary word begins with what has been read.
    let done = -1; // starts up to here were walked (for an earlier outside character, as far as words go)
    for (const p of outside) {
      // A start after the last outside character walked: the first outside character from it is p.
      for (let i = Math.max(done + 1, p - maxLength + 1); i <= p; i++) {
        for (let j = p + 1; j <= text.length && j - i <= maxLength; j++) {
          const w = text.slice(i, j);
          let hit = looked.get(w);
          if (!hit) looked.set(w, (hit = r.lookup(w)));
          if (hit.entry !== null) found.set(w, hit.entry);
          if (!hit.longer) break;
        }
      }
      done = p;
    }
    return found;
  };
  /** Dictionary lines of the words not in `added` (which they join), and the frequency they take from the filler. */
  const linesOf = (words: Map<string, string>, added: Set<string>): { lines: string; freq: number } => {
    let lines = '';
    let freq = 0;
    for (const [w, entry] of words) {
      if (added.has(w)) continue;
      added.add(w);
      lines += `${w} ${entry}\n`;
      freq += Number(entry.split(' ')[0]);
    }
    return { lines, freq };
  };
  // The text the cuts will come from (a draft under review), looked at once: its words around outside characters go
  // into the dictionary as it is built, not looked up and loaded text by text. Not when it is mostly other characters.
  const primed = prime ? outsideOf(prime) : [];
  const primeWords = primed.length && primed.length <= MAX_OUTSIDE ? wordsAround(prime, primed) : new Map<string, string>();
  const { Jieba } = require('@node-rs/jieba') as { Jieba: JiebaClass };
  const added = new Set<string>();
  const primeLines = linesOf(primeWords, added);
  let rest = total - keptFreq - primeLines.freq;
  let jieba: InstanceType<JiebaClass> | null = null;
  const charsetJieba = () => (jieba ??= Jieba.withDict(Buffer.concat([dict.singles, dict.longer, Buffer.from(`${primeLines.lines}${FILLER} ${Math.max(0, rest)} x\n`)])));
  // With a prime, the texts cut are mostly pieces of it: the words that can be in those are the ones whose adjacent
  // characters are all pairs of the prime — about a tenth of the file's, and a tenth of the dictionary to build.
  const small = prime && primed.length <= MAX_OUTSIDE ? primeCutter(dict, prime, primeLines, Jieba) : null;
  /** Whether the small dictionary has every word of `text` that holds one of its outside characters. */
  const primeHas = (text: string, outside: number[]) => {
    for (const w of wordsAround(text, outside).keys()) if (!primeWords.has(w)) return false;
    return true;
  };
  let whole: ((text: string) => string[]) | null = null;
  const cutter: Cutter = (text) => {
    if (!text.length) return [];
    if (whole) return whole(text);
    const outside = outsideOf(text);
    if (small?.fits(text) && (!outside.length || primeHas(text, outside))) return small.cut(text);
    if (outside.length > MAX_OUTSIDE) return (whole = full())(text);
    const j = charsetJieba();
    if (outside.length) {
      const more = linesOf(wordsAround(text, outside), added);
      rest -= more.freq;
      if (more.lines) j.loadDict(Buffer.from(`${more.lines}${FILLER} ${Math.max(0, rest)} x\n`));
    }
    return j.cut(text, false);
  };
  // Texts to come that the small dictionary does not fit (a review's peer articles): their pairs join the prime's and
  // the small dictionary is made again — a few milliseconds, where the peers' whole dictionary takes about 25.
  if (small) {
    cutter.expect = (texts) => {
      const more = texts.filter((t) => {
        if (small.fits(t)) return false;
        const outside = outsideOf(t);
        return !outside.length || (outside.length <= MAX_OUTSIDE && primeHas(t, outside));
      });
      if (more.length) small.extend(more);
    };
  }
  return cutter;
}

/** The characters `\s` matches (1), which no dictionary word holds. */
const SPACE = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff') table[c.charCodeAt(0)] = 1;
  return table;
})();

/**
 * A cutter for the pieces of `prime`: the words of the peers' dictionary whose adjacent character pairs are all pairs
 * of the prime (found from the index of first pairs: only the words starting with one of the prime's pairs are
 * read), the prime's words around characters outside that dictionary (`extra`), and the filler with the rest of the
 * total. A text whose every adjacent pair is one of the prime's (`fits`) has all its words of the peers' dictionary
 * among them, so it is cut exactly as with the whole dictionary when its words around outside characters are in
 * `extra` too (the caller checks); any other text must be cut with the whole one. `extend` adds texts' pairs.
 */
export function primeCutter(dict: PeersDict, prime: string, extra: { lines: string; freq: number }, Jieba: JiebaClass): { fits: (text: string) => boolean; cut: (text: string) => string[]; extend: (texts: string[]) => void; words: () => number } {
  const pairs = new Set<number>();
  const chars = new Uint8Array(0x10000);
  const addPairs = (t: string) => {
    for (let i = 0; i < t.length; i++) chars[t.charCodeAt(i)] = 1;
    for (let i = 1; i < t.length; i++) pairs.add(t.charCodeAt(i - 1) * 0x10000 + t.charCodeAt(i));
  };
  addPairs(prime);
  const { keys, offsets, longer } = dict;
  /** The index of a first pair in keys, or -1. */
  const find = (key: number) => {
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid]!;
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  // The words whose first pair is a pair of the texts seen, each looked at once: taken when all its pairs are among
  // them, else left waiting for the texts still to come (`extend`).
  const seen = new Set<number>();
  let waiting: string[] = [];
  let freq = 0;
  let kept = 0;
  const allPairs = (line: string, sp: number) => {
    for (let i = 2; i < sp; i++) if (!pairs.has(line.charCodeAt(i - 1) * 0x10000 + line.charCodeAt(i))) return false;
    return true;
  };
  /** Lines of the words newly taken (the ranges of first pairs not seen before, and the waiting words now complete). */
  const take = (): string => {
    let lines = '';
    const accept = (line: string, sp: number) => {
      lines += `${line}\n`;
      freq += lineFreq(line, sp);
      kept++;
    };
    const still: string[] = [];
    for (const line of waiting) {
      const sp = line.indexOf(' ');
      if (allPairs(line, sp)) accept(line, sp);
      else still.push(line);
    }
    waiting = still;
    for (const key of pairs) {
      if (seen.has(key)) continue;
      seen.add(key);
      const k = find(key);
      if (k < 0) continue;
      for (const line of longer.toString('utf8', offsets[k]!, offsets[k + 1]!).split('\n')) {
        const sp = line.indexOf(' ');
        if (sp < 0) continue;
        if (allPairs(line, sp)) accept(line, sp);
        else waiting.push(line);
      }
    }
    return lines;
  };
  const filler = () => `${FILLER} ${Math.max(0, dict.total - freq - extra.freq)} x\n`;
  const singles = dict.singles.toString('utf8');
  for (const line of singles.split('\n')) if (line) freq += lineFreq(line, line.indexOf(' '));
  const first = take();
  const jieba = Jieba.withDict(Buffer.from(`${singles}${first}${extra.lines}${filler()}`));
  const fits = (t: string) => {
    if (t.length === 1) return SPACE[t.charCodeAt(0)] === 1 || chars[t.charCodeAt(0)] === 1;
    for (let i = 1; i < t.length; i++) {
      const a = t.charCodeAt(i - 1);
      const b = t.charCodeAt(i);
      // No word holds a space (the dictionary's lines are split at them): a pair with one cannot be in a word.
      if (!pairs.has(a * 0x10000 + b) && SPACE[a] !== 1 && SPACE[b] !== 1) return false;
    }
    return true;
  };
  return {
    fits,
    cut: (t) => jieba.cut(t, false),
    extend: (texts) => {
      for (const t of texts) addPairs(t);
      const more = take();
      if (more) jieba.loadDict(Buffer.from(`${more}${filler()}`));
    },
    words: () => kept,
  };
}
