/**
 * The web app: `rulecmp serve` (an edge — node:http and the corpus analysis; no stage imports
 * this). Pages and the JSON API over one CorpusState; every request is answered, whatever it
 * holds: a bad request is a 4xx answer, an internal error a 500, and the server goes on.
 *
 * Security: binds to loopback unless told otherwise (and then answers only requests addressed to
 * a loopback name, against DNS rebinding); a CSP that allows only this server's own script and
 * stylesheet; request bodies limited (413); POSTs from another origin refused; static assets
 * from a fixed table; document text escaped on every page (html.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BadRequestError } from '../errors.js';
import {
  articleAnswer,
  compareAnswer,
  documentAnswer,
  documentsAnswer,
  factKind,
  factsAnswer,
  param,
  resolveArticle,
  searchAnswer,
  searchAnswerFrom,
  searchParams,
  type SearchBackend,
  topicsAnswer,
} from './api.js';
import { assetTable, type Asset } from './assets.js';
import { DEFAULT_BODY_LIMIT, html, HttpError, json, jsonError, messageOf, readBody, send, statusOf, type Answer } from './http.js';
import { comparePage, documentPage, errorPage, factsPage, homePage, searchPage } from './pages.js';
import { reviewRoutes, ReviewStore, type ReviewService } from './review.js';
import { Reviewer } from './reviewer.js';
import { CorpusState } from './state.js';

export interface ServeOptions {
  /** Corpus directory. */
  dir: string;
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** Largest request body accepted, in bytes (default 4 MiB). */
  bodyLimit?: number;
  /** How often a request may look for changed corpus files (ms, default 1000). */
  checkEveryMs?: number;
  /** Progress and warnings (the command writes them to stderr). */
  log?: (line: string) => void;
  /** Answer searches from this backend (a store: `serve --store`) instead of the corpus's embedded index. */
  search?: SearchBackend;
}

export interface RunningServer {
  url: string;
  server: Server;
  state: CorpusState;
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The host name of a Host header ('127.0.0.1:8080' → '127.0.0.1', '[::1]:80' → '::1'). */
function hostName(header: string): string {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(header) ?? /^([^:]+)(?::\d+)?$/.exec(header);
  return m ? m[1]! : header;
}

type Handler = (ctx: Context) => Answer | Promise<Answer>;

export interface Context {
  req: IncomingMessage;
  url: URL;
  /** Decoded path segments matched by `:name` in the route. */
  params: Record<string, string>;
  state: CorpusState;
  bodyLimit: number;
  reviews: ReviewService;
}

interface Route {
  method: 'GET' | 'POST';
  /** '/documents/:id/:key' */
  pattern: string;
  handler: Handler;
}

function match(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.split('/').filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.startsWith(':')) params[p.slice(1)] = segments[i]!;
    else if (p !== segments[i]) return null;
  }
  return params;
}

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/** A page answer for a typed error of one of its parameters: the page itself with the message and the error's status. */
function pageError(e: unknown): { status: number; message: string } {
  if (statusOf(e) === 500) throw e;
  return { status: statusOf(e), message: messageOf(e) };
}

/** A path inside this site to go back to after a form (never another site: no '//', no scheme). */
function localPath(v: string | undefined): string {
  return v && /^\/(?![/\\])[^\s\\]*$/u.test(v) ? v : '/';
}

