/**
 * Measuring search quality: recall@k and MRR on hand-read query fixtures, and the
 * verbatim guarantee against plain substring matching as an oracle. Used by the tests
 * and by scripts/eval-search.ts.
 */
import type { SearchArticle, SearchResponse } from '../model.js';
import { search } from './search.js';
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

export function evaluateFixtures(index: SearchIndex, fixtures: QueryFixture[], k = 5): FixtureReport {
  const results = fixtures.map((fixture): FixtureResult => {
    const r = search(index, fixture.query, { limit: 1000, filters: fixture.district ? { district: fixture.district } : {} });
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
