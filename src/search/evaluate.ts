/**
 * Measuring search quality: recall@k and MRR on hand-read query fixtures, and the
 * verbatim guarantee against plain substring matching as an oracle. Used by the tests
 * and by scripts/eval-search.ts.
 */
import { BadRequestError } from '../errors.js';
import type { RuleDocument, SearchArticle, SearchResponse } from '../model.js';
import { normalise } from '../tokenize/index.js';
import { search, type SearchOptions } from './search.js';
import type { SearchIndex } from './searchIndex.js';
import { mulberry32 } from '../util/random.js';

/** One fixture query (tests/fixtures/search-queries.json). */
export interface QueryFixture {
  query: string;
  /** A document id to search within, or null for all. */
  district: string | null;
  expect: { doc: string; ordinal: number }[];
  note?: string;
}

export interface FixtureResult {
  fixture: QueryFixture;
  /** Rank (1-based) of each expected article, null when not returned at all. */
  ranks: (number | null)[];
  /** Expected articles found in the top k. */
  found: number;
  recall: number;
  /** 1 / rank of the first expected article (0 when none is returned). */
  reciprocalRank: number;
}

export interface FixtureReport {
  k: number;
  results: FixtureResult[];
  /** Mean over queries of the share of expected articles in the top k. */
  recall: number;
  /** Share of all expected articles (over all queries) in the top k. */
  microRecall: number;
  mrr: number;
}

const key = (docId: string, ordinal: number) => `${docId}#${ordinal}`;

export function evaluateFixtures(index: SearchIndex, fixtures: QueryFixture[], k = 5, options: SearchOptions = {}): FixtureReport {
  const results = fixtures.map((fixture): FixtureResult => {
    const r = search(index, fixture.query, { ...options, limit: 1000, filters: fixture.district ? { district: fixture.district } : {} });
    const rankOf = new Map(r.hits.map((h) => [key(h.citation.docId, h.citation.ordinal), h.rank]));
    const ranks = fixture.expect.map((e) => rankOf.get(key(e.doc, e.ordinal)) ?? null);
    const found = ranks.filter((x) => x !== null && x <= k).length;
    const first = Math.min(...ranks.map((x) => x ?? Infinity));
    return { fixture, ranks, found, recall: found / fixture.expect.length, reciprocalRank: Number.isFinite(first) ? 1 / first : 0 };
  });
  const n = results.length || 1;
  const expected = results.reduce((s, r) => s + r.fixture.expect.length, 0) || 1;
  return {
    k,
    results,
    recall: results.reduce((s, r) => s + r.recall, 0) / n,
    microRecall: results.reduce((s, r) => s + r.found, 0) / expected,
    mrr: results.reduce((s, r) => s + r.reciprocalRank, 0) / n,
  };
}

/** Seeded pseudo-random numbers in [0, 1). */
export const prng = mulberry32;

/**
 * Queries taken from the texts: `n` substrings of random articles, 2 to `maxLength`
 * characters from a random line at a random place (so most start or end inside a
 * word), each with at least one letter, digit or Han character.
 */
export function textQueries(articles: SearchArticle[], n: number, seed = 1, maxLength = 16): string[] {
  const rand = prng(seed);
  const pick = (m: number) => Math.floor(rand() * m);
  const out = new Set<string>();
  for (let tries = 0; out.size < n && tries < n * 50; tries++) {
    const lines = articles[pick(articles.length)]!.text.split('\n');
    const line = lines[pick(lines.length)]!;
    const length = 2 + pick(maxLength - 1);
    const start = pick(Math.max(1, line.length - length + 1));
    const q = line.slice(start, start + length).trim();
    // Skip what is no query: only punctuation, or a lone ASCII double quote (it would open a phrase).
    if (q.length >= 2 && /[\p{L}\p{N}]/u.test(q) && !q.includes('"')) out.add(q);
  }
  return [...out];
}

export interface VerbatimMiss {
  query: string;
  /** 'words' as typed, 'phrase' in double quotes. */
  form: 'words' | 'phrase';
  missed: { docId: string; ordinal: number }[];
}

/**
 * Each query, typed as is and as a quoted phrase, against plain substring matching
 * over the article texts: every article whose text contains the query must be among
 * the hits. Also counts quoted-phrase hits that do not contain the phrase (after
 * normalisation) — there must be none either.
 */