function routes(backend?: SearchBackend): Route[] {
  const gen = (c: Context) => c.state.current();
  const answerSearch = (g: ReturnType<typeof gen>, s: ReturnType<typeof searchParams>) => (backend ? searchAnswerFrom(backend, g, s) : searchAnswer(g, s));
  return [
    // ---------------------------------------------------------------- pages
    { method: 'GET', pattern: '/', handler: (c) => html(homePage(gen(c), c.state.lastError, c.state.dir)) },
    {
      method: 'GET',
      pattern: '/search',
      handler: async (c) => {
        const g = gen(c);
        let s;
        try {
          s = searchParams(c.url.searchParams);
        } catch (e) {
          const err = pageError(e);
          return html(searchPage(g, { q: param(c.url.searchParams, 'q'), district: undefined, topic: undefined, chapter: undefined, limit: 20 }, null, err), err.status);
        }
        if (!s.q) return html(searchPage(g, s, null, null));
        try {
          return html(searchPage(g, s, await answerSearch(g, s), null));
        } catch (e) {
          const err = pageError(e);
          return html(searchPage(g, s, null, err), err.status);
        }
      },
    },
    { method: 'GET', pattern: '/documents/:id', handler: (c) => html(documentPage(gen(c), gen(c).analysis.document(c.params.id!), null)) },
    {
      method: 'GET',
      pattern: '/documents/:id/:key',
      handler: (c) => {
        const { doc, article } = resolveArticle(gen(c), c.params.id!, c.params.key!);
        return html(documentPage(gen(c), doc, { key: article.key, asked: c.params.key! }));
      },
    },
    {
      method: 'GET',
      pattern: '/compare',
      handler: (c) => {
        const g = gen(c);
        const p = c.url.searchParams;
        if (!param(p, 'topic') && !param(p, 'article')) return html(comparePage(g, undefined, null, null));
        try {
          return html(comparePage(g, param(p, 'topic'), compareAnswer(g, p), null));
        } catch (e) {
          const err = pageError(e);
          return html(comparePage(g, param(p, 'topic'), null, err), err.status);
        }
      },
    },
    {
      method: 'GET',
      pattern: '/facts',
      handler: (c) => {
        const g = gen(c);
        const p = c.url.searchParams;
        let kind;
        try {
          kind = factKind(p);
        } catch (e) {
          const err = pageError(e);
          return html(factsPage(g, 'meetings', [], undefined, err), err.status);
        }
        try {
          return html(factsPage(g, kind, factsAnswer(g, p).facts, param(p, 'district'), null));
        } catch (e) {
          const err = pageError(e);
          return html(factsPage(g, kind, [], param(p, 'district'), err), err.status);
        }
      },
    },
    {
      method: 'POST',
      pattern: '/reload',
      handler: async (c) => {
        const body = await readBody(c.req, 4096);
        c.state.reload();
        return { status: 303, type: 'text/plain; charset=utf-8', body: '', headers: { location: localPath(new URLSearchParams(body.toString('utf8')).get('back') ?? undefined) } };
      },
    },
    // ---------------------------------------------------------------- API
    { method: 'GET', pattern: '/api/documents', handler: (c) => json(documentsAnswer(gen(c))) },
    { method: 'GET', pattern: '/api/documents/:id', handler: (c) => json(documentAnswer(gen(c), c.params.id!)) },
    { method: 'GET', pattern: '/api/documents/:id/articles/:key', handler: (c) => json(articleAnswer(gen(c), c.params.id!, c.params.key!)) },
    { method: 'GET', pattern: '/api/search', handler: async (c) => json(await answerSearch(gen(c), searchParams(c.url.searchParams))) },
    { method: 'GET', pattern: '/api/topics', handler: (c) => json(topicsAnswer(gen(c))) },
    { method: 'GET', pattern: '/api/compare', handler: (c) => json(compareAnswer(gen(c), c.url.searchParams)) },
    { method: 'GET', pattern: '/api/facts', handler: (c) => json(factsAnswer(gen(c), c.url.searchParams)) },
    {
      method: 'POST',
      pattern: '/api/reload',
      handler: async (c) => {
        await readBody(c.req, 4096);
        const g = c.state.reload();
        return json({ loadedAt: g.loadedAt.toISOString(), documents: g.analysis.documents.length, skipped: g.skipped, error: c.state.lastError });
      },
    },
    ...reviewRoutes(),
  ];
}

