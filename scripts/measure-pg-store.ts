/**
 * Measure the PostgreSQL store against the embedded index on a corpus directory (docs/decisions/0080): a throwaway
 * cluster, load time, and per-query latency of the fixture queries on both, as a list and by district (answers
 * compared). Light: one pass.
 * With --align, the alignment too: alignWithStore (the candidates looked up in the engine) and align() in memory
 * (not with --no-memory-align), times and whether the two agree.
 * npx tsx scripts/measure-pg-store.ts [corpus-dir | --synthetic N] [--no-by-district] [--queries N] [--progress] [--align [--no-memory-align]]
 *   (N documents recombined from the seeds, varied wording; --queries: the first N queries only; --progress: one line
 *   per query with its times, so that a long run at 5,000 documents shows where it is)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDocuments } from '../src/io/corpus.js';
import { analyse } from '../src/pipeline.js';
import { search } from '../src/search/search.js';
import { SearchIndex } from '../src/search/searchIndex.js';
import { align, alignmentVectors, classificationByDocument } from '../src/align/index.js';
import { alignWithStore, loadStore, PostgresStore } from '../src/store/postgres.js';
import { startCluster } from '../tests/helpers/postgres.js';
import { recombined } from '../tests/helpers/synthetic.js';

let dir = process.argv[2] ?? 'corpus';
let tmp: string | null = null;
if (dir === '--synthetic') {
  const n = Number(process.argv[3] ?? 50);
  const seeds = loadDocuments([], 'corpus').documents;
  dir = tmp = mkdtempSync(join(tmpdir(), 'rulecmp-synthetic-'));
  for (let k = 1; k <= n; k++) writeFileSync(join(dir, `synthetic-${k}.txt`), recombined(seeds, k, `synthetic-${k}`, { vary: true }).text);
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const numberArg = (name: string) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : undefined;
};
const allQueries = ['search-queries.json', 'search-blind.json', 'search-blind-2.json', 'search-blind-3.json', 'search-blind-4.json', 'search-blind-5.json'].flatMap((f) => (JSON.parse(readFileSync(`tests/fixtures/${f}`, 'utf8')) as { queries: { query: string }[] }).queries.map((q) => q.query));
const queries = allQueries.slice(0, numberArg('queries') ?? allQueries.length);
const views = flag('no-by-district') ? [false] : [false, true];
const t0 = performance.now();
const cluster = await startCluster();
console.log(`cluster started: ${Math.round(performance.now() - t0)} ms`);
try {
  const analysis = analyse(loadDocuments([], dir).documents);
  const built = analysis.searchIndex;
  const r = await loadStore(cluster.url, { documents: analysis.documents, searchIndex: built, facts: analysis.facts, ...(flag('align') ? { vectors: alignmentVectors(analysis.documents, { assignments: classificationByDocument(analysis.alignment) }) } : {}) });
  console.log(`loaded ${r.documents} documents, ${r.articles} articles, ${r.words} word postings in ${r.ms} ms`);
  if (flag('align')) {
    // The store's first (at 5,000 documents the in-memory alignment may not finish: --no-memory-align leaves it out).
    let t = performance.now();
    const fromStore = await alignWithStore(cluster.url, { onProgress: flag('progress') ? (stage, done, total) => done === total && console.log(`  ${stage}: ${Math.round(performance.now() - t)} ms`) : undefined });
    const storeMs = performance.now() - t;
    console.log(`alignment with the candidates looked up in the store: ${Math.round(storeMs)} ms, of which the look-up in SQL ${fromStore.lookupMs} ms (${fromStore.lookups} round${fromStore.lookups > 1 ? 's' : ''}); ${fromStore.alignment.families.length} families, ${fromStore.alignment.budget.comparisons} comparisons`);
    if (!flag('no-memory-align')) {
      t = performance.now();
      const inMemory = align(analysis.documents);
      const same = JSON.stringify(fromStore.alignment.families) === JSON.stringify(inMemory.families) && fromStore.alignment.budget.comparisons === inMemory.budget.comparisons;
      console.log(`alignment in memory: ${Math.round(performance.now() - t)} ms; ${same ? 'the same families and comparisons' : 'DIFFERENT'}`);
    }
  }
  const index = SearchIndex.fromData(JSON.parse(JSON.stringify(built.toData())));
  const store = await PostgresStore.open(cluster.url);
  const ms = { embedded: [] as number[], store: [] as number[], storeByDistrict: [] as number[] };
  let same = 0;
  for (const q of queries) {
    for (const byDistrict of views) {
      let t = performance.now();
      const a = search(index, q, { limit: 10, byDistrict });
      if (!byDistrict) ms.embedded.push(performance.now() - t);
      t = performance.now();
      const b = await store.search(q, { limit: 10, byDistrict });
      (byDistrict ? ms.storeByDistrict : ms.store).push(performance.now() - t);
      const equal = JSON.stringify(a) === JSON.stringify(b);
      if (equal) same++;
      if (flag('progress')) console.log(`  ${q}${byDistrict ? ' (by district)' : ''}: ${byDistrict ? "" : `embedded ${ms.embedded.at(-1)!.toFixed(1)} ms, `}store ${(byDistrict ? ms.storeByDistrict : ms.store).at(-1)!.toFixed(1)} ms${equal ? '' : ', DIFFERENT'}`);
    }
  }
  const p = (xs: number[], q: number) => (xs.length ? [...xs].sort((x, y) => x - y)[Math.floor(q * (xs.length - 1))]!.toFixed(1) : '-');
  console.log(`${queries.length} queries${views.length > 1 ? ' as a list and by district' : ' as a list'}, ${same} of ${views.length * queries.length} answers identical; p50/p90 ms: embedded ${p(ms.embedded, 0.5)}/${p(ms.embedded, 0.9)}, store ${p(ms.store, 0.5)}/${p(ms.store, 0.9)}, store by district ${p(ms.storeByDistrict, 0.5)}/${p(ms.storeByDistrict, 0.9)}`);
  const { rows } = await (store as unknown as { client: { query: (s: string) => Promise<{ rows: { s: string }[] }> } }).client.query(`select pg_size_pretty(pg_database_size(current_database())) s`);
  console.log(`database size ${rows[0]!.s}`);
  await store.close();
} finally {
  cluster.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
