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
import type { SearchAlternative, SearchArticle, SearchFilters, SearchHit, SearchResponse, SearchTerm } from '../model.js';
import { normalise } from '../tokenize/index.js';
import { BM25_PARAMS, type SearchIndex } from './searchIndex.js';
import { snippet } from './snippet.js';
import { queryAlternatives } from './synonyms.js';
import { numeralAlternatives, parseQuery, units } from './terms.js';

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
  /** For measuring (docs/decisions/0005): which articles are partial matches, and their order. */
  partialRule?: typeof PARTIAL_RULE;
  partialOrder?: typeof PARTIAL_ORDER;
  firstTier?: typeof FIRST_TIER;
  typedFirst?: boolean;
  /** Look for the genre's synonyms too (default true). */
  synonyms?: boolean;
  /** Weight of a hit by a synonym relative to the same hit by the typed word (default SYNONYM_WEIGHT). */
  synonymWeight?: number;
}

/**
 * What ranks first, before the score: articles with every part as typed ('typed'), or with every part whole as
 * typed or in another spelling or a synonym ('whole'); docs/decisions/0005.
 */
export const FIRST_TIER: 'typed' | 'whole' = 'typed';
/** Among matches of the same tier, the ones with more terms as typed (fewer by synonym or other spelling) first, before the score. */
export const TYPED_FIRST = true;
/** A hit by a synonym scores this much of the same hit by the word typed (docs/decisions/0005). */
export const SYNONYM_WEIGHT = 0.7;

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

/** One way of satisfying a term: as typed (all its units, anywhere), or an alternative written out. */
interface Form {
  /** Strings that must all occur in the article (normalised). */
  match: string[];
  /** Units scored as indexed words. */
  words: string[];
  /** The alternative this form is, when it is not the term as typed. */
  alternative?: SearchAlternative;
  /** Its score is multiplied by this (1 as typed and for other spellings of a number, less for a synonym). */
  weight: number;
}