/** The request handler (exported for tests that drive it without a socket). */
export function createApp(state: CorpusState, options: { bodyLimit?: number; loopbackOnly?: boolean; log?: (line: string) => void; reviews?: ReviewService; search?: SearchBackend } = {}) {
  const assets: Map<string, Asset> = assetTable();
  const table = routes(options.search);
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const log = options.log ?? (() => {});
  const reviews = options.reviews ?? { reviewer: new Reviewer(state.dir, 8, log), store: new ReviewStore() };

  async function answer(req: IncomingMessage): Promise<Answer> {
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const hostHeader = req.headers.host ?? '';
    if (options.loopbackOnly !== false && !isLoopback(hostName(hostHeader))) {
      throw new HttpError(421, `this server answers requests to localhost / 127.0.0.1 only (Host: ${hostHeader.slice(0, 100)})`);
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      throw new HttpError(400, 'malformed request target');
    }
    let path = url.pathname;
    if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '');
    if (method === 'POST') {
      const origin = req.headers.origin;
      if (origin && origin !== 'null') {
        let ok = false;
        try {
          ok = new URL(origin).host === hostHeader;
        } catch {
          ok = false;
        }
        if (!ok) throw new HttpError(403, `cross-origin POST refused (Origin: ${origin.slice(0, 100)})`);
      }
    }
    const asset = assets.get(path);
    if (asset) {
      if (method !== 'GET') throw new HttpError(405, `${method} not allowed here`, { allow: 'GET, HEAD' });
      return { status: 200, type: asset.type, body: asset.body, headers: { 'cache-control': 'no-cache' } };
    }
    let segments: string[];
    try {
      segments = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    } catch {
      throw new HttpError(400, 'malformed percent-encoding in the path');
    }
    const allowed: string[] = [];
    for (const r of table) {
      const params = match(r.pattern, segments);
      if (!params) continue;
      if (r.method !== method) {
        allowed.push(r.method);
        continue;
      }
      return await r.handler({ req, url, params, state, bodyLimit, reviews });
    }
    if (allowed.length) throw new HttpError(405, `${method} not allowed here`, { allow: [...new Set(allowed), ...(allowed.includes('GET') ? ['HEAD'] : [])].join(', ') });
    throw new HttpError(404, `no page ${path.slice(0, 200)}`);
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    req.on('error', () => res.destroy());
    const path = (req.url ?? '/').split('?')[0]!;
    try {
      send(res, await answer(req));
    } catch (e) {
      const status = statusOf(e);
      if (status === 500) log(`internal error on ${req.method} ${path.slice(0, 200)}: ${(e as Error).stack ?? String(e)}`);
      if (isApi(path)) send(res, jsonError(e));
      else {
        let page: string;
        try {
          page = errorPage(status, messageOf(e), path);
        } catch {
          page = `${status} ${messageOf(e)}`;
        }
        send(res, html(page, status, e instanceof HttpError ? e.headers : {}));
      }
      // A body that was refused is not read on: the connection closes once the answer is out.
      if (status === 413) res.on('finish', () => req.socket.destroySoon?.() ?? req.destroy());
    }
  };
}

/**
 * Compute every topic's side-by-side comparison once the server listens, one topic per turn of the
 * event loop (a few ms each), so requests are answered meanwhile and no later request waits for one.
 */
export function warmComparisons(state: CorpusState, log: (line: string) => void): void {
  const gen = state.current();
  const topics = topicsAnswer(gen).topics.filter((t) => t.documents.length >= 2);
  const t0 = performance.now();
  let i = 0;
  const step = () => {
    if (state.current() !== gen) return; // the corpus was read again: its comparisons come on demand
    if (i >= topics.length) return log(`${topics.length} topic comparisons prepared (${Math.round(performance.now() - t0)} ms, in the background)`);
    try {
      compareAnswer(gen, new URLSearchParams({ topic: topics[i++]!.id }));
    } catch {
      // A topic that cannot be compared says so when it is asked for.
    }
    setImmediate(step);
  };
  setImmediate(step);
}

/** Start the server on the corpus: analysed first (progress on the log), then listening. */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const host = o.host ?? DEFAULT_HOST;
  const log = o.log ?? (() => {});
  const state = new CorpusState({ dir: o.dir, checkEveryMs: o.checkEveryMs, log });
  const loopbackOnly = isLoopback(host);
  if (!loopbackOnly) log(`listening on ${host}, not only on this machine: anyone who can reach it can read the corpus and send drafts`);
  const reviews: ReviewService = { reviewer: new Reviewer(state.dir, 8, log), store: new ReviewStore() };
  const handler = createApp(state, { bodyLimit: o.bodyLimit, loopbackOnly, log, reviews, search: o.search });
  const server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000 }, (req, res) => void handler(req, res));
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(new BadRequestError(e.code === 'EADDRINUSE' ? `port ${o.port ?? DEFAULT_PORT} on ${host} is in use (try --port 0 for any free port)` : `cannot listen on ${host}:${o.port ?? DEFAULT_PORT}: ${e.message}`)));
    server.listen(o.port ?? DEFAULT_PORT, host, () => resolve());
  });
  warmComparisons(state, log);
  reviews.reviewer.prepare(state.current().n);
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' || host.includes(':') ? `[${addr.address}]` : host;
  return {
    url: `http://${shown}:${addr.port}/`,
    server,
    state,
    close: async () => {
      await reviews.reviewer.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
