/**
 * The web app's JSON API and pages over HTTP (a real server on a free loopback port, no browser):
 * answers, errors and their statuses, escaping, security headers, and a server that keeps going
 * whatever it is sent.
 */
import { appendFileSync, copyFileSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { CORPUS_DIR } from '../helpers/docs.js';
import { hostileCorpus, IMG, rawRequest, SCRIPT, smallCorpus } from '../helpers/serve.js';

let app: RunningServer;
let dir: string;
const get = (path: string, init?: RequestInit) => fetch(new URL(path, app.url), init);
const getJson = async (path: string) => {
  const r = await get(path);
  return { status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as any };
};

beforeAll(async () => {
  dir = hostileCorpus();
  app = await startServer({ dir, port: 0, bodyLimit: 64 * 1024 });
}, 60_000);
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rulecmp serve: JSON API', () => {
  it('binds to loopback by default and says where', () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('GET /api/documents: every document with district, year, title, validity and its page', async () => {
    const { status, type, body } = await getJson('/api/documents');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/json/);
    expect(body.documents.map((d: any) => d.id)).toEqual(['chaoyang-2015', 'chenggong-2022', 'huairou-2021', 'taobei-2020', 'tongzhou-2022']);
    const huairou = body.documents.find((d: any) => d.id === 'huairou-2021');
    expect(huairou).toMatchObject({ district: '怀柔区', year: 2021, validity: '失效', url: '/documents/huairou-2021' });
    expect(body.skipped).toEqual([]);
  });

  it('GET /api/documents/:id: the model with article keys and URLs; an unknown id is 404 naming the ids there are', async () => {
    const { status, body } = await getJson('/api/documents/huairou-2021');
    expect(status).toBe(200);
    expect(body.articles).toHaveLength(79);
    expect(body.articles[40]).toMatchObject({ key: 'art_41.p41', url: '/documents/huairou-2021/art_41.p41' });
    expect(body.text).toBeUndefined();
    const missing = await getJson('/api/documents/nowhere-2020');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, error: 'UnknownDocumentError' });
    expect(missing.body.message).toContain('huairou-2021');
  });

  it('GET /api/documents/:id/articles/:key resolves a key, a bare number or a position; nothing there is 404', async () => {
    for (const key of ['art_41.p41', '41', 'p41']) {
      const { status, body } = await getJson(`/api/documents/huairou-2021/articles/${key}`);
      expect(status).toBe(200);
      expect(body.article.key).toBe('art_41.p41');
      expect(body.article.label).toBe('四十一、');
    }
    expect((await getJson('/api/documents/huairou-2021/articles/art_999.p999')).status).toBe(404);
  });

  it('GET /api/search: ranked hits with citation, snippet highlights and the article URL; filters by district, topic, chapter', async () => {
    const { status, body } = await getJson(`/api/search?q=${encodeURIComponent('常务会议')}&limit=5`);
    expect(status).toBe(200);
    expect(body.hits).toHaveLength(5);
    expect(body.total).toBeGreaterThan(5);
    const hit = body.hits[0];
    expect(hit.url).toBe(`/documents/${hit.citation.docId}/${encodeURIComponent(hit.citation.key)}`);
    expect(hit.snippet.highlights.length).toBeGreaterThan(0);
    const filtered = await getJson(`/api/search?q=${encodeURIComponent('常务会议')}&district=${encodeURIComponent('怀柔区')}&topic=${encodeURIComponent('常务会议')}&chapter=${encodeURIComponent('会议')}`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.hits.length).toBeGreaterThan(0);
    expect(filtered.body.hits.every((h: any) => h.citation.docId === 'huairou-2021' && /会议/.test(h.citation.chapter.title))).toBe(true);
    expect(filtered.body.topicName).toBe('常务会议');
  });

  it('GET /api/search gives the per-district view by default: every district’s best article for the matter, and the page shows it', async () => {
    const { body } = await getJson(`/api/search?q=${encodeURIComponent('副区长外出向谁请假')}`);
    const districts = body.districts as { docId: string; hits: { url: string; citation: { docId: string } }[] }[];
    expect(districts.map((d) => d.docId).sort()).toEqual(['chaoyang-2015', 'chenggong-2022', 'huairou-2021', 'taobei-2020', 'tongzhou-2022']);
    for (const d of districts) {
      expect(d.hits.length, d.docId).toBeGreaterThan(0);
      expect(d.hits.every((h) => h.citation.docId === d.docId && h.url.startsWith(`/documents/${d.docId}/`))).toBe(true);
    }
    const page = await get(`/search?q=${encodeURIComponent("副区长外出向谁请假")}`).then((r) => r.text());
    expect(page).toContain('各地区最相关条文');
    expect((page.match(/class="dcite"/gu) ?? []).length).toBeGreaterThanOrEqual(5);
  });

  it('says on the page which word a hit matched when it is not the one typed (a county’s 副县长 in the districts’ rules: 副区长)', async () => {
    const page = await get(`/search?q=${encodeURIComponent('副县长 外出')}`).then((r) => r.text());
    expect(page).toContain('以“副区长”匹配“副县长”');
  });

  it('GET /api/search errors: no query 400, a bad limit 400, an unknown topic 404, a district with no article 404', async () => {
    expect((await getJson('/api/search')).status).toBe(400);
    expect((await getJson('/api/search?q=%20%20')).status).toBe(400);
    expect((await getJson('/api/search?q=x&limit=0')).status).toBe(400);
    expect((await getJson('/api/search?q=x&limit=abc')).status).toBe(400);
    const topic = await getJson(`/api/search?q=${encodeURIComponent('会议')}&topic=nosuchtopic`);
    expect(topic.status).toBe(404);
    expect(topic.body.error).toBe('UnknownTopicError');
    expect((await getJson(`/api/search?q=${encodeURIComponent('会议')}&district=${encodeURIComponent('海淀区')}`)).status).toBe(404);
  });

  it('GET /api/topics: the taxonomy with the families and documents each topic has', async () => {
    const { body } = await getJson('/api/topics');
    const t = body.topics.find((x: any) => x.id === 'executive-meeting');
    expect(t).toMatchObject({ name: '常务会议', url: '/compare?topic=executive-meeting' });
    expect(t.documents).toHaveLength(5);
    expect(t.families).toBeGreaterThan(0);
  });

  it('GET /api/compare?topic=: aligned articles in one column per document, changes counted, the topic facts above', async () => {
    const { status, body } = await getJson(`/api/compare?topic=${encodeURIComponent('常务会议')}`);
    expect(status).toBe(200);
    expect(body.topic).toEqual({ id: 'executive-meeting', name: '常务会议' });
    expect(body.columns.map((c: any) => c.docId)).toHaveLength(5);
    expect(body.families.length).toBeGreaterThan(0);
    const f = body.families[0];
    expect(f.cells).toHaveLength(5);
    expect(f.cells.filter((c: any) => c?.base)).toHaveLength(1);
    expect(body.changes).toBeGreaterThan(0);
    const labels = body.facts.map((r: any) => r.label);
    expect(labels.some((l: string) => l.includes('频次'))).toBe(true);
    expect(labels.some((l: string) => l.includes('法定人数'))).toBe(true);
    const freq = body.facts.find((r: any) => r.label === '常务会议 · 频次');
    expect(freq.cells.flat().every((v: any) => v.cite.url.startsWith('/documents/'))).toBe(true);
  });

  it('GET /api/compare?article=: the family of that article, its topic; errors 400 / 404', async () => {
    const { status, body } = await getJson('/api/compare?article=huairou-2021/art_41.p41');
    expect(status).toBe(200);
    expect(body.topic.id).toBe('executive-meeting');
    expect(body.families.map((f: any) => f.id)).toContain(body.focus);
    expect((await getJson('/api/compare')).status).toBe(400);
    expect((await getJson('/api/compare?article=huairou')).status).toBe(400);
    expect((await getJson('/api/compare?topic=nosuchtopic')).status).toBe(404);
    expect((await getJson('/api/compare?article=huairou-2021/art_999')).status).toBe(404);
  });

  it('GET /api/facts?kind=: the facts of a kind with their article URL, by district; a bad kind is 400', async () => {
    for (const kind of ['meetings', 'thresholds', 'deadlines', 'leave', 'meeting']) {
      const { status, body } = await getJson(`/api/facts?kind=${kind}`);
      expect(status).toBe(200);
      expect(body.facts.length).toBeGreaterThan(0);
      expect(body.facts.every((f: any) => f.url === `/documents/${f.citation.docId}/${encodeURIComponent(f.citation.key)}`)).toBe(true);
    }
    const one = await getJson(`/api/facts?kind=leave&district=${encodeURIComponent('通州')}`);
    expect(one.body.facts.every((f: any) => f.citation.docId === 'tongzhou-2022')).toBe(true);
    expect((await getJson('/api/facts?kind=bananas')).status).toBe(400);
  });
});

