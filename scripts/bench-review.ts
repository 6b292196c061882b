/**
 * End-to-end time of a cold `rulecmp review` process (the draft read, the peers' build output loaded, the
 * draft aligned against the fixed peers, facts compared, the Markdown written) against the five seeds and
 * against 500 synthetic peers, beside a cold `rulecmp search` process over the same peers as the reference
 * (each a fresh `node dist/cli/rulecmp.cjs …`, run in turn; medians of --runs, and the median of the pairs' ratios). The peers are built once first
 * (`rulecmp build --corpus DIR --out OUT`), as a drafting office would build its peer set once.
 *
 *   npm run build && npx tsx scripts/bench-review.ts [--runs 5] [--sizes 5,500]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadDocuments } from '../src/io/corpus.js';
import { recombined } from '../tests/helpers/synthetic.js';

const arg = (name: string, dflt: string) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? process.argv[k + 1]! : dflt;
};
const runs = Number(arg('runs', '5'));
const sizes = arg('sizes', '5,500').split(',').map(Number);
const MAIN = resolve('dist/cli/rulecmp.cjs');
const DRAFT = resolve('tests/fixtures/review/xinhe-draft.txt');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 4) throw new Error(`${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return ms;
}

const seeds = loadDocuments([], 'corpus').documents;
console.log(`node ${process.version}; median of ${runs} cold processes each`);
console.log('');
console.log('| peers | cold `rulecmp search 常务会议` | cold `rulecmp review` (md) | review ÷ search (median of the pairs) |');
console.log('|---|---|---|---|');
for (const n of sizes) {
  const root = mkdtempSync(join(tmpdir(), 'rulecmp-bench-review-'));
  let corpus = resolve('corpus');
  let out = resolve('reports');
  if (n !== 5) {
    corpus = join(root, 'corpus');
    out = join(root, 'out');
    mkdirSync(corpus);
    for (let k = 1; k <= n; k++) writeFileSync(join(corpus, `synthetic-${k}.txt`), recombined(seeds, k).doc.text);
    const b = spawnSync(process.execPath, [MAIN, 'build', '--corpus', corpus, '--out', out], { encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build: ${b.stderr}`);
  }
  const index = join(out, 'search-index');
  const searchArgs = ['search', '--corpus', corpus, '--index', index, '常务会议'];
  const reviewArgs = ['review', DRAFT, '--peers', corpus, '--analysis', out, '--quiet'];
  time(searchArgs); // warm the file cache, not the process
  time(reviewArgs);
  // In turn, a search then a review, so that a machine whose speed drifts during the runs moves both alike; the
  // ratio is taken pair by pair.
  const pairs = Array.from({ length: runs }, () => {
    const s = time(searchArgs);
    return { s, r: time(reviewArgs) };
  });
  const search = median(pairs.map((p) => p.s));
  const review = median(pairs.map((p) => p.r));
  const ratio = median(pairs.map((p) => p.r / p.s));
  console.log(`| ${n} | ${Math.round(search)} ms | ${Math.round(review)} ms | ${ratio.toFixed(2)}× |`);
}
