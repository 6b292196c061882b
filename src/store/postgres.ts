/**
 * The PostgreSQL store (an edge: network I/O), for a corpus too large for one process's memory
 * (issue 13 item 3, docs/decisions/0080).
 *
 * What is stored (schema below): the documents (jsonb), their articles — the SearchArticle a hit cites as json (not
 * jsonb, which reorders keys: `search --json` prints the same bytes from either store), the
 * normalised haystack the embedded index searches (text, chapter title, document title) with a pg_trgm GIN index
 * for verbatim substring search, the field lengths, and the article's index terms (the same terms the embedded
 * index holds, cut by the app's jieba: src/search/terms.ts) as a tsvector 'simple' — the word postings (field,
 * term, article, tf) for scoring, the facts of each document (jsonb) and the clause families (jsonb); `rulecmp_meta`
 * holds the index meta and the whole-corpus statistics BM25 needs (article count, average lengths).
 *
 * Searching: the articles that contain each string of the query (a quoted phrase, an unquoted unit, an
 * alternative) come from SQL (LIKE on the trigram index, rechecked by the engine: exact); the postings of the query's
 * words (and of the longer words they begin) are read among those articles only, with their whole-corpus document
 * frequencies; and the very same search() the embedded index answers with (src/search/search.ts) ranks that extract,
 * so the answers are identical.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DocumentFacts } from '../extract/index.js';
import { align, alignmentVectors, classificationByDocument, ShortReach, type AlignInternals } from '../align/index.js';
import { QUERY_FEATURES, usableFeatures, type ReachedClasses } from '../align/candidates.js';
import type { Alignment, AlignOptions, RuleDocument, SearchArticle, SearchResponse } from '../model.js';
import type { CorpusAnalysis } from '../pipeline.js';
import { encodePostings, Postings, type PostingsData } from '../search/postings.js';
import { search, type Searchable, type SearchOptions } from '../search/search.js';
import { occurrences, PREFIX_WEIGHT, wordScores, type SearchIndex, type SearchIndexMeta } from '../search/searchIndex.js';
import { alternativesAt, levelOfName } from '../search/synonyms.js';
import { numeralAlternatives, parseQuery, units } from '../search/terms.js';
import { getQueryTokenizer, type Tokenizer } from '../tokenize/index.js';

/** Bump when the schema changes: a store of another version is refused (build it again). */
export const STORE_SCHEMA = 4;
const WORD_FIELDS = ['text', 'chapter', 'title'] as const;
/** Rows per chunk of a COPY stream, and per progress step. */
const BATCH = 2000;

const SCHEMA = `
create extension if not exists pg_trgm;
drop table if exists rulecmp_align_classes, rulecmp_align_features, rulecmp_align_sizes, rulecmp_words, rulecmp_articles, rulecmp_facts, rulecmp_families, rulecmp_documents, rulecmp_meta;
create table rulecmp_meta (key text primary key, value jsonb not null);
create table rulecmp_documents (id text primary key, ord int not null, district text, year int, title text, first_article int, data jsonb not null);
create table rulecmp_articles (
  id int primary key,
  doc_id text not null references rulecmp_documents(id),
  key text not null,
  data json not null,
  head json not null,
  haystack text not null,
  len_text int not null, len_chapter int not null, len_title int not null,
  terms text[] not null,
  -- the app's own terms as lexemes, exactly (to_tsvector('simple', …) would cut them again)
  words tsvector generated always as (array_to_tsvector(terms)) stored,
  grams text[] not null
);
create table rulecmp_words (field text not null, term text collate "C" not null, article_id int not null, tf int not null, primary key (field, term, article_id));
create table rulecmp_facts (doc_id text primary key references rulecmp_documents(id), data jsonb not null);
create table rulecmp_families (id text primary key, topic text, data jsonb not null);
-- The alignment's look-up (src/align/candidates.ts): each article's class of equal vectors, and each class's usable
-- features (document frequency at most the look-up's cap) with their weights and rank by weight (1 = strongest).
create table rulecmp_align_classes (article int primary key, doc int not null, class int not null);
create table rulecmp_align_sizes (class int primary key, size int not null);
create table rulecmp_align_features (class int not null, feature int not null, weight real not null, rank int not null, primary key (class, rank));
`;
/** Made after the load (faster than maintaining them row by row). */
const INDEXES = `
create index rulecmp_articles_haystack_trgm on rulecmp_articles using gin (haystack gin_trgm_ops);
create index rulecmp_articles_words on rulecmp_articles using gin (words);
create index rulecmp_articles_grams on rulecmp_articles using gin (grams);
create index rulecmp_align_features_feature on rulecmp_align_features (feature) include (class);
analyze;
`;

