/**
 * The text an extractor reads: an article as lines (its paragraphs and items, each with
 * its exact span in the document), lines as sentences, sentences as clauses. Every piece
 * keeps its offset, which `cite` turns into a span of `RuleDocument.text` (through the line's
 * character offsets where the segmenter joined a sentence broken by a line end or a page
 * number), so a fact's quote can always be checked against the source. Lines are given as read: traditional
 * characters as simplified, one for one (src/text/script.ts), so the genre's patterns match them while a
 * citation quotes the document as written.
 */
import type { Article, Citation, Item, RuleDocument, Span } from '../model.js';
import { refOf } from '../model.js';
import { toSimplified } from '../text/script.js';

export interface Line {
  text: string;
  /**
   * Offset of text[0]. Offsets of pieces of a line are `start + index in text`; they are the
   * document's own offsets unless the segmenter joined the line's text without a break or a page
   * number (then `cite` maps them back through the line's character offsets).
   */
  start: number;
  /** True for an enumerated item (（一）…), false for a paragraph (款). */
  isItem: boolean;
  /** For a sub-item ((1) under 1.), the line of the item it hangs from. */
  parent?: Line;
  /** 1-based index of the paragraph the line belongs to. */
  paragraph: number;
  /** Document offset of every character of text, when text is not the plain slice of the source. */
  offsets?: number[];
  /** A paragraph that reads as a table (an HTML table: one short cell per source line): its cells, in order. */
  cells?: Piece[];
  /** True when `cells` are one table row (tab-separated), not a flattened table. */
  row?: boolean;
}

export interface Piece {
  text: string;
  /** Offset of text[0] (see Line.start). */
  start: number;
}

export interface Sentence extends Piece {
  line: Line;
  /** Index of the sentence within its line. */
  index: number;
}

/** Where each character of `text` sits in `source` (from `from`): text is the source with breaks and page numbers left out. */
function alignOffsets(text: string, source: string, from: number): number[] | undefined {
  if (source === text) return undefined;
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    while (j < source.length && source[j] !== text[i]) j++;
    if (j >= source.length) return undefined; // not a subsequence: keep plain offsets
    out.push(from + j++);
  }
  return out;
}

const TABLE = { minCells: 4, maxCellChars: 24 };

/** The cells of a paragraph whose source is a run of short lines without sentence marks (a table flattened by ingest). */
function tableCells(text: string, lineStart: number, source: string): Piece[] | undefined {
  const rows = source.split(/\r?\n/u).map((l) => l.trim()).filter((l) => l.length > 0);
  if (rows.length < TABLE.minCells || rows.some((r) => r.length > TABLE.maxCellChars || /[。；;]/u.test(r))) return undefined;
  const cells: Piece[] = [];
  let at = 0;
  for (const r of rows) {
    const i = text.indexOf(r, at);
    if (i < 0) return undefined;
    cells.push({ text: r, start: lineStart + i });
    at = i + r.length;
  }
  return cells;
}

const LINES = new WeakMap<Article, Line[]>();

/** A table typed as text, one row a line, its cells apart by vertical bars (人员 | 外出情形 | 请假或报告对象). */
const PIPE_ROW = /^[^|｜]+(?:[|｜][^|｜]*){2,}$/u;

/**
 * A paragraph holding a table typed as text — two or more of its source lines rows of cells apart by | — as its rows,
 * each a line of its own (row, cells), and the text before, between and after them as lines of their own: a row is no
 * part of the sentence around it (the paragraph's text has its lines joined, 请假或报告对象县长 | 离开本县 …).
 */
