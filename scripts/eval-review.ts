/**
 * The draft review against a draft written blind (by someone who had not seen the code) with the findings planted in it:
 * articles copied from named peer articles, modified ones, new ones, topics left out, fact deviations. Prints, per
 * kind of finding, how many of the planted ones the review reports (and which it misses).
 *
 *   npx tsx scripts/eval-review.ts [--draft tests/fixtures/review/xinhe-draft.txt] [--expected …expected.json] [--corpus corpus]
 */
import { readFileSync } from 'node:fs';
import { loadDocuments } from '../src/io/corpus.js';
import { analyse } from '../src/pipeline.js';
import { scoreReview, type PlantedFindings } from '../src/review/evaluate.js';
import { reviewDraft } from '../src/review/index.js';

const arg = (name: string, dflt: string) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? process.argv[k + 1]! : dflt;
};
const draftPath = arg('draft', 'tests/fixtures/review/xinhe-draft.txt');
const expected = JSON.parse(readFileSync(arg('expected', draftPath.replace(/\.txt$/u, '.expected.json')), 'utf8')) as PlantedFindings;
const peers = analyse(loadDocuments([], arg('corpus', 'corpus')).documents);
const draft = loadDocuments([draftPath], '.').documents[0]!;
const review = reviewDraft(peers, draft);
const s = scoreReview(review, expected);
console.log(`draft ${draftPath}: ${draft.articles.length} articles against ${peers.documents.length} peers`);
console.log(`statuses: ${Object.entries(review.summary.byStatus).map(([k, v]) => `${k} ${v}`).join(', ')}`);
for (const [kind, r] of Object.entries(s)) {
  console.log(`  ${kind.padEnd(16)} ${r.found}/${r.planted}${r.missed.length ? `  missed: ${r.missed.join('; ')}` : ''}`);
}
