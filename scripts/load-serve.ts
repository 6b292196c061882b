/**
 * Load on `rulecmp serve`: at least 2,000 requests (search, compare, documents — API and pages) at
 * concurrency 20 against a local server, with p50 / p95 latency and the error count (which must
 * be 0: the script exits 1 otherwise). With --reviews N, N clients send drafts to POST /api/review
 * back to back for the whole run, so the figures show what reviewing does to everyone else.
 *
 *   npm run build && npm run load:serve                 # starts `rulecmp serve --port 0` on corpus/
 *   npm run load:serve -- --reviews 2                   # the same while drafts are being reviewed
 *   npm run load:serve -- --url http://127.0.0.1:8080/  # against a server already running
 *   options: --requests 2400 --concurrency 20 --corpus corpus
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const REQUESTS = Number(option('requests', '2400'));
const CONCURRENCY = Number(option('concurrency', '20'));
const REVIEWERS = Number(option('reviews', '0'));
const CORPUS = option('corpus', join(ROOT, 'corpus'));

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY + REVIEWERS + 2 });

interface Result {
  status: number;
  ms: number;
  bytes: number;
}

function send(base: string, path: string, body?: { type: string; data: Buffer }): Promise<Result> {
  const t0 = performance.now();
  return new Promise((done) => {
    const req = request(
      new URL(path, base),
      { method: body ? 'POST' : 'GET', agent, headers: body ? { 'content-type': body.type, 'content-length': String(body.data.length) } : {} },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => done({ status: res.statusCode ?? 0, ms: performance.now() - t0, bytes }));
        res.on('error', () => done({ status: 0, ms: performance.now() - t0, bytes }));
      },
    );
    req.on('error', () => done({ status: 0, ms: performance.now() - t0, bytes: 0 }));
    if (body) req.write(body.data);
    req.end();
  });
}

async function getJson<T>(base: string, path: string): Promise<T> {
  const r = await fetch(new URL(path, base));
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return (await r.json()) as T;
}

function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const main = join(ROOT, 'dist/cli/rulecmp.cjs');
  if (!existsSync(main)) throw new Error('dist/ is missing: run npm run build first');
  const child = spawn(process.execPath, [main, 'serve', '--corpus', CORPUS, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    let out = '';
    child.on('exit', (code) => fail(new Error(`rulecmp serve exited (${code})`)));
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/\S+\/)/.exec(out);
      if (m) ok({ url: m[1]!, child });
    });
  });
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');

async function main(): Promise<void> {
  const given = option('url', '');
  const server = given ? null : await startServer();
  const base = given || server!.url;
  try {
    // What to ask for: the corpus's own documents, topics and articles.
    const docs = (await getJson<{ documents: { id: string }[] }>(base, '/api/documents')).documents;
    const topics = (await getJson<{ topics: { id: string; documents: string[] }[] }>(base, '/api/topics')).topics.filter((t) => t.documents.length >= 2);
    const keys = new Map<string, string[]>();
    for (const d of docs) keys.set(d.id, (await getJson<{ articles: { key: string }[] }>(base, `/api/documents/${encodeURIComponent(d.id)}`)).articles.map((a) => a.key));
    const queries = ['常务会议', '请假', '公文 审批', '1000万元', '"区长办公会议"', '出访', '督查', '信访', '会议纪要', '政务公开', '副区长 外出', '预算 资金'];
    const enc = encodeURIComponent;
    let n = 0;
    const pick = <T>(xs: T[]) => xs[n++ % xs.length]!;
    const kinds: Record<string, () => string> = {
      'search api': () => `/api/search?q=${enc(pick(queries))}${n % 3 === 0 ? `&district=${enc(pick(docs).id)}` : ''}&limit=20`,
      'search page': () => `/search?q=${enc(pick(queries))}${n % 4 === 0 ? '&topic=meetings' : ''}`,
      'compare api': () => `/api/compare?topic=${enc(pick(topics).id)}`,
      'compare page': () => `/compare?topic=${enc(pick(topics).id)}`,
      'documents api': () => (n % 2 ? '/api/documents' : `/api/documents/${enc(pick(docs).id)}`),
      'document page': () => {
        const d = pick(docs);
        return `/documents/${enc(d.id)}/${enc(pick(keys.get(d.id)!))}`;
      },
    };
    // 40 % search, 30 % compare, 30 % documents.
    const mix = ['search api', 'search api', 'search page', 'search page', 'compare api', 'compare api', 'compare page', 'documents api', 'document page', 'document page'];
    const plan = Array.from({ length: REQUESTS }, (_, i) => {
      const kind = mix[i % mix.length]!;
      return { kind, path: kinds[kind]!() };
    });

    // Drafts under review: the corpus's files, sent as text/plain, one after another per reviewer.
    const drafts = readdirSync(CORPUS)
      .filter((f) => /\.(txt|html?)$/i.test(f))
      .map((f) => readFileSync(join(CORPUS, f)));
    const reviews: Result[] = [];
    let running = true;
    const reviewers = Array.from({ length: REVIEWERS }, async (_, r) => {
      for (let i = r; running; i++) reviews.push(await send(base, '/api/review', { type: 'text/plain; charset=utf-8', data: drafts[i % drafts.length]! }));
    });

    const results: (Result & { kind: string; path: string })[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < plan.length) {
          const p = plan[next++]!;
          results.push({ ...p, ...(await send(base, p.path)) });
        }
      }),
    );
    const wall = performance.now() - t0;
    running = false;
    await Promise.all(reviewers);

    const errors = results.filter((r) => r.status < 200 || r.status >= 300);
    const reviewErrors = reviews.filter((r) => r.status !== 200);
    const all = results.map((r) => r.ms);
    console.log(`rulecmp serve load: ${results.length} requests at concurrency ${CONCURRENCY}${REVIEWERS ? `, while ${REVIEWERS} clients send drafts to POST /api/review` : ''} (${docs.length} documents, ${topics.length} topics)`);
    console.log(`  all            p50 ${fmt(pct(all, 50))} ms  p95 ${fmt(pct(all, 95))} ms  max ${fmt(Math.max(...all))} ms  ${Math.round((results.length / wall) * 1000)} req/s  errors ${errors.length}`);
    for (const kind of Object.keys(kinds)) {
      const xs = results.filter((r) => r.kind === kind).map((r) => r.ms);
      console.log(`  ${kind.padEnd(14)} p50 ${fmt(pct(xs, 50))} ms  p95 ${fmt(pct(xs, 95))} ms  (${xs.length})`);
    }
    if (REVIEWERS) {
      const xs = reviews.map((r) => r.ms);
      console.log(`  review         p50 ${fmt(pct(xs, 50))} ms  p95 ${fmt(pct(xs, 95))} ms  (${reviews.length} drafts reviewed)  errors ${reviewErrors.length}`);
    }
    for (const e of [...errors, ...reviewErrors].slice(0, 5)) console.log(`  error: ${e.status} ${'path' in e ? (e as { path: string }).path : '/api/review'}`);
    if (errors.length || reviewErrors.length) process.exitCode = 1;
  } finally {
    agent.destroy();
    server?.child.kill('SIGTERM');
  }
}

await main();
