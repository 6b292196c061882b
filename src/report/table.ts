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

/** What a cell says, for comparing cells (the level word 区/县/市 does not count as a difference). */
function cellKey(cell: CellValue[]): string {
  return cell
    .map((v) => v.text.replace(/[区县市旗]/gu, '◇'))
    .sort()
    .join('\n');
}

/** Cells that differ from the most common value of their row (ties: none is marked). */
export function differingCells(row: MatrixRow): boolean[] {
  const keys = row.cells.map(cellKey);
  if (new Set(keys).size <= 1) return keys.map(() => false);
  const count = new Map<string, number>();
  for (const k of keys) count.set(k, (count.get(k) ?? 0) + 1);
  const top = Math.max(...count.values());
  const modal = [...count].filter(([, n]) => n === top);
  if (modal.length > 1) return keys.map(() => true);
  return keys.map((k) => k !== modal[0]![0]);
}

export function rowDiffers(row: MatrixRow): boolean {
  return new Set(row.cells.map(cellKey)).size > 1;
}

// ------------------------------------------------------------------ Markdown

export function tableMarkdown(t: ReportTable): string {
  const out = [`## ${t.title}`, ''];
  if (t.note) out.push(t.note, '');
  if (t.kind === 'list') {
    out.push(mdTable([...t.header, 'article'], t.rows.map((r) => [...r.cells, citeText(r.cite)])));
  } else {
    const rows = t.rows.map((r) => [
      r.label,
      ...r.cells.map((c) => (c.length ? c.map((v) => `${v.text} (${citeText(v.cite)})`).join('\n') : '')),
      rowDiffers(r) ? '≠' : '',
    ]);
    out.push(mdTable([t.rowHeader, ...t.columns.map((c) => c.title), '≠'], rows));
  }
  return out.join('\n') + '\n';
}

// ------------------------------------------------------------------ HTML

export function citeHtml(c: Cite): string {
  return `<cite data-doc="${esc(c.docId)}" data-article="${esc(c.key)}" title="${esc(c.quote)}">${esc(citeText(c))}</cite>`;
}

export function tableHtml(t: ReportTable): string {
  const out = [`<h2 id="${esc(t.id)}">${esc(t.title)}</h2>`];
  if (t.note) out.push(`<p class="note">${esc(t.note)}</p>`);
  if (t.kind === 'list') {
    out.push(`<table class="list"><thead><tr>${[...t.header, 'article'].map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>`);
    for (const r of t.rows) out.push(`<tr>${r.cells.map((c) => `<td>${esc(c)}</td>`).join('')}<td>${citeHtml(r.cite)}</td></tr>`);
  } else {
    out.push(`<table class="matrix"><thead><tr><th class="row">${esc(t.rowHeader)}</th>${t.columns.map((c) => `<th data-doc="${esc(c.docId)}">${esc(c.title)}</th>`).join('')}</tr></thead><tbody>`);
    for (const r of t.rows) {
      const diff = differingCells(r);
      const cells = r.cells.map((c, i) => {
        const cls = [c.length ? '' : 'none', diff[i] ? 'differs' : ''].filter(Boolean).join(' ');
        const body = c.length ? c.map((v) => `<span class="value">${esc(v.text)} ${citeHtml(v.cite)}</span>`).join('') : '—';
        return `<td${cls ? ` class="${cls}"` : ''}>${body}</td>`;
      });
      out.push(`<tr><th class="row" scope="row">${esc(r.label)}</th>${cells.join('')}</tr>`);
    }
  }
  out.push('</tbody></table>');
  return out.join('\n');
}

// ------------------------------------------------------------------ CSV

export function tableCsv(t: ReportTable): string {
  if (t.kind === 'list') return csvTable([...t.header, 'district', 'article', 'document', 'quote'], t.rows.map((r) => [...r.cells, r.cite.district, r.cite.label, r.cite.docId, r.cite.quote]));
  return csvTable(
    [t.rowHeader, ...t.columns.map((c) => c.title), 'differs'],
    t.rows.map((r) => [r.label, ...r.cells.map((c) => c.map((v) => `${v.text} [${citeText(v.cite)}]`).join('; ')), rowDiffers(r) ? 'yes' : '']),
  );
}