export function isStoreUrl(s: string | undefined): boolean {
  return !!s && /^postgres(ql)?:\/\//u.test(s);
}

/**
 * The distinct characters and character pairs of a haystack (code points): a string of one or two characters occurs
 * in the haystack exactly when it is one of them. Trigrams cannot find those (most Chinese words are two characters).
 */
export function gramsOf(hay: string): string[] {
  const cs = [...hay];
  const out = new Set<string>(cs);
  for (let i = 0; i + 1 < cs.length; i++) out.add(cs[i]! + cs[i + 1]!);
  return [...out];
}

/** LIKE pattern for "contains s" (\ escapes). */
function likeContains(s: string): string {
  return `%${s.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
}
function likePrefix(s: string): string {
  return `${s.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
}

/** A value in COPY's text format: \N for null, arrays as array literals, backslash, tab and line breaks escaped. */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const text = Array.isArray(v) ? `{${v.map((x) => `"${String(x).replace(/[\\"]/gu, (c) => `\\${c}`)}"`).join(',')}}` : String(v);
  return text.replace(/[\\\t\n\r]/gu, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Rows as COPY text, BATCH rows a chunk (told after each chunk: rows done). */
function* copyLines(rows: Iterable<unknown[]>, done?: (n: number) => void): Generator<string> {
  let chunk: string[] = [];
  let n = 0;
  for (const r of rows) {
    chunk.push(r.map(copyField).join('\t') + '\n');
    if (chunk.length >= BATCH) yield chunk.join(''), (n += chunk.length), done?.(n), (chunk = []);
  }
  if (chunk.length) yield chunk.join(''), done?.(n + chunk.length);
}

/** Bulk load rows with COPY … FROM STDIN (text format). */
async function copyRows(client: pg.ClientBase, table: string, columns: string[], rows: Iterable<unknown[]>, done?: (n: number) => void): Promise<void> {
  await pipeline(Readable.from(copyLines(rows, done)), client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
}

export interface LoadReport {
  documents: number;
  articles: number;
  words: number;
  ms: number;
}

/** What the store needs of a corpus analysis (families and facts are optional: loaded when given). */
export interface StoreContent {
  documents: RuleDocument[];
  searchIndex: SearchIndex;
  facts?: DocumentFacts[];
  alignment?: Pick<Alignment, 'families'>;
  /** The alignment's vectors and their classes (alignmentVectors), for the look-up in the engine (alignWithStore). */
  vectors?: ReturnType<typeof alignmentVectors>;
}

export function storeContent(analysis: CorpusAnalysis): StoreContent {
  // The vectors of the analysis's own classification (the documents are not classified again).
  const vectors = alignmentVectors(analysis.documents, { assignments: classificationByDocument(analysis.alignment) });
  return { documents: analysis.documents, searchIndex: analysis.searchIndex, facts: analysis.facts, alignment: analysis.alignment, vectors };
}

/** The rows of the alignment's look-up tables: classes of articles, their sizes, and each class's usable features ranked. */
function lookupRows({ docOf, vec, classes }: NonNullable<StoreContent['vectors']>): { articles: unknown[][]; sizes: unknown[][]; features: unknown[][] } {
  const { ranked } = usableFeatures(vec);
  const features: unknown[][] = [];
  classes.members.forEach((m, c) => {
    const v = vec.vectors[m[0]!]!;
    ranked(m[0]!).forEach((k, r) => features.push([c, v.ids[k]!, v.weights[k]!, r + 1]));
  });
  return {
    articles: Array.from(docOf, (d, a) => [a, d, classes.classOf[a]!]),
    sizes: classes.members.map((m, c) => [c, m.length]),
    features,
  };
}

/** Replace what the store holds with this corpus (one transaction). */
export async function loadStore(url: string, content: StoreContent, onProgress?: (stage: string, done: number, total: number) => void): Promise<LoadReport> {
  const t0 = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(SCHEMA);
    const data = content.searchIndex.toData();
    const words = Postings.fromData(data.words);
    const articles = data.articles;
    const N = articles.length;
    const averages = Object.fromEntries(WORD_FIELDS.map((f) => [f, words.averageLength(f)]));
    // The very haystacks the embedded index searches.
    const hay = articles.map((_, id) => content.searchIndex.haystack(id));
    const first = new Map<string, number>();
    articles.forEach((a, id) => first.has(a.docId) || first.set(a.docId, id));
    const averageLength = content.searchIndex.averageLength;
    const meta: SearchIndexMeta = data.meta;
    await copyRows(client, 'rulecmp_meta', ['key', 'value'], [
      ['schema', JSON.stringify(STORE_SCHEMA)],
      ['index', JSON.stringify(meta)],
      ['stats', JSON.stringify({ count: N, averageLength, averages })],
    ]);
    await copyRows(
      client,
      'rulecmp_documents',
      ['id', 'ord', 'district', 'year', 'title', 'first_article', 'data'],
      content.documents.map((d, k) => [d.id, k, d.meta.jurisdiction.name ?? null, d.meta.year ?? null, d.meta.title ?? null, first.get(d.id) ?? null, JSON.stringify(d)]),
    );
    // Each article's text terms for its tsvector, from the word index's postings (the same terms, not cut again).
    const termsOf: string[][] = articles.map(() => []);
    const wordRows: unknown[][] = [];
    for (const f of WORD_FIELDS) {
      for (const term of data.words.fields[f]?.terms ?? []) {
        for (const [id, tf] of words.get(f, term)!) {
          wordRows.push([f, term, id, tf]);
          if (f === 'text') termsOf[id]!.push(term);
        }
      }
    }
    // The head: the article without its text (what filters and the per-district view read of every article).
    const rows = articles.map((a, id) => [id, a.docId, a.key, JSON.stringify(a), JSON.stringify({ ...a, text: undefined }), hay[id], words.length('text', id), words.length('chapter', id), words.length('title', id), termsOf[id], gramsOf(hay[id]!)]);
    onProgress?.('store: articles', 0, rows.length);
    await copyRows(client, 'rulecmp_articles', ['id', 'doc_id', 'key', 'data', 'head', 'haystack', 'len_text', 'len_chapter', 'len_title', 'terms', 'grams'], rows, (n) => onProgress?.('store: articles', n, rows.length));
    onProgress?.('store: words', 0, wordRows.length);
    await copyRows(client, 'rulecmp_words', ['field', 'term', 'article_id', 'tf'], wordRows, (n) => onProgress?.('store: words', n, wordRows.length));
    if (content.facts) await copyRows(client, 'rulecmp_facts', ['doc_id', 'data'], content.facts.map((f, k) => [content.documents[k]!.id, JSON.stringify(f)]));
    if (content.alignment)
      await copyRows(client, 'rulecmp_families', ['id', 'topic', 'data'], content.alignment.families.map((fam) => [fam.id, fam.topic, JSON.stringify(fam)]));
    if (content.vectors) {
      const look = lookupRows(content.vectors);
      onProgress?.('store: alignment look-up', 0, look.features.length);
      await copyRows(client, 'rulecmp_align_classes', ['article', 'doc', 'class'], look.articles);
      await copyRows(client, 'rulecmp_align_sizes', ['class', 'size'], look.sizes);
      await copyRows(client, 'rulecmp_align_features', ['class', 'feature', 'weight', 'rank'], look.features, (n) => onProgress?.('store: alignment look-up', n, look.features.length));
    }
    await client.query(INDEXES.replace('analyze;', ''));
    await client.query('commit');
    await client.query('analyze');
    onProgress?.('store: done', rows.length, rows.length);
    return { documents: content.documents.length, articles: N, words: wordRows.length, ms: Math.round(performance.now() - t0) };
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

interface Stats {
  count: number;
  averageLength: number;
  averages: Record<string, number>;
}

/**
 * What one search reads of the store, fetched on demand: the articles containing each string asked for, those
 * articles (what a hit cites), their haystacks and field lengths, and the postings of each word asked for among
 * them with whole-corpus document frequencies. search() is synchronous: when it asks for something not fetched yet,
 * the extract notes it and answers a stand-in (nothing); the store then throws that run's answer away, fetches
 * everything noted and runs search() again, until a run asks for nothing new. The query's own strings and words are
 * fetched before the first run, so one run is the rule; whatever search() comes to read (another spelling, a
 * synonym, a new kind of alternative) is still fetched, never answered as absent.
 */
class Extract {
  readonly sets = new Map<string, Set<number>>();
  readonly articles: SearchArticle[];
  /** Articles held with their text (the candidates); the others in `articles` are heads (no text) for filters and documents. */
  readonly full = new Set<number>();
  readonly haystacks = new Map<number, string>();
  readonly lengths: Record<string, number[]>;
  /** Words whose postings are held, and the articles they are held among. */
  readonly words = new Set<string>();
  scope = new Set<number>();
  postings: Postings | null = null;
  readonly pending = { strings: new Set<string>(), words: new Set<string>(), articles: new Set<number>() };

  constructor(readonly N: number) {
    this.articles = new Array<SearchArticle>(N);
    this.lengths = Object.fromEntries(WORD_FIELDS.map((f) => [f, new Array<number>(N).fill(0)]));
  }

  get hasPending(): boolean {
    return this.pending.strings.size + this.pending.words.size + this.pending.articles.size > 0;
  }

  /** Note what a run asked for and the extract lacks; the stand-in is what the run gets meanwhile. */
  private need<T>(kind: 'strings' | 'words' | 'articles', what: string | number, standIn: T): T {
    (this.pending[kind] as Set<string | number>).add(what);
    return standIn;
  }

  private held(id: number): string {
    return this.haystacks.get(id) ?? this.need('articles', id, '');
  }

  searchable(meta: SearchIndexMeta, tokenizer: Tokenizer, averageLength: number): Searchable {
    return {
      meta,
      articles: this.articles,
      tokenizer,
      averageLength,
      containing: (s) => this.sets.get(s) ?? this.need('strings', s, new Set<number>()),
      haystack: (id) => this.held(id),
      length: (id) => this.held(id).length,
      count: (id, s) => occurrences(this.held(id), s),
      wordScores: (unitList, among, options = {}) => {
        let lacking = !this.postings;
        for (const u of unitList) if (!this.words.has(u)) lacking = this.need('words', u, true);
        for (const id of among) if (!this.scope.has(id)) lacking = this.need('articles', id, true);
        return lacking ? new Map<number, number>() : wordScores(this.postings!, unitList, among, options);
      },
    };
  }
}

/** A store opened for searching: one connection, the meta read once. */
export class PostgresStore {
  /** The heads (articles without their text) of every article, read once when a filtered search needs them. */
  private heads: Map<number, SearchArticle> | null = null;
  /** Each document's first article's head (what the per-district view lists documents by), read once. */
  private firsts: Map<number, SearchArticle> | null = null;

  private constructor(
    private readonly client: pg.Client,
    readonly meta: SearchIndexMeta,
    private readonly stats: Stats,
    private readonly queryTokenizer: Tokenizer,
  ) {}

  static async open(url: string, tokenizer?: Tokenizer): Promise<PostgresStore> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ key: string; value: unknown }>(`select key, value from rulecmp_meta`);
      const m = new Map(rows.map((r) => [r.key, r.value]));
      if (m.get('schema') !== STORE_SCHEMA) throw new Error(`store of schema ${String(m.get('schema'))} (expected ${STORE_SCHEMA}): run rulecmp build --store again`);
      const meta = m.get('index') as SearchIndexMeta;
      return new PostgresStore(client, meta, m.get('stats') as Stats, tokenizer ?? getQueryTokenizer(meta.tokenizer));
    } catch (e) {
      await client.end();
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  async counts(): Promise<{ articles: number; documents: number }> {
    const { rows } = await this.client.query<{ n: number; d: number }>(`select (select count(*)::int from rulecmp_articles) n, (select count(*)::int from rulecmp_documents) d`);
    return { articles: rows[0]!.n, documents: rows[0]!.d };
  }

  /** Ids of the articles whose haystack contains s (exact: the indexes propose, the engine checks). */
  private async containing(s: string): Promise<Set<number>> {
    if (!s) return new Set();
    const short = [...s].length <= 2;
    const { rows } = await this.client.query<{ id: number }>(
      short ? `select id from rulecmp_articles where grams @> array[$1::text] order by id` : `select id from rulecmp_articles where haystack like $1 order by id`,
      [short ? s : likeContains(s)],
    );
    return new Set(rows.map((r) => r.id));
  }

  private async headsOf(sql: string): Promise<Map<number, SearchArticle>> {
    const { rows } = await this.client.query<{ id: number; head: SearchArticle }>(sql);
    return new Map(rows.map((r) => [r.id, { ...r.head, text: '' }]));
  }

  /** The search of src/search/search.ts, over the extract of the store this query needs (the same response). */
  async search(query: string, opts: SearchOptions = {}): Promise<SearchResponse> {
    const tokenizer = this.queryTokenizer;
    const x = new Extract(this.stats.count);
    // What a search looks at besides its candidates: with a filter, every article (filterArticles); in the
    // per-district view, each document (its first article, in index order).
    const filtered = Object.values(opts.filters ?? {}).some((v) => v !== undefined && v !== '');
    // Each document's first article's head, always: the documents' levels (search() looks for 副区长 in the districts'
    // rules when 副县长 is typed) are read from them.
    const firsts = (this.firsts ??= await this.headsOf(`select a.id, a.head from rulecmp_articles a join rulecmp_documents d on a.id = d.first_article order by a.id`));
    if (filtered) for (const [id, a] of (this.heads ??= await this.headsOf(`select id, head from rulecmp_articles order by id`))) x.articles[id] = a;
    for (const [id, a] of firsts) x.articles[id] ??= a;
    const levels = new Set([...firsts.values()].map((a) => levelOfName(a.district)).filter((l): l is string => l !== null));
    // The query's strings and words, as search() will ask for them (a phrase, the units, each alternative, each part whole).
    try {
      const parts = parseQuery(query, tokenizer, { alternatives: opts.synonyms === false ? numeralAlternatives : alternativesAt(levels) });
      for (const p of parts) {
        // The part as typed and with a number in another spelling (what ranks an article as verbatim).
        x.pending.strings.add(p.text);
        for (const term of p.terms) for (const alt of term.alternatives) if (alt.kind === 'numeral' && p.text.includes(term.text)) x.pending.strings.add(p.text.replace(term.text, alt.text));
        for (const term of p.terms) {
          for (const s of p.kind === 'phrase' ? [p.text] : term.units) x.pending.strings.add(s);
          for (const w of p.kind === 'phrase' ? p.units : term.units) x.pending.words.add(w);
          for (const alt of term.alternatives) {
            x.pending.strings.add(alt.text);
            for (const w of units(alt.text, tokenizer)) x.pending.words.add(w);
          }
        }
      }
    } catch {
      // search() says what is wrong with the query.
    }
    for (let round = 1; ; round++) {
      if (round > 10) throw new Error(`store search: still fetching after ${round - 1} rounds`);
      await this.fetch(x);
      let response: SearchResponse | undefined;
      let error: unknown;
      try {
        response = search(x.searchable(this.meta, tokenizer, this.stats.averageLength), query, opts);
      } catch (e) {
        error = e; // perhaps from a stand-in: said only when the run had everything it asked for
      }
      if (x.hasPending) continue;
      if (error !== undefined) throw error;
      return response!;
    }
  }

  /** Fetch what the extract lacks: strings' articles, then articles, then postings (again, among all, when articles were added). */
  private async fetch(x: Extract): Promise<void> {
    const { pending } = x;
    for (const s of pending.strings) {
      const ids = await this.containing(s);
      x.sets.set(s, ids);
      for (const id of ids) if (!x.full.has(id)) pending.articles.add(id);
    }
    pending.strings.clear();
    const added = [...pending.articles].filter((id) => !x.full.has(id)).sort((a, b) => a - b);
    pending.articles.clear();
    if (added.length) {
      const { rows } = await this.client.query<{ id: number; data: SearchArticle; haystack: string; len_text: number; len_chapter: number; len_title: number }>(
        `select id, data, haystack, len_text, len_chapter, len_title from rulecmp_articles where id = any($1::int[])`,
        [added],
      );
      for (const r of rows) {
        x.articles[r.id] = r.data;
        x.full.add(r.id);
        x.haystacks.set(r.id, r.haystack);
        x.lengths.text![r.id] = r.len_text;
        x.lengths.chapter![r.id] = r.len_chapter;
        x.lengths.title![r.id] = r.len_title;
      }
      for (const id of added) if (!x.full.has(id)) throw new Error(`store search: no article ${id} in the store`);
    }
    if (!pending.words.size && !added.length) return;
    // Postings among every article held, of every word asked for so far.
    for (const w of pending.words) x.words.add(w);
    pending.words.clear();
    x.scope = new Set(x.full);
    x.postings = await this.postingsAmong([...x.words], [...x.scope].sort((a, b) => a - b), x.lengths);
  }

  /** The postings of the words (exactly, and the longer words they begin) among some articles, with whole-corpus document frequencies. */
  private async postingsAmong(words: string[], ids: number[], lengths: Record<string, number[]>): Promise<Postings> {
    const postings = new Map<string, Map<string, [number, number][]>>(WORD_FIELDS.map((f) => [f, new Map()]));
    const df = new Map<string, number>();
    const asked = new Set<string>();
    for (const u of words) {
      if (asked.has(u) || !ids.length) continue;
      asked.add(u);
      const prefix = PREFIX_WEIGHT > 0 && u.length >= 2;
      const { rows } = await this.client.query<{ field: string; term: string; df: number; ids: number[] | null; tfs: number[] | null }>(
        `select field, term, count(*)::int as df,
                array_agg(article_id order by article_id) filter (where article_id = any($2::int[])) as ids,
                array_agg(tf order by article_id) filter (where article_id = any($2::int[])) as tfs
           from rulecmp_words where field = any($3::text[]) and ${prefix ? `term like $1` : `term = $1`}
          group by field, term`,
        [prefix ? likePrefix(u) : u, ids, WORD_FIELDS],
      );
      for (const r of rows) {
        if (!r.ids?.length) continue;
        postings.get(r.field)!.set(r.term, r.ids.map((id, i) => [id, r.tfs![i]!]));
        df.set(`${r.field}\u0000${r.term}`, r.df);
      }
    }
    const data: PostingsData = { count: this.stats.count, fields: {} };
    for (const f of WORD_FIELDS) {
      const byTerm = postings.get(f)!;
      const terms = [...byTerm.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      data.fields[f] = { terms, postings: terms.map((t) => encodePostings(byTerm.get(t)!)), lengths: lengths[f]! };
    }
    return Postings.partial(data, this.stats.averages, df);
  }
}

/** A class's reached list is cut after this many articles (its ties kept whole): what a walk to 64 neighbours needs, with room. */
const REACH_ARTICLES = 8 * 64;

/**
 * The alignment's candidates looked up in the engine: for each class of articles (or the classes named), the classes
 * its QUERY_FEATURES strongest features reach and the sums of its weights over them — the in-memory inverted index's
 * sums (src/align/candidates.ts), added in the same order (float8, the article's features by rank) — strongest first,
 * ties by class; each list cut after `limit` articles at a change of sum (null: whole).
 */
async function reachedClasses(client: pg.ClientBase, classes: number[] | null, limit: number | null): Promise<Map<number, ReachedClasses>> {
  const { rows } = await client.query<{ ca: number; cbs: number[]; sums: number[]; total: number }>(
    `with q as (
       select class, feature, weight, rank from rulecmp_align_features where rank <= $1 and ($2::int[] is null or class = any($2))
     ), acc as (
       select q.class ca, p.class cb, sum(q.weight::float8 order by q.rank) s
         from q join rulecmp_align_features p on p.feature = q.feature
        group by q.class, p.class
     ), run as (
       select acc.ca, acc.cb, acc.s,
              sum(z.size) over (partition by acc.ca order by acc.s desc, acc.cb rows between unbounded preceding and current row) - z.size as before,
              count(*) over (partition by acc.ca) as total
         from acc join rulecmp_align_sizes z on z.class = acc.cb
     ), cut as (
       select run.*, min(s) filter (where before < $3::bigint or $3 is null) over (partition by ca) as last from run
     )
     select ca, array_agg(cb order by s desc, cb) cbs, array_agg(s order by s desc, cb) sums, max(total)::int total
       from cut where $3::bigint is null or before < $3 or s = last
      group by ca`,
    [QUERY_FEATURES, classes, limit],
  );
  return new Map(rows.map((r) => [r.ca, { classes: Int32Array.from(r.cbs), sums: Float64Array.from(r.sums), postingsVisited: 0, complete: r.cbs.length === r.total }]));
}

/**
 * Align the store's documents with the candidates looked up in the engine (LID's shape: the engine proposes, the
 * passes decide): the same alignment as align() over the same documents. Lists cut short that run out are looked up in
 * full and the passes run again.
 */
export async function alignWithStore(url: string, options: AlignOptions & Pick<AlignInternals, 'classify' | 'vectors'> & { reachArticles?: number } = {}): Promise<{ documents: RuleDocument[]; alignment: Alignment; lookups: number; lookupMs: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const schema = await client.query<{ value: unknown }>(`select value from rulecmp_meta where key = 'schema'`).catch(() => ({ rows: [] as { value: unknown }[] }));
    if (schema.rows[0]?.value !== STORE_SCHEMA) throw new Error(`store of schema ${String(schema.rows[0]?.value ?? 'none')} (expected ${STORE_SCHEMA}): run rulecmp build --store again`);
    const { rows } = await client.query<{ data: RuleDocument }>(`select data from rulecmp_documents order by ord`);
    const documents = rows.map((r) => r.data);
    const sizes = await client.query<{ n: number }>(`select count(*)::int n from rulecmp_align_sizes`);
    const { classes, assignments } = alignmentVectors(documents, options);
    if (sizes.rows[0]!.n !== classes.members.length) throw new Error(`store holds ${sizes.rows[0]!.n} classes of articles, its documents make ${classes.members.length}: run rulecmp build --store again`);
    options.onProgress?.('align: candidates (store)', 0, classes.members.length);
    let t = performance.now();
    const reached = await reachedClasses(client, null, options.reachArticles ?? REACH_ARTICLES);
    let lookupMs = performance.now() - t;
    const empty: ReachedClasses = { classes: [], sums: [], postingsVisited: 0 };
    const { reachArticles: _, ...alignOptions } = options;
    for (let lookups = 1; ; lookups++) {
      try {
        // The classification made for the check above, not made again.
        return { documents, alignment: align(documents, { ...alignOptions, assignments, reach: (c) => reached.get(c) ?? empty }), lookups, lookupMs: Math.round(lookupMs) };
      } catch (e) {
        if (!(e instanceof ShortReach)) throw e;
        t = performance.now();
        for (const [c, r] of await reachedClasses(client, e.classes, null)) reached.set(c, r);
        lookupMs += performance.now() - t;
      }
    }
  } finally {
    await client.end();
  }
}
