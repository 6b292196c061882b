/**
 * The pages of the web app, rendered on the server from what the API answers (api.ts), so a page
 * and its API never disagree, and every piece of document text goes through the escaping `h` tag.
 * Chinese first; the client script (client/app.ts) adds stepping, sorting and filtering.
 */
import { depth } from '../classify/index.js';
import type { Article, Fact, HighlightedText, MeetingFact, RuleDocument, ThresholdFact, DeadlineFact, LeaveFact } from '../model.js';
import { shortLabel } from '../report/articles.js';
import { documentHeading } from '../report/coverage.js';
import { leaveText } from '../report/facts-tables.js';
import { bandText, deadlineText, durationText, frequencyText, quorumText } from '../report/format.js';
import type { DiffPart } from '../diff/index.js';
import {
  articleUrl,
  compareUrl,
  documentSummary,
  documentUrl,
  FACT_KINDS,
  topicsAnswer,
  type CompareAnswer,
  type FactKindName,
  type SearchParams,
  type WebSearchResponse,
} from './api.js';
import { h, Html, join, layout } from './html.js';
import type { Generation } from './state.js';

const VALIDITY_CLASS: Record<string, string> = { 有效: 'ok', 失效: 'void', 废止: 'void' };

function validityBadge(v: RuleDocument['meta']['validity']): Html {
  return v ? h`<span class="badge ${VALIDITY_CLASS[v] ?? ''}">${v}</span>` : h`<span class="badge unknown" title="文本未标明效力">未标明</span>`;
}

function searchForm(s: Partial<SearchParams>, gen: Generation, full: boolean): Html {
  const a = gen.analysis;
  const districts = a.documents.map((d) => h`<option value="${d.id}"${s.district === d.id ? h` selected` : ''}>${documentHeading(d, a.documents)}</option>`);
  const topics = a.taxonomy.topics.map((t) => h`<option value="${t.id}"${s.topic === t.id || s.topic === t.name ? h` selected` : ''}>${'　'.repeat(depth(a.taxonomy, t.id))}${t.name}</option>`);
  const chapters = [...new Set(a.documents.flatMap((d) => d.chapters.map((c) => c.title)))].sort();
  const filters = full
    ? h`<div class="filters">
<label>地区 <select name="district"><option value="">全部</option>${districts}</select></label>
<label>主题 <select name="topic"><option value="">全部</option>${topics}</select></label>
<label>章 <input name="chapter" list="chapters" value="${s.chapter ?? ''}" placeholder="如 会议制度"></label>
<datalist id="chapters">${chapters.map((c) => h`<option value="${c}">`)}</datalist>
<label>条数 <select name="limit">${[10, 20, 50, 100].map((n) => h`<option${(s.limit ?? 20) === n ? h` selected` : ''}>${n}</option>`)}</select></label>
</div>`
    : '';
  return h`<form class="search" action="/search" method="get" role="search">
<input type="search" name="q" value="${s.q ?? ''}" placeholder="检索条文，如 常务会议 每周" aria-label="检索词" autofocus>
<button type="submit">检索</button>
${filters}</form>`;
}

function errorBox(message: string, status: number): Html {
  return h`<p class="error" role="alert" data-status="${status}">${message}</p>`;
}

function skippedNotice(gen: Generation, lastError: string | null): Html {
  const items = gen.skipped.map((s) => h`<li>${s.message}</li>`);
  if (!items.length && !lastError) return h``;
  return h`<div class="notice" role="status">${lastError ? h`<p>${lastError}；仍显示上次读入的文件。</p>` : ''}${items.length ? h`<p>语料目录中有 ${items.length} 个文件未能读入：</p><ul>${items}</ul>` : ''}</div>`;
}

// ------------------------------------------------------------------ home