interface Term {
  part: number;
  term: SearchTerm;
  forms: Form[];
  /** Articles satisfying any form. */
  ids: Set<number>;
  idf: number;
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

/** Share of a query's weight (the idf of its terms) an article must hold to be shown when none holds all of it. */
export const PARTIAL_COVERAGE = 0.5;
/** Which articles are partial matches: by weight (PARTIAL_COVERAGE) or by count (at least half of the terms). */
export const PARTIAL_RULE: 'weight' | 'count' = 'count';
/** How partial matches are ordered before their score: by weight held, by number of terms held, or by score alone. */
export const PARTIAL_ORDER: 'coverage' | 'count' | 'score' = 'count';

export function search(index: SearchIndex, query: string, opts: SearchOptions = {}): SearchResponse {
  const filters = opts.filters ?? {};
  const limit = opts.limit ?? 10;
  const parts = parseQuery(query, index.tokenizer, { alternatives: opts.synonyms === false ? numeralAlternatives : queryAlternatives });
  if (!parts.length) throw new EmptyQueryError('empty query: give words to search for, e.g. rulecmp search 常务会议');
  const allowed = filterArticles(index.articles, filters);
  const N = index.articles.length;

  const cut = (s: string) => units(s, index.tokenizer);
  const synonymWeight = opts.synonymWeight ?? SYNONYM_WEIGHT;
  const terms: Term[] = parts.flatMap((p, part) =>
    p.terms.map((term) => {
      const forms: Form[] = [
        p.kind === 'phrase' ? { match: [p.text], words: p.units, weight: 1 } : { match: term.units, words: term.units, weight: 1 },
        ...term.alternatives.map((alternative) => ({ match: [alternative.text], words: cut(alternative.text), alternative, weight: alternative.kind === 'synonym' ? synonymWeight : 1 })),
      ];
      const ids = new Set<number>();
      for (const f of forms) for (const id of intersect(f.match.map((m) => index.containing(m)), allowed)) ids.add(id);
      const idf = Math.log(1 + (N - ids.size + 0.5) / (ids.size + 0.5));
      return { part, term, forms, ids, idf };
    }),
  );
  // Weight of the query: the idf of the terms some article has (a word no article has cannot be matched; it does
  // not make every other word weigh less).
  const present = terms.filter((t) => t.ids.size > 0);
  const totalIdf = present.reduce((x, t) => x + t.idf, 0) || 1;

  // Every term of every part: the query matches.
  let matched = intersect(terms.map((t) => t.ids), allowed);
  let partial = false;
  if (!matched.size) {
    // Nothing has everything: the best partial matches — articles with every term of a part (when there are
    // several), or with at least half of the terms some article has (PARTIAL_RULE; docs/decisions/0005) including
    // one of two characters or more (single characters — pieces of a word jieba does not know — never make a match
    // on their own). A rare word does not outweigh the others here: in a question typed in everyday words, the
    // rare one is as often a wording the texts do not use as the matter itself.
    partial = true;
    const coverage = new Map<number, number>();
    const count = new Map<number, number>();
    const long = new Set<number>();
    for (const t of present)
      for (const id of t.ids) {
        coverage.set(id, (coverage.get(id) ?? 0) + t.idf / totalIdf);
        count.set(id, (count.get(id) ?? 0) + 1);
        if ([...t.term.text].length >= 2) long.add(id);
      }
    matched = new Set<number>();
    const byCount = (opts.partialRule ?? PARTIAL_RULE) === 'count';
    for (const [id, c] of coverage) if ((byCount ? count.get(id)! >= present.length / 2 : c >= PARTIAL_COVERAGE - 1e-9) && long.has(id)) matched.add(id);
    if (parts.length > 1) for (let p = 0; p < parts.length; p++) for (const id of intersect(terms.filter((t) => t.part === p).map((t) => t.ids), allowed)) matched.add(id);
  }

  const weight = opts.substringWeight ?? SUBSTRING_WEIGHT;
  const wordScoreCache = new Map<string, Map<number, number>>();
  const wordScore = (words: string[], id: number, idf?: number) => {
    const key = `${idf ?? ''}\u0000${words.join('\u0000')}`;
    let m = wordScoreCache.get(key);
    if (!m) wordScoreCache.set(key, (m = index.wordScores(words, matched, { boost: opts.fieldBoost, idf, quality: idf === undefined })));
    return m.get(id) ?? 0;
  };
  const substringScore = (c: string, id: number, idfOf?: number) => {
    const ids = index.containing(c);
    if (!ids.has(id)) return 0;
    const df = ids.size;
    const tf = index.count(id, c);
    const idf = idfOf ?? Math.log(1 + (N - df + 0.5) / (df + 0.5));
    const norm = 1 - BM25_PARAMS.b + (BM25_PARAMS.b * index.length(id)) / index.averageLength; // same BM25 as for words
    return (idf * tf * (BM25_PARAMS.k + 1)) / (tf + BM25_PARAMS.k * norm);
  };
  /**
   * Score of a form in an article. A term with alternatives is one thing written several ways: its forms share the
   * term's idf, each scores the mean over its words, and a synonym's score is weighted down, so that an article
   * writing the synonym ranks below the same article writing the typed word.
   */
  const formScore = (t: Term, f: Form, id: number) => {
    if (!t.term.alternatives.length) return wordScore(f.words, id) + weight * f.match.reduce((x, m) => x + substringScore(m, id), 0);
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    return f.weight * (mean(f.words.map((w) => wordScore([w], id, t.idf))) + weight * mean(f.match.map((m) => substringScore(m, id, t.idf))));
  };
  const has = (id: number, f: Form) => f.match.every((m) => index.containing(m).has(id));

  const scored = [...matched].map((id) => {
    let score = 0;
    let coverage = 0;
    let count = 0;
    let typed = 0;
    const used: { term: string; matched: string; kind: SearchAlternative['kind'] }[] = [];
    const a = index.articles[id]!;
    const lead = normalise(a.text.slice(a.label.length, a.label.length + LEAD_CHARS));
    let leads = true;
    for (const t of terms) {
      let best: { s: number; f: Form } | null = null;
      for (const f of t.forms) {
        if (!has(id, f)) continue;
        const s = formScore(t, f, id);
        if (!best || s > best.s) best = { s, f };
      }
      if (!best) {
        leads = false;
        continue;
      }
      coverage += t.idf / totalIdf;
      count++;
      if (has(id, t.forms[0]!)) typed++;
      score += best.s;
      // Said only when the word as typed is not there: then the hit is by the alternative.
      if (best.f.alternative && !has(id, t.forms[0]!)) used.push({ term: t.term.text, matched: best.f.alternative.text, kind: best.f.alternative.kind });
      if (!t.forms.some((f) => has(id, f) && f.match.every((m) => lead.includes(m)))) leads = false;
    }
    // Every part word for word as typed (a phrase is, whenever it is found at all); ranked first, the parts of
    // one word found whole in another spelling or a synonym alike (their score says which is as typed).
    const hay = index.haystack(id);
    const verbatim = !partial && parts.every((p) => p.kind === 'phrase' || hay.includes(p.text));
    const whole = verbatim || (!partial && parts.every((p) => p.kind === 'phrase' || hay.includes(p.text) || (p.terms.length === 1 && p.terms[0]!.alternatives.some((x) => hay.includes(x.text)))));
    if (leads && !partial && opts.leadBoost !== false) score *= LEAD_BOOST;
    return { id, coverage, count, typed, verbatim, whole, score, used };
  });
  const order = opts.partialOrder ?? PARTIAL_ORDER;
  const tierTyped = (opts.firstTier ?? FIRST_TIER) === 'typed';
  // Terms found as typed before terms found only by an alternative (docs/decisions/0005).
  const typedFirst = opts.typedFirst ?? TYPED_FIRST;
  const level = (x: (typeof scored)[number]) => (order === 'coverage' ? x.coverage : order === 'count' ? x.count : 0);
  scored.sort(
    (x, y) =>
      level(y) - level(x) ||
      Number(tierTyped ? y.verbatim : y.whole) - Number(tierTyped ? x.verbatim : x.whole) ||
      (typedFirst ? y.typed - x.typed : 0) ||
      y.score - x.score ||
      x.id - y.id, // index order: documents as loaded, articles in order
  );

  const highlight = [...new Set(parts.flatMap((p) => (p.kind === 'phrase' ? [p.text] : [p.text, ...p.units, ...p.terms.flatMap((t) => t.alternatives.map((x) => x.text))])))];
  const hits: SearchHit[] = scored.slice(0, Math.max(0, limit)).map((s, i) => {
    const a = index.articles[s.id]!;
    const hit: SearchHit = {
      rank: i + 1,
      citation: { docId: a.docId, key: a.key, ordinal: a.ordinal, label: a.label, district: a.district, year: a.year, docTitle: a.docTitle, chapter: a.chapter },
      score: Math.round(s.score * 1000) / 1000,
      verbatim: s.verbatim,
      snippet: snippet(a.text, highlight, opts.snippetWidth),
      span: a.span,
    };
    if (s.used.length) hit.alternatives = s.used;
    return hit;
  });
  return { query, parts, filters, total: scored.length, partial, hits };
}
