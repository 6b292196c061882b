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

/** Where jieba's dictionary file is, and what identifies its version cheaply (no hashing of 5 MB). */
function jiebaDict(): { path: string; id: string } {
  const path = join(dirname(require.resolve('@node-rs/jieba/package.json')), 'dict.txt');
  const st = statSync(path);
  return { path, id: `${st.size}-${Math.floor(st.mtimeMs)}` };
}

/** The sorted dictionary's files (without extension) for this jieba dictionary and user dictionary. */
export function sortedDictPath(userDictText: string): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const id = createHash('sha256').update(jiebaDict().id).update('\n').update(userDictText).digest('hex').slice(0, 16);
  return join(cache, 'rulecmp', `jieba-sorted-${id}`);
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

  /** The "freq tag" of a word, or null when the dictionary does not have it. */
  get(word: string): string | null {
    const { firsts, offsets } = this.index;
    // The last block whose first word is <= word.
    let lo = 0;
    let hi = firsts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (firsts[mid]! <= word) lo = mid + 1;
      else hi = mid;
    }
    const b = lo - 1;
    if (b < 0) return null;
    let block = this.blocks.get(b);
    if (block === undefined) this.blocks.set(b, (block = '\n' + this.read(offsets[b]!, offsets[b + 1]! - offsets[b]!).toString('utf8')));
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
