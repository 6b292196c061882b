/**
 * The search index: a MiniSearch index of the corpus's articles (fields: article text,
 * chapter title, document title; terms from the shared jieba tokenizer), the articles
 * themselves (what a hit cites and shows), and what is needed to find any string word
 * for word (docs/decisions/0002): a scan of the normalised texts, or a bigram field.
 *
 * Pure: built from documents, turned into and back from a plain object. Reading and
 * writing the file is store.ts's job.
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchOptions } from 'minisearch';
import type { Article, RuleDocument, SearchArticle, VerbatimStrategy } from '../model.js';
import { getTokenizer, normalise, userDictHash, type Tokenizer, type TokenizerEngine } from '../tokenize/index.js';
import { grams, indexTerms, runs } from './terms.js';

/** Bump when what is indexed or how changes: an index of another format is rebuilt. */
export const INDEX_FORMAT = 4;

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
}

/** The persisted form (reports/search-index.json). */
export interface SearchIndexData {
  meta: SearchIndexMeta;
  articles: SearchArticle[];
  minisearch: AsPlainObject;
}

export interface BuildIndexOptions {
  tokenizer?: Tokenizer;
  verbatim?: VerbatimStrategy;
  corpus?: CorpusSnapshot | null;
  /** Topics of an article (from the classifier), stored for the --topic filter. */
  topicsOf?: (doc: RuleDocument, article: Article) => string[];
}

/** Relative weight of a match in each field (docs/decisions/0003). */
export const FIELD_BOOST = { text: 1, chapter: 2, title: 0.3 } as const;
/**
 * BM25 with gentler length normalisation than MiniSearch's default (b 0.7): the article
 * that sets a thing up is often the long one listing its members, tasks and procedure,
 * and should not lose to a one-line mention (docs/decisions/0003).
 */
export const BM25_PARAMS = { k: 1.2, b: 0.5, d: 0.5 } as const;
const WORD_FIELDS = ['text', 'chapter', 'title'];
/** Separator of pre-cut query terms handed to MiniSearch (never inside a term). */
const SEP = '\u0000';
/** Strings whose articles are remembered (a long-lived process searches many). */
const CACHE_SIZE = 1000;

interface IndexedArticle {
  id: number;
  text: string;
  chapter: string;
  title: string;
  grams?: string;
}

function miniSearchOptions(tokenizer: Tokenizer, verbatim: VerbatimStrategy): Options<IndexedArticle> {
  return {
    fields: verbatim === 'bigrams' ? [...WORD_FIELDS, 'grams'] : WORD_FIELDS,
    // Texts are normalised before they get here; terms are used as cut.
    tokenize: (text, field) => (field === 'grams' ? grams(text) : indexTerms(text, tokenizer)),
    processTerm: (term) => term,
    searchOptions: { tokenize: (q) => q.split(SEP), processTerm: (term) => term },
  };
}

/** What every search matches against: article text, chapter title and document title, normalised. */
function haystackOf(a: SearchArticle): string {
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
      if (topicsOf) article.topics = topicsOf(doc, a);
      out.push(article);
    }
  }
  return out;
}

export class SearchIndex {
  readonly meta: SearchIndexMeta;
  readonly articles: SearchArticle[];
  readonly tokenizer: Tokenizer;
  private readonly ms: MiniSearch<IndexedArticle>;
  /** Normalised haystacks joined by SEP, and where each article's starts: one indexOf pass finds a string in every article. */
  private readonly joined: string;
  private readonly starts: number[];
  private readonly lengths: number[];
  readonly averageLength: number;
  private readonly cache = new Map<string, Set<number>>();

  private constructor(meta: SearchIndexMeta, articles: SearchArticle[], ms: MiniSearch<IndexedArticle>, tokenizer: Tokenizer) {
    this.meta = meta;
    this.articles = articles;
    this.ms = ms;
    this.tokenizer = tokenizer;
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
    const ms = new MiniSearch<IndexedArticle>(miniSearchOptions(tokenizer, verbatim));
    ms.addAll(
      articles.map((a, id) => {
        const doc: IndexedArticle = { id, text: normalise(a.text), chapter: normalise(a.chapter?.title ?? ''), title: normalise(a.docTitle ?? '') };
        if (verbatim === 'bigrams') doc.grams = haystackOf(a);
        return doc;
      }),
    );
    const meta: SearchIndexMeta = { format: INDEX_FORMAT, tokenizer: tokenizer.engine, userDict: userDictHash(), verbatim, corpus: opts.corpus ?? null };
    return new SearchIndex(meta, articles, ms, tokenizer);
  }