export function verbatimCheck(index: SearchIndex, queries: string[]): { misses: VerbatimMiss[]; oracleHits: number; checked: number } {
  const misses: VerbatimMiss[] = [];
  let oracleHits = 0;
  for (const query of queries) {
    const oracle = index.articles.filter((a) => a.text.includes(query));
    oracleHits += oracle.length;
    for (const form of ['words', 'phrase'] as const) {
      const r: SearchResponse = search(index, form === 'phrase' ? `"${query}"` : query, { limit: Infinity });
      const got = new Set(r.hits.map((h) => key(h.citation.docId, h.citation.ordinal)));
      const missed = oracle.filter((a) => !got.has(key(a.docId, a.ordinal))).map((a) => ({ docId: a.docId, ordinal: a.ordinal }));
      if (missed.length) misses.push({ query, form, missed });
    }
  }
  return { misses, oracleHits, checked: queries.length };
}

// ---------------------------------------------------------------- the blind query set (issue 11)

export type BlindKind = 'term' | 'pair' | 'question';

/** One query of tests/fixtures/search-blind.json: for each document, the ordinals of the article(s) that govern the matter ([] when it has none). */
export interface BlindQuery {
  id: string;
  kind: BlindKind;
  query: string;
  heldout: boolean;
  governing: Record<string, number[]>;
  note?: string;
}

/** How one query fared, per document that has a governing article. */
export interface BlindResult {
  query: BlindQuery;
  /** Documents whose governing article is in the top 10 of the ranked list. */
  top10: string[];
  /** Documents whose best article (the per-district view: the document's first hit) is a governing one. */
  view: string[];
  /** Documents with a governing article among the articles the per-district view shows for them (its best ones, at most BEST_MAX). */
  shown: string[];
  /** Documents with a governing article (the pairs counted). */
  pairs: string[];
  /** Per pair: 1 / rank of the first governing article among that document's hits (0 when not found). */
  reciprocalRanks: number[];
  /** Articles that contain every part of the query word for word and were not returned. */
  verbatimMisses: string[];
}

export interface BlindFigures {
  queries: number;
  pairs: number;
  /** Share of (query, document) pairs whose governing article is in the top 10. */
  top10: number;
  /** Share of pairs whose best article in the per-district view is a governing one. */
  view: number;
  /** Share of pairs with a governing article among those the per-district view shows for the document (at most BEST_MAX). */
  shown: number;
  /** Mean over pairs of the reciprocal rank within the document. */
  mrr: number;
  /** Queries for which every document with a governing article has it in the top 10. */
  allFound: number;
  verbatimMisses: number;
}

/** Figures of a set of blind results. */
export function blindFigures(results: BlindResult[]): BlindFigures {
  const pairs = results.reduce((s, r) => s + r.pairs.length, 0);
  const share = (n: number) => (pairs ? n / pairs : 1);
  return {
    queries: results.length,
    pairs,
    top10: share(results.reduce((s, r) => s + r.top10.length, 0)),
    view: share(results.reduce((s, r) => s + r.view.length, 0)),
    shown: share(results.reduce((s, r) => s + r.shown.length, 0)),
    mrr: share(results.reduce((s, r) => s + r.reciprocalRanks.reduce((a, b) => a + b, 0), 0)),
    allFound: results.filter((r) => r.top10.length === r.pairs.length).length,
    verbatimMisses: results.reduce((s, r) => s + r.verbatimMisses.length, 0),
  };
}