describe('rulecmp serve: what a page must never do', () => {
  it('planted <script> and <img onerror> show as text on every page, never as markup', async () => {
    const pages = [
      '/documents/taobei-2020',
      '/documents/taobei-2020/art_60.p60',
      `/search?q=${encodeURIComponent('例会制')}`,
      '/compare?topic=executive-meeting',
      '/compare?article=taobei-2020/art_60.p60',
      '/facts?kind=leave',
      '/facts?kind=meetings',
    ];
    for (const p of pages) {
      const r = await get(p);
      expect(r.status, p).toBe(200);
      const text = await r.text();
      expect(text, p).not.toContain('<script>window');
      expect(text, p).not.toContain('<img src=x');
      // Parsed as a browser would: the only script is the app's own, no image, no element with an on… handler.
      const $ = load(text);
      expect($('script').toArray().map((e) => $(e).attr('src')), p).toEqual(['/assets/app.js']);
      expect($('img').length, p).toBe(0);
      const handlers = $('*')
        .toArray()
        .flatMap((e) => Object.keys((e as unknown as { attribs: Record<string, string> }).attribs ?? {}).filter((a) => a.startsWith('on')));
      expect(handlers, p).toEqual([]);
      // Where the planted article is shown, its markup is there as words.
      if (!p.startsWith('/facts')) expect($.text(), p).toContain('window.__xss');
    }
    const doc = await (await get('/documents/taobei-2020/art_60.p60')).text();
    expect(doc).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    expect(doc).toContain('&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;');
    // The API answers the text as it is, as JSON (never HTML).
    const api = await getJson('/api/documents/taobei-2020/articles/60');
    expect(api.body.article.text).toContain(SCRIPT);
    expect(api.body.article.text).toContain(IMG);
  });

  it('a query or parameter with markup comes back escaped on the page', async () => {
    const q = '"><script>alert(1)</script>';
    const text = await (await get(`/search?q=${encodeURIComponent(q)}&chapter=${encodeURIComponent('<b>x')}`)).text();
    expect(text).not.toContain('<script>alert');
    expect(text).not.toContain('<b>x');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('every answer carries a CSP that allows only the server’s own script and style, and nosniff', async () => {
    for (const p of ['/', '/api/documents', '/nope', '/api/nope', '/assets/app.js', '/compare?topic=nosuch']) {
      const r = await get(p);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, p).toContain("script-src 'self'");
      expect(csp, p).toContain("default-src 'none'");
      expect(csp, p).not.toContain('unsafe-inline');
      expect(r.headers.get('x-content-type-options'), p).toBe('nosniff');
    }
  });

  it('unknown paths are 404 (a page, or JSON under /api); no request path reaches the file system', async () => {
    expect((await get('/nope')).status).toBe(404);
    const api = await getJson('/api/nope');
    expect(api.status).toBe(404);
    expect(api.body.status).toBe(404);
    for (const p of ['/assets/../package.json', '/assets/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/assets/app.ts', '/assets/', '/corpus/huairou-2021.txt', '/src/server/index.ts', '/%2e%2e/%2e%2e/etc/passwd']) {
      const r = await rawRequest(new URL(p, app.url).href);
      expect(r.status, p).toBe(404);
      expect(r.body, p).not.toContain('"name": "rulecmp"');
      expect(r.body, p).not.toContain('root:');
    }
    const js = await get('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('the wrong method is 405 with Allow; a Host that is not loopback is refused (DNS rebinding); a cross-origin POST is 403', async () => {
    const post = await get('/api/documents', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toContain('GET');
    const rebound = await rawRequest(new URL('/api/documents', app.url).href, { headers: { host: 'evil.example:80' } });
    expect(rebound.status).toBe(421);
    const cross = await rawRequest(new URL('/api/reload', app.url).href, { method: 'POST', headers: { origin: 'http://evil.example' }, body: '' });
    expect(cross.status).toBe(403);
  });

  it('a body over the limit is 413 (declared or streamed), and the server goes on', async () => {
    const big = 'x'.repeat(100 * 1024);
    const declared = await rawRequest(new URL('/reload', app.url).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(big.length) }, body: big });
    expect(declared.status).toBe(413);
    const chunked = await rawRequest(new URL('/api/reload', app.url).href, { method: 'POST', headers: { 'transfer-encoding': 'chunked' }, body: big });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).status).toBe(413);
    expect((await get('/api/documents')).status).toBe(200);
  });

  it('malformed requests get 400 and never stop the server', async () => {
    const port = new URL(app.url).port;
    const raw = (bytes: string) =>
      new Promise<string>((resolve) => {
        const s = connect(Number(port), '127.0.0.1', () => s.end(bytes));
        let out = '';
        s.on('data', (d) => (out += d));
        s.on('close', () => resolve(out));
        s.on('error', () => resolve(out));
      });
    expect(await raw('this is not http\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw('GET /documents/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw('GET /api/search?q=%FF%FE HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 (200|400)/);
    expect(await raw(`GET /${'a'.repeat(20000)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 (404|414|431|400)/);
    expect((await get('/')).status).toBe(200);
  });
});

describe('rulecmp serve: a changed corpus', () => {
  it('is read again on the next request, and by the reload button', async () => {
    const small = smallCorpus(['huairou-2021.txt', 'tongzhou-2022.txt']);
    const s = await startServer({ dir: small, port: 0, checkEveryMs: 0 });
    try {
      const ids = async () => ((await (await fetch(new URL('/api/documents', s.url))).json()) as any).documents.map((d: any) => d.id);
      expect(await ids()).toEqual(['huairou-2021', 'tongzhou-2022']);
      copyFileSync(join(CORPUS_DIR, 'chaoyang-2015.txt'), join(small, 'chaoyang-2015.txt'));
      expect(await ids()).toEqual(['chaoyang-2015', 'huairou-2021', 'tongzhou-2022']);
      // A file that cannot be read is named on the home page; the others are still served.
      appendFileSync(join(small, 'notes.pdf'), '%PDF-1.4');
      const reload = await fetch(new URL('/reload', s.url), { method: 'POST', body: new URLSearchParams({ back: '/' }), redirect: 'manual' });
      expect(reload.status).toBe(303);
      expect(reload.headers.get('location')).toBe('/');
      const home = await (await fetch(new URL('/', s.url))).text();
      expect(home).toContain('notes.pdf');
      expect(await ids()).toHaveLength(3);
      // The reload form cannot send the browser to another site.
      const away = await fetch(new URL('/reload', s.url), { method: 'POST', body: new URLSearchParams({ back: '//evil.example/' }), redirect: 'manual' });
      expect(away.headers.get('location')).toBe('/');
    } finally {
      await s.close();
      rmSync(small, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('rulecmp serve: POST /api/review and the review downloads', () => {
  const DRAFT = readFileSync(join(import.meta.dirname, '../fixtures/review/xinhe-draft.txt'));
  const post = (path: string, body: BodyInit, type?: string) => get(path, { method: 'POST', body, headers: type ? { 'content-type': type } : {} });

  it('a draft as text/plain: the review JSON (schema, summary, an entry per article), and where its downloads are', async () => {
    const r = await post('/api/review', DRAFT, 'text/plain; charset=utf-8');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    const review = (await r.json()) as any;
    expect(review.schema).toBe('rulecmp/review@1');
    expect(review.peers).toHaveLength(5);
    expect(review.articles.length).toBe(review.draft.articles);
    expect(Object.values(review.summary.byStatus).reduce((a: number, b) => a + (b as number), 0)).toBe(review.draft.articles);
    const where = r.headers.get('location')!;
    expect(where).toMatch(/^\/review\/[0-9a-f]{24}$/);
    const docx = await get(`${where}.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment;.*\.docx/);
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const md = await get(`${where}.md`);
    expect(await md.text()).toMatch(/^# 草案对照审查/);
    const page = await get(where);
    expect(await page.text()).toContain('与同类地区做法不一致的规定');
    const report = await get(`${where}.html`);
    expect(report.headers.get('content-security-policy')).toContain('sandbox');
    expect(report.headers.get('content-security-policy')).not.toContain('script-src');
  }, 60_000);

  it('a draft as multipart (field file), and ?format=docx|md|html', async () => {
    const form = new FormData();
    form.append('file', new Blob([DRAFT]), 'xinhe-draft.txt');
    const r = await post('/api/review?format=md', form);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await r.text()).toContain('## 对照表');
    const d = await post('/api/review?format=docx', DRAFT, 'text/plain');
    expect(Buffer.from(await d.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect((await post('/api/review?format=pdf', DRAFT, 'text/plain')).status).toBe(400);
  }, 60_000);

  it('a corpus document sent as a draft is not its own peer', async () => {
    const r = await post('/api/review', readFileSync(join(CORPUS_DIR, 'tongzhou-2022.txt')), 'text/plain');
    const review = (await r.json()) as any;
    expect(review.peers.map((p: any) => p.id)).not.toContain('tongzhou-2022');
    expect(review.peers).toHaveLength(4);
  }, 60_000);

  it('a malformed, empty, oversized or mistyped draft is 400 / 413 / 415 with a message, and the server goes on', async () => {
    const bad = await post('/api/review', '这不是工作规则，没有条文。', 'text/plain');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).message).toMatch(/no articles/);
    expect((await post('/api/review', Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00, 0x00, 0x01]), 'application/octet-stream')).status).toBe(400);
    expect((await post('/api/review', '', 'text/plain')).status).toBe(400);
    expect((await post('/api/review', new FormData())).status).toBe(400);
    expect((await post('/api/review', '--x\r\nbroken', 'multipart/form-data; boundary=x')).status).toBe(400);
    expect((await post('/api/review', '{}', 'application/json')).status).toBe(415);
    const big = await rawRequest(new URL('/api/review', app.url).href, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: Buffer.alloc(100 * 1024, 0x41) });
    expect(big.status).toBe(413);
    expect((await get('/review/0123456789abcdef01234567.docx')).status).toBe(404);
    expect((await get('/review/../../package.json')).status).toBe(404);
    expect((await get('/api/documents')).status).toBe(200);
  }, 60_000);

  it('the review form: a bad draft shows the form again with the message and its status', async () => {
    const form = new FormData();
    form.append('text', '没有条文的一段话');
    const r = await post('/review', form);
    expect(r.status).toBe(400);
    const text = await r.text();
    expect(text).toContain('no articles');
    expect(text).toContain('<form class="review"');
  }, 60_000);
});