export function homePage(gen: Generation, lastError: string | null, dir: string): string {
  const docs = gen.analysis.documents;
  const rows = docs.map((d) => {
    const s = documentSummary(d);
    return h`<tr><td>${s.district ?? '—'}</td><td>${s.year ?? '—'}</td><td><a href="${s.url}">${s.title ?? d.id}</a><div class="muted">${s.docNumber ?? ''}</div></td><td>${validityBadge(s.validity)}</td><td class="num">${s.articles}</td><td class="num">${s.chapters}</td></tr>`;
  });
  const topics = topicsAnswer(gen).topics.filter((t) => t.documents.length >= 2 && t.parent === null);
  const body = h`<h1>区政府工作规则 · 语料</h1>
${searchForm({}, gen, false)}
<table class="docs"><thead><tr><th>地区</th><th>年份</th><th>标题</th><th>效力</th><th class="num">条数</th><th class="num">章数</th></tr></thead><tbody>${rows}</tbody></table>
<h2>按主题对照</h2>
<ul class="chips">${topics.map((t) => h`<li><a href="${t.url}">${t.name}</a></li>`)}</ul>
<form class="reload" method="post" action="/reload"><input type="hidden" name="back" value="/"><button type="submit">重新读入语料</button> <span class="muted">${dir} · ${docs.length} 个文件 · 读入于 ${gen.loadedAt.toLocaleString('zh-CN', { hour12: false })}（文件改动后，下一次请求即重新读入）</span></form>`;
  return layout(body, { title: '首页', page: 'home', path: '/', notice: skippedNotice(gen, lastError) });
}

// ------------------------------------------------------------------ search

function highlightedHtml(t: HighlightedText): Html {
  const out: Html[] = [];
  let at = 0;
  for (const s of t.highlights) {
    out.push(h`${t.text.slice(at, s.start)}<mark>${t.text.slice(s.start, s.end)}</mark>`);
    at = s.end;
  }
  return h`${t.cutStart ? '…' : ''}${out}${t.text.slice(at)}${t.cutEnd ? '…' : ''}`;
}

export function searchPage(gen: Generation, s: SearchParams, result: WebSearchResponse | null, error: { status: number; message: string } | null): string {
  let body: Html;
  if (error) body = errorBox(error.message, error.status);
  else if (!result) body = h`<p class="muted">输入检索词：所有词都须出现在条文中；加引号（"区政府常务会议"）的须连续出现。</p>`;
  else {
    const head = result.partial
      ? h`<p class="summary partial">没有条文包含全部检索词；${result.total} 条包含其中一部分：</p>`
      : h`<p class="summary">${result.total} 条条文符合${result.hits.length < result.total ? h`，显示前 ${result.hits.length} 条` : ''}：</p>`;
    const hits = result.hits.map((hit) => {
      const c = hit.citation;
      return h`<li class="hit"><a class="cite" href="${hit.url}">${c.district ?? c.docId} ${shortLabel(c.label)}</a> <span class="muted">${c.year ?? ''}${c.chapter ? h` · ${c.chapter.label} ${c.chapter.title}` : ''} · 得分 ${hit.score.toFixed(2)}${hit.verbatim ? '' : ' · 词不相连'}${(hit.alternatives ?? []).map((x) => ` · 以“${x.matched}”匹配“${x.term}”`).join('')}</span>
<p class="snippet">${highlightedHtml(hit.snippet)}</p></li>`;
    });
    // The per-district view first (each district's governing article), then the ranked list.
    const districts = result.districts.length > 1
      ? h`<section class="by-district"><h2>各地区最相关条文</h2><ul>${result.districts.map((d) => {
          const best = d.hits[0];
          return best
            ? h`<li><span class="district">${d.district ?? d.docId} ${d.year ?? ''}</span> <a class="dcite" href="${best.url}">${shortLabel(best.citation.label)}</a>${d.hits.slice(1).map((x) => h`、<a class="dcite" href="${x.url}">${shortLabel(x.citation.label)}</a>`)} <span class="muted">${best.snippet.text.slice(0, 40)}…</span></li>`
            : h`<li class="none"><span class="district">${d.district ?? d.docId} ${d.year ?? ''}</span> <span class="muted">无匹配条文</span></li>`;
        })}</ul></section>`
      : '';
    body = h`${head}${districts}<h2>全部结果</h2><ol class="hits">${hits}</ol>`;
  }
  const title = s.q ? `检索：${s.q}` : '检索';
  return layout(h`<h1>检索</h1>${searchForm(s, gen, true)}${body}`, { title, page: 'search', path: '/search' });
}

