/**
 * The search index: a word index of the corpus's articles (postings.ts; fields: article text,
 * chapter title, document title; terms from the shared jieba tokenizer), the articles
 * themselves (what a hit cites and shows), and what is needed to find any string word
 * for word (docs/decisions/0002): a scan of the normalised texts, or a bigram field.
 *
 * Pure: built from documents, turned into and back from a plain object. Reading and
 * writing the file is store/embedded.ts's job.
 */
import type { Article, RuleDocument, SearchArticle, VerbatimStrategy } from '../model.js';
import { getQueryTokenizer, getTokenizer, normalise, userDictHash, type Tokenizer, type TokenizerEngine } from '../tokenize/index.js';
import { Postings, scoreUnits, type PostingsData, type PostingsSource } from './postings.js';
import { grams, indexTerms, runs } from './terms.js';

/** Bump when what is indexed or how changes: an index of another format is rebuilt. */
export const INDEX_FORMAT = 8;

/** The files of the corpus directory the index was built from (name → SHA-256): how freshness is checked. */
export interface CorpusSnapshot {
  dir: string;
  files: Record<string, string>;
  /** Files of the directory that could not be read or segmented, with why: every search reports them again. */
  skipped?: { path: string; message: string }[];
}

export interface SearchIndexMeta {
  format: number;
  tokenizer: TokenizerEngine;
  /** Hash of the user dictionary the terms were cut with. */
  userDict: string;
  verbatim: VerbatimStrategy;
  corpus: CorpusSnapshot | null;
  /** The classifier's topics (when the index has topics). */
  topics?: SearchTopic[];
}

/** A topic as search knows it: its name, parent, and the cue words that say a query is about it. */
export interface SearchTopic {
  id: string;
  name: string;
  parent: string | null;
  cues: string[];
  /** Words that point to the topic without settling it (the classifier's weak cues): a question typed as a sentence names the topic by them too. */
  weakCues?: string[];
  /** Everyday words a question about the topic uses (data/query-cues.json): a question typed as a sentence names the topic by them too. */
  queryCues?: string[];
}

/** The persisted form (reports/search-index.json). */
export interface SearchIndexData {
  meta: SearchIndexMeta;
  articles: SearchArticle[];
  words: PostingsData;
}

export interface BuildIndexOptions {
  tokenizer?: Tokenizer;
  verbatim?: VerbatimStrategy;
  corpus?: CorpusSnapshot | null;
  /** Topics of an article (from the classifier): for the --topic filter (with ancestors), and its own, strongest first. */
  topicsOf?: (doc: RuleDocument, article: Article) => { topics: string[]; main: string[] };
  /** The topics the classifier assigns from (names and cue words): what a query is about, and --topic suggestions. */
  taxonomy?: SearchTopic[];
}

/** Relative weight of a match in each field (docs/decisions/0003). */
export const FIELD_BOOST = { text: 1, chapter: 2, title: 0.3 } as const;
/**
 * BM25 with gentler length normalisation than MiniSearch's default (b 0.7): the article
 * that sets a thing up is often the long one listing its members, tasks and procedure,
 * and should not lose to a one-line mention (docs/decisions/0003).
 */
export const BM25_PARAMS = { k: 1.2, b: 0.5, d: 0.5 } as const;
/** Weight of a prefix match (a longer indexed word that starts with the unit). */
export const PREFIX_WEIGHT = 0.375;
const WORD_FIELDS = ['text', 'chapter', 'title'];
/** Separator of the articles' haystacks in the joined text (never inside a text). */
const SEP = '\u0000';
/** Strings whose articles are remembered (a long-lived process searches many). */
const CACHE_SIZE = 1000;

/** What every search matches against: article text, chapter title and document title, normalised. */
export function haystackOf(a: SearchArticle): string {
  return normalise(`${a.text}\n${a.chapter?.title ?? ''}\n${a.docTitle ?? ''}`);
}

/** An article under a section (第二节 会议制度) is found, filtered and cited by the section's title too. */
function withSection(chapter: SearchArticle['chapter'], section: RuleDocument['sections'][number] | undefined): SearchArticle['chapter'] {
  return chapter && section ? { ...chapter, title: `${chapter.title} ${section.label} ${section.title}` } : chapter;
}

export function articlesOf(documents: RuleDocument[], topicsOf?: BuildIndexOptions['topicsOf']): SearchArticle[] {
  const out: SearchArticle[] = [];
  for (const doc of documents) {
    const chapters = new Map(doc.chapters.map((c) => [c.ordinal, { ordinal: c.ordinal, label: c.label, title: c.title }]));
    for (const a of doc.articles) {
      const article: SearchArticle = {
        docId: doc.id,
        district: doc.meta.jurisdiction.name,
        year: doc.meta.year,
        docTitle: doc.meta.title,
        key: a.key,
        ordinal: a.ordinal,
        label: a.label,
        chapter: a.chapter === null ? null : withSection(chapters.get(a.chapter) ?? null, doc.sections.find((x) => x.ordinal === a.section && x.chapter === a.chapter)),
        text: a.text,
        span: a.span,
      };
      if (topicsOf) {
        const t = topicsOf(doc, a);
        article.topics = t.topics;
        article.mainTopics = t.main;
      }
      out.push(article);
    }
  }
  return out;
}

