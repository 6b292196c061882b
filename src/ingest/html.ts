/**
 * HTML → plain text, for rules saved from a government web site. The goal is the
 * text a reader sees in the article area, one source line per output line, so the
 * segmenter treats a web page exactly like the same document saved as .txt.
 * Site chrome (menus, breadcrumbs, footers, scripts) is dropped: its words would
 * otherwise pollute the preamble and the metadata.
 */
import { createRequire } from 'node:module';
import { CN_NUMERAL_CHARS } from '../text/numerals.js';

// cheerio is loaded on the first HTML page, not at start-up: it costs ~0.13 s that a search never needs.
const require = createRequire(import.meta.url);
let cheerioLoad: typeof import('cheerio').load | null = null;
const load = (html: string) => (cheerioLoad ??= (require('cheerio') as typeof import('cheerio')).load)(html);

/** The parts of a DOM node this walk reads (domhandler's shape, kept local). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

/** Never content: code, chrome, embedded widgets, form controls. */
const DROP_TAGS = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'form',
  'iframe', 'svg', 'math', 'object', 'embed', 'canvas', 'audio', 'video', 'select', 'button',
  'input', 'textarea', 'option',
]);

/** Site chrome as named by class or id on typical CMS templates. */
const CHROME = /nav|menu|breadcrumb|footer|header|share|toolbar/i;

/** Elements that begin (and end) a line. A table row is a line; its cells are tab-separated (blocks inside a cell do not break it). */
const BLOCK_TAGS = new Set([
  'html', 'body', 'main', 'p', 'div', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'li', 'ul', 'ol', 'dl', 'dd', 'dt', 'tr', 'table', 'thead', 'tbody', 'tfoot',
  'caption', 'blockquote', 'pre', 'center', 'address', 'figure', 'figcaption', 'hr', 'fieldset',
  'details', 'summary',
]);

/**
 * True for text that is an HTML page rather than a plain document mentioning a tag.
 * A rules text never opens with a doctype, and never has a run of closing tags.
 */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).replace(/^\uFEFF/, '');
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta)\b/i.test(head)) {
    return true;
  }
  const closing = text.match(/<\/(p|div|td|tr|table|span|body|html|h[1-6]|li)\s*>/gi);
  return closing !== null && closing.length >= 5;
}

export function htmlToText(html: string): string {
  const $ = load(html);
  const root = $.root()[0] as unknown as DomNode;
  const out = new LineWriter();
  walk(root, out, false, false);
  return out.finish();
}

/** Elements that make the structure of a table: they break lines even inside a cell (a table in a cell). */
const TABLE_TAGS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'caption']);

function walk(node: DomNode, out: LineWriter, inPre: boolean, inCell: boolean, layoutRow = false): void {
  if (node.type === 'text') {
    out.text(node.data ?? '', inPre);
    return;
  }
  // Comments, doctype and processing instructions carry no reading text.
  if (node.type !== 'tag' && node.type !== 'root') return;

  const name = node.name?.toLowerCase() ?? '';
  if (node.type === 'tag' && isDropped(name, node.attribs ?? {})) return;
  if (name === 'br') {
    out.newline();
    return;
  }

  // Inside a short cell of a data table, a paragraph (<td><p>100万元以下</p></td>) is the cell's text, not a line of its
  // own: the row stays one line (a space between two blocks of one cell). A long cell, or a row that lays out the
  // rules (第三条 | <p>…</p>), keeps its blocks as lines; a table inside a cell breaks lines too.
  const block = BLOCK_TAGS.has(name) && (!inCell || TABLE_TAGS.has(name));
  const cellBlock = inCell && BLOCK_TAGS.has(name) && !block;
  if (block) out.newline();
  if (cellBlock) out.space();
  // A table row is one line, its cells apart by a tab: 50万元以下 | 分管副县长审批 stays one statement.
  const cell = name === 'td' || name === 'th';
  if (cell) out.cell();
  const pre = inPre || name === 'pre';
  const within = cell ? shortDataCell(node, layoutRow) : inCell && !TABLE_TAGS.has(name);
  const rowIsLayout = name === 'tr' ? isLayoutRow(node) : layoutRow;
  for (const child of node.children ?? []) walk(child, out, pre, within, rowIsLayout);
  if (block) out.newline();
  if (cellBlock) out.space();
}

