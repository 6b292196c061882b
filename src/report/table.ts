/**
 * The tables of the reports and their three renderings (Markdown, HTML, CSV). A matrix has
 * one column per document (district) and one row per thing compared; every value in a cell
 * carries the article it was read from, so every cell cites its article (怀柔区 四十一).
 */
import { csvTable } from './csv.js';
import { esc } from './html.js';
import { mdTable } from './markdown.js';

export interface Cite {
  docId: string;
  district: string;
  /** Label for display: '四十一', '第四十一条'. */
  label: string;
  /** Article key (Article.key): what a link to the article carries. */
  key: string;
  ordinal: number;
  quote: string;
}

export interface CellValue {
  text: string;
  cite: Cite;
  /**
   * What the value says, normalised, for comparing cells: ≥ 1/2 whatever the wording (半数以上, 一半以上), a chair by
   * its post class. A cell's value is the set of its values' keys, so the same chair listed twice is one value.
   * Without keys, the text with the level word 区/县/市 neutralised.
   */
  keys?: string[];
}

export interface Column {
  docId: string;
  /** Header text: district and year, e.g. '怀柔区 2021'. */
  title: string;
}

export interface MatrixRow {
  key: string;
  label: string;
  /** One cell per column; an empty list = the document states nothing. */
  cells: CellValue[][];
}

export interface MatrixTable {
  kind: 'matrix';
  id: string;
  title: string;
  note?: string;
  rowHeader: string;
  columns: Column[];
  rows: MatrixRow[];
  /** False for tables that list rather than compare (coverage): no highlighting, no 差异 column. Default true. */
  compare?: boolean;
}

export interface ListTable {
  kind: 'list';
  id: string;
  title: string;
  note?: string;
  header: string[];
  rows: { cells: string[]; cite: Cite }[];
}

export type ReportTable = MatrixTable | ListTable;

const citeText = (c: Cite) => `${c.district} ${c.label}`;

/** What a cell says, for comparing cells: the set of its values' keys (empty: the document states nothing). */
export function cellKey(cell: CellValue[]): string {
  const keys = new Set(cell.flatMap((v) => v.keys ?? [v.text.replace(/[区县市旗]/gu, '◇')]));
  return [...keys].sort().join('\n');
}

/**
 * Cells that differ from the most common value of their row, among the documents that state something (an empty
 * cell is never marked). When two values are equally common, every stated value is marked.
 */
export function differingCells(row: MatrixRow): boolean[] {
  const keys = row.cells.map(cellKey);
  const stated = keys.filter((k) => k !== '');
  if (new Set(stated).size <= 1) return keys.map(() => false);
  const count = new Map<string, number>();
  for (const k of stated) count.set(k, (count.get(k) ?? 0) + 1);
  const top = Math.max(...count.values());
  const modal = [...count].filter(([, n]) => n === top);
  if (modal.length > 1) return keys.map((k) => k !== '');
  return keys.map((k) => k !== '' && k !== modal[0]![0]);
}

/** '不同' when the stated values differ, '部分未规定' when they agree but some documents state nothing, else ''. */
export function rowStatus(row: MatrixRow): string {
  const keys = row.cells.map(cellKey);
  const stated = new Set(keys.filter((k) => k !== ''));
  if (stated.size > 1) return '不同';
  return keys.some((k) => k === '') ? '部分未规定' : '';
}

export function rowDiffers(row: MatrixRow): boolean {
  return rowStatus(row) === '不同';
}

/** The legend of a compared table. */
export const COMPARE_LEGEND =
  '底色标出与本行多数地区不同的值（比较的是归一后的值：同一主持人写两次算一个，半数以上、一半以上、二分之一以上都是 ≥ 1/2，区与县的同一职务算相同）；本行没有多数时，各值均标出。“—”：该文件未作规定。差异列：“不同”为各地规定不一致，“部分未规定”为规定一致但有地区未作规定。';

