/**
 * The static assets: a fixed table of path → bytes, read once at start-up. No path from a
 * request ever reaches the file system: a request either names an entry of this table or
 * gets a 404. The client script is src/server/client/app.ts compiled by tsc (npm test and
 * npm run build compile it); the stylesheet is below.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CSS = `
:root{--fg:#1d1d1f;--muted:#667085;--line:#d8dbe0;--head:#f3f4f6;--accent:#9b1c1c;--link:#1d4ed8;--diff:#fff7e0;--ins:#d7f5dd;--del:#fde2e1;--mark:#ffe98f;--current:#f97316}
*{box-sizing:border-box}
html{scroll-padding-top:4rem}
body{margin:0;font:15px/1.65 "Noto Sans CJK SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei",system-ui,sans-serif;color:var(--fg);background:#fff}
a{color:var(--link);text-decoration:none}a:hover{text-decoration:underline}
header.top{display:flex;gap:2rem;align-items:center;padding:.6rem 1.5rem;border-bottom:3px solid var(--accent);background:#fbfaf8;position:sticky;top:0;z-index:5}
.brand{font-weight:700;color:var(--accent);font-size:1.1rem}.brand span{font-weight:400;color:var(--fg);margin-left:.4rem}
header nav a{margin-right:1.2rem;color:var(--fg)}header nav a[aria-current]{color:var(--accent);font-weight:700;border-bottom:2px solid var(--accent)}
main{padding:1rem 1.5rem 3rem;max-width:110rem;margin:0 auto}
footer{padding:1rem 1.5rem;color:var(--muted);font-size:.85em;border-top:1px solid var(--line)}
h1{font-size:1.45rem;margin:.6rem 0 .8rem}h2{font-size:1.15rem;margin:1.4rem 0 .5rem}
.muted{color:var(--muted);font-weight:400;font-size:.9em}
.badge{display:inline-block;font-size:.75rem;font-weight:700;padding:0 .45rem;border-radius:3px;vertical-align:middle;border:1px solid}
.badge.ok{color:#166534;border-color:#86efac;background:#f0fdf4}.badge.void{color:#fff;background:#b91c1c;border-color:#b91c1c}.badge.unknown{color:var(--muted);border-color:var(--line)}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid var(--line);padding:.35rem .55rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{background:var(--head)}
td.num,th.num{text-align:right}
.docs td:nth-child(3){width:50%}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.6rem 0 1rem}
form.search input[type=search]{flex:1 1 28rem;font-size:1.05rem;padding:.45rem .6rem;border:1px solid #98a2b3;border-radius:4px}
button{font:inherit;padding:.35rem .9rem;border:1px solid #98a2b3;border-radius:4px;background:#fff;cursor:pointer}
button[type=submit]{background:var(--accent);color:#fff;border-color:var(--accent)}
button:disabled{opacity:.5;cursor:default}
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;width:100%;margin:.4rem 0}
select,input{font:inherit;padding:.2rem .3rem}
.chips{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}.chips a{display:inline-block;border:1px solid var(--line);border-radius:999px;padding:.1rem .7rem}
.notice{background:#fffbeb;border:1px solid #fcd34d;padding:.5rem 1rem;margin:0}
.error{background:#fef2f2;border:1px solid #fca5a5;color:#991b1b;padding:.5rem 1rem}
form.reload{margin-top:2rem}
ol.hits{padding-left:1.6rem}.hit{margin:.2rem 0 1rem}.hit .cite{font-weight:700}.snippet{margin:.15rem 0}
mark{background:var(--mark)}ins{background:var(--ins);text-decoration:none}del{background:var(--del)}
.doc{display:grid;grid-template-columns:minmax(16rem,22rem) 1fr;gap:2rem}
aside.side{position:sticky;top:4rem;align-self:start;max-height:calc(100vh - 5rem);overflow:auto;font-size:.92em}
dl.meta{display:grid;grid-template-columns:auto 1fr;gap:.15rem .7rem;margin:0 0 1rem}dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
.toc ol{list-style:none;padding-left:0;margin:.2rem 0}
.chapter h2{border-bottom:1px solid var(--line);padding-bottom:.2rem}
article.art{padding:.3rem .6rem;margin:.2rem -.6rem;border-left:3px solid transparent}
article.art p{margin:.2rem 0}
article.art .label{font-weight:700;margin-right:.3rem;color:var(--fg)}
article.art.target,article.art:target{border-left-color:var(--accent);background:#fff8f0}
article.art .tool{font-size:.8em}
.picker{margin:.5rem 0}
.toolbar{display:flex;gap:.8rem;align-items:center;flex-wrap:wrap;margin:.5rem 0;position:sticky;top:3.2rem;background:#fff;z-index:4;padding:.3rem 0}
.toolbar output{min-width:9rem;text-align:center;font-weight:700}
.legend{color:var(--muted);font-size:.85em}.base-key{border:2px solid #64748b;padding:0 .3rem}
.cmp-wrap{overflow:auto;max-height:calc(100vh - 10rem);border:1px solid var(--line)}
table.cmp{table-layout:fixed;min-width:100%}
table.cmp thead th{position:sticky;top:0;z-index:3}
table.cmp th.rowhead{width:7.5rem;background:var(--head)}
table.cmp.cols-2{width:calc(7.5rem + 2 * 28rem)}table.cmp.cols-3{width:calc(7.5rem + 3 * 24rem)}table.cmp.cols-4{width:calc(7.5rem + 4 * 20rem)}
table.cmp.cols-5{width:calc(7.5rem + 5 * 16rem)}table.cmp.cols-6,table.cmp.cols-7,table.cmp.cols-8{width:calc(7.5rem + 6 * 16rem)}
table.cmp td{font-size:.93em}
tbody.strip th{background:var(--head);font-weight:400;font-size:.85em}
tbody.strip td{font-size:.85em;background:#fafafa}tbody.strip td.differs{background:var(--diff)}
tbody.strip .value{display:block;color:var(--fg)}tbody.strip cite{font-style:normal;color:var(--muted);font-size:.85em}
tr.famhead th{background:#eef2f7;font-weight:700;position:sticky;left:0}
tr.famhead.focus th{background:#fde68a}
td.base{outline:2px solid #64748b;outline-offset:-2px}
td.none{color:var(--muted)}
.cites a{font-size:.8em;border:1px solid var(--line);border-radius:3px;padding:0 .3rem;margin-right:.3rem}
.sim{display:block;color:var(--muted);font-size:.78em;margin-top:.3rem}
.chg.current{outline:3px solid var(--current);outline-offset:1px}
nav.tabs{display:flex;gap:1rem;margin:.4rem 0 .6rem}nav.tabs a[aria-current]{font-weight:700;color:var(--accent)}
table.facts th button{border:0;background:none;padding:0;font-weight:700;text-align:left;width:100%}
table.facts th[aria-sort=ascending] button::after{content:" ▲"}table.facts th[aria-sort=descending] button::after{content:" ▼"}
table.facts td a{color:var(--fg);display:block}table.facts td a:hover{color:var(--link)}
table.facts td{font-size:.9em}
form.review textarea{width:100%;min-height:14rem;font:inherit}
.review-summary{display:flex;flex-wrap:wrap;gap:1rem}.review-summary div{border:1px solid var(--line);padding:.4rem .8rem;border-radius:4px}
.downloads a{margin-right:1rem;font-weight:700}
iframe.report{width:100%;height:75vh;border:1px solid var(--line)}
@media (max-width:60rem){.doc{grid-template-columns:1fr}aside.side{position:static;max-height:none}}
`;

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#9b1c1c"/><path d="M4 4h8M4 8h8M4 12h5" stroke="#fff" stroke-width="1.6"/></svg>`;

export interface Asset {
  type: string;
  body: Buffer;
}

/** The compiled client script: beside this module in dist/, or in dist/ when this module runs from src/ (tests). */
function clientScript(): Buffer {
  const candidates = [new URL('./client/app.js', import.meta.url), new URL('../../dist/src/server/client/app.js', import.meta.url)];
  for (const u of candidates) {
    const path = fileURLToPath(u);
    if (existsSync(path)) return readFileSync(path);
  }
  throw new Error('the web client script is not built (run npm run build)');
}

/** Path → asset, built once. */
export function assetTable(): Map<string, Asset> {
  return new Map<string, Asset>([
    ['/assets/app.js', { type: 'text/javascript; charset=utf-8', body: clientScript() }],
    ['/assets/app.css', { type: 'text/css; charset=utf-8', body: Buffer.from(CSS, 'utf8') }],
    ['/favicon.svg', { type: 'image/svg+xml', body: Buffer.from(FAVICON, 'utf8') }],
    // Asked for by browsers on pages without a <link rel=icon> (a JSON answer opened in a tab).
    ['/favicon.ico', { type: 'image/svg+xml', body: Buffer.from(FAVICON, 'utf8') }],
  ]);
}
