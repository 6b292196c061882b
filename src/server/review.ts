/**
 * The draft review in the web app (issue 9's reviewDraft and renderers): the Review page (paste or
 * upload a draft, read the summary and the 对照表, download .docx / .md / .json) and POST /api/review.
 * Reviews run in a worker thread (reviewer.ts); their results are kept in memory, the newest
 * MAX_KEPT, under a random id, so the page's downloads need no second upload. Nothing is written to disk.
 */
import { randomBytes } from 'node:crypto';
import { BadRequestError, NotFoundError } from '../errors.js';
import type { DraftReview } from '../model.js';
import { reviewHtml, reviewJson, reviewMarkdown, STATUS_NAMES } from '../report/review.js';
import { articleUrl } from './api.js';
import { h, layout, type Html } from './html.js';
import { html, HttpError, messageOf, readBody, REPORT_CSP, statusOf, type Answer } from './http.js';
import type { Reviewer, ReviewResult } from './reviewer.js';
import type { Context as ReviewContext } from './index.js';

export const MAX_KEPT = 32;
const ID = /^[0-9a-f]{24}$/;
const DRAFT_EXT = /\.(txt|text|htm|html|xhtml|md|markdown)$/i;

export const FORMATS = {
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
  md: { type: 'text/markdown; charset=utf-8', ext: 'md' },
  html: { type: 'text/html; charset=utf-8', ext: 'html' },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
} as const;
export type ReviewFormat = keyof typeof FORMATS;

interface Kept extends ReviewResult {
  id: string;
  name: string;
  docx?: Promise<Uint8Array>;
}

