/**
 * Search speed, on the corpus and on a synthetic corpus of --docs documents (default 500)
 * made by recombining the corpus's chapters and articles, written as text files and
 * segmented like any corpus. For each verbatim strategy (scan, bigrams):
 * index build time, persisted size, load time (parse + MiniSearch.loadJS; the tokenizer
 * is loaded once per process on top), query latency p50/p95 (one pass, in process, top 10
 * with snippets). Beside it, in the same run, the user's alternative: `grep -rF` over the
 * same files for the same queries (one process per query, as a user runs it), with
 * the ratio. On the corpus, also a cold `rulecmp search` process, end to end.
 *
 *   npm run build && npx tsx scripts/bench-search.ts [--docs 500] [--queries 150] [--seed 1]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusFiles, loadDocuments } from '../src/io/corpus.js';
import type { RuleDocument, VerbatimStrategy } from '../src/model.js';
import { textQueries, prng, type QueryFixture } from '../src/search/evaluate.js';
import { search } from '../src/search/search.js';
import { SearchIndex } from '../src/search/searchIndex.js';
import { serialiseIndex, snapshotCorpus } from '../src/store/embedded.js';
import { toChineseNumeral } from '../src/text/numerals.js';
import { getTokenizer } from '../src/tokenize/index.js';

const arg = (name: string, dflt: number) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : dflt;
};
const nDocs = arg('docs', 500);
const nText = arg('queries', 150);
const seed = arg('seed', 1);
const STRATEGIES: VerbatimStrategy[] = ['scan', 'bigrams'];
const CLI = 'dist/src/cli/main.js';

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}
const time = (f: () => void) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mb = (bytes: number) => (bytes / 1e6).toFixed(2);

/** The corpus's chapters recombined: each document a run of random chapters (title and articles) from any seed. */
function synthesize(seeds: RuleDocument[], n: number, dir: string): void {
  const rand = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const chapters = seeds.flatMap((d) =>
    d.chapters
      .map((c) => ({ title: c.title, articles: d.articles.filter((a) => a.chapter === c.ordinal).map((a) => a.text.slice(a.label.length)) }))
      .filter((c) => c.articles.length),
  );
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= n; i++) {
    const district = `样本${toChineseNumeral(i)}区`;
    const lines = [`${district}人民政府工作规则`, ''];
    let article = 0;
    const count = 8 + Math.floor(rand() * 10);
    for (let c = 1; c <= count; c++) {
      const chapter = pick(chapters);
      lines.push(`第${toChineseNumeral(c)}章　${chapter.title}`, '');
      for (const body of chapter.articles) if (rand() < 0.8) lines.push(`第${toChineseNumeral(++article)}条　${body}`, '');
    }
    writeFileSync(join(dir, `synthetic-${String(i).padStart(4, '0')}.txt`), lines.join('\n'));
  }
}

interface Row {
  corpus: string;
  strategy: VerbatimStrategy;
  buildMs: number;
  bytes: number;
  loadMs: number;
  p50: number;
  p95: number;
}

function benchIndex(label: string, documents: RuleDocument[], dir: string, queries: string[], warmup: string[]): Row[] {
  const rows: Row[] = [];
  for (const strategy of STRATEGIES) {
    let index!: SearchIndex;
    const builds = [0, 1, 2].map(() => time(() => (index = SearchIndex.build(documents, { verbatim: strategy, corpus: snapshotCorpus(dir) }))));
    const json = serialiseIndex(index);
    let loaded!: SearchIndex;
    const loads = [0, 1, 2].map(() => time(() => (loaded = SearchIndex.fromData(JSON.parse(json)))));
    for (const q of warmup) search(loaded, q, { limit: 10 });
    const latencies = queries.map((q) => time(() => search(loaded, q, { limit: 10 })));
    rows.push({ corpus: label, strategy, buildMs: median(builds), bytes: Buffer.byteLength(json), loadMs: median(loads), p50: median(latencies), p95: quantile(latencies, 0.95) });
    if (strategy === 'scan' && label === 'corpus') {
      const path = join(work, 'corpus-index.json');
      writeFileSync(path, json);
      coldCli(path, queries.slice(0, 9));
    }
  }
  return rows;
}