// ------------------------------------------------------------------ Markdown

const compares = (t: MatrixTable) => t.compare !== false;

export function tableMarkdown(t: ReportTable): string {
  const out = [`## ${t.title}`, ''];
  if (t.note) out.push(t.note, '');
  if (t.kind === 'list') {
    out.push(mdTable([...t.header, '条文'], t.rows.map((r) => [...r.cells, citeText(r.cite)])));
  } else {
    if (compares(t)) out.push(`图例：${COMPARE_LEGEND}`, '');
    const rows = t.rows.map((r) => [
      r.label,
      ...r.cells.map((c) => (c.length ? c.map((v) => `${v.text}（${citeText(v.cite)}）`).join('\n') : '')),
      ...(compares(t) ? [rowStatus(r)] : []),
    ]);
    out.push(mdTable([t.rowHeader, ...t.columns.map((c) => c.title), ...(compares(t) ? ['差异'] : [])], rows));
  }
  return out.join('\n') + '\n';
}

// ------------------------------------------------------------------ HTML

/** A citation; its quote as a tooltip unless `quote` is false (where the article's words are shown beside it). */
export function citeHtml(c: Cite, quote = true): string {
  return `<cite data-doc="${esc(c.docId)}" data-article="${esc(c.key)}"${quote ? ` title="${esc(c.quote)}"` : ''}>${esc(citeText(c))}</cite>`;
}

export function tableHtml(t: ReportTable): string {
  const out = [`<h2 id="${esc(t.id)}">${esc(t.title)}</h2>`];
  if (t.note) out.push(`<p class="note">${esc(t.note)}</p>`);
  if (t.kind === 'list') {
    out.push(`<table class="list"><thead><tr>${[...t.header, '条文'].map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>`);
    for (const r of t.rows) out.push(`<tr>${r.cells.map((c) => `<td>${esc(c)}</td>`).join('')}<td>${citeHtml(r.cite)}</td></tr>`);
  } else {
    if (compares(t)) out.push(`<p class="legend"><span class="swatch differs">底色</span>${esc(COMPARE_LEGEND)}</p>`);
    out.push(
      `<table class="matrix"><thead><tr><th class="row">${esc(t.rowHeader)}</th>${t.columns.map((c) => `<th data-doc="${esc(c.docId)}">${esc(c.title)}</th>`).join('')}${compares(t) ? '<th class="status">差异</th>' : ''}</tr></thead><tbody>`,
    );
    for (const r of t.rows) {
      const diff = compares(t) ? differingCells(r) : r.cells.map(() => false);
      const cells = r.cells.map((c, i) => {
        const cls = [c.length ? '' : 'none', diff[i] ? 'differs' : ''].filter(Boolean).join(' ');
        const body = c.length ? c.map((v) => `<span class="value">${esc(v.text)} ${citeHtml(v.cite)}</span>`).join('') : '—';
        return `<td${cls ? ` class="${cls}"` : ''}>${body}</td>`;
      });
      const status = compares(t) ? `<td class="status">${esc(rowStatus(r))}</td>` : '';
      out.push(`<tr><th class="row" scope="row">${esc(r.label)}</th>${cells.join('')}${status}</tr>`);
    }
  }
  out.push('</tbody></table>');
  return out.join('\n');
}

// ------------------------------------------------------------------ CSV

export function tableCsv(t: ReportTable): string {
  if (t.kind === 'list') return csvTable([...t.header, '条文', '引文'], t.rows.map((r) => [...r.cells, r.cite.label, r.cite.quote]));
  return csvTable(
    [t.rowHeader, ...t.columns.map((c) => c.title), ...(compares(t) ? ['差异'] : [])],
    t.rows.map((r) => [r.label, ...r.cells.map((c) => c.map((v) => `${v.text} [${citeText(v.cite)}]`).join('; ')), ...(compares(t) ? [rowStatus(r)] : [])]),
  );
}