// ------------------------------------------------------------------ document

function articleHtml(doc: RuleDocument, a: Article, target: string | null, aligned: Set<string>): Html {
  const lines = a.text.split('\n');
  const first = lines[0]!.startsWith(a.label) ? lines[0]!.slice(a.label.length) : lines[0]!;
  const label = lines[0]!.startsWith(a.label) ? a.label : '';
  const url = articleUrl(doc.id, a.key);
  const tools = aligned.has(a.key) ? h`<a class="tool" href="/compare?article=${encodeURIComponent(`${doc.id}/${a.key}`)}">对照各区</a>` : '';
  return h`<article class="art${a.key === target ? ' target' : ''}" id="${a.key}"><p><a class="label" href="${url}" title="本条链接">${label || shortLabel(a.label)}</a>${first}</p>${lines.slice(1).map((l) => h`<p>${l}</p>`)}${tools}</article>`;
}

export function documentPage(gen: Generation, doc: RuleDocument, target: { key: string; asked: string } | null): string {
  const m = doc.meta;
  const j = m.jurisdiction;
  const aligned = new Set(gen.analysis.alignment.families.flatMap((f) => f.members.filter((x) => x.docId === doc.id).map((x) => x.key)));
  const meta: [string, Html | string | null][] = [
    ['地区', [...new Set([j.province, j.city, j.district].filter(Boolean))].join(' ') || null],
    ['发文机关', m.issuer],
    ['文号', m.docNumber],
    ['通知', m.noticeTitle],
    ['成文日期', m.dates.issued],
    ['发布日期', m.dates.published],
    ['年份', m.year === null ? null : String(m.year)],
    ['效力', validityBadge(m.validity)],
    ['废止', m.repeals.length ? join(m.repeals.map((r) => h`<div>${r.title ? `《${r.title}》` : r.quote}${r.docNumber ? ` ${r.docNumber}` : ''}</div>`)) : null],
    ['来源', `${m.source.path}（${m.source.format}，${m.source.encoding}，${m.source.bytes} 字节）`],
    ['结构', `${doc.chapters.length} 章，${doc.articles.length} 条`],
  ];
  const dl = meta.filter(([, v]) => v !== null && v !== '').map(([k, v]) => h`<dt>${k}</dt><dd>${v}</dd>`);
  const diagnostics = doc.diagnostics.filter((d) => d.severity !== 'info');
  const diag = diagnostics.length ? h`<details class="diagnostics"><summary>分段提示 ${diagnostics.length} 条</summary><ul>${diagnostics.map((d) => h`<li>${d.severity}: ${d.message}</li>`)}</ul></details>` : '';

  const toc: Html[] = [];
  const parts: Html[] = [];
  const before = doc.articles.filter((a) => a.chapter === null);
  if (before.length) parts.push(join(before.map((a) => articleHtml(doc, a, target?.key ?? null, aligned))));
  for (const c of doc.chapters) {
    const arts = doc.articles.filter((a) => a.chapter === c.ordinal);
    const range = arts.length ? `${shortLabel(arts[0]!.label)}–${shortLabel(arts.at(-1)!.label)}` : '';
    toc.push(h`<li><a href="#ch-${c.ordinal}">${c.label} ${c.title}</a> <span class="muted">${range}</span></li>`);
    parts.push(h`<section class="chapter" id="ch-${c.ordinal}"><h2>${c.label} ${c.title}</h2>${arts.map((a) => articleHtml(doc, a, target?.key ?? null, aligned))}</section>`);
  }
  if (!doc.chapters.length) for (const a of doc.articles.slice(0, 200)) toc.push(h`<li><a href="#${a.key}">${shortLabel(a.label)}</a></li>`);
  const moved = target && target.asked !== target.key ? h`<p class="notice">链接所指的 ${target.asked} 对应本文 ${target.key}（条文编号有变动时按编号或位置找回）。</p>` : '';
  const body = h`<h1>${m.title ?? doc.id} ${validityBadge(m.validity)}</h1>
${moved}<div class="doc"><aside class="side"><dl class="meta">${dl}</dl>${diag}<nav class="toc" aria-label="目录"><h2>目录</h2><ol>${toc}</ol></nav></aside>
<div class="articles">${parts}</div></div>`;
  return layout(body, {
    title: m.title ?? doc.id,
    page: 'document',
    path: documentUrl(doc.id),
    data: target ? { target: target.key } : {},
  });
}