export interface WordScoreOptions {
  boost?: Partial<Record<'text' | 'chapter' | 'title', number>>;
  prefixWeight?: number;
  idf?: number;
  quality?: boolean;
  b?: number;
}

/** SearchIndex.wordScores over any word index (the in-memory one, or one read from files: src/store/disk-index.ts). */
export function wordScores(words: PostingsSource, unitList: string[], among: Set<number>, options: WordScoreOptions = {}): Map<number, number> {
  if (!unitList.length || !among.size) return new Map();
  return scoreUnits(words, unitList, { boost: { ...FIELD_BOOST, ...options.boost }, bm25: { ...BM25_PARAMS, b: options.b ?? BM25_PARAMS.b }, prefixWeight: options.prefixWeight ?? PREFIX_WEIGHT, among, quality: options.quality ?? true, idf: options.idf });
}

/** How many times `s` occurs in a haystack (non-overlapping). */
export function occurrences(hay: string, s: string): number {
  let n = 0;
  for (let at = hay.indexOf(s); at !== -1; at = hay.indexOf(s, at + s.length)) n++;
  return n;
}

/**
 * Every article whose haystack contains `s` (normalised; at least one run of characters), from the bigram field:
 * candidates hold every gram of s (a one-character run: any gram starting with it), then each is checked by `has` (in its haystack).
 */
export function containingByGrams(s: string, words: Pick<PostingsSource, 'get' | 'withPrefix'>, has: (id: number) => boolean): Set<number> {
  const sets: Set<number>[] = [];
  for (const run of runs(s)) {
    const g = grams(run);
    if (g.length === 1) sets.push(new Set(words.withPrefix('grams', run).flatMap((t) => [...words.get('grams', t)!.keys()])));
    else for (const x of g.slice(0, -1)) sets.push(new Set(words.get('grams', x)?.keys() ?? []));
  }
  sets.sort((a, b) => a.size - b.size);
  const found = [...(sets[0] ?? [])].filter((id) => sets.every((ids) => ids.has(id)) && has(id));
  return new Set(found.sort((a, b) => a - b));
}

export class SearchIndex {
  readonly meta: SearchIndexMeta;
  readonly articles: SearchArticle[];
  /** Cuts queries: the tokenizer the index was built with, or (loaded index) one that cuts the same way for short texts. */
  private queryTokenizer: Tokenizer | (() => Tokenizer);
  private readonly words: Postings;
  /** Normalised haystacks joined by SEP, and where each article's starts: one indexOf pass finds a string in every article. */
  private readonly joined: string;
  private readonly starts: number[];
  private readonly lengths: number[];
  readonly averageLength: number;
  private readonly cache = new Map<string, Set<number>>();

  private constructor(meta: SearchIndexMeta, articles: SearchArticle[], words: Postings, tokenizer: Tokenizer | (() => Tokenizer)) {
    this.meta = meta;
    this.articles = articles;
    this.words = words;
    this.queryTokenizer = tokenizer;
    const hay = articles.map(haystackOf);
    this.starts = [];
    this.lengths = hay.map((h) => h.length);
    let at = 0;
    for (const h of hay) {
      this.starts.push(at);
      at += h.length + 1;
    }
    this.joined = hay.join(SEP);
    this.averageLength = hay.length ? (at - hay.length) / hay.length : 0;
  }

  /** Index the articles of the documents. */
  static build(documents: RuleDocument[], opts: BuildIndexOptions = {}): SearchIndex {
    const tokenizer = opts.tokenizer ?? getTokenizer();
    const verbatim = opts.verbatim ?? 'scan';
    const articles = articlesOf(documents, opts.topicsOf);
    const fields = verbatim === 'bigrams' ? [...WORD_FIELDS, 'grams'] : WORD_FIELDS;
    // A text's terms are cut once: a document's title and a chapter's title stand in each of their articles, and the
    // genre's articles are often word for word another document's (read only by Postings.build).
    const cuts = new Map<string, string[]>();
    const termsOf = (text: string) => {
      let t = cuts.get(text);
      if (!t) cuts.set(text, (t = indexTerms(normalise(text), tokenizer)));
      return t;
    };
    const words = Postings.build(
      fields,
      articles.map((a) => {
        const terms: Record<string, string[]> = {
          text: termsOf(a.text),
          chapter: termsOf(a.chapter?.title ?? ''),
          title: termsOf(a.docTitle ?? ''),
        };
        if (verbatim === 'bigrams') terms.grams = grams(haystackOf(a));
        return terms;
      }),
    );
    const meta: SearchIndexMeta = { format: INDEX_FORMAT, tokenizer: tokenizer.engine, userDict: userDictHash(), verbatim, corpus: opts.corpus ?? null };
    if (opts.taxonomy) meta.topics = opts.taxonomy;
    return new SearchIndex(meta, articles, words, tokenizer);
  }

