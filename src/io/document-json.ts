/**
 * documents/<id>.json without the text written twice. The model repeats its words at every level: the document's
 * `text`, each article's `text` (its paragraphs and items, one line each), each paragraph's and item's `text` (most
 * often exactly `text.slice(span.start, span.end)`). On disk a paragraph's or item's `text` is left out when it is
 * that slice, and an article's when it is its lines joined; reading puts them back, so a document read is equal to
 * the document written, key order included (docs/decisions/0070: at 500 documents 65 → 31 MB). A text that differs
 * (a sentence joined over a line break, a page number left out) is written as it is.
 */
import type { Article, Item, Paragraph, RuleDocument } from '../model.js';
import { unitTexts } from '../segment/items.js';

type Encoded<T> = Omit<T, 'text'> & { text?: string };

function encodeItem(it: Item, source: string): Encoded<Item> {
  const children = it.children.map((c) => encodeItem(c, source));
  const sliced = it.text === source.slice(it.span.start, it.span.end);
  return rebuild(it, (k) => (k === 'text' ? (sliced ? undefined : it.text) : k === 'children' ? children : (it as unknown as Record<string, unknown>)[k]));
}

function encodeParagraph(p: Paragraph, source: string): Encoded<Paragraph> {
  const items = p.items.map((it) => encodeItem(it, source));
  const inline = p.inlineItems?.map((it) => encodeItem(it, source));
  const sliced = p.text === source.slice(p.span.start, p.span.end);
  return rebuild(p, (k) => (k === 'text' ? (sliced ? undefined : p.text) : k === 'items' ? items : k === 'inlineItems' ? inline : (p as unknown as Record<string, unknown>)[k]));
}

function encodeArticle(a: Article, source: string): Encoded<Article> {
  const paragraphs = a.paragraphs.map((p) => encodeParagraph(p, source));
  const joined = a.text === unitTexts(a.paragraphs).join('\n');
  return rebuild(a, (k) => (k === 'text' ? (joined ? undefined : a.text) : k === 'paragraphs' ? paragraphs : (a as unknown as Record<string, unknown>)[k]));
}

/** The object's keys in its own order, each with the value `value(key)`; undefined leaves the key out. */
function rebuild<T extends object>(o: T, value: (k: string) => unknown): Encoded<T> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    const v = value(k);
    if (v !== undefined) out[k] = v;
  }
  return out as Encoded<T>;
}

/** The document as documents/<id>.json stores it (see the module's comment). */
export function encodeDocument(doc: RuleDocument): object {
  return rebuild(doc, (k) => (k === 'articles' ? doc.articles.map((a) => encodeArticle(a, doc.text)) : (doc as unknown as Record<string, unknown>)[k]));
}

// ------------------------------------------------------------------ reading

/**
 * A copy of `o` with `value(k)` for each of its keys, in its order, and `text` put back before the key `before` when
 * it was left out (one object per unit: reading 500 documents made each twice, a spread and a rebuild).
 */
function restore<T>(o: Record<string, unknown>, before: string, value: (k: string, v: unknown) => unknown, text: () => string): T {
  const out: Record<string, unknown> = {};
  const put = typeof o.text !== 'string';
  for (const k in o) {
    if (put && k === before) out.text = text();
    out[k] = value(k, o[k]);
  }
  return out as T;
}

function decodeItem(o: Record<string, unknown>, source: string): Item {
  const span = o.span as Item['span'];
  return restore<Item>(o, 'span', (k, v) => (k === 'children' ? (v as Record<string, unknown>[]).map((c) => decodeItem(c, source)) : v), () => source.slice(span.start, span.end));
}

function decodeParagraph(o: Record<string, unknown>, source: string): Paragraph {
  const span = o.span as Paragraph['span'];
  const items = (k: string, v: unknown) => (k === 'items' || k === 'inlineItems' ? (v as Record<string, unknown>[]).map((c) => decodeItem(c, source)) : v);
  return restore<Paragraph>(o, 'span', items, () => source.slice(span.start, span.end));
}

function decodeArticle(o: Record<string, unknown>, source: string): Article {
  const paragraphs = (o.paragraphs as Record<string, unknown>[]).map((p) => decodeParagraph(p, source));
  return restore<Article>(o, 'paragraphs', (k, v) => (k === 'paragraphs' ? paragraphs : v), () => unitTexts(paragraphs).join('\n'));
}

/** A document as read from documents/<id>.json, its texts put back (other fields as they are, formatVersion included). */
export function decodeDocument<T extends { text: string; articles: unknown[] }>(o: T): T & RuleDocument {
  return { ...o, articles: o.articles.map((a) => decodeArticle(a as Record<string, unknown>, o.text)) } as unknown as T & RuleDocument;
}
