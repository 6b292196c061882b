/**
 * An article's lines → paragraphs (款) with nested items (项/目).
 * A line that does not end a sentence continues onto the next line (print line wraps).
 * Items nest by the order their marker styles first appear: （一） then 1、 then （1）.
 */
import type { ItemStyle, Paragraph, Item } from '../model.js';
import { parseNumber } from '../text/numerals.js';
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
  for (const p of paragraphs) {
    // Spans inside the line are exact only when the paragraph's text is the plain slice of one line.
    if (p.items.length === 0 && p.text.length === p.span.end - p.span.start) {
      const inline = inlineItems(p.text, p.span.start);
      if (inline.length) p.inlineItems = inline;
    }
  }
  return paragraphs;
}

const INLINE_MARKER = /[（(]\s*([一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）]|[①-⑳]/g;
const ITEM_OPENS_AFTER = /[：:；;。]\s*$/;

/**
 * Items inside one line: markers （一）（二）… or (1)(2)… or ①②…, each after a colon, semicolon or full stop,
 * numbered 1, 2, 3 … in one style (at least two), so a reference such as 第三条（一） is no item.
 * An item runs to the next marker; the last one to the end of its sentence.
 */
export function inlineItems(text: string, start: number): Item[] {
  const found: { at: number; marker: string; number: number; style: ItemStyle }[] = [];
  for (const m of text.matchAll(INLINE_MARKER)) {
    const at = m.index!;
    if (at === 0 || !ITEM_OPENS_AFTER.test(text.slice(Math.max(0, at - 3), at))) continue;
    const circled = m[1] === undefined;
    const number = circled ? m[0].charCodeAt(0) - 0x2460 + 1 : parseNumber(m[1]!);
    const style: ItemStyle = circled ? 'circled' : /\d/.test(m[1]!) ? 'arabic-paren' : 'cn-paren';
    const prev = found[found.length - 1];
    if (prev ? prev.style === style && number === prev.number + 1 : number === 1) found.push({ at, marker: m[0], number, style });
  }
  if (found.length < 2) return [];
  return found.map((f, k) => {
    const next = found[k + 1];
    let end = next ? next.at : text.length;
    if (!next) {
      const stop = text.indexOf('。', f.at);
      if (stop >= 0) end = stop + 1;
    }
    const raw = text.slice(f.at, end);
    const body = raw.replace(/[\s\u3000]+$/, '');
    return { marker: f.marker, style: f.style, number: f.number, level: 1, text: body, span: { start: start + f.at, end: start + f.at + body.length }, children: [] };
  });
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
