/**
 * Whole-pipeline cost as the corpus grows (issue 13). For each size, a synthetic corpus recombined from
 * the seeds with varied wording (tests/helpers/synthetic.ts: recombined(…, { vary: true })) is written
 * as .txt files under the OS temp directory, and the built CLI is run on it as a user would:
 *
 * - build: wall time of `rulecmp build --quiet` as a ratio to one jieba process cutting the same text
 *   (the same tokenizer and user dictionary, process start included), and its peak memory
 *   (/usr/bin/time -v, maximum resident set size); the align and report steps' own times;
 * - output: bytes written as a ratio to the corpus's bytes;
 * - search: cold (`rulecmp search` as a fresh process, median of 3) against a bare `node -e 0` and
 *   `rg -F` over the same files (fresh process per query, median), and in one process that has opened the index
 *   and answered 16 other queries of the genre (a server's state): each query's first run (an unseen query: its
 *   postings read and checked for the first time), p50; the same queries run again five times each (a warm cache: what
 *   the index keeps of a query's strings reused), p50; then the per-district view, the web app's search, p50; then
 *   the blind sets' queries (tests/fixtures/search-blind*.json: questions typed as sentences mostly, what researchers
 *   type), each run once and once more, p50 and p90, against `rg -F` for 20 of them;
 * - from the growth between the two largest sizes, a projection to 20,000 documents.
 *
 *   npm run build && npx tsx scripts/bench-scale.ts [--sizes 50,500] [--5000] [--keep]
 *
 * Run it alone: it starts one heavy process at a time, but each is heavy.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadDocuments } from '../src/io/corpus.js';
import { openIndex } from '../src/store/embedded.js';
import { search } from '../src/search/search.js';
import { recombined } from '../tests/helpers/synthetic.js';

const arg = (name: string, dflt: string) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? process.argv[k + 1]! : dflt;
};
const sizes = arg('sizes', '50,500').split(',').map(Number);
if (process.argv.includes('--5000') && !sizes.includes(5000)) sizes.push(5000);
const ROOT = resolve(import.meta.dirname, '..');
/** The CLI to measure (BENCH_MAIN: another build of it, e.g. the one before a change). */
const MAIN = process.env.BENCH_MAIN ?? join(ROOT, 'dist/cli/rulecmp.cjs');
const WORK = join(tmpdir(), `rulecmp-bench-scale-${process.pid}`);
const QUERIES = ['常务会议', '每月', '请假', '财政资金', '三分之二', '集体讨论决定', '政务公开', '督促检查'];
/** Other queries of the genre a warm process has answered before QUERIES are timed as first runs (a server's state). */
const WARM_UP = ['会议纪要', '副区长', '公文', '请示', '审计', '应急', '信访', '督查', '廉政', '政务服务', '依法行政', '常务副区长', '专题会议', '议题', '批示', '调研'];
const seeds = loadDocuments([], join(ROOT, 'corpus')).documents;
/** The blind query sets' queries, each once, in file order. */
const TYPED = [
  ...new Set(
    readdirSync(join(ROOT, 'tests/fixtures'))
      .filter((f) => /^search-blind.*\.json$/u.test(f))
      .sort()
      .flatMap((f) => (JSON.parse(readFileSync(join(ROOT, 'tests/fixtures', f), 'utf8')) as { queries: { query: string }[] }).queries.map((q) => q.query)),
  ),
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmtMs = (ms: number) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function bytesUnder(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    n += s.isDirectory() ? bytesUnder(p) : s.size;
  }
  return n;
}

