/**
 * Searching the index: which articles match, in what order, with what snippet.
 *
 * Matching is exact and explainable: an article matches a query when, for every part,
 * it contains the quoted phrase as contiguous text, or contains each unit of the
 * unquoted part somewhere (article text, chapter title or document title; all
 * normalised). Containment is decided on the text itself, so a query that occurs word
 * for word in an article always finds it, whatever jieba made of either.
 *
 * Ranking (docs/decisions/0003): articles that contain every part word for word first;
 * then by score = BM25 of the units as indexed words (prefix matches weighted down,
 * chapter title boosted) + BM25 of each unit / phrase as a substring (weighted down, so
 * that a match of whole words ranks above a match inside another word).
 */
import { BadRequestError, NotFoundError } from '../errors.js';
import type { SearchArticle, SearchFilters, SearchHit, SearchQueryPart, SearchResponse } from '../model.js';
import { normalise } from '../tokenize/index.js';
import { BM25_PARAMS, type SearchIndex } from './searchIndex.js';
import { snippet } from './snippet.js';
import { parseQuery } from './terms.js';

/** A query with no word in it. */
export class EmptyQueryError extends BadRequestError {
  override name = 'EmptyQueryError';
}
/** A filter that selects nothing (unknown district, year, chapter or topic). */
export class FilterError extends NotFoundError {
  override name = 'FilterError';
}

export interface SearchOptions {
  filters?: SearchFilters;
  /** Hits to return (default 10). */
  limit?: number;
  /** Weight of a substring match relative to a word match (default SUBSTRING_WEIGHT). */
  substringWeight?: number;
  /** Snippet width in characters (default 64). */
  snippetWidth?: number;
  /** Field weights of word matches, over FIELD_BOOST (for measuring, docs/decisions/0003). */
  fieldBoost?: Partial<Record<'text' | 'chapter' | 'title', number>>;
  /** Multiply the score of articles that open with the query (default on; off to measure it). */
  leadBoost?: boolean;
}

export const SUBSTRING_WEIGHT = 0.5;
/**
 * An article that opens with the query ("十一、区政府常务会议由区长…组成") is the one that regulates it; a long one
 * loses to short passing mentions under BM25's length norm, so the score of an article whose first
 * LEAD_CHARS characters after its label hold every part of the query is multiplied by LEAD_BOOST.
 */
export const LEAD_CHARS = 16;
export const LEAD_BOOST = 2;

/** Articles the filters let through, or null for all; an error naming what exists when they let none through. */
export function filterArticles(articles: SearchArticle[], filters: SearchFilters): Set<number> | null {
  const tests: ((a: SearchArticle) => boolean)[] = [];
  if (filters.district) {
    const d = filters.district.trim();
    tests.push((a) => a.docId === d || a.district === d || (d.length >= 2 && !!a.district?.startsWith(d)));
  }
  if (filters.year !== undefined) tests.push((a) => a.year === filters.year);
  if (filters.chapter) {
    const c = normalise(filters.chapter.trim());
    tests.push((a) => !!a.chapter && (normalise(a.chapter.title).includes(c) || a.chapter.label === c || String(a.chapter.ordinal) === c));
  }
  if (filters.topic) {
    if (!articles.some((a) => a.topics)) throw new FilterError('this search index has no topics (the topic classifier has not been run)');
    tests.push((a) => !!a.topics?.includes(filters.topic!));
  }
  if (!tests.length) return null;
  const allowed = new Set<number>();
  articles.forEach((a, id) => tests.every((t) => t(a)) && allowed.add(id));
  if (!allowed.size) throw new FilterError(`no article matches ${describeFilters(filters)} (districts: ${[...new Set(articles.map((a) => `${a.district ?? '?'} ${a.docId} ${a.year ?? ''}`.trim()))].join(', ')})`);
  return allowed;
}

function describeFilters(f: SearchFilters): string {
  return Object.entries(f)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `--${k} ${v}`)
    .join(' ');
}

