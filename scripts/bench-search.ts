/**
 * Search speed, on the corpus and on a synthetic corpus of --docs documents (default 500)
 * made by recombining the corpus's chapters and articles, written as text files and
 * segmented like any corpus. For each verbatim strategy (scan, bigrams):
 * index build time, persisted size, load time (parse + MiniSearch.loadJS; the tokenizer
 * is loaded once per process on top), query latency p50/p95 (one pass, in process, top 10
 * with snippets). Beside it, in the same run, the user's alternative: `grep -rF` over the
 * same files for the same queries (one process per query, as a user runs it), with
 * the ratio. On the corpus, also a cold `rulecmp search` process, end to end, side by side (interleaved, same
 * queries) with a bare `node -e 0` and with `rg -F` over the same corpus (grep -rF when ripgrep is not installed),
 * as ratios; and where a cold process spends its time (module loading, opening the index, the first search).
 *
 *   npm run build && npx tsx scripts/bench-search.ts [--docs 500] [--queries 150] [--seed 1] [--cold-only] [--runs 15]
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
import { indexFolderFiles, serialiseIndex, snapshotCorpus } from '../src/store/embedded.js';
import { writeFolder } from '../src/io/write.js';
import { analyse } from '../src/pipeline.js';
import { toChineseNumeral } from '../src/text/numerals.js';
import { getTokenizer } from '../src/tokenize/index.js';

const arg = (name: string, dflt: number) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : dflt;
};
const nDocs = arg('docs', 500);
const coldOnly = process.argv.includes('--cold-only');
const coldRuns = arg('runs', 15);
const nText = arg('queries', 150);
const seed = arg('seed', 1);
const STRATEGIES: VerbatimStrategy[] = ['scan', 'bigrams'];
const CLI = 'dist/cli/rulecmp.cjs';

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
      // The cold process reads the index as build writes it: the folder (docs/decisions/0090).
      const path = join(work, 'corpus-index');
      writeFolder(path, indexFolderFiles(index));
      coldCli(path, queries.slice(0, 15));
    }
  }
  return rows;
}

/** grep -rF over the files, one process per query, as a user would run it. */
function grepLatencies(dir: string, queries: string[]): number[] {
  return queries.map((q) => time(() => spawnSync('grep', ['-rnF', '--', q, dir], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 })));
}

/** A process's wall time, in ms. */
function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  return time(() => {
    const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 1 << 30 });
    if (r.error) throw r.error;
    if (cmd === process.execPath && r.stderr.includes('rebuilt')) throw new Error('the persisted index was not used: ' + r.stderr);
  });
}

const hasRg = spawnSync('rg', ['--version']).status === 0;
interface Cold {
  search: number[];
  node: number[];
  literal: number[];
  version: number[];
  stages: Record<string, number[]>;
}
let cold: Cold | null = null;

/**
 * In a fresh process: how long loading the search modules, opening the persisted index and the first search take
 * (what a cold `rulecmp search` does after commander has parsed its arguments).
 */
const PROBE = `
const t0 = performance.now();
const { configureTokenizerFromEnv } = await import('./dist/src/io/jieba.js');
configureTokenizerFromEnv(); // as the CLI does: queries cut without jieba's whole dictionary
const { openIndex } = await import('./dist/src/store/embedded.js');
const { search } = await import('./dist/src/search/search.js');
const t1 = performance.now();
const opened = await openIndex({ indexPath: process.argv[1], corpusDir: 'corpus' });
const t2 = performance.now();
search(opened.index, process.argv[2], { limit: 10 });
const t3 = performance.now();
search(opened.index, process.argv[2], { limit: 10 });
const t4 = performance.now();
console.log(JSON.stringify({ 'import search modules': t1 - t0, 'open index (check corpus, read meta)': t2 - t1, 'first search (query cut, match, rank)': t3 - t2, 'same search again': t4 - t3 }));
`;

/** Cold processes, interleaved so that the machine's load falls on all of them alike. */
function coldCli(indexPath: string, queries: string[]): void {
  if (!existsSync(CLI)) return console.log(`(${CLI} missing: run npm run build for the cold-process figure)`);
  const c: Cold = { search: [], node: [], literal: [], version: [], stages: {} };
  for (let i = 0; i < coldRuns; i++) {
    const q = queries[i % queries.length]!;
    c.node.push(run(process.execPath, ['-e', '0']));
    c.search.push(run(process.execPath, [CLI, 'search', q, '--index', indexPath, '--corpus', 'corpus']));
    c.literal.push(hasRg ? run('rg', ['-F', '--', q, 'corpus']) : run('grep', ['-rF', '--', q, 'corpus']));
    c.version.push(run(process.execPath, [CLI, '--version']));
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE, indexPath, q], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    for (const [k, v] of Object.entries(JSON.parse(r.stdout) as Record<string, number>)) (c.stages[k] ??= []).push(v);
  }
  cold = c;
}

function printCold(): void {
  if (!cold) return;
  const s = median(cold.search);
  const n = median(cold.node);
  const l = median(cold.literal);
  const tool = hasRg ? 'rg -F' : 'grep -rF (ripgrep not installed)';
  console.log(`\ncold processes on the corpus, ${cold.search.length} runs each, interleaved (median / max ms):`);
  console.log(`  rulecmp search (persisted index)  ${ms(s).padStart(6)} / ${ms(Math.max(...cold.search))}`);
  console.log(`  node -e 0                         ${ms(n).padStart(6)} / ${ms(Math.max(...cold.node))}`);
  console.log(`  ${tool.padEnd(33)} ${ms(l).padStart(6)} / ${ms(Math.max(...cold.literal))}`);
  console.log(`  rulecmp --version (CLI modules)   ${ms(median(cold.version)).padStart(6)} / ${ms(Math.max(...cold.version))}`);
  console.log(`  ratio search / node -e 0: ${(s / n).toFixed(2)}×; search / ${hasRg ? 'rg -F' : 'grep -rF'}: ${(s / l).toFixed(2)}×`);
  console.log('  where a cold search goes (fresh process, median ms):');
  for (const [k, v] of Object.entries(cold.stages)) console.log(`    ${k.padEnd(40)} ${ms(median(v)).padStart(6)}`);
}

const work = mkdtempSync(join(tmpdir(), 'rulecmp-bench-search-'));
try {
  const tLoad = time(() => getTokenizer());
  const corpus = loadDocuments([], 'corpus').documents;
  if (coldOnly) {
    const index = analyse(corpus, { corpus: snapshotCorpus('corpus') }).searchIndex;
    const path = join(work, 'corpus-index');
    writeFolder(path, indexFolderFiles(index));
    const fixtures = (JSON.parse(readFileSync('tests/fixtures/search-blind.json', 'utf8')) as { queries: { query: string }[] }).queries.map((q) => q.query);
    coldCli(path, fixtures);
  } else fullBench(corpus, tLoad);
  printCold();
} finally {
  rmSync(work, { recursive: true, force: true });
}

function fullBench(corpus: RuleDocument[], tLoad: number): void {
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
}
