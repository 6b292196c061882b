/**
 * The PostgreSQL store against the embedded index, on the project's corpus: a throwaway cluster (initdb in a
 * temporary directory, a free port on 127.0.0.1, as the postgres user when run as root; stopped and removed at the
 * end), the corpus loaded with loadStore (what `rulecmp build --store` does), and the same queries — the hand-read
 * and blind fixtures, with their district filters, and stretches of the texts as typed and quoted — asked of both:
 * the responses must be identical (hits in the same order with the same citations, scores, snippets; totals).
 *
 * Skipped on a developer machine without Debian's postgresql-15 (saying so); never skipped in CI (CI=true), where
 * a missing PostgreSQL fails.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/io/corpus.js';
import { analyse } from '../../src/pipeline.js';
import { textQueries } from '../../src/search/evaluate.js';
import { search } from '../../src/search/search.js';
import { SearchIndex } from '../../src/search/searchIndex.js';
import { startServer } from '../../src/server/index.js';
import { loadStore, PostgresStore, storeContent, type LoadReport } from '../../src/store/postgres.js';
import { runCli } from '../helpers/cli.js';
import { PG_BIN, postgresAvailable, startCluster, type Cluster } from '../helpers/postgres.js';

const inCI = process.env.CI === 'true' || process.env.CI === '1';
const run = postgresAvailable() || inCI;
if (!run) process.stderr.write(`postgres: PostgreSQL store tests skipped — ${PG_BIN}/initdb not found (apt-get install postgresql-15; with CI=true they fail instead)\n`);

interface Fixture {
  query: string;
  district?: string | null;
}
const fixture = (name: string): Fixture[] => (JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as { queries: Fixture[] }).queries;
const fixtureQueries = [...fixture('search-queries.json'), ...fixture('search-blind.json')];

describe.runIf(run)('PostgreSQL store (rulecmp build --store, search --store)', () => {
  let cluster: Cluster;
  let store: PostgresStore;
  let index: SearchIndex;
  let loaded: LoadReport;

  beforeAll(async () => {
    expect(postgresAvailable(), `${PG_BIN}/initdb not found: .ci/run installs postgresql-15 with apt-get`).toBe(true);
    cluster = await startCluster();
    const analysis = analyse(loadDocuments([], 'corpus').documents);
    loaded = await loadStore(cluster.url, storeContent(analysis));
    // The embedded index as a search reads it back from reports/search-index.json (queries cut by the query tokenizer).
    index = SearchIndex.fromData(JSON.parse(JSON.stringify(analysis.searchIndex.toData())));
    store = await PostgresStore.open(cluster.url);
  }, 180_000);
  afterAll(async () => {
    await store?.close().catch(() => undefined);
    cluster?.stop();
  });

  it('holds every document and article of the corpus, their facts and families', async () => {
    expect(loaded.documents).toBe(5);
    expect(loaded.articles).toBe(index.articles.length);
    expect(await store.counts()).toEqual({ articles: index.articles.length, documents: 5 });
  });

  const same = async (query: string, opts: Parameters<typeof search>[2] = {}) => {
    const want = search(index, query, opts);
    const got = await store.search(query, opts);
    expect(got, query).toEqual(want);
    expect(JSON.stringify(got), query).toBe(JSON.stringify(want)); // the same bytes from search --json

    return want;
  };

  it(`answers the ${fixtureQueries.length} fixture queries (search-queries.json, search-blind.json) exactly as the embedded index`, async () => {
    expect(fixtureQueries.length).toBeGreaterThanOrEqual(20);
    let hits = 0;
    for (const f of fixtureQueries) hits += (await same(f.query, { limit: 10, filters: f.district ? { district: f.district } : {} })).hits.length;
    expect(hits).toBeGreaterThan(fixtureQueries.length * 3);
  });

  it('answers stretches of the texts, as typed and quoted, exactly as the embedded index (the verbatim guarantee)', async () => {
    const qs = textQueries(index.articles, 40, 13);
    for (const q of qs) {
      const typed = await same(q, { limit: 20 });
      const quoted = await same(`"${q.replace(/"/g, '')}"`, { limit: 20 });
      expect(typed.total).toBeGreaterThan(0);
      expect(quoted.total).toBeGreaterThan(0);
    }
  });

  it('finds words jieba glues to a neighbour, partial matches, filters and nothing alike', async () => {
    for (const q of ['出席', '工作日', '日报', '区长 离京 请假 报告 审批 飞机', '常务会议 每周', '"常务会议" 一次', '不存在的词语乙丙丁']) await same(q, { limit: 50 });
    await same('会议', { filters: { district: 'huairou-2021' } });
    await same('会议', { filters: { year: 2022, chapter: '会议' }, limit: 30 });
    const topic = index.articles.find((a) => a.topics?.length)?.topics?.[0];
    expect(topic).toBeTruthy();
    await same('请假', { filters: { topic }, limit: 30 });
    await expect(store.search('会议', { filters: { district: '无此区' } })).rejects.toThrow(/no article matches/);
    await expect(store.search('  ')).rejects.toThrow(/empty query/);
  });

  it('proposes verbatim candidates from the trigram and grams indexes (exactly the embedded index\'s), and holds the index terms as a tsvector', async () => {
    const client = new pg.Client(cluster.url);
    await client.connect();
    try {
      await client.query('set enable_seqscan = off');
      const plan = (await client.query(`explain select id from rulecmp_articles where haystack like '%常务会议%'`)).rows.map((r) => Object.values(r)[0]).join('\n');
      expect(plan).toContain('rulecmp_articles_haystack_trgm');
      // One or two characters (no trigram): the grams array's GIN index.
      const short = (await client.query(`explain select id from rulecmp_articles where grams @> array['会议']`)).rows.map((r) => Object.values(r)[0]).join('\n');
      expect(short).toContain('rulecmp_articles_grams');
      for (const s of ['会', '会议', '出席', '5日']) {
        const viaGrams = (await client.query(`select id from rulecmp_articles where grams @> array[$1::text] order by id`, [s])).rows.map((r) => r.id as number);
        expect(viaGrams, s).toEqual([...index.containing(s)].sort((a, b) => a - b));
      }
      // The tsvector holds the article text's own index terms: @@ finds the articles the word index lists for the word.
      const word = '常务会议';
      const viaTsvector = (await client.query(`select id from rulecmp_articles where words @@ $1::tsquery order by id`, [`'${word}'`])).rows.map((r) => r.id as number);
      const viaPostings = (await client.query(`select article_id from rulecmp_words where field = 'text' and term = $1 order by article_id`, [word])).rows.map((r) => r.article_id as number);
      expect(viaTsvector.length).toBeGreaterThan(5);
      expect(viaTsvector).toEqual(viaPostings);
      const facts = (await client.query(`select count(*)::int n from rulecmp_facts`)).rows[0].n;
      const families = (await client.query(`select count(*)::int n from rulecmp_families`)).rows[0].n;
      expect(facts).toBe(5);
      expect(families).toBeGreaterThan(10);
    } finally {
      await client.end();
    }
  });

  it('rulecmp build --store loads it and rulecmp search --store answers from it, as search --index does', async () => {
    const out = '.cache/pg-build-test';
    const built = runCli(['build', '--store', cluster.url, '--out', out, '--quiet']);
    expect(built.code, built.stderr).toBe(0);
    const a = runCli(['search', '--store', cluster.url, '--json', '--limit', '5', '常务会议', '每周']);
    const b = runCli(['search', '--index', `${out}/search-index.json`, '--json', '--limit', '5', '常务会议', '每周']);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).hits.length).toBeGreaterThan(0);
  });

  it('rulecmp serve with a store answers /api/search and /search from it, as the embedded index does', async () => {
    const app = await startServer({ dir: 'corpus', port: 0, search: (q, o) => store.search(q, o) });
    try {
      for (const [q, district] of [['常务会议 每周', undefined], ['"严格合法性审查"', undefined], ['请假', 'huairou-2021'], ['会', undefined]] as const) {
        const url = new URL('api/search', app.url);
        url.searchParams.set('q', q);
        if (district) url.searchParams.set('district', district);
        const res = await fetch(url);
        expect(res.status).toBe(200);
        const got = (await res.json()) as { total: number; hits: { rank: number; citation: { docId: string; key: string } }[] };
        const want = search(index, q, { limit: 20, filters: { district } });
        expect(got.total, q).toBe(want.total);
        expect(got.hits.map((h) => [h.rank, h.citation.docId, h.citation.key]), q).toEqual(want.hits.map((h) => [h.rank, h.citation.docId, h.citation.key]));
      }
      const page = await fetch(new URL('search?q=%E5%B8%B8%E5%8A%A1%E4%BC%9A%E8%AE%AE', app.url));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(search(index, '常务会议', { limit: 1 }).hits[0]!.citation.label);
    } finally {
      await app.close();
    }
  });

  it('leaves no server running when stopped', async () => {
    await store.close();
    cluster.stop();
    const ps = execFileSync('ps', ['-eo', 'args']).toString();
    expect(ps).not.toContain(cluster.dir);
  });
});
