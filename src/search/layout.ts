/**
 * The search index as files a search opens without reading them whole (issue 13 §2; docs/decisions/0090).
 *
 * A cold `rulecmp search` over 500 documents spent most of its time reading and parsing one 48 MB JSON file for a
 * query that looks at a few terms and a few thousand articles. Laid out as a folder instead:
 *
 * - `meta.json`: the index meta (format, tokenizer, corpus snapshot, topics), the documents (id, district, year,
 *   title, first article, article count), the number of articles, average lengths and, per field, its term count;
 * - per field of the word index (text, chapter, title) and for `grams` (the character bigrams of every article,
 *   the candidate index of the verbatim guarantee: docs/decisions/0002): `F.terms` (the sorted terms, one per
 *   line), `F.offsets` (uint32 LE: where each term's postings start in `F.postings`, and the end), `F.postings`
 *   (article ids as LEB128 deltas, each followed by its term frequency for the word fields) and `F.lengths`
 *   (uint32 LE per article: its distinct terms in the field, for BM25);
 * - per article, one record after another with uint32 LE offsets of their starts (and the end): `heads.data` (JSON arrays, topics by number:
 *   key, label, chapter, span, topics — all but its text and the fields of its document), `hay.data` (its haystack
 *   — normalised text, chapter title, document title — UTF-8, what the verbatim guarantee checks candidates in,
 *   byte for byte) and `changes.data` (where its text differs from the haystack's first characters: textChanges;
 *   the text itself is not stored twice, decision 0091);
 * - `features` (uint32 LE, FEATURES per article: label, text and haystack lengths in characters, main topic): what
 *   the bounded ranking reads of every article it bounds, without parsing its head.
 *
 * A query reads meta.json, the term lists of the fields it looks in, the postings of its terms, the haystacks of
 * the candidates of its strings, the features, the heads of the articles it scores in full and the texts of the
 * hits it shows. Pure: the bytes of each file from an index, and the decoders; reading and writing the
 * files is src/store/disk-index.ts's.
 */
import type { SearchArticle } from '../model.js';
import { decodePostings, type PostingsData } from './postings.js';
import type { SearchIndexMeta } from './searchIndex.js';
import { grams } from './terms.js';

/** Bump when the files change: a folder of another layout is rebuilt. 3: heads as arrays, topics by number; 4: a text written otherwise than its normalised form (traditional characters) kept. */
export const LAYOUT_VERSION = 4;

export interface LayoutDocument {
  docId: string;
  district: string | null;
  year: number | null;
  docTitle: string | null;
  /** Id of its first article; its articles are first … first + count − 1. */
  first: number;
  count: number;
}

export interface LayoutMeta {
  layout: number;
  meta: SearchIndexMeta;
  /** Number of articles. */
  count: number;
  /** Mean length of the articles' haystacks. */
  averageLength: number;
  documents: LayoutDocument[];
  /** Per field: number of terms, mean field length (distinct terms), and whether postings carry term frequencies. */
  fields: Record<string, { terms: number; average: number; tf: boolean }>;
  /** The articles' main topics, each once (`features`: an article's main topic as its place here + 1, 0 for none). */
  mainTopics: string[];
  /** Every topic of an article's head, each once: a head names them by place here. */
  topics: string[];
}

/** Numbers per article in `features` (uint32 LE each): label length, text length, haystack length, main topic + 1. */
export const FEATURES = 4;
export const FEATURE = { label: 0, text: 1, hay: 2, mainTopic: 3 } as const;

/** An article's record in heads.data: the SearchArticle without its text and the fields of its document. */
export type ArticleHead = Omit<SearchArticle, 'docId' | 'district' | 'year' | 'docTitle' | 'text'>;

/**
 * An article's head as stored: [key, ordinal, label, chapter as [ordinal, label, title] or 0, span start, span end,
 * topics, main topics] with the topics as places in LayoutMeta.topics (null when the index has none) — a third of
 * the bytes of the object (9 of 38 MB of the index at 500 documents were heads).
 */
