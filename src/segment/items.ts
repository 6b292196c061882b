/**
 * An article's lines → paragraphs (款) with nested items (项/目).
 * A line that does not end a sentence continues onto the next line (print line wraps).
 * Items nest by the order their marker styles first appear: （一） then 1、 then （1）.
 */
import type { ItemStyle, Paragraph, Item } from '../model.js';
import type { Line } from './lines.js';

export interface ContentLine {
  line: Line;
  /** Set when the line starts with an item marker. */
  item?: { marker: string; style: ItemStyle; number: number };
}

const SENTENCE_END = /[。；;：:！？!?”"…]$/;

export function buildParagraphs(text: string, lines: ContentLine[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let styleStack: ItemStyle[] = [];
  // The unit (paragraph or item) the previous line belongs to, for continuation lines.
  let open: { span: { start: number; end: number }; setText: (t: string) => void } | null = null;
  let itemPath: Item[] = [];

  const unit = <T extends { span: { start: number; end: number }; text: string }>(node: T) => ({
    span: node.span,
    setText: (t: string) => {
      node.text = t;
    },
  });

  for (const { line, item } of lines) {
    const continues = open !== null && !item && !SENTENCE_END.test(text.slice(open.span.start, open.span.end));
    if (continues && open) {
      open.span.end = line.textEnd;
      open.setText(text.slice(open.span.start, open.span.end));
      continue;
    }
    const span = { start: line.textStart, end: line.textEnd };
    if (item && paragraphs.length > 0) {
      let depth = styleStack.indexOf(item.style);
      if (depth < 0) {
        styleStack.push(item.style);
        depth = styleStack.length - 1;
      } else {
        styleStack = styleStack.slice(0, depth + 1);
      }
      const node: Item = { marker: item.marker, style: item.style, number: item.number, level: depth + 1, text: line.trimmed, span, children: [] };
      itemPath = itemPath.slice(0, depth);
      const parent = itemPath[depth - 1];
      (parent ? parent.children : paragraphs[paragraphs.length - 1]!.items).push(node);
      itemPath[depth] = node;
      open = unit(node);
    } else {
      const p: Paragraph = { index: paragraphs.length + 1, text: line.trimmed, span, items: [] };
      paragraphs.push(p);
      styleStack = [];
      itemPath = [];
      open = unit(p);
    }
  }
  return paragraphs;
}

/** Paragraph and item texts in source order (the article's words, one unit per line). */
export function unitTexts(paragraphs: Paragraph[]): string[] {
  const out: string[] = [];
  const walk = (items: Item[]) => {
    for (const it of items) {
      out.push(it.text);
      walk(it.children);
    }
  };
  for (const p of paragraphs) {
    out.push(p.text);
    walk(p.items);
  }
  return out;
}

/** All items of an article, depth first. */
export function flattenItems(paragraphs: Paragraph[]): Item[] {
  const out: Item[] = [];
  const walk = (items: Item[]) => items.forEach((it) => (out.push(it), walk(it.children)));
  paragraphs.forEach((p) => walk(p.items));
  return out;
}