// ------------------------------------------------------------------ compare

function partsHtml(parts: DiffPart[], tag: string): Html {
  return join(parts.map((p) => (p.changed ? h`<${new Html(tag)} class="chg">${p.text}</${new Html(tag)}>` : h`${p.text}`)));
}

function textLines(x: Html): Html {
  return new Html(x.html.replace(/\n/g, '<br>'));
}

export function comparePage(gen: Generation, topicQuery: string | undefined, c: CompareAnswer | null, error: { status: number; message: string } | null): string {
  const a = gen.analysis;
  const topics = topicsAnswer(gen).topics.filter((t) => t.documents.length >= 2);
  const selected = c?.topic.id ?? topicQuery;
  const picker = h`<form class="picker" action="/compare" method="get"><label>主题 <select name="topic" data-autosubmit>${topics.map(
    (t) => h`<option value="${t.id}"${selected === t.id || selected === t.name ? h` selected` : ''}>${'　'.repeat(depth(a.taxonomy, t.id))}${t.name}（${t.documents.length} 区）</option>`,
  )}</select></label> <button type="submit">对照</button></form>`;
  let body: Html;
  if (error) body = h`${picker}${errorBox(error.message, error.status)}`;
  else if (!c) body = h`${picker}<p class="muted">选择一个主题，或在文件页点击某条的“对照各区”：各区的对应条文分列并排，差异标出，上方是该主题的要素（频次、法定人数、主持、金额界限、请假）。</p>`;
  else {
    const n = c.columns.length;
    const head = h`<thead><tr><th class="rowhead"></th>${c.columns.map((col) => h`<th scope="col"><a href="${documentUrl(col.docId)}">${col.title}</a></th>`)}</tr></thead>`;
    const strip = c.facts.map(
      (r) =>
        h`<tr class="fact"><th scope="row">${r.label}</th>${r.cells.map((cell, i) =>
          cell.length ? h`<td class="${r.differs[i] ? 'differs' : ''}">${cell.map((v) => h`<a class="value" href="${v.cite.url}" title="${v.cite.quote}">${v.text} <cite>${v.cite.district} ${v.cite.label}</cite></a>`)}</td>` : h`<td class="none">—</td>`,
        )}</tr>`,
    );
    const families = c.families.map((f) => {
      const two = f.cells.filter(Boolean).length === 2;
      const cells = f.cells.map((cell) => {
        if (!cell) return h`<td class="none">—</td>`;
        const tag = cell.base ? (two ? 'del' : 'mark') : two ? 'ins' : 'mark';
        const cls = [cell.base ? 'base' : '', !cell.base && cell.similarity !== null && cell.similarity < 1 ? 'differs' : ''].filter(Boolean).join(' ');
        const sim = cell.base ? '基准' : cell.similarity === null ? '' : `相似度 ${cell.similarity.toFixed(2)}${cell.marked ? '' : `（低于 ${c.cutoff.toFixed(2)}，不标差异）`}`;
        return h`<td class="${cls}"><div class="cites">${cell.cites.map((x) => h`<a href="${x.url}">${x.district} ${x.label}</a>`)}</div><div class="text">${textLines(partsHtml(cell.parts, tag))}</div><span class="sim">${sim}</span></td>`;
      });
      return h`<tr class="famhead${c.focus === f.id ? ' focus' : ''}" id="fam-${f.id}"><th colspan="${n + 1}">${f.topicName ?? f.topic ?? ''} <span class="muted">${f.id} · 内聚度 ${f.cohesion.toFixed(2)}</span></th></tr><tr class="fam"><th class="rowhead"></th>${cells}</tr>`;
    });
    body = h`${picker}<h1>${c.topic.name} <span class="muted">${c.topic.id}</span></h1>
<div class="toolbar"><button type="button" data-step="-1" title="上一处差异 (p)">◀ 上一处</button><output id="changes" data-total="${c.changes}">共 ${c.changes} 处差异</output><button type="button" data-step="1" title="下一处差异 (n)">下一处 ▶</button>
<span class="legend"><span class="base-key">基准列</span>：与其余各区措辞最接近的一列；<mark>黄色</mark>为与基准不同之处（只有两区时 <ins>增加</ins> / <del>仅基准有</del>）。</span></div>
<div class="cmp-wrap" id="cmp"><table class="cmp cols-${n}">${head}${strip.length ? h`<tbody class="strip">${strip}</tbody>` : ''}<tbody>${families.length ? families : h`<tr><td colspan="${n + 1}">本主题没有对齐的条文。</td></tr>`}</tbody></table></div>`;
  }
  return layout(body, { title: c ? `对照：${c.topic.name}` : '条文对照', page: 'compare', path: '/compare', data: c?.focus ? { focus: `fam-${c.focus}` } : {} });
}

