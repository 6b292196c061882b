/**
 * A search index read from its folder (src/search/layout.ts) as a query needs it — an edge: this file reads files.
 *
 * Opening reads meta.json only. A field's term list is read the first time a query looks in the field; a term's
 * postings, an article's record and the features (layout.ts) are read when asked for (positioned reads of the files,
 * remembered for the next query of a long-lived process). What search() reads of it is what it reads of the
 * in-memory SearchIndex, and it answers the same (tests/store/disk-index.test.ts).
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchArticle } from '../model.js';
import { FEATURE, FEATURES, GRAMS_FIELD, LAYOUT_VERSION, decodeHead, decodeIdList, decodeIds, restoreText, type ArticleHead, type LayoutDocument, type LayoutMeta } from '../search/layout.js';
import { lowerBound, type PostingsSource } from '../search/postings.js';
import { wordScores, type SearchIndexMeta, type WordScoreOptions } from '../search/searchIndex.js';
import { grams, runs } from '../search/terms.js';
import { getQueryTokenizer, type Tokenizer } from '../tokenize/index.js';

/** The uint32 LE numbers of a file. */
function readU32(file: Pieces): Uint32Array {
  const buf = file.all();
  // A copy: the file's bytes need not be 4-byte aligned in the buffer node returns.
  const out = new Uint32Array(buf.length / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

/**
 * Pieces of a file read as asked. The file is opened when the index is (a writer that renames a new index into
 * place does not change what an open index reads); a query that asks for many pieces has the whole file read once
 * (one read of a few MB is cheaper than thousands of small ones).
 */
class Pieces {
  private readonly fd: number;
  private whole: Buffer | null = null;
  private bytesRead = 0;
  private size: number | undefined;
  constructor(private readonly path: string) {
    this.fd = openSync(path, 'r');
  }
  read(start: number, end: number, count = true): Buffer {
    if (this.whole) return this.whole.subarray(start, end);
    this.size ??= fstatSync(this.fd).size;
    if (count && (this.bytesRead += end - start) > this.size / WHOLE_AFTER_SHARE) {
      this.whole = readFileSync(this.fd);
      return this.whole.subarray(start, end);
    }
    const buf = Buffer.allocUnsafe(end - start);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(this.fd, buf, got, buf.length - got, start + got);
      if (n === 0) throw new Error(`${this.path}: shorter than its offsets say`);
      got += n;
    }
    return buf;
  }
  get isWhole(): boolean {
    return !!this.whole;
  }
  /** Pieces adding up to `bytes` are about to be read: when they are most of the file, the whole file is read now (true). */
  expect(bytes: number): boolean {
    this.size ??= fstatSync(this.fd).size;
    if (!this.whole && bytes > this.size / 2) this.whole = readFileSync(this.fd);
    return !!this.whole;
  }
  /** The whole file (read once). */
  all(): Buffer {
    return (this.whole ??= readFileSync(this.fd));
  }
  close(): void {
    closeSync(this.fd);
  }
}

/** Once pieces of a file adding up to 1/WHOLE_AFTER_SHARE of it have been read one by one, the rest is read at once. */
const WHOLE_AFTER_SHARE = 8;
/** Records this many bytes apart or closer are read in one stretch (prefetch). */
const STRETCH_GAP = 4096;

/** One field of the word index, read as asked. */
class DiskField {
  private terms?: string[];
  private offsets?: Uint32Array;
  private lengths?: Uint32Array;
  private readonly files: Record<'terms' | 'offsets' | 'postings' | 'lengths', Pieces | null>;
  private readonly decoded = new Map<string, Map<number, number>>();
  private readonly idLists = new Map<string, Uint32Array>();
  constructor(
    private readonly dir: string,
    private readonly name: string,
    readonly info: LayoutMeta['fields'][string],
  ) {
    const open = (ext: string) => new Pieces(join(dir, `${name}.${ext}`));
    this.files = { terms: open('terms'), offsets: open('offsets'), postings: open('postings'), lengths: info.tf ? open('lengths') : null };
  }
  private list(): string[] {
    if (!this.terms) {
      const text = this.files.terms!.all().toString('utf8');
      this.terms = text ? text.split('\n') : [];
      if (this.terms.length !== this.info.terms) throw new Error(`${join(this.dir, this.name)}.terms: ${this.terms.length} terms, meta.json says ${this.info.terms}`);
    }
    return this.terms;
  }
  /** A term's postings bytes, or null when the field does not have the term. */
  private postingsOf(term: string): Uint8Array | null {
    const terms = this.list();
    const i = lowerBound(terms, term);
    if (terms[i] !== term) return null;
    this.offsets ??= readU32(this.files.offsets!);
    return this.files.postings!.read(this.offsets[i]!, this.offsets[i + 1]!);
  }
    get(term: string): Map<number, number> | undefined {
    let m = this.decoded.get(term);
    if (m) return m;
    const bytes = this.postingsOf(term);
    if (!bytes) return undefined;
    m = decodeIds(bytes, this.info.tf);
    this.decoded.set(term, m);
    return m;
  }
  /** A term's article ids, ascending (a field without term frequencies: the grams), as a typed array. */
  ids(term: string): Uint32Array {
    let a = this.idLists.get(term);
    if (a) return a;
    const bytes = this.postingsOf(term);
    if (!bytes) return EMPTY;
    this.idLists.set(term, (a = decodeIdList(bytes)));
    return a;
  }
  withPrefix(prefix: string): string[] {
    const terms = this.list();
    const out: string[] = [];
    for (let i = lowerBound(terms, prefix); i < terms.length && terms[i]!.startsWith(prefix); i++) out.push(terms[i]!);
    return out;
  }
  length(id: number): number {
    if (!this.files.lengths) return 0;
    this.lengths ??= readU32(this.files.lengths);
    return this.lengths[id] ?? 0;
  }
  close(): void {
    for (const f of Object.values(this.files)) f?.close();
  }
}

const EMPTY = new Uint32Array(0);

/** The ids in every list (each ascending), ascending: the shortest walked, the others searched forward. */
function intersectLists(lists: Uint32Array[]): Uint32Array {
  if (!lists.length) return EMPTY;
  lists = [...lists].sort((a, b) => a.length - b.length);
  const first = lists[0]!;
  const out = new Uint32Array(first.length);
  const at = new Array<number>(lists.length).fill(0);
  let n = 0;
  outer: for (const id of first) {
    for (let k = 1; k < lists.length; k++) {
      const list = lists[k]!;
      let i = at[k]!;
      // Gallop, then binary search, to the first id >= this one.
      let step = 1;
      while (i + step < list.length && list[i + step]! < id) (i += step), (step *= 2);
      let hi = Math.min(list.length, i + step + 1);
      while (i < hi) {
        const mid = (i + hi) >>> 1;
        if (list[mid]! < id) i = mid + 1;
        else hi = mid;
      }
      at[k] = i;
      if (i >= list.length) break outer;
      if (list[i] !== id) continue outer;
    }
    out[n++] = id;
  }
  return out.subarray(0, n);
}

/** The word index of the folder, as scoring reads it (postings.ts PostingsSource). */
class DiskWords implements PostingsSource {
  private readonly fields = new Map<string, DiskField>();
  constructor(
    dir: string,
    private readonly layout: LayoutMeta,
  ) {
    for (const [name, info] of Object.entries(layout.fields)) this.fields.set(name, new DiskField(dir, name, info));
  }
  get count(): number {
    return this.layout.count;
  }
  private field(name: string): DiskField | undefined {
    return this.fields.get(name);
  }
  get(field: string, term: string): Map<number, number> | undefined {
    return this.field(field)?.get(term);
  }
  /**
   * The candidates of a string (normalised, with at least one run of characters): the articles with every gram of
   * it (a one-character run: any gram starting with it), ascending — searchIndex.ts containingByGrams, on typed arrays.
   */
  candidates(s: string, count: number): Uint32Array {
    const field = this.field(GRAMS_FIELD)!;
    const lists: Uint32Array[] = [];
    for (const run of runs(s)) {
      const g = grams(run);
      if (g.length > 1) for (const x of g.slice(0, -1)) lists.push(field.ids(x));
      else {
        const seen = new Uint8Array(count);
        for (const t of field.withPrefix(run)) for (const id of field.ids(t)) seen[id] = 1;
        const union: number[] = [];
        for (let id = 0; id < count; id++) if (seen[id]) union.push(id);
        lists.push(Uint32Array.from(union));
      }
    }
    return intersectLists(lists);
  }
  withPrefix(field: string, prefix: string): string[] {
    return this.field(field)?.withPrefix(prefix) ?? [];
  }
  length(field: string, id: number): number {
    return this.field(field)?.length(id) ?? 0;
  }
  averageLength(field: string): number {
    return this.layout.fields[field]?.average ?? 0;
  }
  close(): void {
    for (const f of this.fields.values()) f.close();
  }
}

/** Records of one kind (heads, haystacks, text changes): the data file and where each record starts. */
class Records {
  private readonly data: Pieces;
  private readonly offsetsFile: Pieces;
  private offsets?: Uint32Array;
  /** Records read by prefetch (views of the stretches read). */
  private readonly held = new Map<number, Buffer>();
  constructor(dir: string, name: string) {
    this.data = new Pieces(join(dir, `${name}.data`));
    this.offsetsFile = new Pieces(join(dir, `${name}.offsets`));
  }
  bytes(id: number): Buffer {
    const held = this.held.get(id);
    if (held) return held;
    this.offsets ??= readU32(this.offsetsFile);
    return this.data.read(this.offsets[id]!, this.offsets[id + 1]!);
  }
  /**
   * About to read these records (ascending): read in stretches of records close together (an article's neighbours
   * are its document's), one read per stretch rather than one per record; the whole file when the stretches would be
   * most of it.
   */
  prefetch(ids: ArrayLike<number>): void {
    if (this.data.isWhole || !ids.length) return;
    const offsets = (this.offsets ??= readU32(this.offsetsFile));
    const spans: [number, number, number, number][] = []; // first id, last id, start, end
    let bytes = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (this.held.has(id)) continue;
      const last = spans[spans.length - 1];
      if (last && offsets[id]! - last[3] <= STRETCH_GAP) (last[1] = id), (last[3] = offsets[id + 1]!);
      else spans.push([id, id, offsets[id]!, offsets[id + 1]!]);
    }
    for (const [, , start, end] of spans) bytes += end - start;
    if (this.data.expect(bytes)) return;
    if (this.held.size > 100_000) this.held.clear();
    const wanted = new Set(Array.from(ids));
    for (const [first, last, start, end] of spans) {
      const buf = this.data.read(start, end, false);
      for (let id = first; id <= last; id++) if (wanted.has(id)) this.held.set(id, buf.subarray(offsets[id]! - start, offsets[id + 1]! - start));
    }
  }
  close(): void {
    this.data.close();
    this.offsetsFile.close();
  }
}

