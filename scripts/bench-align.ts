/**
 * Alignment speed on 5, 50 and 500 synthetic documents recombined from the seeds
 * (tests/helpers/synthetic.ts: chapters shuffled, articles of several seeds mixed and renumbered,
 * about a third in a county's wording). For each size: articles, article pairs compared against
 * the pairs there are, links, families, and the median time of align() (classification, vectors,
 * candidates, passes, families; segmentation is timed apart). Beside it, in the same run, the
 * named alternative: candidates by comparing every article with every article of the other
 * documents ('all-pairs'), with the ratio; at 500 documents it is estimated from its measured
 * cost per comparison unless --all-pairs-500 is given.
 *
 *   npx tsx scripts/bench-align.ts [--sizes 5,50,500] [--runs 3] [--all-pairs-500]
 */
import { align, type AlignInternals } from '../src/align/index.js';
import { loadTaxonomy } from '../src/classify/index.js';
import { loadDocuments } from '../src/io/corpus.js';
import type { Alignment, RuleDocument } from '../src/model.js';
import { recombined } from '../tests/helpers/synthetic.js';

const arg = (name: string, dflt: string) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? process.argv[k + 1]! : dflt;
};
const sizes = arg('sizes', '5,50,500').split(',').map(Number);
const runs = Number(arg('runs', '3'));
const taxonomy = loadTaxonomy();
const seeds = loadDocuments([], 'corpus').documents;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

function time(docs: RuleDocument[], internals: AlignInternals, n: number): { ms: number; al: Alignment } {
  const times: number[] = [];
  let al!: Alignment;
  for (let r = 0; r < n; r++) {
    const t0 = performance.now();
    al = align(docs, { taxonomy, ...internals });
    times.push(performance.now() - t0);
  }
  return { ms: median(times), al };
}

align(seeds, { taxonomy }); // warm up: tokenizer, taxonomy, JIT
console.log(`node ${process.version}; median of ${runs} runs (1 run at 500 documents)`);
console.log('');
console.log('| documents | articles | segment | align (index) | pairs compared / possible | links | families | align (all-pairs) | all-pairs ÷ index |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const n of sizes) {
  const t0 = performance.now();
  const docs = Array.from({ length: n }, (_, k) => recombined(seeds, k + 1).doc);
  const segmentMs = performance.now() - t0;
  const articles = docs.reduce((s, d) => s + d.articles.length, 0);
  const index = time(docs, {}, n >= 500 ? 1 : runs);
  let alt: string;
  let ratio: string;
  if (n < 500 || process.argv.includes('--all-pairs-500')) {
    const all = time(docs, { candidates: 'all-pairs' }, n >= 500 ? 1 : Math.min(runs, n >= 50 ? 1 : runs));
    alt = fmt(all.ms);
    ratio = `${(all.ms / index.ms).toFixed(1)}×`;
  } else {
    // Estimate: the all-pairs run at 50 documents, scaled by the number of comparisons.
    const small = Array.from({ length: 50 }, (_, k) => recombined(seeds, k + 1).doc);
    const all50 = time(small, { candidates: 'all-pairs' }, 1);
    const perPair = all50.ms / all50.al.budget.comparisons;
    const est = perPair * index.al.budget.possiblePairs;
    alt = `≈ ${fmt(est)} (estimated)`;
    ratio = `≈ ${(est / index.ms).toFixed(0)}×`;
  }
  const b = index.al.budget;
  console.log(
    `| ${n} | ${articles} | ${fmt(segmentMs)} | ${fmt(index.ms)} | ${b.comparisons.toLocaleString('en')} / ${b.possiblePairs.toLocaleString('en')} (${((100 * b.comparisons) / b.possiblePairs).toFixed(2)} %) | ${index.al.links.length.toLocaleString('en')} | ${index.al.families.length.toLocaleString('en')} | ${alt} | ${ratio} |`,
  );
}
