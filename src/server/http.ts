/**
 * HTTP plumbing of the web app (an edge: node:http only, no framework — docs/decisions/0060):
 * answers with the security headers every response carries, errors as JSON or as a page, and
 * request bodies read with a size limit.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadRequestError, InputError, NotFoundError, RulecmpError } from '../errors.js';

/**
 * What a page may load: scripts and styles only from this server's fixed asset table (no inline
 * script, no inline style, no eval), no plug-ins, no framing by other sites, forms only to itself.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * For a report page shown inside the app (the review's self-contained HTML, which has its own
 * inline <style>): styles allowed, no script at all, sandboxed, framed only by this app.
 */
export const REPORT_CSP = ["default-src 'none'", "style-src 'unsafe-inline'", "img-src data:", "frame-ancestors 'self'", 'sandbox'].join('; ');

const COMMON_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** An answer with a status, for what the router itself refuses (405, 413, 421 …). */
export class HttpError extends RulecmpError {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The status an error stands for: typed errors of src/errors.ts by kind, anything else 500. */
export function statusOf(e: unknown): number {
  if (e instanceof HttpError) return e.status;
  if (e instanceof NotFoundError) return 404;
  if (e instanceof BadRequestError || e instanceof InputError) return 400;
  return 500;
}

/** The one line an error answer says: the typed error's message; an internal error says only that it is one. */
export function messageOf(e: unknown): string {
  if (statusOf(e) === 500) return 'internal error (see the server log)';
  return String((e as Error).message ?? e).split('\n')[0]!;
}

export interface Answer {
  status: number;
  type: string;
  body: string | Uint8Array;
  headers?: Record<string, string>;
  /** Content-Security-Policy of this answer (default CSP). */
  csp?: string;
}

export function send(res: ServerResponse, a: Answer): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = typeof a.body === 'string' ? Buffer.from(a.body, 'utf8') : a.body;
  res.writeHead(a.status, {
    ...COMMON_HEADERS,
    'content-security-policy': a.csp ?? CSP,
    'content-type': a.type,
    'content-length': String(body.byteLength),
    'cache-control': 'no-store',
    ...a.headers,
  });
  res.end(body);
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';

export function json(value: unknown, status = 200, headers: Record<string, string> = {}): Answer {
  return { status, type: JSON_TYPE, body: JSON.stringify(value, null, 1) + '\n', headers };
}

export function html(body: string, status = 200, headers: Record<string, string> = {}): Answer {
  return { status, type: HTML_TYPE, body, headers };
}

/** An error as the API answers it: `{ "status": 404, "error": "UnknownTopicError", "message": "…" }`. */
export function jsonError(e: unknown): Answer {
  const status = statusOf(e);
  const name = status === 500 ? 'InternalError' : ((e as Error).name ?? 'Error');
  return json({ status, error: name, message: messageOf(e) }, status, e instanceof HttpError ? e.headers : {});
}

/** Default request-body limit: 4 MiB, far above any work rules (the corpus's largest file is 0.1 MiB). */
export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * The request body, at most `limit` bytes: a declared Content-Length over the limit is refused before
 * anything is read, and a body that grows past it stops being read (413 either way).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (done) return;
      done = true;
      reject(new HttpError(400, `request body could not be read (${e.message})`));
    });
  });
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `request body larger than ${Math.round(limit / 1024)} KiB`, { connection: 'close' });
}