/** What must be found for a part: the phrase, or each unit. */
function clausesOf(part: SearchQueryPart): string[] {
  return part.kind === 'phrase' ? [part.text] : part.units;
}

function intersect(sets: Iterable<number>[], within: Set<number> | null): Set<number> {
  let out: Set<number> | null = within;
  for (const s of sets) {
    const next = new Set<number>();
    for (const id of s) if (!out || out.has(id)) next.add(id);
    out = next;
  }
  return out ?? new Set();
}

export function search(index: SearchIndex, query: string, opts: SearchOptions = {}): SearchResponse {
  const filters = opts.filters ?? {};
  const limit = opts.limit ?? 10;
  const parts = parseQuery(query, index.tokenizer);
  if (!parts.length) throw new EmptyQueryError('empty query: give words to search for, e.g. rulecmp search 常务会议');
  const allowed = filterArticles(index.articles, filters);

  const clauses = [...new Set(parts.flatMap(clausesOf))];
  const containing = new Map(clauses.map((c) => [c, index.containing(c)]));

  // Every clause of every part: the query matches.
  let matched = intersect(clauses.map((c) => containing.get(c)!), allowed);
  let partial = false;
  if (!matched.size && parts.length > 1) {
    // Nothing has every word typed: articles with at least one of them (whole, never a piece of a
    // word: pieces such as 的 or 不 of an absent word would match everything), the ones with more first.
    partial = true;
    matched = new Set<number>();
    for (const p of parts) for (const id of intersect(clausesOf(p).map((c) => containing.get(c)!), allowed)) matched.add(id);
  }

  const words = [...new Set(parts.flatMap((p) => p.units))];
  const wordScore = index.wordScores(words, matched, { boost: opts.fieldBoost });
  const N = index.articles.length;
  const weight = opts.substringWeight ?? SUBSTRING_WEIGHT;
  const scored = [...matched].map((id) => {
    let substring = 0;
    let found = 0;
    for (const c of clauses) {
      const df = containing.get(c)!.size;
      if (!containing.get(c)!.has(id)) continue;
      found++;
      const tf = index.count(id, c);
      const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
      const norm = 1 - BM25_PARAMS.b + (BM25_PARAMS.b * index.length(id)) / index.averageLength; // same BM25 as for words
      substring += (idf * tf * (BM25_PARAMS.k + 1)) / (tf + BM25_PARAMS.k * norm);
    }
    // A phrase, or a part that is one unit as typed, is found word for word whenever it is found at all.
    const verbatim = !partial && parts.every((p) => p.kind === 'phrase' || (p.units.length === 1 && p.units[0] === p.text) || index.haystack(id).includes(p.text));
    const a = index.articles[id]!;
    const lead = normalise(a.text.slice(a.label.length, a.label.length + LEAD_CHARS));
    const leads = !partial && parts.every((p) => clausesOf(p).every((c) => lead.includes(c)));
    return { id, found, verbatim, score: ((wordScore.get(id) ?? 0) + weight * substring) * (leads && opts.leadBoost !== false ? LEAD_BOOST : 1) };
  });
  scored.sort(
    (x, y) =>
      y.found - x.found ||
      Number(y.verbatim) - Number(x.verbatim) ||
      y.score - x.score ||
      x.id - y.id, // index order: documents as loaded, articles in order
  );

  const highlight = [...new Set(parts.flatMap((p) => (p.kind === 'phrase' ? [p.text] : [p.text, ...p.units])))];
  const hits: SearchHit[] = scored.slice(0, Math.max(0, limit)).map((s, i) => {
    const a = index.articles[s.id]!;
    return {
      rank: i + 1,
      citation: { docId: a.docId, key: a.key, ordinal: a.ordinal, label: a.label, district: a.district, year: a.year, docTitle: a.docTitle, chapter: a.chapter },
      score: Math.round(s.score * 1000) / 1000,
      verbatim: s.verbatim,
      snippet: snippet(a.text, highlight, opts.snippetWidth),
      span: a.span,
    };
  });
  return { query, parts, filters, total: scored.length, partial, hits };
}