  /** The plain object to persist (JSON.stringify gives the same bytes for the same input). */
  toData(): SearchIndexData {
    return { meta: this.meta, articles: this.articles, words: this.words.toData() };
  }

  /**
   * Load a persisted index; no article is cut again. Queries are cut as the index's tokenizer cuts, by the given
   * tokenizer or, when the first query comes, by getQueryTokenizer (which does not load jieba's whole dictionary).
   */
  static fromData(data: SearchIndexData, tokenizer?: Tokenizer): SearchIndex {
    if (data?.meta?.format !== INDEX_FORMAT) throw new Error(`search index of format ${data?.meta?.format ?? 'unknown'} (expected ${INDEX_FORMAT})`);
    return new SearchIndex(data.meta, data.articles, Postings.fromData(data.words), tokenizer ?? (() => getQueryTokenizer(data.meta.tokenizer)));
  }

  /** The tokenizer queries are cut with. */
  get tokenizer(): Tokenizer {
    if (typeof this.queryTokenizer === 'function') this.queryTokenizer = this.queryTokenizer();
    return this.queryTokenizer;
  }

  /**
   * Every article whose normalised text, chapter title or document title contains `s`
   * (already normalised). Exact: this is the verbatim guarantee.
   */
  containing(s: string): Set<number> {
    let ids = this.cache.get(s);
    if (!ids) {
      ids = this.meta.verbatim === 'bigrams' && runs(s).length ? this.containingByGrams(s) : this.containingByScan(s);
      if (this.cache.size >= CACHE_SIZE) this.cache.clear();
      this.cache.set(s, ids);
    }
    return ids;
  }

  private containingByScan(s: string): Set<number> {
    const ids = new Set<number>();
    if (!s) return ids;
    const { joined, starts } = this;
    let id = 0;
    for (let at = joined.indexOf(s); at !== -1; ) {
      // starts is sorted and hits come in order: move forward, never back.
      while (id + 1 < starts.length && starts[id + 1]! <= at) id++;
      ids.add(id);
      if (id + 1 >= starts.length) break;
      at = joined.indexOf(s, starts[id + 1]!); // one hit per article is enough: on to the next
    }
    return ids;
  }

  private containingByGrams(s: string): Set<number> {
    return containingByGrams(s, this.words, (id) => this.haystack(id).includes(s));
  }

  /** How many times `s` occurs in an article (text, chapter title, document title; normalised). */
  count(id: number, s: string): number {
    return occurrences(this.haystack(id), s);
  }

  /** The normalised haystack of one article. */
  haystack(id: number): string {
    return this.joined.slice(this.starts[id]!, this.starts[id]! + this.lengths[id]!);
  }

  /** Length of an article's haystack (for length normalisation). */
  length(id: number): number {
    return this.lengths[id]!;
  }

  /**
   * Word-level scores (BM25+ over the article text, chapter title and document title,
   * boosted per field; prefix matches for units of two characters or more) of the
   * given articles for the given units.
   */
  wordScores(unitList: string[], among: Set<number>, options: WordScoreOptions = {}): Map<number, number> {
    return wordScores(this.words, unitList, among, options);
  }

  /** The word index as persisted, and each article's haystack: what the folder layout is written from (layout.ts). */
  layoutInput(): { meta: SearchIndexMeta; articles: SearchArticle[]; words: PostingsData; haystack: (id: number) => string } {
    return { meta: this.meta, articles: this.articles, words: this.words.toData(), haystack: (id) => this.haystack(id) };
  }

  /**
   * Word matching alone (every unit an indexed word, exactly or as a prefix), best first. Not used to search:
   * the baseline the verbatim layer is measured against (scripts/eval-search.ts).
   */
  wordSearch(unitList: string[]): { id: number; score: number }[] {
    if (!unitList.length) return [];
    const has = (u: string) => {
      const ids = new Set<number>();
      for (const f of WORD_FIELDS) for (const t of u.length >= 2 ? this.words.withPrefix(f, u) : [u]) for (const id of this.words.get(f, t)?.keys() ?? []) ids.add(id);
      return ids;
    };
    const sets = unitList.map(has);
    const among = new Set([...sets[0]!].filter((id) => sets.every((s) => s.has(id))));
    const scores = this.words.score(unitList, { boost: { ...FIELD_BOOST }, bm25: { k: 1.2, b: 0.7, d: 0.5 }, prefixWeight: 0.375, among, quality: true });
    return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
  }

  /** Number of documents the articles are of. */
  get documentCount(): number {
    return new Set(this.articles.map((a) => a.docId)).size;
  }

  /** Number of distinct terms in the word index. */
  get termCount(): number {
    return this.words.termCount;
  }
}
