/**
 * One document aligned against a fixed peer set, against 5 and 500 peers: the peer model is built once
 * (classification, words, feature counts — what `rulecmp build` makes of the peers), then each document
 * costs `alignAgainst` alone. Beside it, in the same run, the alternative it replaces: the batch
 * alignment of the document together with all its peers (what adding one document cost before).
 *
 *   npx tsx scripts/bench-align-peers.ts [--sizes 5,500] [--runs 5]
 */
import { align } from '../src/align/index.js';
import { alignAgainst, buildPeerModel } from '../src/align/peers.js';
import { loadTaxonomy } from '../src/classify/index.js';
import { loadDocuments } from '../src/io/corpus.js';
import { recombined } from '../tests/helpers/synthetic.js';

const arg = (name: string, dflt: string) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? process.argv[k + 1]! : dflt;
};
const sizes = arg('sizes', '5,500').split(',').map(Number);
const runs = Number(arg('runs', '5'));
const taxonomy = loadTaxonomy();
const seeds = loadDocuments([], 'corpus').documents;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

// The documents aligned: recombined drafts the peers do not contain.
const drafts = Array.from({ length: runs }, (_, k) => recombined(seeds, 10_000 + k, `draft-${k}`).doc);
align(seeds, { taxonomy }); // warm up: tokenizer, taxonomy, JIT

console.log(`node ${process.version}; median of ${runs} documents per size`);
console.log('');
console.log('| peers | peer articles | build peer model (once) | one document against the peers | links per document | batch align of document + peers | batch ÷ one |');
console.log('|---|---|---|---|---|---|---|');
for (const n of sizes) {
  const peers = n === 5 ? seeds : Array.from({ length: n }, (_, k) => recombined(seeds, k + 1).doc);
  const articles = peers.reduce((s, d) => s + d.articles.length, 0);
  const t0 = performance.now();
  const model = buildPeerModel(peers, { taxonomy });
  const modelMs = performance.now() - t0;
  const one: number[] = [];
  const links: number[] = [];
  for (const d of drafts) {
    const t = performance.now();
    links.push(alignAgainst(model, d).links.length);
    one.push(performance.now() - t);
  }
  const batchRuns = n >= 500 ? 1 : runs;
  const batch: number[] = [];
  for (let r = 0; r < batchRuns; r++) {
    const t = performance.now();
    align([drafts[r]!, ...peers], { taxonomy });
    batch.push(performance.now() - t);
  }
  console.log(`| ${n} | ${articles.toLocaleString('en')} | ${fmt(modelMs)} | ${fmt(median(one))} | ${median(links)} | ${fmt(median(batch))}${batchRuns === 1 ? ' (1 run)' : ''} | ${(median(batch) / median(one)).toFixed(1)}× |`);
}