function pipeRows(line: Line, source: string): Line[] {
  const rows = source.split(/\r?\n/u).map((l) => l.trim()).filter((l) => PIPE_ROW.test(l));
  if (rows.length < 2) return [line];
  // A stretch of the paragraph as a line of its own (the paragraph's cells, if ingest saw a table in it, not carried).
  const sub = (from: number, to: number, extra: Pick<Line, 'cells' | 'row'> = {}): Line => {
    const { cells: _cells, row: _row, offsets, ...rest } = line;
    return { ...rest, text: line.text.slice(from, to), start: line.start + from, ...(offsets ? { offsets: offsets.slice(from, to) } : {}), ...extra };
  };
  const out: Line[] = [];
  let at = 0;
  for (const r of rows) {
    const i = line.text.indexOf(r, at);
    if (i < 0) return [line]; // the rows are not the text's own: leave the paragraph whole
    if (line.text.slice(at, i).trim()) out.push(sub(at, i));
    const cells: Piece[] = [];
    let from = 0;
    for (const cell of r.split(/[|｜]/u)) {
      const lead = cell.length - cell.trimStart().length;
      if (cell.trim()) cells.push({ text: cell.trim(), start: line.start + i + from + lead });
      from += cell.length + 1;
    }
    out.push(sub(i, i + r.length, { cells, row: true }));
    at = i + r.length;
  }
  if (line.text.slice(at).trim()) out.push(sub(at, line.text.length));
  return out;
}

/** The article's lines in order: each paragraph, then its items (depth first). The label is cut off the first line. */
export function articleLines(doc: RuleDocument, article: Article): Line[] {
  const cached = LINES.get(article);
  if (cached) return cached;
  const lines: Line[] = [];
  const make = (written: string, span: Span, isItem: boolean, paragraph: number): Line => {
    const text = toSimplified(written);
    const source = toSimplified(doc.text.slice(span.start, span.end));
    const offsets = alignOffsets(text, source, span.start);
    const line: Line = { text, start: span.start, isItem, paragraph };
    if (offsets) {
      line.offsets = offsets;
      const cells = isItem ? undefined : tableCells(text, span.start, source);
      if (cells) line.cells = cells;
    } else if (!isItem && text.includes('\t')) {
      // One row of an HTML table (ingest writes a row as one line, its cells apart by tabs).
      let at = 0;
      line.cells = text.split('\t').map((cell) => {
        const piece = { text: cell.trim(), start: span.start + at + (cell.length - cell.trimStart().length) };
        at += cell.length + 1;
        return piece;
      }).filter((c) => c.text.length > 0);
      line.row = true;
    }
    return line;
  };
  // The marker (（一）, 1、) is not part of what an item says; the label is not part of the first line.
  const cut = (line: Line, written: string): Line => {
    const head = toSimplified(written);
    if (!head || !line.text.startsWith(head)) return line;
    const n = head.length + (line.text.slice(head.length).match(/^[\s\u3000]*/)?.[0].length ?? 0);
    const out: Line = { ...line, text: line.text.slice(n), start: line.start + n };
    if (line.offsets) out.offsets = line.offsets.slice(n);
    return out;
  };
  const walk = (it: Item, paragraph: number, parent?: Line) => {
    const line = cut(make(it.text, it.span, true, paragraph), it.marker);
    if (parent) line.parent = parent;
    lines.push(line);
    for (const c of it.children) walk(c, paragraph, line);
  };
  for (const p of article.paragraphs) {
    const line = make(p.text, p.span, false, p.index);
    lines.push(...pipeRows(line, toSimplified(doc.text.slice(p.span.start, p.span.end))));
    for (const it of p.items) walk(it, p.index);
  }
  const out = lines;
  if (out[0]) out[0] = cut(out[0], article.label);
  // An article's own heading in brackets after its label (第三十二条（会议请假）, 第四十六条（因公出国（境））) names it; it
  // is no sentence of its rules: off the first line, and the line dropped when nothing else is on it.
  const heading = out[0] ? ARTICLE_HEADING.exec(out[0].text) : null;
  if (heading) {
    if (heading[0].length === out[0]!.text.trim().length && out.length > 1) out.shift();
    else if (heading[0].length < out[0]!.text.length) out[0] = cut(out[0]!, heading[0]);
  }
  LINES.set(article, out);
  return out;
}

/** A bracketed heading at the start of an article's first line: （目的和依据）, （因公出国（境））, 【施行】. */
const ARTICLE_HEADING = /^[（(【［\[](?:[^（()）【】［］\[\]]|[（(][^（()）]{0,8}[）)]){1,24}[）)】］\]][\s\u3000]*/u;

/** The document span of a piece of one of the article's lines. */
function pieceSpan(doc: RuleDocument, article: Article, p: Piece): Span {
  const end = p.start + p.text.length;
  for (const line of articleLines(doc, article)) {
    if (p.start < line.start || p.start > line.start + line.text.length) continue;
    if (!line.offsets || p.text.length === 0) return { start: p.start, end };
    const a = line.offsets[p.start - line.start];
    const b = line.offsets[end - 1 - line.start];
    if (a === undefined || b === undefined) return { start: p.start, end };
    return { start: a, end: b + 1 };
  }
  return { start: p.start, end };
}