/** The parts of a query as a user means them literally: quotes dropped, split at spaces, normalised. */
function literalParts(query: string): string[] {
  return query
    .replace(/["“”「」『』]/g, ' ')
    .split(/[\s\u3000]+/)
    .map((p) => normalise(p))
    .filter((p) => p.length > 0);
}

/**
 * Run each blind query over the whole ranked list (no limit) and score it. The per-district view is the search's
 * own (`byDistrict`: a document's best article, what `search --by-district` shows first for it), or, for a search
 * without one, read off the ranked list: the document's first hit.
 */
export function evaluateBlind(index: SearchIndex, queries: BlindQuery[], run: (query: string) => SearchResponse = (q) => search(index, q, { limit: Infinity, byDistrict: true })): BlindResult[] {
  return queries.map((q): BlindResult => {
    let hits: SearchResponse['hits'] = [];
    let districts: SearchResponse['districts'];
    try {
      const r = run(q.query);
      hits = r.hits;
      districts = r.districts;
    } catch (e) {
      if (!(e instanceof BadRequestError)) throw e;
    }
    const pairs = Object.entries(q.governing)
      .filter(([, ords]) => ords.length)
      .map(([doc]) => doc);
    const top10: string[] = [];
    const view: string[] = [];
    const shown: string[] = [];
    const reciprocalRanks: number[] = [];
    for (const doc of pairs) {
      const gov = new Set(q.governing[doc]);
      const own = hits.filter((h) => h.citation.docId === doc);
      if (hits.slice(0, 10).some((h) => h.citation.docId === doc && gov.has(h.citation.ordinal))) top10.push(doc);
      // The per-district view as search gives it (--by-district), else read off the ranked list (the first run).
      const best = districts ? districts.find((d) => d.docId === doc)?.hits[0] : own[0];
      if (best && gov.has(best.citation.ordinal)) view.push(doc);
      if (districts ? districts.find((d) => d.docId === doc)?.hits.some((h) => gov.has(h.citation.ordinal)) : best && gov.has(best.citation.ordinal)) shown.push(doc);
      const at = own.findIndex((h) => gov.has(h.citation.ordinal));
      reciprocalRanks.push(at < 0 ? 0 : 1 / (at + 1));
    }
    const parts = literalParts(q.query);
    const got = new Set(hits.map((h) => key(h.citation.docId, h.citation.ordinal)));
    const verbatimMisses = parts.length
      ? index.articles
          .map((_, id) => id)
          .filter((id) => parts.every((p) => index.haystack(id).includes(p)))
          .map((id) => key(index.articles[id]!.docId, index.articles[id]!.ordinal))
          .filter((k) => !got.has(k))
      : [];
    return { query: q, top10, view, shown, pairs, reciprocalRanks, verbatimMisses };
  });
}

/** A governing article of a blind set written over other documents: its number as printed and words quoted from it. */
export interface QuotedArticle {
  number: string;
  quote: string;
}

/** A blind query whose governing articles are named by quotes (tests/fixtures/search-blind-7.json). */
export interface QuotedBlindQuery extends Omit<BlindQuery, 'governing' | 'heldout'> {
  heldout?: boolean;
  governing: Record<string, QuotedArticle[]>;
}

/**
 * The governing articles of quoted blind queries as ordinals of these documents' articles: the article whose text
 * holds the quote. What cannot be placed is said, not dropped: a quote no article holds (a segmenting loss), or one
 * in an article whose label is not the number printed (two articles run together or split).
 */
export function placeQuotes(queries: QuotedBlindQuery[], documents: RuleDocument[]): { queries: BlindQuery[]; problems: string[] } {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const problems: string[] = [];
  const squash = (s: string) => s.replace(/\s+/gu, '');
  const placed = queries.map((q): BlindQuery => {
    const governing: Record<string, number[]> = {};
    for (const [docId, list] of Object.entries(q.governing)) {
      const doc = byId.get(docId);
      if (!doc) {
        problems.push(`${q.id}: no document ${docId}`);
        continue;
      }
      governing[docId] = [];
      for (const g of list) {
        const quote = squash(g.quote);
        const number = (x: string) => squash(x).replace(/[、．.，,]$/u, '');
        // A quote several articles hold (应当向分管副区长请假) is the one numbered as printed, when one of them is.
        const holding = doc.articles.filter((x) => squash(x.text).includes(quote) || squash(`${x.label}${x.text}`).includes(quote));
        const a = holding.find((x) => number(x.label) === number(g.number)) ?? holding[0];
        if (!a) {
          problems.push(`${q.id} ${docId}: no article holds “${g.quote}” (${g.number})`);
          continue;
        }
        if (number(a.label) !== number(g.number)) problems.push(`${q.id} ${docId}: “${g.quote}” is in ${a.label}, printed ${g.number}`);
        if (!governing[docId]!.includes(a.ordinal)) governing[docId]!.push(a.ordinal);
      }
    }
    return { ...q, heldout: q.heldout ?? true, governing };
  });
  return { queries: placed, problems };
}