/**
 * An article as search() reads it: the fields of its head and of its document at once, its text the first time it
 * is read (most articles a query scores are never shown).
 */
class DiskArticle implements SearchArticle {
  readonly docId: string;
  readonly district: string | null;
  readonly year: number | null;
  readonly docTitle: string | null;
  #head: ArticleHead | null = null;
  #text: string | null = null;
  readonly #loadHead: () => ArticleHead;
  readonly #loadText: () => string;
  constructor(doc: LayoutDocument, head: () => ArticleHead, text: () => string) {
    this.docId = doc.docId;
    this.district = doc.district;
    this.year = doc.year;
    this.docTitle = doc.docTitle;
    this.#loadHead = head;
    this.#loadText = text;
  }
  // The head is read the first time one of its fields is (a district or year filter reads none of them).
  private get head(): ArticleHead {
    return (this.#head ??= this.#loadHead());
  }
  get key(): string {
    return this.head.key;
  }
  get ordinal(): number {
    return this.head.ordinal;
  }
  get label(): string {
    return this.head.label;
  }
  get chapter(): SearchArticle['chapter'] {
    return this.head.chapter;
  }
  get span(): SearchArticle['span'] {
    return this.head.span;
  }
  get topics(): string[] | undefined {
    return this.head.topics;
  }
  get mainTopics(): string[] | undefined {
    return this.head.mainTopics;
  }
  get text(): string {
    return (this.#text ??= this.#loadText());
  }
  toJSON(): SearchArticle {
    return { docId: this.docId, district: this.district, year: this.year, docTitle: this.docTitle, ...this.head, text: this.text };
  }
}

/** The articles as an array search() indexes, counts and iterates; each is read the first time it is asked for. */
function lazyArticles(count: number, make: (id: number) => SearchArticle): SearchArticle[] {
  const made: (SearchArticle | undefined)[] = new Array(count);
  // Array indexes are the property names that are digits (search() asks for thousands: no regular expression here).
  const index = (p: string | symbol): number => {
    if (typeof p !== 'string' || !p.length) return -1;
    const c = p.charCodeAt(0);
    if (c < 48 || c > 57) return -1;
    const i = Number(p);
    return Number.isInteger(i) && String(i) === p ? i : -1;
  };
  return new Proxy(made as SearchArticle[], {
    get(target, p, receiver) {
      const i = index(p);
      if (i < 0 || i >= count) return Reflect.get(target, p, receiver);
      return (made[i] ??= make(i));
    },
    has(target, p) {
      const i = index(p);
      return i >= 0 ? i < count : Reflect.has(target, p);
    },
    set() {
      return false;
    },
  });
}

/** Non-overlapping occurrences of a needle's bytes in a haystack's (UTF-8: a match is always on character boundaries), from the first (when known). */
function byteOccurrences(hay: Buffer, needle: Buffer, first = hay.indexOf(needle)): number {
  let n = 0;
  for (let at = first; at !== -1; at = hay.indexOf(needle, at + needle.length)) n++;
  return n;
}

export class DiskIndex {
  readonly meta: SearchIndexMeta;
  readonly articles: SearchArticle[];
  readonly averageLength: number;
  readonly documents: LayoutDocument[];
  private readonly words: DiskWords;
  private readonly heads: Records;
  private readonly hays: Records;
  private readonly changes: Records;
  private readonly featuresFile: Pieces;
  private featureValues?: Uint32Array;
  private readonly mainTopics: string[];
  private readonly topics: string[];
  private readonly docOf: Int32Array;
  private readonly headOf = new Map<number, ArticleHead>();
  private readonly hayText = new Map<number, string>();
  private readonly cache = new Map<string, Set<number>>();
  /** Occurrences of each string looked for, in the articles that have it, and the byte offset of the first. */
  private readonly counts = new Map<string, Map<number, number>>();
  private readonly firsts = new Map<string, Map<number, number>>();
  /** Strings looked up whose occurrences and first offsets are counted when first asked for (one bigram: exact without a check). */
  private readonly lazy = new Set<string>();
  private queryTokenizer: Tokenizer | (() => Tokenizer);

  private constructor(
    readonly dir: string,
    layout: LayoutMeta,
    tokenizer?: Tokenizer,
  ) {
    this.meta = layout.meta;
    this.averageLength = layout.averageLength;
    this.documents = layout.documents;
    this.words = new DiskWords(dir, layout);
    this.heads = new Records(dir, 'heads');
    this.hays = new Records(dir, 'hay');
    this.changes = new Records(dir, 'changes');
    this.featuresFile = new Pieces(join(dir, 'features'));
    this.mainTopics = layout.mainTopics;
    this.topics = layout.topics;
    this.docOf = new Int32Array(layout.count);
    layout.documents.forEach((d, k) => this.docOf.fill(k, d.first, d.first + d.count));
    this.articles = lazyArticles(layout.count, (id) => new DiskArticle(this.documentOf(id), () => this.head(id), () => this.text(id)));
    this.queryTokenizer = tokenizer ?? (() => getQueryTokenizer(layout.meta.tokenizer));
  }

  /** The layout of a folder (meta.json), or null when it has none. */
  static readLayout(dir: string): LayoutMeta | null {
    let text: string;
    try {
      text = readFileSync(join(dir, 'meta.json'), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw e;
    }
    return JSON.parse(text) as LayoutMeta;
  }

  /** Open an index folder whose layout has been read (readLayout) and checked. */
  static open(dir: string, layout: LayoutMeta, tokenizer?: Tokenizer): DiskIndex {
    if (layout.layout !== LAYOUT_VERSION) throw new Error(`${dir}: index layout ${layout.layout}, expected ${LAYOUT_VERSION}`);
    return new DiskIndex(dir, layout, tokenizer);
  }

  get tokenizer(): Tokenizer {
    if (typeof this.queryTokenizer === 'function') this.queryTokenizer = this.queryTokenizer();
    return this.queryTokenizer;
  }

  private head(id: number): ArticleHead {
    let h = this.headOf.get(id);
    if (!h) this.headOf.set(id, (h = decodeHead(this.heads.bytes(id).toString('utf8'), this.topics)));
    return h;
  }

  /** Every article whose haystack contains `s` (normalised): bigram candidates, each checked byte for byte; exact. */
  containing(s: string): Set<number> {
    let ids = this.cache.get(s);
    if (!ids) {
      const needle = Buffer.from(s, 'utf8');
      // Checking a candidate counts the string's occurrences in it too (substring scoring asks for them next).
      const counts = new Map<number, number>();
      const firsts = new Map<number, number>();
      const has = (id: number) => {
        const hay = this.hays.bytes(id);
        const first = hay.indexOf(needle);
        if (first < 0) return false;
        counts.set(id, byteOccurrences(hay, needle, first));
        firsts.set(id, first);
        return true;
      };
      const r = runs(s);
      if (r.length === 1 && r[0] === s && [...s].length === 2) {
        // One bigram and nothing else: its articles are the gram's, exactly (nothing to check). Occurrences and first
        // offsets are counted when asked for (count, leadMayHold): few of the articles are scored.
        ids = new Set(this.words.candidates(s, this.articles.length));
        if (this.cache.size >= 1000) this.cache.clear(), this.counts.clear(), this.firsts.clear(), this.lazy.clear();
        this.cache.set(s, ids);
        this.counts.set(s, new Map());
        this.firsts.set(s, new Map());
        this.lazy.add(s);
        return ids;
      }
      if (r.length) {
        const candidates = this.words.candidates(s, this.articles.length);
        this.hays.prefetch(candidates);
        ids = new Set<number>();
        for (const id of candidates) if (has(id)) ids.add(id);
      } else {
        // Only spaces and punctuation: no gram to look up; every article is looked at.
        ids = new Set<number>();
        if (s) for (let id = 0; id < this.articles.length; id++) if (has(id)) ids.add(id);
      }
      if (this.cache.size >= 1000) this.cache.clear(), this.counts.clear(), this.firsts.clear(), this.lazy.clear();
      this.cache.set(s, ids);
      this.counts.set(s, counts);
      this.firsts.set(s, firsts);
    }
    return ids;
  }

  count(id: number, s: string): number {
    const known = this.counts.get(s);
    if (known) {
      const n = known.get(id);
      if (n !== undefined || !this.lazy.has(s)) return n ?? 0;
      if (!this.cache.get(s)!.has(id)) return 0;
      const hay = this.hays.bytes(id);
      const needle = Buffer.from(s, 'utf8');
      const first = hay.indexOf(needle);
      const c = first < 0 ? 0 : byteOccurrences(hay, needle, first);
      known.set(id, c);
      this.firsts.get(s)!.set(id, first);
      return c;
    }
    return byteOccurrences(this.hays.bytes(id), Buffer.from(s, 'utf8'));
  }

  haystack(id: number): string {
    let h = this.hayText.get(id);
    if (h === undefined) {
      if (this.hayText.size >= 50_000) this.hayText.clear();
      this.hayText.set(id, (h = this.hays.bytes(id).toString('utf8')));
    }
    return h;
  }

  /** One of an article's features (layout.ts FEATURE). */
  private feature(id: number, which: number): number {
    this.featureValues ??= readU32(this.featuresFile);
    return this.featureValues[id * FEATURES + which]!;
  }

  /** The article's text: the start of its haystack, with what normalising changed undone. */
  private text(id: number): string {
    return restoreText(this.haystack(id).slice(0, this.feature(id, FEATURE.text)), this.changes.bytes(id));
  }

  /** The article's opening after its label, normalised (search.ts's lead), from its haystack: its text is not read. */
  lead(id: number, chars: number): string {
    const from = this.feature(id, FEATURE.label);
    return this.haystack(id).slice(from, Math.min(from + chars, this.feature(id, FEATURE.text)));
  }

  /**
   * Whether the article's lead can hold `s`: not when the first occurrence of its bytes starts past the lead's last
   * possible start (a character is at most 3 bytes of UTF-8 per UTF-16 unit), without decoding the haystack.
   */
  leadMayHold(id: number, s: string, chars: number): boolean {
    let first = this.firsts.get(s)?.get(id);
    if (first === undefined) {
      if (this.firsts.has(s) && !this.lazy.has(s)) return false; // looked for: the article does not have it
      if (this.lazy.has(s) && !this.cache.get(s)!.has(id)) return false;
      first = this.hays.bytes(id).indexOf(Buffer.from(s, 'utf8'));
      if (this.lazy.has(s)) this.firsts.get(s)!.set(id, first);
      if (first < 0) return false;
    }
    return first <= 3 * (this.feature(id, FEATURE.label) + chars - s.length);
  }

  length(id: number): number {
    return this.feature(id, FEATURE.hay);
  }

  wordScores(unitList: string[], among: Set<number>, options: WordScoreOptions = {}): Map<number, number> {
    return wordScores(this.words, unitList, among, options);
  }

  get documentCount(): number {
    return this.documents.length;
  }

  /** The id of an article's document, without reading the article. */
  docIdOf(id: number): string {
    return this.documentOf(id).docId;
  }

  /** The article's main topic (the first of its own topics). */
  mainTopic(id: number): string | undefined {
    const t = this.feature(id, FEATURE.mainTopic);
    return t ? this.mainTopics[t - 1] : undefined;
  }

  /** The document of an article, without reading the article. */
  documentOf(id: number): LayoutDocument {
    return this.documents[this.docOf[id]!]!;
  }

  close(): void {
    this.words.close();
    for (const r of [this.heads, this.hays, this.changes]) r.close();
    this.featuresFile.close();
  }
}