/** grep -rF over the files, one process per query, as a user would run it. */
function grepLatencies(dir: string, queries: string[]): number[] {
  return queries.map((q) => time(() => spawnSync('grep', ['-rnF', '--', q, dir], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 })));
}

let coldMs: number[] = [];
function coldCli(indexPath: string, queries: string[]): void {
  if (!existsSync(CLI)) return console.log(`(${CLI} missing: run npm run build for the cold-process figure)`);
  coldMs = queries.map((q) =>
    time(() => {
      const r = spawnSync(process.execPath, [CLI, 'search', q, '--index', indexPath, '--corpus', 'corpus'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      if (r.stderr.includes('rebuilt')) throw new Error('the persisted index was not used: ' + r.stderr);
    }),
  );
}

const work = mkdtempSync(join(tmpdir(), 'rulecmp-bench-search-'));
try {
  const tLoad = time(() => getTokenizer());
  const corpus = loadDocuments([], 'corpus').documents;
  const fixtures = (JSON.parse(readFileSync('tests/fixtures/search-queries.json', 'utf8')) as { queries: QueryFixture[] }).queries.map((f) => f.query);
  const articles = SearchIndex.build(corpus).articles;
  const queries = [...new Set([...fixtures, ...textQueries(articles, nText, seed)])];
  const warmup = textQueries(articles, 30, seed + 1000);

  const synthDir = join(work, 'synthetic');
  synthesize(corpus, nDocs, synthDir);
  let synthetic: RuleDocument[] = [];
  const segmentMs = time(() => (synthetic = loadDocuments([], synthDir).documents));
  const synthArticles = synthetic.reduce((s, d) => s + d.articles.length, 0);
  const synthBytes = corpusFiles(synthDir).reduce((s, p) => s + readFileSync(p).length, 0);

  console.log(`queries: ${queries.length} (${fixtures.length} fixture queries + ${queries.length - fixtures.length} taken from the texts, seed ${seed}); tokenizer load ${ms(tLoad)} ms (once per process)`);
  console.log(`corpus: ${corpus.length} documents, ${articles.length} articles`);
  console.log(`synthetic: ${synthetic.length} documents, ${synthArticles} articles, ${mb(synthBytes)} MB of text (segmented in ${ms(segmentMs)} ms)\n`);

  const rows = [...benchIndex('corpus', corpus, 'corpus', queries, warmup), ...benchIndex(`synthetic ${synthetic.length}`, synthetic, synthDir, queries, warmup)];
  const grep = { corpus: grepLatencies('corpus', queries), synthetic: grepLatencies(synthDir, queries) };

  console.log('corpus          verbatim   build (ms)   index (MB)   load (ms)   query p50 (ms)   query p95 (ms)   grep -rF p50 (ms)   grep p50 / search p50');
  for (const r of rows) {
    const g = median(r.corpus === 'corpus' ? grep.corpus : grep.synthetic);
    console.log(
      `${r.corpus.padEnd(15)} ${r.strategy.padEnd(8)} ${ms(r.buildMs).padStart(12)} ${mb(r.bytes).padStart(12)} ${ms(r.loadMs).padStart(11)} ${ms(r.p50).padStart(16)} ${ms(r.p95).padStart(16)} ${ms(g).padStart(19)} ${(g / r.p50).toFixed(1).padStart(22)}×`,
    );
  }
  console.log(`\ngrep -rF p95: corpus ${ms(quantile(grep.corpus, 0.95))} ms, synthetic ${ms(quantile(grep.synthetic, 0.95))} ms`);
  if (coldMs.length) console.log(`cold \`rulecmp search\` process on the corpus (persisted index, end to end): median ${ms(median(coldMs))} ms, max ${ms(Math.max(...coldMs))} ms over ${coldMs.length} queries`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