/**
 * The words of a piece as written in the document: the source characters its characters were read from (the
 * same words with traditional characters as written; a sentence joined over a line end has no break).
 */
export function written(doc: RuleDocument, article: Article, p: Piece): string {
  for (const line of articleLines(doc, article)) {
    if (p.start < line.start || p.start + p.text.length > line.start + line.text.length) continue;
    const from = p.start - line.start;
    if (!line.offsets) return doc.text.slice(p.start, p.start + p.text.length);
    return line.offsets.slice(from, from + p.text.length).map((o) => doc.text[o]).join('');
  }
  return p.text;
}

/** Where sentences end (。；！？) and where clauses end (，：): the mark stays with its piece. */
const SENTENCE_END = '。；;！？!?';
const CLAUSE_END = '，,：:';

/** Split text after each of the `ends` characters (the mark stays with its piece); blank pieces dropped. */
export function splitPieces(text: string, start: number, ends: string): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (ends.includes(text[i]!)) {
      out.push({ text: text.slice(from, i + 1), start: start + from });
      from = i + 1;
    }
  }
  if (from < text.length) out.push({ text: text.slice(from), start: start + from });
  return out.map(trimPiece).filter((p) => p.text.length > 0);
}

/** Trim spaces and a leading opening bracket or closing bracket debris. */
export function trimPiece(p: Piece): Piece {
  const lead = p.text.match(/^[\s\u3000（(）)]*/)![0].length;
  const text = p.text.slice(lead).replace(/[\s\u3000]+$/, '');
  return { text, start: p.start + lead };
}

const SENTENCES = new WeakMap<Line, readonly Sentence[]>();

/** A line's sentences (made once per line: every extractor reads them; not to be changed by a reader). */
export function sentences(line: Line): readonly Sentence[] {
  let out = SENTENCES.get(line);
  if (!out) SENTENCES.set(line, (out = splitPieces(line.text, line.start, SENTENCE_END).flatMap(atInlineItems).map((p, index) => ({ ...p, line, index }))));
  return out;
}

/** A colon before an inline item (…制度：①市长离X，…；②…): the lead-in ends there, each item a sentence of its own. */
function atInlineItems(p: Piece): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  for (let i = 0; i + 1 < p.text.length; i++)
    if ((p.text[i] === '：' || p.text[i] === ':') && /[①-⑳]/u.test(p.text[i + 1]!)) {
      out.push({ text: p.text.slice(from, i + 1), start: p.start + from });
      from = i + 1;
    }
  if (!out.length) return [p];
  out.push({ text: p.text.slice(from), start: p.start + from });
  return out;
}

/** Clauses of a sentence: split after ，, ：: (the mark stays with its clause). */
export function clauses(p: Piece): Piece[] {
  return splitPieces(p.text, p.start, CLAUSE_END);
}

/** Drop a trailing punctuation mark from a piece. */
export function stripEnd(p: Piece): Piece {
  const m = p.text.match(/[。；;，,：:！？!?、\s]+$/);
  return m ? { text: p.text.slice(0, -m[0].length), start: p.start } : p;
}

/** The article label for display: '七十六、' → '七十六', '第四十一条' stays. */
export function displayLabel(label: string): string {
  return label.replace(/[、，,．.:：\s\u3000]+$/, '');
}

/** A citation of a piece of an article. */
export function cite(doc: RuleDocument, article: Article, piece: Piece): Citation {
  const span = pieceSpan(doc, article, stripEnd(piece));
  return {
    ...refOf(doc.id, article),
    district: doc.meta.jurisdiction.name,
    quote: doc.text.slice(span.start, span.end),
    span,
  };
}

/** A piece spanning from the start of `a` to the end of `b` (same line). */
export function joinPieces(a: Piece, b: Piece, lineText: string, lineStart: number): Piece {
  const start = Math.min(a.start, b.start);
  const end = Math.max(a.start + a.text.length, b.start + b.text.length);
  return { text: lineText.slice(start - lineStart, end - lineStart), start };
}
