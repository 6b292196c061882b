/**
 * The text an extractor reads: an article as lines (its paragraphs and items, each with
 * its exact span in the document), lines as sentences, sentences as clauses. Every piece
 * keeps its absolute offset into `RuleDocument.text`, so a fact's quote can always be
 * checked against the source.
 */
import type { Article, Citation, Item, RuleDocument, Span } from '../model.js';

export interface Line {
  text: string;
  /** Absolute offset of text[0] in the document text. */
  start: number;
  /** True for an enumerated item (（一）…), false for a paragraph (款). */
  isItem: boolean;
  /** 1-based index of the paragraph the line belongs to. */
  paragraph: number;
}

export interface Piece {
  text: string;
  /** Absolute offset of text[0] in the document text. */
  start: number;
}

export interface Sentence extends Piece {
  line: Line;
  /** Index of the sentence within its line. */
  index: number;
}

/** The article's lines in order: each paragraph, then its items (depth first). The label is cut off the first line. */
export function articleLines(article: Article): Line[] {
  const lines: Line[] = [];
  const walk = (it: Item, paragraph: number) => {
    // The marker (（一）, 1、) is not part of what the item says.
    const cut = it.text.startsWith(it.marker) ? it.marker.length + (it.text.slice(it.marker.length).match(/^[\s\u3000]*/)?.[0].length ?? 0) : 0;
    lines.push({ text: it.text.slice(cut), start: it.span.start + cut, isItem: true, paragraph });
    for (const c of it.children) walk(c, paragraph);
  };
  for (const p of article.paragraphs) {
    lines.push({ text: p.text, start: p.span.start, isItem: false, paragraph: p.index });
    for (const it of p.items) walk(it, p.index);
  }
  const first = lines[0];
  if (first && first.text.startsWith(article.label)) {
    const cut = article.label.length + (first.text.slice(article.label.length).match(/^[\s\u3000]*/)?.[0].length ?? 0);
    lines[0] = { ...first, text: first.text.slice(cut), start: first.start + cut };
  }
  return lines;
}

const SENTENCE_END = /[。；;！？!?]/;

/** Split text at sentence ends (。；！？); the end mark stays with its sentence; blank pieces dropped. */
export function splitPieces(text: string, start: number, ends: RegExp): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (ends.test(text[i]!)) {
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

export function sentences(line: Line): Sentence[] {
  return splitPieces(line.text, line.start, SENTENCE_END).map((p, index) => ({ ...p, line, index }));
}

/** Clauses of a sentence: split after ，, ：: (the mark stays with its clause). */
export function clauses(p: Piece): Piece[] {
  return splitPieces(p.text, p.start, /[，,：:]/);
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
  const p = stripEnd(piece);
  const span: Span = { start: p.start, end: p.start + p.text.length };
  return {
    docId: doc.id,
    ordinal: article.ordinal,
    label: article.label,
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
