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

const require = createRequire(import.meta.url);
/** A word no text contains: it carries the frequency of the words left out, so that the total stays the same. */
const FILLER = '\uE000';
/** Bytes per block of the sorted file: a lookup reads one or two blocks, never the whole file. */
const BLOCK = 4096;

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
 * OUT/peers-dict.txt, which must be the same bytes on every machine).
 */
let jieba: { path: string; id: string } | null = null;
function jiebaDict(): { path: string; id: string } {
  if (jieba) return jieba;
  const pkg = require.resolve('@node-rs/jieba/package.json');
  const path = join(dirname(pkg), 'dict.txt');
  const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
  return (jieba = { path, id: `${version}-${statSync(path).size}` });
}

/** What identifies the sorted dictionary: jieba's dictionary and the user dictionary (written into peers-dict.txt). */
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
 * `rulecmp build` writes it for the peers (OUT/peers-dict.txt, ~1.6 MB for the seeds: 113k of 349k words), so that a
 * review cuts its draft without building jieba's whole dictionary (20 ms instead of 70–140 ms).
 *
 * Layout: line 1 `#rulecmp-peers-dict <sorted dictionary id> <total frequency> <frequency of the words kept> <longest
 * word> <bytes of the words>`, line 2 the characters as a JSON string, then the words as "word freq tag" lines.
 */
export function charsetDictionary(texts: Iterable<string>, userDictText: string): string {
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
  const kept: string[] = [];
  let freq = 0;
  for (const line of body.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp <= 0) continue;
    let ok = true;
    for (let i = 0; i < sp && ok; i++) ok = chars.has(line[i]!);
    if (!ok) continue;
    kept.push(line);
    const end = line.indexOf(' ', sp + 1);
    freq += Number(end < 0 ? line.slice(sp + 1) : line.slice(sp + 1, end));
  }
  const words = `${kept.join('\n')}\n`;
  return `${PEERS_DICT_MAGIC} ${sortedDictId(userDictText)} ${index.total} ${freq} ${index.maxLength} ${Buffer.byteLength(words)}\n${JSON.stringify([...chars].sort().join(''))}\n${words}`;
}

const PEERS_DICT_MAGIC = '#rulecmp-peers-dict';
/** A text with more characters outside the dictionary's than this is cut with jieba's whole dictionary. */
const MAX_OUTSIDE = 400;

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
  const nl1 = file.indexOf(10);
  const nl2 = nl1 < 0 ? -1 : file.indexOf(10, nl1 + 1);
  if (nl2 < 0) return null;
  const [magic, id, totalS, keptS, maxS, bytesS] = file.subarray(0, nl1).toString('utf8').split(' ');
  // A file cut short (or grown) would cut silently otherwise: its words' byte count is in the header.
  if (Number(bytesS) !== file.length - nl2 - 1) return null;
  if (magic !== PEERS_DICT_MAGIC || id !== sortedDictId(userDictText)) return null;
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
  const total = Number(totalS);
  const maxLength = Number(maxS);
  let rest = total - Number(keptS);
  const looked = new Map<string, { entry: string | null; longer: boolean }>();
  const added = new Set<string>();
  const outsideOf = (text: string): number[] => {
    const outside: number[] = [];
    for (let i = 0; i < text.length; i++) if (!inside[text.charCodeAt(i)]) outside.push(i);
    return outside;
  };
  /** The dictionary lines of the words of `text` that hold one of its outside characters, not added before. */
  const wordsAround = (text: string, outside: number[]): string => {
    const r = (reader ??= SortedReader.open(userDictText));
    let lines = '';
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
          if (hit.entry !== null && !added.has(w)) {
            added.add(w);
            lines += `${w} ${hit.entry}\n`;
            rest -= Number(hit.entry.split(' ')[0]);
          }
          if (!hit.longer) break;
        }
      }
      done = p;
    }
    return lines;
  };
  // The text the cuts will come from (a draft under review), looked at once: its words around outside characters go
  // into the dictionary as it is built, not looked up and loaded text by text. Not when it is mostly other characters.
  const primed = prime ? outsideOf(prime) : [];
  const primeLines = primed.length && primed.length <= MAX_OUTSIDE ? wordsAround(prime, primed) : '';
  const { Jieba } = require('@node-rs/jieba') as { Jieba: JiebaClass };
  const jieba = Jieba.withDict(Buffer.concat([file.subarray(nl2 + 1), Buffer.from(`${primeLines}${FILLER} ${Math.max(0, rest)} x\n`)]));
  let whole: ((text: string) => string[]) | null = null;
  return (text) => {
    if (!text.length) return [];
    if (whole) return whole(text);
    const outside = outsideOf(text);
    if (outside.length > MAX_OUTSIDE) return (whole = full())(text);
    if (outside.length) {
      const lines = wordsAround(text, outside);
      if (lines) jieba.loadDict(Buffer.from(`${lines}${FILLER} ${Math.max(0, rest)} x\n`));
    }
    return jieba.cut(text, false);
  };
}