/** Run a command under /usr/bin/time -v: wall ms, peak RSS in bytes, stdout. */
function timed(cmd: string, args: string[]): { ms: number; cpuMs: number; rss: number; stdout: string; status: number | null; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/u.exec(r.stderr)?.[1] ?? 0) * 1024;
  const cpu = (k: string) => Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`, 'u').exec(r.stderr)?.[1] ?? 0) * 1000;
  return { ms, cpuMs: cpu('User') + cpu('System'), rss, stdout: r.stdout, status: r.status, stderr: r.stderr };
}

function wall(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  // A command that did not start (rg not installed) would time as a millisecond: say so instead.
  if (r.error) throw new Error(`${cmd} did not run: ${r.error.message}`);
  return performance.now() - t0;
}

/** CPU time (user + system) of a command: on a shared machine, steadier than its wall time. */
function cpuOf(cmd: string, args: string[]): number {
  return timed(cmd, args).cpuMs;
}

const JIEBA = `
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { Jieba } = require('@node-rs/jieba');
const { dict } = require('@node-rs/jieba/dict.js');
const entries = require(${JSON.stringify(join(ROOT, 'data/user-dict.json'))}).entries;
const j = Jieba.withDict(dict);
j.loadDict(Buffer.from(entries.map(([w, f, t]) => w + ' ' + f + ' ' + t).join('\\n') + '\\n'));
let n = 0;
for (const f of readdirSync(process.argv[1])) n += j.cut(readFileSync(join(process.argv[1], f), 'utf8'), false).length;
console.log(n);
`;

interface Row {
  n: number;
  articles: number;
  input: number;
  jiebaMs: number;
  jiebaCpuMs: number;
  buildMs: number;
  buildCpuMs: number;
  rss: number;
  output: number;
  steps: Record<string, number>;
  coldMs: number;
  nodeMs: number;
  rgMs: number;
  warmP50: number;
  /** p50 of each query's first run in a process that has answered WARM_UP. */
  firstP50: number;
  /** The same process: p50 of the per-district view (the web app's search), each query three times. */
  districtsP50: number;
  /** The blind sets' queries (as researchers type them, questions mostly): how many, first-run and run-again p50, p90. */
  typed: { n: number; firstP50: number; firstP90: number; againP50: number; rgMs: number };
}

const rows: Row[] = [];
mkdirSync(WORK, { recursive: true });
try {
  for (const n of sizes) {
    const dir = join(WORK, String(n));
    const corpus = join(dir, 'corpus');
    const out = join(dir, 'out');
    mkdirSync(corpus, { recursive: true });
    let articles = 0;
    for (let k = 1; k <= n; k++) {
      const g = recombined(seeds, k, `synthetic-${k}`, { vary: true });
      articles += g.doc.articles.length;
      writeFileSync(join(corpus, `synthetic-${k}.txt`), g.text);
    }
    const input = bytesUnder(corpus);
    const jiebaMs = median([0, 1, 2].map(() => wall(process.execPath, ['-e', JIEBA, corpus])));
    const jiebaCpuMs = median([0, 1, 2].map(() => cpuOf(process.execPath, ['-e', JIEBA, corpus])));
    const b = timed(process.execPath, [MAIN, 'build', '--corpus', corpus, '--out', out]);
    if (b.status !== 0) throw new Error(`build failed at ${n} documents:\n${b.stderr.slice(-2000)}`);
    const steps: Record<string, number> = {};
    // build prints each step's name at the start of a line and its time as "  (N ms)" at its end.
    let step = '';
    for (const line of b.stdout.split('\n')) {
      if (/^\S/u.test(line)) step = line.trim();
      const m = /^ {2}\((\d+) ms\)$/u.exec(line);
      if (m) steps[step] = Number(m[1]);
    }
    const index = join(out, 'search-index');
    const coldMs = median(QUERIES.slice(0, 3).map((q) => wall(process.execPath, [MAIN, 'search', '--corpus', corpus, '--index', index, '--limit', '5', q])));
    const nodeMs = median([0, 1, 2].map(() => wall(process.execPath, ['-e', '0'])));
    const rgMs = median(QUERIES.map((q) => wall('rg', ['-F', '-c', q, corpus])));
    // A process that has answered other queries (its code optimised, the index's files read): each query's first run
    // (an unseen query, a server's usual case), then the same queries again (their postings read: a warm cache).
    const served = await openIndex({ indexPath: index, corpusDir: corpus });
    const timed1 = (q: string) => {
      const t0 = performance.now();
      search(served.index, q, { limit: 10 });
      return performance.now() - t0;
    };
    for (let round = 0; round < 3; round++) for (const q of WARM_UP) search(served.index, q, { limit: 10 });
    const firstRuns = QUERIES.map(timed1);
    const warm = QUERIES.flatMap((q) => [0, 1, 2, 3, 4].map(() => timed1(q)));
    const districts = QUERIES.flatMap((q) =>
      [0, 1, 2].map(() => {
        const t0 = performance.now();
        search(served.index, q, { limit: 10, byDistrict: true });
        return performance.now() - t0;
      }),
    );
    // Queries as researchers type them: the blind sets' (tests/fixtures/search-blind*.json), each run once (a first
    // run) and once more; rg -F over the same files for 20 of them (a sentence rg finds nowhere costs it the same scan).
    const typedFirst: number[] = [];
    const typedAgain: number[] = [];
    for (const q of TYPED) {
      try {
        typedFirst.push(timed1(q));
        typedAgain.push(timed1(q));
      } catch {
        // (a query of nothing but question words: an error, not timed)
      }
    }
    const rgTyped = median(TYPED.slice(0, 20).map((q) => wall('rg', ['-F', '-c', q, corpus])));
    const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;
    const typed = { n: typedFirst.length, firstP50: median(typedFirst), firstP90: p90(typedFirst), againP50: median(typedAgain), rgMs: rgTyped };
    rows.push({ typed, n, articles, input, jiebaMs, jiebaCpuMs, buildMs: b.ms, buildCpuMs: b.cpuMs, rss: b.rss, output: bytesUnder(out), steps, coldMs, nodeMs, rgMs, warmP50: median(warm), firstP50: median(firstRuns), districtsP50: median(districts) });
    const r = rows.at(-1)!;
    process.stderr.write(`${n} documents: build ${fmtMs(r.buildCpuMs)} CPU, ${mb(r.rss)} peak, output ${mb(r.output)}\n`);
    if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  }
} finally {
  if (!process.argv.includes('--keep')) rmSync(WORK, { recursive: true, force: true });
}

console.log(`node ${process.version}; ${process.argv.slice(2).join(' ') || 'defaults'}`);
console.log('');
console.log('CPU: user + system seconds of the process (steadier than wall time on a shared machine); ratios are of CPU time, wall time beside it.');
console.log('');
console.log('| documents | articles | input | jieba alone (CPU / wall) | build (CPU / wall) | build ÷ jieba (CPU) | peak memory | output | output ÷ input | align | report | cold search | node -e 0 | rg -F | warm, a query run again, p50 | rg ÷ warm | warm process, a query\'s first run, p50 | rg ÷ it | per-district view, warm p50 |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.n} | ${r.articles} | ${mb(r.input)} | ${fmtMs(r.jiebaCpuMs)} / ${fmtMs(r.jiebaMs)} | ${fmtMs(r.buildCpuMs)} / ${fmtMs(r.buildMs)} | ${(r.buildCpuMs / r.jiebaCpuMs).toFixed(1)}× | ${mb(r.rss)} | ${mb(r.output)} | ${(r.output / r.input).toFixed(1)}× | ${fmtMs(r.steps.align ?? NaN)} | ${fmtMs(r.steps.report ?? NaN)} | ${fmtMs(r.coldMs)} | ${fmtMs(r.nodeMs)} | ${fmtMs(r.rgMs)} | ${r.warmP50.toFixed(2)} ms | ${(r.rgMs / r.warmP50).toFixed(0)}× | ${r.firstP50.toFixed(2)} ms | ${(r.rgMs / r.firstP50).toFixed(1)}× | ${r.districtsP50.toFixed(1)} ms |`,
  );
}
console.log('');
console.log("Queries as researchers type them (the blind sets' queries, questions mostly), in the same process after the ones above:");
console.log('');
console.log('| documents | queries | first run p50 | first run p90 | run again p50 | rg -F (20 of them) | rg ÷ first run | rg ÷ run again |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.n} | ${r.typed.n} | ${r.typed.firstP50.toFixed(2)} ms | ${r.typed.firstP90.toFixed(1)} ms | ${r.typed.againP50.toFixed(2)} ms | ${fmtMs(r.typed.rgMs)} | ${(r.typed.rgMs / r.typed.firstP50).toFixed(1)}× | ${(r.typed.rgMs / r.typed.againP50).toFixed(1)}× |`);
if (rows.length >= 2) {
  const [a, b] = rows.slice(-2) as [Row, Row];
  const grow = (x: number, y: number) => Math.log(y / x) / Math.log(b.n / a.n);
  const project = (y: number, k: number) => y * (20000 / b.n) ** k;
  const kb = grow(a.buildCpuMs, b.buildCpuMs);
  const ka = grow(a.steps.align ?? 1, b.steps.align ?? 1);
  const km = grow(a.rss, b.rss);
  const ko = grow(a.output, b.output);
  console.log('');
  console.log(`growth ${a.n} → ${b.n} documents: build n^${kb.toFixed(2)}, align n^${ka.toFixed(2)}, memory n^${km.toFixed(2)}, output n^${ko.toFixed(2)}`);
  console.log(
    `projected at 20,000 documents: build ${fmtMs(project(b.buildCpuMs, kb))} CPU, align ${fmtMs(project(b.steps.align ?? NaN, ka))}, peak memory ${mb(project(b.rss, km))}, output ${mb(project(b.output, ko))} (input ≈ ${mb((b.input * 20000) / b.n)})`,
  );
}
