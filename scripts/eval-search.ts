/**
 * Search quality on the corpus:
 * 1. recall@5 and MRR on the hand-read query fixtures (tests/fixtures/search-queries.json),
 *    with every query that misses an expected article listed;
 * 2. the verbatim guarantee: queries taken from the texts (random substrings), typed as
 *    they are and as "quoted phrases", against plain substring matching as the oracle;
 *    prints every article the oracle finds and search does not (must be none).
 * Exits 1 when recall@5 < 0.95 or any verbatim miss.
 *
 *   npx tsx scripts/eval-search.ts [--queries 200] [--seed 1] [--verbatim scan|bigrams] [--tokenizer node-rs|nodejieba]
 */
import { readFileSync } from 'node:fs';
import { loadDocuments } from '../src/io/corpus.js';
import type { VerbatimStrategy } from '../src/model.js';
import { evaluateFixtures, textQueries, verbatimCheck, type QueryFixture } from '../src/search/evaluate.js';
import { SearchIndex } from '../src/search/searchIndex.js';
import { parseQuery } from '../src/search/terms.js';
import { getTokenizer, type TokenizerEngine } from '../src/tokenize/index.js';
import { configureTokenizerFromEnv } from '../src/io/jieba.js';
configureTokenizerFromEnv();

const arg = (name: string, dflt: string) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? process.argv[k + 1]! : dflt;
};
const nQueries = Number(arg('queries', '200'));
const seed = Number(arg('seed', '1'));
const verbatim = arg('verbatim', 'scan') as VerbatimStrategy;
const engine = arg('tokenizer', 'node-rs') as TokenizerEngine;

const { documents } = loadDocuments([], 'corpus');
const index = SearchIndex.build(documents, { verbatim, tokenizer: getTokenizer(engine) });
const fixtures = (JSON.parse(readFileSync('tests/fixtures/search-queries.json', 'utf8')) as { queries: QueryFixture[] }).queries;

console.log(`corpus: ${documents.length} documents, ${index.articles.length} articles; tokenizer ${engine}, verbatim ${verbatim}\n`);
const report = evaluateFixtures(index, fixtures, 5);
for (const r of report.results) {
  if (r.found === r.fixture.expect.length) continue;
  const where = r.fixture.district ? ` [${r.fixture.district}]` : '';
  const missed = r.fixture.expect.map((e, i) => `${e.doc}#${e.ordinal}→${r.ranks[i] ?? '-'}`).join(' ');
  console.log(`  below top 5: ${r.fixture.query}${where}  ${missed}`);
}
console.log(`fixture queries: ${report.results.length}`);
console.log(`recall@5: ${report.recall.toFixed(3)} (mean over queries; ${report.microRecall.toFixed(3)} over all ${report.results.reduce((s, r) => s + r.fixture.expect.length, 0)} expected articles)`);
console.log(`MRR: ${report.mrr.toFixed(3)}`);

const queries = textQueries(index.articles, nQueries, seed);
const v = verbatimCheck(index, queries);
console.log(`\nverbatim oracle: ${v.checked} queries taken from the texts (seed ${seed}), ${v.oracleHits} article hits by plain substring matching`);
for (const m of v.misses) console.log(`  MISS (${m.form}) ${JSON.stringify(m.query)}: ${m.missed.map((x) => `${x.docId}#${x.ordinal}`).join(' ')}`);
console.log(`verbatim misses: ${v.misses.reduce((s, m) => s + m.missed.length, 0)}`);

// The baseline the verbatim layer is there for: MiniSearch word matching alone (every jieba
// unit of the query an indexed word, exactly or as a prefix), ranked by its BM25.
const wordsOnly = (query: string, district: string | null) => {
  const units = parseQuery(query, index.tokenizer).flatMap((p) => p.units);
  return index.wordSearch(units).filter((r) => !district || index.articles[r.id]!.docId === district);
};
let baseRecall = 0;
for (const f of fixtures) {
  const top = new Set(wordsOnly(f.query, f.district).slice(0, 5).map((r) => `${index.articles[r.id]!.docId}#${index.articles[r.id]!.ordinal}`));
  baseRecall += f.expect.filter((e) => top.has(`${e.doc}#${e.ordinal}`)).length / f.expect.length;
}
let baseMisses = 0;
let baseMissQueries = 0;
for (const q of queries) {
  const got = new Set(wordsOnly(q, null).map((r) => r.id));
  const missed = index.articles.filter((a, id) => a.text.includes(q) && !got.has(id)).length;
  baseMisses += missed;
  if (missed) baseMissQueries++;
}
console.log(`\nbaseline, jieba words alone (no verbatim layer): recall@5 ${(baseRecall / fixtures.length).toFixed(3)}; verbatim misses ${baseMisses} of ${v.oracleHits} (${baseMissQueries} of ${queries.length} queries miss at least one article)`);

if (report.recall < 0.95 || v.misses.length) process.exitCode = 1;
