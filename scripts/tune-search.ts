/**
 * Ranking variants on the blind query sets' TUNING queries only (sets 1 and 2; set 3, held out, is never run here):
 * per variant and kind, the share of (query, district) pairs whose governing article is in the top 10 and is the
 * district's best article, and MRR within the district. What docs/decisions/0005 records.
 *
 *   npx tsx scripts/tune-search.ts [variant…]      (default: all variants)
 */
import { readFileSync } from 'node:fs';
import { loadDocuments } from '../src/io/corpus.js';
import { analyse } from '../src/pipeline.js';
import { blindFigures, evaluateBlind, evaluateFixtures, type BlindQuery, type QueryFixture } from '../src/search/evaluate.js';
import { search, type SearchOptions } from '../src/search/search.js';

const index = analyse(loadDocuments([], 'corpus').documents).searchIndex;
// Sets 1, 2 and 3 are tuning; sets 4 and 5 (search-blind-4/5.json) are held out: never run here.
const tuning = ['tests/fixtures/search-blind.json', 'tests/fixtures/search-blind-2.json', 'tests/fixtures/search-blind-3.json'].flatMap((f) => (JSON.parse(readFileSync(f, 'utf8')) as { queries: BlindQuery[] }).queries);

const VARIANTS: Record<string, SearchOptions> = {
  default: {},
  // partial matches (decided earlier: half the terms, by count)
  'partial: weight ≥ 0.5, by weight': { partialRule: 'weight', partialOrder: 'coverage' },
  'partial: half the terms, by score': { partialRule: 'count', partialOrder: 'score' },
  'no document fallback': { documentFallback: false },
  // synonyms
  'no synonyms': { synonyms: false },
  'synonym weight 0.5': { synonymWeight: 0.5 },
  'synonym weight 0.9': { synonymWeight: 0.9 },
  'no first tier, verbatim ×2': { firstTier: 'none', verbatimFactor: 2 },
  'first tier: whole': { firstTier: 'whole' },
  'no first tier, verbatim ×1.2': { firstTier: 'none', verbatimFactor: 1.2 },
  'no first tier, verbatim ×1.5': { firstTier: 'none', verbatimFactor: 1.5 },
  'no first tier, verbatim ×3': { firstTier: 'none', verbatimFactor: 3 },
  'typed terms first': { typedFirst: true },
  // length normalisation
  'b 0.7': { bm25b: 0.7 },
  'b 0.3': { bm25b: 0.3 },
  'b 0.2': { bm25b: 0.2 },
  'b 0.1': { bm25b: 0.1 },
  // field weights (text 1)
  'chapter 1': { fieldBoost: { chapter: 1 } },
  'chapter 3': { fieldBoost: { chapter: 3 } },
  'chapter 4': { fieldBoost: { chapter: 4 } },
  'title 0': { fieldBoost: { title: 0 } },
  'substring weight 0.25': { substringWeight: 0.25 },
  'substring weight 1': { substringWeight: 1 },
  // lead
  'no lead boost': { leadBoost: false },
  'lead: all terms, ×2': { leadMode: 'all' },
  'lead 8 chars': { leadChars: 8 },
  'lead 24 chars': { leadChars: 24 },
  'lead 32 chars': { leadChars: 32 },
  'lead ×1.5': { leadFactor: 1.5 },
  'lead ×3': { leadFactor: 3 },
  'lead share 12 ×2': { leadMode: 'share', leadChars: 12 },
  'lead share 20 ×2': { leadMode: 'share', leadChars: 20 },
  'lead share ×1.5': { leadMode: 'share', leadFactor: 1.5 },
  'lead share ×3': { leadMode: 'share', leadFactor: 3 },
    'topic any': { topicMode: 'any' },
      'lead share 24 ×2': { leadMode: 'share', leadChars: 24 },
  // topic prior
  'no topic prior': { topicPrior: 1 },
  'topic: no subtopics': { topicSubtopics: false },
  'topic main ×1.2': { topicPrior: 1.2 },
  'topic main ×1.5': { topicPrior: 1.5 },
  'topic main ×3': { topicPrior: 3 },
  'topic any ×1.5': { topicPrior: 1.5, topicMode: 'any' },
  // combinations; and the ranking before this decision
  'b 0.2 + chapter 1': { bm25b: 0.2, fieldBoost: { chapter: 1 } },
  'decision 0003 (b 0.5, as typed first, lead all, no prior, no diversity)': { bm25b: 0.5, firstTier: 'typed', leadMode: 'all', topicPrior: 1, diversity: 1 },
  // diversity
  'no diversity': { diversity: 1 },
  'diversity 0.8': { diversity: 0.8 },
  'diversity 0.6': { diversity: 0.6 },
  'diversity 0.4': { diversity: 0.4 },
  'diversity 0.2': { diversity: 0.2 },
};

const fixtures = (JSON.parse(readFileSync('tests/fixtures/search-queries.json', 'utf8')) as { queries: QueryFixture[] }).queries;
const wanted = process.argv.slice(2);
const pct = (x: number) => `${(100 * x).toFixed(1)}`.padStart(5);
console.log(`${tuning.length} tuning queries; figures: top 10 % / by district % / MRR`);
console.log(`${'variant'.padEnd(44)} ${['term', 'pair', 'question', 'all'].map((k) => k.padStart(20)).join('')}   old fixtures recall@5 / MRR`);
for (const [name, opts] of Object.entries(VARIANTS)) {
  if (wanted.length && !wanted.some((w) => name.includes(w))) continue;
  const results = evaluateBlind(index, tuning, (q) => search(index, q, { ...opts, limit: Infinity, byDistrict: true }));
  const cells = (['term', 'pair', 'question', 'all'] as const).map((k) => {
    const f = blindFigures(results.filter((r) => k === 'all' || r.query.kind === k));
    return `${pct(f.top10)} ${pct(f.view)} ${f.mrr.toFixed(3)}`.padStart(20);
  });
  const old = evaluateFixtures(index, fixtures, 5, opts);
  console.log(`${name.padEnd(44)} ${cells.join('')}   ${old.recall.toFixed(3)} / ${old.mrr.toFixed(3)}`);
}
