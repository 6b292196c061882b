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

// ------------------------------------------------------------------ an outline, the rest when read

/**
 * What a review reads of a peer document — its metadata, chapters and sections, and each article's number, label,
 * place and text — written in peers.bin (src/io/peer-file.ts) so that a review against many peers does not parse
 * every documents/<id>.json: at 500 peers that was a third of a review (32 MB of JSON, read, parsed and rebuilt).
 * Article texts are kept apart (one UTF-16 string for the whole peer set, read without decoding UTF-8).
 */
export interface DocumentOutline {
  id: string;
  meta: RuleDocument['meta'];
  chapters: RuleDocument['chapters'];
  sections: RuleDocument['sections'];
  /** [key, ordinal, index, label, style, chapter, section, length of the text] of each article. */
  articles: [string, number, number, string, Article['style'], number | null, number | null, number][];
}

export function outlineOf(doc: RuleDocument): DocumentOutline {
  return {
    id: doc.id,
    meta: doc.meta,
    chapters: doc.chapters,
    sections: doc.sections,
    articles: doc.articles.map((a) => [a.key, a.ordinal, a.index, a.label, a.style, a.chapter, a.section, a.text.length]),
  };
}

/**
 * An article of a LazyDocument: what the outline holds is its own; its span and paragraphs are the full document's,
 * read when first asked for (as is JSON.stringify's copy, through toJSON).
 */
class OutlinedArticle implements Article {
  constructor(
    readonly key: string,
    readonly ordinal: number,
    readonly index: number,
    readonly label: string,
    readonly style: Article['style'],
    readonly chapter: number | null,
    readonly section: number | null,
    readonly text: string,
    doc: LazyDocument,
  ) {
    this.#doc = doc;
  }
  #doc: LazyDocument;
  get span(): Article['span'] {
    return this.#doc.full().articles[this.index]!.span;
  }
  get paragraphs(): Article['paragraphs'] {
    return this.#doc.full().articles[this.index]!.paragraphs;
  }
  toJSON(): Article {
    return this.#doc.full().articles[this.index]!;
  }
}

/**
 * A document known by its outline: id, metadata, chapters, sections and articles (numbers, labels, texts) at once;
 * the rest — the source text, preamble, trailer, blocks, diagnostics, each article's paragraphs — read from its
 * documents/<id>.json (`load`) when first asked for. Equal, field by field, to the document `load` returns.
 */
export class LazyDocument implements RuleDocument {
  readonly id: string;
  readonly meta: RuleDocument['meta'];
  readonly chapters: RuleDocument['chapters'];
  readonly sections: RuleDocument['sections'];
  readonly articles: Article[];
  #full: RuleDocument | null = null;
  #load: () => RuleDocument;
  constructor(outline: DocumentOutline, texts: string, from: number, load: () => RuleDocument) {
    this.#load = load;
    this.id = outline.id;
    this.meta = outline.meta;
    this.chapters = outline.chapters;
    this.sections = outline.sections;
    let at = from;
    this.articles = outline.articles.map(([key, ordinal, index, label, style, chapter, section, length]) => {
      const text = texts.slice(at, (at += length));
      return new OutlinedArticle(key, ordinal, index, label, style, chapter, section, text, this);
    });
  }
  /** The whole document (read once). */
  full(): RuleDocument {
    return (this.#full ??= this.#load());
  }
  get text(): string {
    return this.full().text;
  }
  get preamble(): RuleDocument['preamble'] {
    return this.full().preamble;
  }
  get trailer(): RuleDocument['trailer'] {
    return this.full().trailer;
  }
  get blocks(): RuleDocument['blocks'] {
    return this.full().blocks;
  }
  get diagnostics(): RuleDocument['diagnostics'] {
    return this.full().diagnostics;
  }
  toJSON(): RuleDocument {
    return this.full();
  }
}

/** The characters an outline's articles take in the texts string. */
export const outlineLength = (o: DocumentOutline): number => o.articles.reduce((n, a) => n + a[7], 0);