type StoredHead = [string, number, string, [number, string, string] | 0, number, number, number[] | null, number[] | null];

/** The stored form of a head, adding its topics to `topics` (and `place`, their places). */
export function encodeHead(h: ArticleHead, topics: string[], place: Map<string, number>): string {
  const at = (t: string) => place.get(t) ?? (place.set(t, topics.push(t) - 1), topics.length - 1);
  const stored: StoredHead = [h.key, h.ordinal, h.label, h.chapter ? [h.chapter.ordinal, h.chapter.label, h.chapter.title] : 0, h.span.start, h.span.end, h.topics ? h.topics.map(at) : null, h.mainTopics ? h.mainTopics.map(at) : null];
  return JSON.stringify(stored);
}

/** A head read back from its stored form. */
export function decodeHead(json: string, topics: string[]): ArticleHead {
  const [key, ordinal, label, chapter, start, end, tops, mains] = JSON.parse(json) as StoredHead;
  const head: ArticleHead = { key, ordinal, label, chapter: chapter ? { ordinal: chapter[0], label: chapter[1], title: chapter[2] } : null, span: { start, end } };
  if (tops) head.topics = tops.map((k) => topics[k]!);
  if (mains) head.mainTopics = mains.map((k) => topics[k]!);
  return head;
}

// ------------------------------------------------------------------------------ texts from haystacks

/**
 * An article's text is its haystack's first characters but for what normalising changed (tokenize/index.ts
 * normalise: full-width ASCII to half-width, the ideographic space to a space, Latin capitals to small ones, a
 * traditional character to its simplified one; one character for one), so the folder keeps the haystack and, per
 * article, where the text differs: for each such character a LEB128 number, (characters since the last one) × 5 +
 * which change it was — and for a change that is none of the four undone by rule, the character as written after it.
 * (Layout 3 had no fifth kind: an index of a traditional text could not be written, and was built at every search.)
 */
const UNDO: ((c: number) => number)[] = [(c) => c + 0xfee0, (c) => c - 32, (c) => c - 32 + 0xfee0, () => 0x3000];
/** The change that is none of UNDO's: the character as written follows (traditional characters, which normalising makes simplified). */
const WRITTEN = UNDO.length;
const KINDS = UNDO.length + 1;

/** The record of where `text` differs from `normalised` (its normalised form). */
export function textChanges(text: string, normalised: string): Uint8Array {
  // Small to begin with: an article has a few changes, most none (a 64 KB buffer per article was 2.4 GB of garbage
  // at 37,603 articles, 0.8 s of a 500-document build).
  const out = new ByteWriter(64);
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const o = text.charCodeAt(i);
    const c = normalised.charCodeAt(i);
    if (o === c) continue;
    const kind = UNDO.findIndex((undo) => undo(c) === o);
    // Any other change (a traditional character made simplified: 條 → 条) keeps the character as written, after it.
    out.varint((i - last - 1) * KINDS + (kind < 0 ? WRITTEN : kind));
    if (kind < 0) out.varint(o);
    last = i;
  }
  return out.bytes();
}

/** One LEB128 number (7 bits a byte, low first) at `pos.at`, which moves past it. */
function readVarint(bytes: Uint8Array, pos: { at: number }): number {
  let v = 0;
  let mul = 1;
  for (;;) {
    const b = bytes[pos.at++]!;
    v += (b & 0x7f) * mul;
    if (b < 0x80) return v;
    mul *= 128;
  }
}

/** The text back from its normalised form (the haystack's first `length` characters) and textChanges' record. */
export function restoreText(normalised: string, changes: Uint8Array): string {
  let out = '';
  let from = 0;
  let i = -1;
  const pos = { at: 0 };
  while (pos.at < changes.length) {
    const n = readVarint(changes, pos);
    i += Math.floor(n / KINDS) + 1;
    const kind = n % KINDS;
    out += normalised.slice(from, i) + String.fromCharCode(kind === WRITTEN ? readVarint(changes, pos) : UNDO[kind]!(normalised.charCodeAt(i)));
    from = i + 1;
  }
  return out + normalised.slice(from);
}