  /** The plain object to persist (JSON.stringify gives the same bytes for the same input). */
  toData(): SearchIndexData {
    return { meta: this.meta, articles: this.articles, minisearch: this.ms.toJSON() };
  }

  /** Load a persisted index; no article is cut again. The query tokenizer is the one the index was built with. */
  static fromData(data: SearchIndexData, tokenizer?: Tokenizer): SearchIndex {
    if (data?.meta?.format !== INDEX_FORMAT) throw new Error(`search index of format ${data?.meta?.format ?? 'unknown'} (expected ${INDEX_FORMAT})`);
    const t = tokenizer ?? getTokenizer(data.meta.tokenizer);
    const ms = MiniSearch.loadJS<IndexedArticle>(data.minisearch, miniSearchOptions(t, data.meta.verbatim));
    return new SearchIndex(data.meta, data.articles, ms, t);
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

  /** Candidates from the bigram field (every gram of s present), then checked in the text. */
  private containingByGrams(s: string): Set<number> {
    const queries = runs(s).map((run) => {
      const g = grams(run);
      // One character: the grams starting with it (it is either followed by another, or ends its run).
      return g.length === 1 ? { queries: [run], prefix: true } : { queries: [g.slice(0, -1).join(SEP)], combineWith: 'AND' as const };
    });
    const candidates = this.ms.search({ queries, combineWith: 'AND' }, { fields: ['grams'] });
    return new Set(
      candidates
        .map((r) => r.id as number)
        .filter((id) => this.haystack(id).includes(s))
        .sort((a, b) => a - b),
    );
  }

  /** How many times `s` occurs in an article (text, chapter title, document title; normalised). */
  count(id: number, s: string): number {
    const hay = this.haystack(id);
    let n = 0;
    for (let at = hay.indexOf(s); at !== -1; at = hay.indexOf(s, at + s.length)) n++;
    return n;
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
   * Word-level scores (BM25 over the article text, chapter title and document title,
   * boosted per field; prefix matches for units of two characters or more) of the
   * given articles for the given units.
   */
  wordScores(unitList: string[], among: Set<number>, options: Pick<SearchOptions, 'boost' | 'weights'> = {}): Map<number, number> {
    const scores = new Map<number, number>();
    if (!unitList.length || !among.size) return scores;
    const results = this.ms.search(unitList.join(SEP), {
      fields: WORD_FIELDS,
      boost: { ...FIELD_BOOST, ...options.boost },
      weights: options.weights ?? { fuzzy: 0, prefix: 0.375 },
      bm25: BM25_PARAMS,
      prefix: (term) => [...term].length >= 2,
      combineWith: 'OR',
      // Zero skips an article before its score is computed: only the matching articles cost anything.
      boostDocument: (id) => (among.has(id as number) ? 1 : 0),
    });
    for (const r of results) scores.set(r.id as number, r.score);
    return scores;
  }

  /**
   * Word matching alone, as MiniSearch does it (every unit an indexed word, exactly or as
   * a prefix), best first. Not used to search: the baseline the verbatim layer is
   * measured against (scripts/eval-search.ts).
   */
  wordSearch(unitList: string[]): { id: number; score: number }[] {
    if (!unitList.length) return [];
    return this.ms
      .search(unitList.join(SEP), { fields: WORD_FIELDS, boost: { ...FIELD_BOOST }, prefix: (term) => [...term].length >= 2, combineWith: 'AND' })
      .map((r) => ({ id: r.id as number, score: r.score }));
  }

  /** Number of distinct terms in the MiniSearch index. */
  get termCount(): number {
    return this.ms.termCount;
  }
}