/** Reviews done, newest last; the oldest dropped past MAX_KEPT. */
export class ReviewStore {
  private readonly kept = new Map<string, Kept>();
  put(r: ReviewResult, name: string): Kept {
    const id = randomBytes(12).toString('hex');
    const k: Kept = { ...r, id, name };
    this.kept.set(id, k);
    while (this.kept.size > MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
    return k;
  }
  get(id: string): Kept {
    const k = ID.test(id) ? this.kept.get(id) : undefined;
    if (!k) throw new NotFoundError(`no review ${id.slice(0, 40)} (reviews are kept in memory, the newest ${MAX_KEPT}, until the server stops)`);
    return k;
  }
}

export interface ReviewService {
  reviewer: Reviewer;
  store: ReviewStore;
}

interface ReviewRoute {
  method: 'GET' | 'POST';
  pattern: string;
  handler: (c: ReviewContext) => Answer | Promise<Answer>;
}

/** A file name as given, reduced to a base name with a document extension (the ingest reads it by that). */
export function draftName(given: string | null | undefined, type = ''): string {
  const base = (given ?? '').split(/[\\/]/u).pop()!.replace(/[\u0000-\u001f"<>|:*?]/gu, '').trim().slice(-100);
  if (base && DRAFT_EXT.test(base)) return base;
  const ext = /html/.test(type) ? '.html' : /markdown/.test(type) ? '.md' : '.txt';
  return `${base.replace(/\.[^.]*$/u, '') || 'draft'}${ext}`;
}

/** The draft in a request: a multipart file (field file) or text (field text), a form's text, or the body itself. */
export async function draftFromRequest(c: ReviewContext): Promise<{ bytes: Uint8Array; name: string }> {
  const header = c.req.headers['content-type'] ?? '';
  const type = header.toLowerCase();
  const body = await readBody(c.req, c.bodyLimit);
  const asked = c.url.searchParams.get('name');
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Response(body as unknown as BodyInit, { headers: { 'content-type': header } }).formData();
    } catch {
      throw new BadRequestError('malformed multipart/form-data body');
    }
    const file = form.get('file');
    if (file && typeof file !== 'string' && file.size > 0) return { bytes: new Uint8Array(await file.arrayBuffer()), name: draftName(asked ?? file.name, file.type) };
    const text = form.get('text');
    if (typeof text === 'string' && text.trim()) return { bytes: new TextEncoder().encode(text), name: draftName(asked, 'text/plain') };
    throw new BadRequestError('no draft: choose a file (field "file") or paste the text (field "text")');
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const text = new URLSearchParams(body.toString('utf8')).get('text') ?? '';
    if (!text.trim()) throw new BadRequestError('no draft: paste the text (field "text")');
    return { bytes: new TextEncoder().encode(text), name: draftName(asked, 'text/plain') };
  }
  if (type === '' || /^(text\/plain|text\/markdown|text\/html|application\/octet-stream)\b/u.test(type)) {
    if (body.length === 0) throw new BadRequestError('empty draft: send the draft as the request body (text/plain) or as multipart/form-data with a file');
    return { bytes: body, name: draftName(asked, type) };
  }
  throw new HttpError(415, `Content-Type ${type.slice(0, 80)} is not a draft: send text/plain (the draft itself) or multipart/form-data (field "file")`);
}

async function runReview(c: ReviewContext): Promise<Kept> {
  const { bytes, name } = await draftFromRequest(c);
  const gen = c.state.current();
  const id = `draft-${name.replace(/\.[^.]*$/u, '').replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 60) || 'draft'}`;
  const r = await c.reviews.reviewer.review(gen.n, bytes, name, id);
  return c.reviews.store.put(r, name);
}

function download(k: Kept, format: ReviewFormat, body: string | Uint8Array, inline = false): Answer {
  const stem = k.name.replace(/\.[^.]*$/u, '');
  const file = `草案审查-${stem}.${FORMATS[format].ext}`;
  const disposition = `${inline ? 'inline' : 'attachment'}; filename="review-${k.id.slice(0, 8)}.${FORMATS[format].ext}"; filename*=UTF-8''${encodeURIComponent(file)}`;
  return { status: 200, type: FORMATS[format].type, body, headers: { 'content-disposition': disposition, 'x-review-id': k.id }, csp: format === 'html' ? REPORT_CSP : undefined };
}

async function render(c: ReviewContext, k: Kept, format: ReviewFormat, inline = false): Promise<Answer> {
  if (format === 'json') return download(k, 'json', reviewJson(k.review), inline);
  if (format === 'md') return download(k, 'md', reviewMarkdown(k.review), inline);
  if (format === 'html') return download(k, 'html', reviewHtml(k.review), true);
  k.docx ??= c.reviews.reviewer.docx(k.review);
  try {
    return download(k, 'docx', await k.docx, inline);
  } catch (e) {
    k.docx = undefined;
    throw e;
  }
}

// ------------------------------------------------------------------ pages

function formPage(c: ReviewContext, error: { status: number; message: string } | null): string {
  const n = c.state.current().analysis.documents.length;
  const body = h`<h1>草案审查</h1>
<p class="muted">上传或粘贴一份工作规则草案（.txt 任意编码、.html、.md），与语料中的 ${n} 个文件逐条对照：哪些条文与同类地区相同、修改或新增，多数同类地区规定而草案未规定的事项，与同类做法不一致的规定（会议频次、法定人数、主持、金额界限、时限、请假报备）。草案只在本机内存中处理，不写入磁盘。</p>
${error ? h`<p class="error" role="alert" data-status="${error.status}">${error.message}</p>` : ''}
<form class="review" method="post" action="/review" enctype="multipart/form-data">
<p><label>草案文件 <input type="file" name="file" accept=".txt,.text,.htm,.html,.xhtml,.md,.markdown"></label></p>
<p><label>或粘贴全文<br><textarea name="text" placeholder="第一章 总则&#10;第一条 ……"></textarea></label></p>
<p><button type="submit">审查</button></p>
</form>`;
  return layout(body, { title: '草案审查', page: 'review', path: '/review' });
}

const where = (c: { district: string | null; docId: string; label: string }) => `${c.district ?? c.docId} ${c.label.replace(/[、，,．.:：\s\u3000]+$/u, '')}`;

function resultPage(c: ReviewContext, k: Kept): string {
  const r: DraftReview = k.review;
  const peerLink = (x: { docId: string; key: string; district: string | null; label: string }) => h`<a href="${articleUrl(x.docId, x.key)}">${where(x)}</a>`;
  const counts = (Object.keys(STATUS_NAMES) as (keyof typeof STATUS_NAMES)[]).map((s) => h`<div class="status-${s}"><strong>${r.summary.byStatus[s]}</strong> ${STATUS_NAMES[s]}</div>`);
  const deviations: Html[] = r.deviations.map(
    (d) =>
      h`<tr><td>${d.subject}</td><td>${d.draft.value} <span class="muted">${where(d.draft.citation)}</span></td><td>${d.peers.map((p) => h`<div>${p.value} ${peerLink(p.citation)}</div>`)}</td><td>${d.measure.text}</td></tr>`,
  );
  const missing = [
    ...r.missingTopics.map((m) => h`<li><strong>${m.name}</strong>（${Math.round(m.share * 100)}% 的同类地区）：${m.peers.map((p, i) => h`${i ? '、' : ''}${peerLink(p)}`)}</li>`),
    ...r.omittedFacts.map((o) => h`<li>${o.text}</li>`),
  ];
  const base = `/review/${k.id}`;
  const excluded = k.excluded ? h`<p class="notice">草案与语料中的 ${k.excluded} 字节相同，审查时未把它列为同类地区。</p>` : '';
  const body = h`<h1>草案审查：${r.draft.title ?? k.name}</h1>
<p class="muted">草案 ${k.name}（${r.draft.articles} 条），对照：${r.peers.map((p) => `${p.district ?? p.id}${p.year ? `（${p.year}）` : ''}`).join('、')}；用时 ${(k.ms / 1000).toFixed(1)} 秒。</p>${excluded}
<p class="downloads">下载：<a href="${base}.docx" download>Word 对照表 (.docx)</a><a href="${base}.md" download>Markdown (.md)</a><a href="${base}.json" download>JSON (.json)</a><a href="${base}.html" target="_blank" rel="noopener">完整报告（新窗口）</a> · <a href="/review">审查另一份</a></p>
<div class="review-summary">${counts}</div>
${r.summary.highlights.length ? h`<h2>要点</h2><ul class="highlights">${r.summary.highlights.map((x) => h`<li>${x}</li>`)}</ul>` : ''}
<h2>与同类地区做法不一致的规定（${r.deviations.length}）</h2>
${deviations.length ? h`<table class="deviations"><thead><tr><th>事项</th><th>草案</th><th>同类地区</th><th>差异</th></tr></thead><tbody>${deviations}</tbody></table>` : h`<p>无。</p>`}
<h2>多数同类地区规定而草案未规定的事项（${missing.length}）</h2>
${missing.length ? h`<ul>${missing}</ul>` : h`<p>无。</p>`}
<h2>对照表</h2>
<iframe class="report" src="${base}.html" sandbox title="对照表"></iframe>`;
  return layout(body, { title: `草案审查：${r.draft.title ?? k.name}`, page: 'review-result', path: '/review', data: { review: k.id } });
}

export function reviewRoutes(): ReviewRoute[] {
  return [
    { method: 'GET', pattern: '/review', handler: (c) => html(formPage(c, null)) },
    {
      method: 'POST',
      pattern: '/review',
      handler: async (c) => {
        try {
          const k = await runReview(c);
          return { status: 303, type: 'text/plain; charset=utf-8', body: '', headers: { location: `/review/${k.id}` } };
        } catch (e) {
          const status = statusOf(e);
          if (status === 500) throw e;
          return html(formPage(c, { status, message: messageOf(e) }), status, status === 413 ? { connection: 'close' } : {});
        }
      },
    },
    {
      method: 'GET',
      pattern: '/review/:id',
      handler: async (c) => {
        const m = /^([0-9a-f]{24})(?:\.(docx|md|json|html))?$/.exec(c.params.id!);
        if (!m) throw new NotFoundError(`no review ${c.params.id!.slice(0, 40)}`);
        const k = c.reviews.store.get(m[1]!);
        return m[2] ? render(c, k, m[2] as ReviewFormat) : html(resultPage(c, k));
      },
    },
    {
      method: 'POST',
      pattern: '/api/review',
      handler: async (c) => {
        const format = (c.url.searchParams.get('format') ?? 'json') as ReviewFormat;
        if (!(format in FORMATS)) throw new BadRequestError(`parameter format must be one of ${Object.keys(FORMATS).join(', ')} (got "${format.slice(0, 40)}")`);
        const k = await runReview(c);
        const a = await render(c, k, format, format !== 'docx');
        return { ...a, headers: { ...a.headers, location: `/review/${k.id}` } };
      },
    },
  ];
}

