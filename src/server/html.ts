/**
 * HTML for the web app, escaped by construction: the `h` template tag escapes every value put
 * into it (document text, names, URLs), except fragments that `h` itself built. So a document
 * containing `<script>` or `<img onerror>` shows as text wherever it appears.
 */
import { esc } from '../report/html.js';

/** HTML built by `h` (already escaped). */
export class Html {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type Value = Html | string | number | boolean | null | undefined | Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.html;
  if (Array.isArray(v)) return v.map(render).join('');
  return esc(String(v));
}

/** `h\`<p>${text}</p>\``: every interpolated value is escaped unless it is an Html fragment. */
export function h(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Fragments joined (each escaped unless Html). */
export function join(values: Value[], sep: Html | string = ''): Html {
  return new Html(values.map(render).join(render(sep)));
}

export const NAV: [string, string][] = [
  ['/', '首页'],
  ['/search', '检索'],
  ['/compare', '条文对照'],
  ['/facts', '要素表'],
  ['/review', '草案审查'],
];

export interface LayoutOptions {
  title: string;
  /** Which page (data-page on <body>: the client script's switch). */
  page: string;
  /** Current path, to mark the nav entry. */
  path: string;
  /** data-* attributes for the client script (names without data-). */
  data?: Record<string, string>;
  /** Shown above the content (e.g. files of the corpus that could not be read). */
  notice?: Html;
}

export function layout(body: Html, o: LayoutOptions): string {
  const data = Object.entries(o.data ?? {}).map(([k, v]) => h` data-${k}="${v}"`);
  const nav = NAV.map(([href, label]) => {
    const here = href === '/' ? o.path === '/' : o.path.startsWith(href);
    return h`<a href="${href}"${here ? h` aria-current="page"` : ''}>${label}</a>`;
  });
  return h`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · rulecmp</title>
<link rel="stylesheet" href="/assets/app.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<script type="module" src="/assets/app.js"></script>
</head>
<body data-page="${o.page}"${data}>
<header class="top"><a class="brand" href="/">rulecmp <span>区政府工作规则对照</span></a><nav>${nav}</nav></header>
${o.notice ?? ''}<main>
${body}
</main>
<footer>rulecmp · 本机运行，文件不离开本机 · <a href="/api/documents">JSON API</a></footer>
</body>
</html>
`.html;
}
