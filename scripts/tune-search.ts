/**
 * Ranking variants on the blind query set's TUNING queries only (the 20 held-out queries are never run here):
 * per variant and kind, the share of (query, district) pairs whose governing article is in the top 10 and is the
 * district's best article, and MRR within the district. What docs/decisions/0005 records.
 *
 *   npx tsx scripts/tune-search.ts [variant…]      (default: all variants)
 */
import { readFileSync } from 'node:fs';
import { loadDocuments } from '../src/io/corpus.js';
import { analyse } from '../src/pipeline.js';
import { blindFigures, evaluateBlind, type BlindQuery } from '../src/search/evaluate.js';
import { search, type SearchOptions } from '../src/search/search.js';

const index = analyse(loadDocuments([], 'corpus').documents).searchIndex;
const tuning = (JSON.parse(readFileSync('tests/fixtures/search-blind.json', 'utf8')) as { queries: BlindQuery[] }).queries.filter((q) => !q.heldout);

const VARIANTS: Record<string, SearchOptions> = {
  default: {},
  'partial: weight ≥ 0.5, by weight': { partialRule: 'weight', partialOrder: 'coverage' },
  'partial: half the terms, by count': { partialRule: 'count', partialOrder: 'count' },
  'partial: half the terms, by score': { partialRule: 'count', partialOrder: 'score' },
  'partial: half the terms, by weight': { partialRule: 'count', partialOrder: 'coverage' },
  'no synonyms': { synonyms: false },
  'first tier: typed': { firstTier: 'typed' },
  'first tier: whole': { firstTier: 'whole' },
  'typed terms first (full matches too)': { typedFirst: true },
  'synonym weight 0.5': { synonymWeight: 0.5 },
  'synonym weight 0.7': { synonymWeight: 0.7 },
  'synonym weight 0.9': { synonymWeight: 0.9 },
};

const wanted = process.argv.slice(2);
const pct = (x: number) => `${(100 * x).toFixed(1)}`.padStart(5);
console.log(`${tuning.length} tuning queries; figures: top 10 % / by district % / MRR`);
console.log(`${'variant'.padEnd(40)} ${['term', 'pair', 'question', 'all'].map((k) => k.padStart(20)).join('')}`);
for (const [name, opts] of Object.entries(VARIANTS)) {
  if (wanted.length && !wanted.some((w) => name.includes(w))) continue;
  const results = evaluateBlind(index, tuning, (q) => search(index, q, { ...opts, limit: Infinity }));
  const cells = (['term', 'pair', 'question', 'all'] as const).map((k) => {
    const f = blindFigures(results.filter((r) => k === 'all' || r.query.kind === k));
    return `${pct(f.top10)} ${pct(f.view)} ${f.mrr.toFixed(3)}`.padStart(20);
  });
  console.log(`${name.padEnd(40)} ${cells.join('')}`);
}
