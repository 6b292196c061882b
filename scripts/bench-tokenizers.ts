/**
 * The two jieba engines side by side, with the genre's user dictionary:
 * - load time: getTokenizer() and a first cut, in a fresh process each time (what every
 *   CLI command pays), median of --loads runs;
 * - throughput: the corpus text repeated to at least --mb MB (UTF-8), cut in one process,
 *   median MB/s of --runs runs;
 * - agreement on the corpus: the share of words (as spans of the normalised text) that
 *   both engines cut the same, and the most frequent disagreements.
 *
 *   npx tsx scripts/bench-tokenizers.ts [--mb 4] [--runs 3] [--loads 5]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { corpusFiles } from '../src/io/corpus.js';
import { engineTokenizer, getTokenizer, normalise, isWordless, TOKENIZER_ENGINES, type TokenizerEngine } from '../src/tokenize/index.js';
import { configureTokenizerFromEnv } from '../src/io/jieba.js';
configureTokenizerFromEnv();

const arg = (name: string, dflt: number) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : dflt;
};
const targetMb = arg('mb', 4);
const runs = arg('runs', 3);
const loads = arg('loads', 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const TOKENIZE = fileURLToPath(new URL('../src/tokenize/index.ts', import.meta.url));
const JIEBA_EDGE = fileURLToPath(new URL('../src/io/jieba.ts', import.meta.url));

function available(engine: TokenizerEngine): boolean {
  try {
    getTokenizer(engine);
    return true;
  } catch (e) {
    console.log(`${engine}: not available (${(e as Error).message})`);
    return false;
  }
}

/** Load time in a fresh process: import the module, get the tokenizer, cut once. */
function coldLoadMs(engine: TokenizerEngine): number {
  // As the CLI starts a tokenizer: the edge tells it where cppjieba's user dictionary file is.
  const code = `const t0 = performance.now(); const m = await import(${JSON.stringify(TOKENIZE)}); (await import(${JSON.stringify(JIEBA_EDGE)})).configureTokenizerFromEnv(); m.getTokenizer(${JSON.stringify(engine)}).cut('区政府常务会议'); console.log(performance.now() - t0);`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

/** Word spans of a cut, as 'start:end' keys into the text. */
function spans(pieces: string[]): Set<string> {
  const out = new Set<string>();
  let at = 0;
  for (const p of pieces) {
    if (!isWordless(p)) out.add(`${at}:${at + p.length}`);
    at += p.length;
  }
  return out;
}

/** Stretches where two cuts of the same text disagree, as 'a/b  ≠  a/b/c'. */
function differences(pa: string[], pb: string[]): string[] {
  const out: string[] = [];
  let [i, j, ea, eb] = [0, 0, 0, 0];
  let da: string[] = [];
  let db: string[] = [];
  while (i < pa.length || j < pb.length) {
    // Advance the cut that is behind; a stretch ends where both cuts have a boundary.
    if (j >= pb.length || (i < pa.length && ea <= eb)) ea += pa[i]!.length, da.push(pa[i++]!);
    else eb += pb[j]!.length, db.push(pb[j++]!);
    if (ea === eb) {
      if (da.join('|') !== db.join('|')) out.push(`${da.join('/')}  ≠  ${db.join('/')}`);
      da = [];
      db = [];
    }
  }
  return out;
}

const texts = corpusFiles('corpus').map((p) => normalise(readFileSync(p, 'utf8')));
const batch: string[] = [];
let bytes = 0;
while (bytes < targetMb * 1e6) for (const t of texts) batch.push(t), (bytes += Buffer.byteLength(t));

const engines = TOKENIZER_ENGINES.filter(available);
const rows: { engine: TokenizerEngine; loadMs: number; mbps: number }[] = [];
for (const engine of engines) {
  const loadMs = median(Array.from({ length: loads }, () => coldLoadMs(engine)));
  const t = engineTokenizer(engine); // not getTokenizer's memo: the batch repeats the corpus
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (const text of batch) t.cut(text);
    times.push(performance.now() - t0);
  }
  rows.push({ engine, loadMs, mbps: bytes / 1e6 / (median(times) / 1000) });
}

console.log(`load: fresh process, median of ${loads}; throughput: ${(bytes / 1e6).toFixed(1)} MB (corpus repeated), median of ${runs}\n`);
console.log('engine      load (ms)   throughput (MB/s)');
for (const r of rows) console.log(`${r.engine.padEnd(10)}  ${r.loadMs.toFixed(0).padStart(9)}   ${r.mbps.toFixed(2).padStart(17)}`);
if (rows.length === 2) {
  const [a, b] = rows as [(typeof rows)[0], (typeof rows)[0]];
  console.log(`\n${a.engine} / ${b.engine}: load ${(b.loadMs / a.loadMs).toFixed(1)}× faster, throughput ${(a.mbps / b.mbps).toFixed(2)}×`);

  // Agreement on the corpus, line by line of each file.
  const [ta, tb] = [getTokenizer(a.engine), getTokenizer(b.engine)];
  let same = 0;
  let total = 0;
  const diffs = new Map<string, number>();
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const pa = ta.cut(line);
      const pb = tb.cut(line);
      if (pa.join('') !== line || pb.join('') !== line) throw new Error('a cut lost text');
      const sa = spans(pa);
      const sb = spans(pb);
      for (const s of sa) if (sb.has(s)) same++;
      total += new Set([...sa, ...sb]).size;
      for (const d of differences(pa, pb)) diffs.set(d, (diffs.get(d) ?? 0) + 1);
    }
  }
  console.log(`agreement on the corpus: ${same} of ${total} word spans (${((100 * same) / total).toFixed(2)}%) cut the same`);
  const top = [...diffs].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, 10);
  if (top.length) console.log(`most frequent differences (${a.engine}  ≠  ${b.engine}):`);
  for (const [d, n] of top) console.log(`  ${n}×  ${d}`);
}
