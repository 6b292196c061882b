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

// A line that ends a sentence (also inside closing brackets or quotes: …。） …。”) does not run on.
const SENTENCE_END = /(?:[。；;：:！？!?…]|[。；;！？!?][)）」』”’"]*|[”"])$/;

export function buildParagraphs(lines: ContentLine[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let styleStack: ItemStyle[] = [];
  let itemPath: Item[] = [];
  // The unit (paragraph or item) the previous line belongs to, and its lines, for continuation lines.
  let open: { node: Paragraph | Item; lines: Line[] } | null = null;

  for (const { line, item } of lines) {
    // A table row (cells apart by tabs, from an HTML table) is a statement of its own: never joined.
    if (open && !item && !SENTENCE_END.test(open.node.text) && !line.trimmed.includes('\t') && !open.node.text.includes('\t')) {
      // A sentence broken over lines (print wrap, page break, <br>): the words join without the break;
      // a page number or web line between them is not in `lines` at all.
      open.lines.push(line);
      open.node.span.end = line.textEnd;
      open.node.text = open.lines.map((l) => l.trimmed).join('');
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
      open = { node, lines: [line] };
    } else {
      const p: Paragraph = { index: paragraphs.length + 1, text: line.trimmed, span, items: [] };
      paragraphs.push(p);
      styleStack = [];
      itemPath = [];
      open = { node: p, lines: [line] };
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