// ------------------------------------------------------------------ facts

interface FactColumn<F> {
  head: string;
  text: (f: F) => string;
  /** Numeric sort key (else the text sorts). */
  sort?: (f: F) => number | null;
}

const list = (xs: string[]) => xs.join('、');
const DAYS: Record<string, number> = { 'working-day': 1.4, day: 1, hour: 1 / 24, week: 7, month: 30, year: 365 };
const MEASURE: Record<string, string> = { duration: '时限', length: '篇幅', count: '次数' };

const COLUMNS: { [K in FactKindName]: FactColumn<K extends 'meetings' ? MeetingFact : K extends 'thresholds' ? ThresholdFact : K extends 'deadlines' ? DeadlineFact : LeaveFact>[] } = {
  meetings: [
    { head: '会议', text: (f) => f.meeting },
    { head: '名称（原文）', text: (f) => f.name },
    { head: '频次', text: (f) => (f.frequency ? frequencyText(f.frequency) : ''), sort: (f) => f.frequency?.perYear?.min ?? null },
    { head: '法定人数', text: (f) => (f.quorum ? quorumText(f.quorum) : ''), sort: (f) => f.quorum?.share ?? null },
    { head: '主持', text: (f) => list(f.chair) },
    { head: '组成人员', text: (f) => list(f.members) },
    { head: '例会时间', text: (f) => f.regularTime ?? '' },
    { head: '纪要签发', text: (f) => list(f.minutesSignedBy) },
    { head: '纪要时限', text: (f) => (f.minutesDeadline ? durationText(f.minutesDeadline) : ''), sort: (f) => (f.minutesDeadline ? f.minutesDeadline.value * (DAYS[f.minutesDeadline.unit] ?? 1) : null) },
  ],
  thresholds: [
    { head: '金额区间', text: (f) => bandText(f), sort: (f) => f.lower?.amount.yuan ?? f.upper?.amount.yuan ?? null },
    { head: '用途', text: (f) => f.subject ?? '' },
    { head: '决定者', text: (f) => list(f.decidedBy) },
    { head: '原文', text: (f) => f.raw },
  ],
  deadlines: [
    { head: '类别', text: (f) => MEASURE[f.measure] ?? f.measure },
    { head: '时限/数量', text: (f) => deadlineText(f), sort: (f) => (f.measure === 'duration' ? f.value * (DAYS[f.unit] ?? 1) : f.value) },
    { head: '事项', text: (f) => f.governs },
    { head: '原文', text: (f) => f.raw },
  ],
  leave: [
    { head: '谁', text: (f) => list(f.who) },
    { head: '事由', text: (f) => list(f.occasions) },
    { head: '方式', text: (f) => f.verb },
    { head: '向谁', text: (f) => list(f.to) },
    { head: '要求', text: (f) => leaveText(f) },
    { head: '原文', text: (f) => f.raw },
  ],
};

