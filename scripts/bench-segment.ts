/**
 * Segmentation throughput: the corpus repeated to at least 20 MB (UTF-8), segmented document by
 * document, several runs, median MB/s. Beside it, in the same run, a naive baseline that only splits
 * lines and tests an article regex on each (what a quick script would do): the ratio says what the
 * full model (items, metadata, spans, diagnostics) costs over that.
 *
 *   npx tsx scripts/bench-segment.ts [--mb 20] [--runs 5]
 */
import { readFileSync } from 'node:fs';
import { corpusFiles } from '../src/io/corpus.js';
import { segment } from '../src/segment/index.js';

const arg = (name: string, dflt: number) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : dflt;
};
const targetMb = arg('mb', 20);
const runs = arg('runs', 5);

const texts = corpusFiles('corpus').map((p) => readFileSync(p, 'utf8'));
const bytesOf = (s: string) => Buffer.byteLength(s, 'utf8');
const batch: string[] = [];
let bytes = 0;
while (bytes < targetMb * 1024 * 1024) {
  for (const t of texts) {
    batch.push(t);
    bytes += bytesOf(t);
  }
}
const mb = bytes / (1024 * 1024);

function time(fn: () => void): number[] {
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    out.push((performance.now() - t0) / 1000);
  }
  return out;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const source = (text: string, i: number) => ({ text, source: { path: `bench-${i}.txt`, format: 'text' as const, encoding: 'utf-8', bom: false, sha256: '', bytes: text.length } });
let articles = 0;
const full = time(() => {
  articles = 0;
  batch.forEach((t, i) => (articles += segment(source(t, i), `d${i}`).articles.length));
});
const ARTICLE = /^[\s\u3000]*(第[一二三四五六七八九十百零〇\d]+条|[一二三四五六七八九十百]+、)/;
let naiveHits = 0;
const naive = time(() => {
  naiveHits = 0;
  for (const t of batch) for (const line of t.split(/\r?\n/)) if (ARTICLE.test(line)) naiveHits++;
});

const mFull = median(full);
const mNaive = median(naive);
console.log(`corpus: ${texts.length} files repeated to ${batch.length} documents, ${mb.toFixed(1)} MB (UTF-8); ${runs} runs each`);
console.log(`rulecmp segment (full model):   median ${mFull.toFixed(2)} s  → ${(mb / mFull).toFixed(1)} MB/s, ${Math.round(batch.length / mFull)} documents/s, ${articles} articles`);
console.log(`naive line split + article regex: median ${mNaive.toFixed(2)} s  → ${(mb / mNaive).toFixed(1)} MB/s (${naiveHits} regex hits)`);
console.log(`ratio: the full segmenter takes ${(mFull / mNaive).toFixed(1)}× the naive baseline's time`);