/** The field of character bigrams (grams() of each haystack): candidates for the verbatim guarantee. */
export const GRAMS_FIELD = 'grams';

// ------------------------------------------------------------------------------------------- LEB128

/** Bytes written one after another into a buffer that grows. */
class ByteWriter {
  private buf: Uint8Array;
  length = 0;
  /** `capacity`: the first buffer's size (it doubles as needed). */
  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }
  varint(n: number): void {
    if (this.length + 8 > this.buf.length) {
      const grown = new Uint8Array(this.buf.length * 2);
      grown.set(this.buf.subarray(0, this.length));
      this.buf = grown;
    }
    while (n >= 0x80) {
      this.buf[this.length++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.length++] = n;
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Postings bytes: ids as LEB128 deltas, each followed by its term frequency when `tf`. */
function writeIds(out: ByteWriter, entries: Iterable<[number, number]>, tf: boolean): void {
  let last = 0;
  for (const [id, n] of entries) {
    out.varint(id - last);
    last = id;
    if (tf) out.varint(n);
  }
}

/** Read postings bytes back: article id → term frequency (1 when the field keeps none). */
export function decodeIds(bytes: Uint8Array, tf: boolean): Map<number, number> {
  const out = new Map<number, number>();
  let at = 0;
  let id = 0;
  const next = () => {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = bytes[at++]!;
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 128;
    }
  };
  while (at < bytes.length) {
    id += next();
    out.set(id, tf ? next() : 1);
  }
  return out;
}

/** Read the ids of postings bytes without term frequencies back, ascending. */
export function decodeIdList(bytes: Uint8Array): Uint32Array {
  const out = new Uint32Array(bytes.length); // at least a byte per id
  let n = 0;
  let id = 0;
  const pos = { at: 0 };
  while (pos.at < bytes.length) out[n++] = id += readVarint(bytes, pos);
  return out.slice(0, n);
}

const u32 = (xs: ArrayLike<number>): Uint8Array => {
  const a = new Uint32Array(xs.length);
  for (let i = 0; i < xs.length; i++) a[i] = xs[i]!;
  return new Uint8Array(a.buffer);
};

const encoder = new TextEncoder();

/** One field's files. */
function fieldFiles(name: string, terms: string[], postings: (i: number) => Iterable<[number, number]>, tf: boolean, lengths: ArrayLike<number> | null, files: Map<string, Uint8Array>): void {
  const offsets: number[] = [0];
  const body = new ByteWriter();
  for (let i = 0; i < terms.length; i++) {
    writeIds(body, postings(i), tf);
    offsets.push(body.length);
  }
  files.set(`${name}.terms`, encoder.encode(terms.join('\n')));
  files.set(`${name}.offsets`, u32(offsets));
  files.set(`${name}.postings`, body.bytes());
  if (lengths) files.set(`${name}.lengths`, u32(lengths));
}

export interface LayoutInput {
  meta: SearchIndexMeta;
  articles: SearchArticle[];
  words: PostingsData;
  /** The haystack of article i (what a search matches against: searchIndex.ts haystackOf). */
  haystack: (id: number) => string;
}

/** The files of the index folder, name → bytes; the same index gives the same bytes. */
export function layoutFiles(input: LayoutInput): Map<string, Uint8Array> {
  const { meta, articles, words } = input;
  const files = new Map<string, Uint8Array>();
  const documents: LayoutDocument[] = [];
  for (let id = 0; id < articles.length; id++) {
    const a = articles[id]!;
    const last = documents[documents.length - 1];
    if (last && last.docId === a.docId) last.count++;
    else documents.push({ docId: a.docId, district: a.district, year: a.year, docTitle: a.docTitle, first: id, count: 1 });
  }
  const fields: LayoutMeta['fields'] = {};
  for (const [name, d] of Object.entries(words.fields)) {
    const average = words.count ? d.lengths.reduce((s, n) => s + n, 0) / words.count : 0;
    fields[name] = { terms: d.terms.length, average, tf: name !== GRAMS_FIELD };
    fieldFiles(name, d.terms, (i) => decodePostings(d.postings[i]!), name !== GRAMS_FIELD, d.lengths, files);
  }
  // The bigram candidates, when the word index does not already hold them (verbatim 'scan').
  const lengths: number[] = [];
  if (!words.fields[GRAMS_FIELD]) {
    const byGram = new Map<string, number[]>();
    for (let id = 0; id < articles.length; id++) {
      const hay = input.haystack(id);
      lengths.push(hay.length);
      for (const g of new Set(grams(hay))) {
        const list = byGram.get(g);
        if (list) list.push(id);
        else byGram.set(g, [id]);
      }
    }
    const terms = [...byGram.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    fields[GRAMS_FIELD] = { terms: terms.length, average: 0, tf: false };
    fieldFiles(GRAMS_FIELD, terms, (i) => byGram.get(terms[i]!)!.map((id) => [id, 1] as [number, number]), false, null, files);
  } else for (let id = 0; id < articles.length; id++) lengths.push(input.haystack(id).length);

  // What ranking reads of every article it bounds, as numbers: label, text and haystack lengths, main topic.
  const mainTopics: string[] = [];
  const features = new Array<number>(articles.length * FEATURES).fill(0);
  for (let id = 0; id < articles.length; id++) {
    const a = articles[id]!;
    const main = a.mainTopics?.[0];
    let t = main === undefined ? -1 : mainTopics.indexOf(main);
    if (main !== undefined && t < 0) t = mainTopics.push(main) - 1;
    const at = id * FEATURES;
    features[at + FEATURE.label] = a.label.length;
    features[at + FEATURE.text] = a.text.length;
    features[at + FEATURE.hay] = lengths[id]!;
    features[at + FEATURE.mainTopic] = t + 1;
  }
  files.set('features', u32(features));

  // Each article's head (what a hit cites), its haystack (what the verbatim guarantee checks, and its text but
  // for what normalising changed) and those changes, each one record after another with the offsets of their starts.
  const records = (name: string, of: (id: number) => string | Uint8Array) => {
    const offsets: number[] = [0];
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (let id = 0; id < articles.length; id++) {
      const x = of(id);
      const bytes = typeof x === 'string' ? encoder.encode(x) : x;
      chunks.push(bytes);
      size += bytes.length;
      offsets.push(size);
    }
    const data = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      data.set(c, at);
      at += c.length;
    }
    files.set(`${name}.data`, data);
    files.set(`${name}.offsets`, u32(offsets));
  };
  const topics: string[] = [];
  const place = new Map<string, number>();
  records('heads', (id) => {
    const { docId: _d, district: _w, year: _y, docTitle: _t, text: _x, ...head } = articles[id]!;
    return encodeHead(head satisfies ArticleHead, topics, place);
  });
  records('hay', (id) => input.haystack(id));
  records('changes', (id) => {
    const text = articles[id]!.text;
    const changes = textChanges(text, input.haystack(id).slice(0, text.length));
    if (restoreText(input.haystack(id).slice(0, text.length), changes) !== text) throw new Error(`layout: the text of article ${id} does not come back from its haystack`);
    return changes;
  });

  const averageLength = lengths.length ? lengths.reduce((s, n) => s + n, 0) / lengths.length : 0;
  const layout: LayoutMeta = { layout: LAYOUT_VERSION, meta, count: articles.length, averageLength, documents, fields, mainTopics, topics };
  files.set('meta.json', encoder.encode(JSON.stringify(layout) + '\n'));
  return files;
}