export const KIND_LABEL: Record<FactKindName, string> = { meetings: '会议制度', thresholds: '资金审批权限', deadlines: '时限与篇幅', leave: '请销假与报备' };

export function factsPage(gen: Generation, kind: FactKindName, facts: (Fact & { url: string })[], district: string | undefined, error: { status: number; message: string } | null): string {
  const a = gen.analysis;
  const tabs = FACT_KINDS.map((k) => h`<a href="/facts?kind=${k}"${k === kind ? h` aria-current="page"` : ''}>${KIND_LABEL[k]}</a>`);
  const districts = a.documents.map((d) => h`<option value="${d.id}"${district === d.id ? h` selected` : ''}>${documentHeading(d, a.documents)}</option>`);
  const filter = h`<form class="filters" action="/facts" method="get"><input type="hidden" name="kind" value="${kind}">
<label>地区 <select name="district" data-filter-district><option value="">全部</option>${districts}</select></label>
<label>筛选 <input type="search" data-filter-text placeholder="输入文字筛选各行"></label> <button type="submit">应用</button> <output data-filter-count></output></form>`;
  const cols = COLUMNS[kind] as FactColumn<Fact>[];
  const heading = (d: string) => documentHeading(a.document(d), a.documents);
  const rows = facts.map((f) => {
    const cell = (text: string, sort?: number | null) => h`<td${sort !== undefined && sort !== null ? h` data-sort="${sort}"` : ''}><a href="${f.url}">${text || '—'}</a></td>`;
    return h`<tr data-district="${f.citation.docId}">${cell(heading(f.citation.docId))}${cols.map((c) => cell(c.text(f), c.sort ? c.sort(f) : undefined))}${cell(`${f.citation.district ?? f.citation.docId} ${shortLabel(f.citation.label)}`, f.citation.ordinal)}</tr>`;
  });
  const table = h`<table class="facts sortable"><thead><tr>${['地区', ...cols.map((c) => c.head), '条文'].map((t) => h`<th scope="col"><button type="button" data-sort-col>${t}</button></th>`)}</tr></thead><tbody>${rows}</tbody></table>`;
  const body = h`<h1>要素表 · ${KIND_LABEL[kind]}</h1><nav class="tabs">${tabs}</nav>${filter}${error ? errorBox(error.message, error.status) : h`<p class="muted">${facts.length} 项；点表头排序，点任一格打开所引条文。</p>${table}`}`;
  return layout(body, { title: `要素表：${KIND_LABEL[kind]}`, page: 'facts', path: '/facts' });
}

// ------------------------------------------------------------------ errors

export function errorPage(status: number, message: string, path: string): string {
  const title = status === 404 ? '未找到' : status === 413 ? '内容过大' : status >= 500 ? '服务器错误' : '请求有误';
  return layout(h`<h1>${status} ${title}</h1>${errorBox(message, status)}<p><a href="/">返回首页</a></p>`, { title: `${status} ${title}`, page: 'error', path });
}

export { compareUrl };
