/**
 * The PostgreSQL store against the embedded index, on the project's corpus: a throwaway cluster (initdb in a
 * temporary directory, a free port on 127.0.0.1, as the postgres user when run as root; stopped and removed at the
 * end), the corpus loaded with loadStore (what `rulecmp build --store` does), and the same queries — the hand-read
 * and blind fixtures, with their district filters, and stretches of the texts as typed and quoted — asked of both,
 * as a list and in the per-district view: the responses must be identical (hits in the same order with the same
 * citations, scores, flags, snippets; totals, fallbacks, topics, districts), and so the text, --by-district and
 * --json output of `rulecmp search` and the /api/search answers of `rulecmp serve`.
 *
 * Skipped on a developer machine without Debian's postgresql-15 (saying so on stderr); never skipped in CI
 * (CI=true), where a missing PostgreSQL fails.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/io/corpus.js';
import { analyse } from '../../src/pipeline.js';
import { textQueries } from '../../src/search/evaluate.js';
import { formatByDistrict, formatResponse } from '../../src/search/render.js';
import { search, type SearchOptions } from '../../src/search/search.js';
import { SearchIndex } from '../../src/search/searchIndex.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { alignWithStore, loadStore, PostgresStore, storeContent, type LoadReport } from '../../src/store/postgres.js';
import { recombined } from '../helpers/synthetic.js';
import { runCli } from '../helpers/cli.js';
import { createDatabase, PG_BIN, postgresAvailable, postgresTestsRun, startCluster, type Cluster } from '../helpers/postgres.js';

interface Fixture {
  query: string;
  district?: string | null;
}
const fixture = (name: string): Fixture[] => (JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as { queries: Fixture[] }).queries;
const fixtureQueries = [...fixture('search-queries.json'), ...fixture('search-blind.json'), ...fixture('search-blind-2.json'), ...fixture('search-blind-3.json'), ...fixture('search-blind-4.json'), ...fixture('search-blind-5.json'), ...fixture('search-blind-6.json')];

describe.runIf(postgresTestsRun())('PostgreSQL store (rulecmp build --store, search --store, serve --store)', () => {
  let cluster: Cluster;
  let store: PostgresStore;
  let index: SearchIndex;
  let loaded: LoadReport;
  let corpusAnalysis: ReturnType<typeof analyse>;

  it('has PostgreSQL to test against (in CI a missing one fails here, it is not skipped)', () => {
    expect(postgresAvailable(), `${PG_BIN}/initdb not found: .ci/run installs postgresql-15 with apt-get`).toBe(true);
  });

  beforeAll(async () => {
    if (!postgresAvailable()) return;
    cluster = await startCluster();
    const analysis = analyse(loadDocuments([], 'corpus').documents);
    corpusAnalysis = analysis;
    loaded = await loadStore(cluster.url, storeContent(analysis));
    // The embedded index read back from its single-file form (queries cut by the query tokenizer).
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

  /** The same response from both, as a list and in the per-district view, and so the same output of every mode of `rulecmp search`. */
  const same = async (query: string, opts: SearchOptions = {}) => {
    let first: ReturnType<typeof search> | undefined;
    for (const byDistrict of [false, true]) {
      const o = { ...opts, byDistrict };
      const want = search(index, query, o);
      const got = await store.search(query, o);
      expect(got, `${query} ${byDistrict ? '(by district)' : ''}`).toEqual(want);
      expect(JSON.stringify(got, null, 2), query).toBe(JSON.stringify(want, null, 2)); // search --json
      expect(byDistrict ? formatByDistrict(got, false) : formatResponse(got, false), query).toBe(byDistrict ? formatByDistrict(want, false) : formatResponse(want, false));
      first ??= want;
    }
    return first!;
  };
  /** The same error from both. */
  const sameError = async (query: string, opts: SearchOptions = {}) => {
    let want: unknown;
    try {
      search(index, query, opts);
    } catch (e) {
      want = e;
    }
    expect(want, query).toBeInstanceOf(Error);
    await expect(store.search(query, opts)).rejects.toThrow((want as Error).message);
    const got = await store.search(query, opts).catch((e: unknown) => e);
    expect((got as Error).name).toBe((want as Error).name);
  };

  it(`answers the ${fixtureQueries.length} fixture queries (search-queries.json and the six blind sets) exactly as the embedded index`, async () => {
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
    for (const q of ['出席', '工作日', '日报', '区长 离京 请假 报告 审批 飞机', '常务会议 每周', '"常务会议" 一次', '不存在的词语乙丙丁', '副区长出差要向谁请假', '每周召开一次', '十五个工作日', '外出 请假', '新闻发言人', '会议', '“会议纪要” 签发']) await same(q, { limit: 50 });
    await same('会议', { filters: { district: 'huairou-2021' } });
    await same('会议', { filters: { year: 2022, chapter: '会议' }, limit: 30 });
    const topic = index.articles.find((a) => a.topics?.length)?.topics?.[0];
    expect(topic).toBeTruthy();
    await same('请假', { filters: { topic }, limit: 30 });
    await same('外出 请假', { synonyms: false });
    await same('请假', { filters: { topic: 'meeting-leave' } });
    await sameError('会议', { filters: { district: '无此区' } });
    await sameError('会议', { filters: { year: 1999 } });
    await sameError('  ');
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

  it('rulecmp build --store loads it, and rulecmp search --store prints what search --index prints (text, --by-district, --json; exit codes)', async () => {
    const out = '.cache/pg-build-test';
    const built = runCli(['build', '--store', cluster.url, '--out', out, '--quiet']);
    expect(built.code, built.stderr).toBe(0);
    const cases: string[][] = [
      ['常务会议', '每周'],
      ['副区长出差要向谁请假', '--limit', '2'],
      ['每周召开一次', '--limit', '1'],
      ['外出', '请假', '--limit', '7'],
      ['新闻发言人'],
      ['"严格合法性审查"'],
      ['会议', '--district', '怀柔', '--year', '2021'],
      ['请假', '--topic', '会议请假'],
      ['不存在的词语乙丙丁'],
      ['会议', '--district', '海淀区'],
    ];
    let hits = 0;
    for (const c of cases)
      for (const mode of [[], ['--by-district'], ['--json'], ['--by-district', '--json']]) {
        const a = runCli(['search', '--store', cluster.url, ...c, ...mode]);
        const b = runCli(['search', '--index', `${out}/search-index`, ...c, ...mode]);
        expect([a.code, a.stdout, a.stderr], [...c, ...mode].join(' ')).toEqual([b.code, b.stdout, b.stderr]);
        if (a.code === 0) hits++;
      }
    expect(hits).toBeGreaterThanOrEqual(28);
    const bad = runCli(['search', '--store', 'mysql://x', '会议']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--store must be a postgres:// URL');
  });

  it('rulecmp serve with a store answers /api/search and /search from it, exactly as the embedded index does', async () => {
    const fromStore = await startServer({ dir: 'corpus', port: 0, search: (q, o) => store.search(q, o) });
    let embedded: RunningServer | undefined;
    try {
      embedded = await startServer({ dir: 'corpus', port: 0 });
      const ask = async (app: RunningServer, path: string, params: Record<string, string | null | undefined>) => {
        const url = new URL(path, app.url);
        for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
        const res = await fetch(url);
        return [res.status, await res.text()] as const;
      };
      const asked = [...fixtureQueries, { query: '"严格合法性审查"' }, { query: '会' }, { query: '请假', topic: '会议请假' }, { query: '会议', district: '海淀区' }] as (Fixture & { topic?: string })[];
      for (const f of asked) {
        const params = { q: f.query, district: f.district, topic: f.topic };
        const [status, body] = await ask(fromStore, 'api/search', params);
        expect([status, body], f.query).toEqual(await ask(embedded, 'api/search', params));
      }
      for (const q of ['常务会议', '副区长出差要向谁请假']) {
        const [status, page] = await ask(fromStore, 'search', { q });
        expect(status).toBe(200);
        expect(page).toBe((await ask(embedded, 'search', { q }))[1]);
        expect(page).toContain(search(index, q, { limit: 1 }).hits[0]!.citation.label);
      }
    } finally {
      await fromStore.close();
      await embedded?.close();
    }
  });

  it('answers as the embedded index over documents of several levels: the same post looked for at each document’s level (a second database)', async () => {
    const url = await createDatabase(cluster, 'mixed_levels');
    const files = ['hainan-province.txt', 'yiwu-city.txt', 'menghai-autonomous-county.txt', 'xicheng-2008.txt', 'ordos-league-portal.html'].map((f) => `tests/fixtures/search-9/${f}`);
    const analysis = analyse([...loadDocuments([], 'corpus').documents, ...loadDocuments(files).documents]);
    await loadStore(url, storeContent(analysis));
    const mixed = SearchIndex.fromData(JSON.parse(JSON.stringify(analysis.searchIndex.toData())));
    const other = await PostgresStore.open(url);
    try {
      const nine = (JSON.parse(readFileSync(new URL('../fixtures/search-blind-9.json', import.meta.url), 'utf8')) as { queries: { query: string }[] }).queries.map((q) => q.query);
      let levelled = 0;
      for (const q of [...nine, '副县长 外出', '一把手出差', '市长 离市', '县政府常务会议', '全县性会议', '区长 出国']) {
        for (const byDistrict of [false, true]) {
          const want = search(mixed, q, { limit: 10, byDistrict });
          expect(await other.search(q, { limit: 10, byDistrict }), q).toEqual(want);
          if (want.parts.some((p) => p.terms.some((t) => t.alternatives.some((a) => a.level)))) levelled++;
        }
      }
      expect(levelled).toBeGreaterThan(10); // the level alternatives were asked of both
    } finally {
      await other.close();
    }
  }, 180_000);

  it('looks up the alignment\'s candidates in the engine: the same families and links as align() in memory, and rulecmp align --store prints what align prints', async () => {
    const { alignment, documents, lookups } = await alignWithStore(cluster.url);
    const want = corpusAnalysis.alignment;
    expect(documents.map((d) => d.id)).toEqual(corpusAnalysis.documents.map((d) => d.id));
    expect(lookups).toBe(1);
    expect(alignment.links.length).toBeGreaterThan(100);
    expect(alignment.links).toEqual(want.links);
    expect(alignment.families).toEqual(want.families);
    expect({ ...alignment.budget, message: '' }).toEqual({ ...want.budget, message: '' });
    expect(alignment.budget.message).toBe(want.budget.message.replace('candidates from the index', "candidates from the database's look-up"));
    const fromStore = await runCli(['align', '--store', cluster.url, '--topic', '常务会议', '--quiet']);
    const fromFiles = await runCli(['align', '--corpus', 'corpus', '--topic', '常务会议', '--quiet']);
    expect(fromStore.code).toBe(0);
    expect(fromStore.stdout).toContain('常务会议');
    // The same families and members; the last line says where the candidates came from.
    expect(fromStore.stdout.replace("database's look-up", 'index')).toBe(fromFiles.stdout);
    const bad = await runCli(['align', '--store', 'mysql://x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['rulecmp: --store must be a postgres:// URL (got "mysql://x")']);
  }, 180_000);

  it('at 60 documents of varied wording, the engine\'s candidates give align()\'s alignment, lists cut short looked up again in full (a third database)', async () => {
    const url = await createDatabase(cluster, 'sixty');
    const seeds = loadDocuments([], 'corpus').documents;
    const docs = Array.from({ length: 60 }, (_, k) => recombined(seeds, k + 1, `synthetic-${k + 1}`, { vary: true }).doc);
    const analysis = analyse(docs);
    await loadStore(url, storeContent(analysis));
    const want = analysis.alignment;
    // Every list cut after one article: each class whose walk runs out is looked up again, in full.
    for (const reachArticles of [undefined, 1]) {
      const got = await alignWithStore(url, { reachArticles });
      expect(got.lookups, String(reachArticles)).toBe(reachArticles ? 2 : 1);
      expect(got.alignment.budget.comparisons).toBe(want.budget.comparisons);
      expect(got.alignment.links).toEqual(want.links);
      expect(got.alignment.families).toEqual(want.families);
    }
  }, 300_000);

  it('leaves no server running when stopped', async () => {
    await store.close();
    cluster.stop();
    const ps = execFileSync('ps', ['-eo', 'args']).toString();
    expect(ps).not.toContain(cluster.dir);
  });
});