/** A cell's text (its descendants' text nodes). */
function textOf(node: DomNode): string {
  return node.type === 'text' ? (node.data ?? '') : (node.children ?? []).map(textOf).join('');
}

/** The longest cell whose paragraphs are read as one line of its row (a band, a role, what the money is for). */
const CELL_LINE_MAX = 60;
/** A row whose first cell is an article or chapter label lays out the rules, not data (第三条 | <p>…</p>). */
const LAYOUT_LABEL = new RegExp(`^[\\s\\u3000\\u00a0]*第[\\s\\u3000\\u00a0]*[0-9０-９${CN_NUMERAL_CHARS}]+[\\s\\u3000\\u00a0]*[条章节]`, 'u');

function isLayoutRow(tr: DomNode): boolean {
  const first = (tr.children ?? []).find((c) => c.type === 'tag' && (c.name === 'td' || c.name === 'th'));
  return first !== undefined && LAYOUT_LABEL.test(textOf(first));
}

function shortDataCell(td: DomNode, layoutRow: boolean): boolean {
  return !layoutRow && textOf(td).trim().length <= CELL_LINE_MAX && !(td.children ?? []).some(hasTable);
}

function hasTable(node: DomNode): boolean {
  return node.type === 'tag' && (node.name === 'table' || (node.children ?? []).some(hasTable));
}

function isDropped(name: string, attribs: Record<string, string>): boolean {
  if (DROP_TAGS.has(name)) return true;
  // The page itself is never chrome, whatever its CMS calls it (<body class="nav-open">).
  if (name === 'html' || name === 'body') return false;
  if ('hidden' in attribs) return true;
  // Hidden blocks on CMS pages hold duplicate titles, print-only text and the like.
  if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(attribs.style ?? '')) return true;
  return CHROME.test(attribs.id ?? '') || CHROME.test(attribs.class ?? '');
}

/**
 * Accumulates the current line. Source-formatting whitespace (ASCII runs) collapses
 * to one space and vanishes at a line start, as in a browser; &nbsp; and U+3000 are
 * the author's own spacing and survive (nbsp as a plain space).
 */
class LineWriter {
  private lines: string[] = [];
  private line = '';

  text(data: string, inPre: boolean): void {
    if (inPre) {
      const parts = data.split(/\r\n|\r|\n/);
      parts.forEach((part, i) => {
        if (i > 0) this.newline();
        this.line += part;
      });
      return;
    }
    let chunk = data.replace(/[ \t\n\r\f]+/g, ' ');
    // Collapse across inline boundaries too ("a <b> b</b>"); nbsp is still U+00A0
    // here, so a trailing ' ' is always collapsible whitespace.
    if (chunk.startsWith(' ') && (this.line === '' || this.line.endsWith(' '))) chunk = chunk.slice(1);
    this.line += chunk;
  }

  /** A space between two blocks of one table cell (none at the cell's start or after one already there). */
  space(): void {
    if (this.line !== '' && !/[\s\t]$/u.test(this.line)) this.line += ' ';
  }

  /** Start a table cell: a tab after the previous cell of the row. */
  cell(): void {
    if (this.line.trim() !== '' && !this.line.endsWith('\t')) this.line = this.line.trimEnd() + '\t';
  }

  newline(): void {
    const line = this.line.replace(/\u00A0/g, ' ').trimEnd();
    if (line.trim() !== '') this.lines.push(line);
    this.line = '';
  }

  finish(): string {
    this.newline();
    return this.lines.length === 0 ? '' : this.lines.join('\n') + '\n';
  }
}
