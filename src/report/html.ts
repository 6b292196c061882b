/**
 * Self-contained HTML pages for the reports: one file each, inline CSS, no scripts, no
 * external assets (links between report pages are relative). All document text is escaped.
 */

/** Escape text for HTML element content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
:root{--fg:#1d1d1f;--muted:#667;--line:#d8dbe0;--head:#f3f4f6;--diff:#fff4d6;--ins:#d7f5dd;--del:#fde2e1;--mark:#ffe98f}
*{box-sizing:border-box}
body{margin:0;padding:1.5rem 2rem;font:15px/1.6 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",system-ui,sans-serif;color:var(--fg)}
header{border-bottom:1px solid var(--line);margin-bottom:1rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1.6rem 0 .4rem}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
nav a{margin-right:.9rem}p.note{color:var(--muted);margin:.3rem 0 .8rem}
table{border-collapse:collapse;margin:.4rem 0 1.2rem;width:100%;table-layout:fixed}
th,td{border:1px solid var(--line);padding:.35rem .5rem;vertical-align:top;text-align:left;overflow-wrap:anywhere}
thead th{background:var(--head);position:sticky;top:0}
th.row{background:var(--head);width:12rem}
td.differs,.swatch.differs{background:var(--diff)}td.none,td.unset{color:var(--muted)}td.status{width:6rem;color:var(--muted);font-size:.9em}
.swatch{display:inline-block;padding:0 .3rem;margin-right:.4rem;border:1px solid var(--line)}
.strip th.row{width:14rem}.matter{color:var(--muted);margin:.1rem 0 .4rem}
td .value{display:block}
cite{display:inline-block;font-style:normal;font-size:.8em;color:var(--muted);border:1px solid var(--line);border-radius:3px;padding:0 .25rem;margin:.1rem .25rem .1rem 0;white-space:nowrap}
ins{background:var(--ins);text-decoration:none}del{background:var(--del);text-decoration:line-through}
mark{background:var(--mark)}
.side td{font-size:.95em}
.sim{display:block;font-size:.8em;color:var(--muted)}
.legend span{margin-right:1rem}
`;

export interface PageOptions {
  title: string;
  /** One paragraph under the title. */
  intro?: string;
  /** Links to the other reports: [label, relative href]. */
  nav?: [string, string][];
}

/** A complete HTML page around the body (body is HTML already escaped by the caller). */
export function page(body: string, o: PageOptions): string {
  const nav = o.nav?.length ? `<nav>${o.nav.map(([l, h]) => `<a href="${esc(h)}">${esc(l)}</a>`).join('')}</nav>` : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(o.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${esc(o.title)}</h1>${o.intro ? `<p class="note">${esc(o.intro)}</p>` : ''}${nav}</header>`,
    '<main>',
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
