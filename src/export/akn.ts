/**
 * Akoma Ntoso 3.0 (OASIS LegalDocML) export: one RuleDocument → one `<akomaNtoso><act name="workRules">` document,
 * valid against akomantoso30.xsd. Pure: no files, no clock, no environment; the same document gives the same bytes.
 * The mapping and its reasons: docs/decisions/0040-akoma-ntoso-mapping.md.
 *
 * Text guarantee: the text nodes of the result, concatenated in document order, are `doc.text` exactly — every
 * character of every block, line ends and indentation included, nothing added (no formatting whitespace; metadata is
 * carried in attributes) — except the characters XML 1.0 cannot carry at all (C0 controls other than tab, LF and CR,
 * U+FFFE, U+FFFF, lone surrogates), which are removed. CR is written as `&#13;` so that parsers keep it.
 *
 * Layout: every piece of source text is the content of one element that may hold text (`p`, `num`, `heading`). The
 * whitespace between two such pieces stays between the elements when it is XML whitespace (space, tab, CR, LF);
 * otherwise (U+3000 indentation, NBSP, a page number inside an article) it is given to the neighbouring element that
 * can hold it: what stands before the last line break to the element before, the rest to the element after. A `num`
 * holds only the number as written, so whitespace around it goes to the heading or text next to it.
 */
import iso from '../../data/iso-3166-2-cn.json' with { type: 'json' };
import type { Article, Block, Chapter, Item, Paragraph, RuleDocument, Section, Span } from '../model.js';
import { classifyLine } from '../segment/classify.js';
import { splitLines, type Line } from '../segment/lines.js';
import { CN_NUMERAL_CHARS } from '../text/numerals.js';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
/** Namespace of rulecmp's own metadata inside `<proprietary>`. */
export const RULECMP_NAMESPACE = 'urn:x-rulecmp:akn:1';

export interface AknOptions {
  /**
   * FRBRdate for a document that states no date and no year (ISO date; default '0001-01-01'). It is named
   * "unknown" in the XML, so it is never mistaken for a date the document states.
   */
  fallbackDate?: string;
}

// ---------------------------------------------------------------- the tree

type Attrs = [string, string | number | null | undefined][];

/** An element whose content is a range of the source text (p, num, heading). */
interface Leaf {
  leaf: true;
  tag: string;
  attrs: Attrs;
  start: number;
  end: number;
  /** A num: holds exactly its range, never whitespace around it. */
  fixed: boolean;
  /** Debris lines that end up inside this element (a page number inside an article) are marked as such. */
  marksDebris: boolean;
  index: number;
}

interface Element {
  leaf: false;
  tag: string;
  attrs: Attrs;
  children: Node[];
  /** Pre-rendered XML (the metadata), no text nodes. */
  raw?: string;
}

type Node = Leaf | Element;

const el = (tag: string, attrs: Attrs = [], children: Node[] = []): Element => ({ leaf: false, tag, attrs, children });
const leafNode = (tag: string, start: number, end: number, attrs: Attrs = [], fixed = false, marksDebris = false): Leaf => ({
  leaf: true, tag, attrs, start, end, fixed, marksDebris, index: -1,
});

// ---------------------------------------------------------------- XML text

// Characters XML 1.0 cannot carry, not even as character references.
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ILLEGAL_ONE = /^[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]$/u;

/** Remove the characters XML 1.0 cannot carry: what the text guarantee compares against. */
export function xmlCharacters(s: string): string {
  return s.replace(ILLEGAL, '');
}

function escText(s: string): string {
  return xmlCharacters(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function escAttr(s: string): string {
  return xmlCharacters(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function attrString(attrs: Attrs): string {
  return attrs
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escAttr(String(v))}"`)
    .join('');
}

/** XML whitespace (may stand between elements); characters XML cannot carry count as nothing. */
const isXmlSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || ILLEGAL_ONE.test(c);
/** Blank as the segmenter trims lines. */
const BLANK = /[\s\u3000\u00a0\ufeff]/;

// ---------------------------------------------------------------- ids

/** eIds (unique in the document) and wIds (the same path with positions instead of numbers as written). */
interface Id {
  eId: string;
  wId: string;
}

class Ids {
  private readonly used = new Set<string>();

  /** `base`, or `base-2`, `base-3` … when a number is written twice (two 第四条). */
  unique(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }

  child(parent: Id | null, part: string, positionalPart: string): Id {
    return { eId: this.unique(parent ? `${parent.eId}__${part}` : part), wId: parent ? `${parent.wId}__${positionalPart}` : positionalPart };
  }
}

const idAttrs = (id: Id): Attrs => [['eId', id.eId], ['wId', id.wId !== id.eId ? id.wId : null]];
const numberOr = (n: number, fallback: number): number => (Number.isFinite(n) && n >= 0 ? n : fallback);

// ---------------------------------------------------------------- metadata

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(s: string | null | undefined): s is string {
  const m = s ? ISO_DATE.exec(s) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) && Number(m[1]) > 0;
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'unknown';

/** The country part of the work URI: cn-<ISO 3166-2 code of the province>, else cn-<document id>. */
export function aknCountryPart(doc: RuleDocument): string {
  const province = doc.meta.jurisdiction.province ?? doc.meta.jurisdiction.city;
  const codes = iso.codes as Record<string, string>;
  const key = province ? Object.keys(codes).find((k) => province.startsWith(k)) : undefined;
  return `cn-${key ? codes[key]!.toLowerCase() : slug(doc.id)}`;
}

/** Work, expression and manifestation URIs (AKN Naming Convention, section 4). */
export function aknUris(doc: RuleDocument, options: AknOptions = {}): { work: string; expression: string; manifestation: string; date: { name: string; date: string } } {
  const date = workDate(doc, options);
  const year = doc.meta.year ?? date.date.slice(0, 4);
  const work = `/akn/${aknCountryPart(doc)}/act/${year}/${encodeURIComponent(doc.id)}`;
  const expression = `${work}/zho@${date.date}`;
  return { work, expression, manifestation: `${expression}.akn`, date };
}

function statedDates(doc: RuleDocument): { name: string; date: string }[] {
  const d = doc.meta.dates;
  return (['issued', 'adopted', 'published', 'printed'] as const).flatMap((k) => (validDate(d[k]) ? [{ name: k, date: d[k]! }] : []));
}

function workDate(doc: RuleDocument, options: AknOptions): { name: string; date: string } {
  const stated = statedDates(doc)[0];
  if (stated) return stated;
  if (doc.meta.year !== null && doc.meta.year > 0 && doc.meta.year < 10000) return { name: 'year', date: `${String(doc.meta.year).padStart(4, '0')}-01-01` };
  return { name: 'unknown', date: validDate(options.fallbackDate) ? options.fallbackDate : '0001-01-01' };
}

function metaXml(doc: RuleDocument, options: AknOptions): string {
  const m = doc.meta;
  const uris = aknUris(doc, options);
  const stated = statedDates(doc);
  const dates = stated.length ? stated : [uris.date];
  const tag = (name: string, attrs: Attrs) => `<${name}${attrString(attrs)}/>`;
  const frbrDates = dates.map((d) => tag('FRBRdate', [['date', d.date], ['name', d.name]])).join('');
  const issuer = m.issuer ?? m.jurisdiction.name ?? doc.id;
  const work =
    `<FRBRWork>${tag('FRBRthis', [['value', `${uris.work}/!main`]])}${tag('FRBRuri', [['value', uris.work]])}${frbrDates}` +
    `${tag('FRBRauthor', [['href', '#issuer']])}${tag('FRBRcountry', [['value', 'cn']])}` +
    `${m.docNumber ? tag('FRBRnumber', [['value', m.docNumber]]) : ''}${m.title ? tag('FRBRname', [['value', m.title]]) : ''}</FRBRWork>`;
  const expression =
    `<FRBRExpression>${tag('FRBRthis', [['value', `${uris.expression}/!main`]])}${tag('FRBRuri', [['value', uris.expression]])}` +
    `${tag('FRBRdate', [['date', uris.date.date], ['name', uris.date.name]])}${tag('FRBRauthor', [['href', '#issuer']])}` +
    `${tag('FRBRlanguage', [['language', 'zho']])}</FRBRExpression>`;
  // The manifestation is dated by the expression, not by the clock: the build must give the same bytes twice.
  const manifestation =
    `<FRBRManifestation>${tag('FRBRthis', [['value', `${uris.expression}/!main.xml`]])}${tag('FRBRuri', [['value', uris.manifestation]])}` +
    `${tag('FRBRdate', [['date', uris.date.date], ['name', 'Generation']])}${tag('FRBRauthor', [['href', '#rulecmp']])}` +
    `${tag('FRBRformat', [['value', 'application/akn+xml']])}</FRBRManifestation>`;
  const references =
    `<references source="#rulecmp">${tag('TLCOrganization', [['eId', 'rulecmp'], ['href', '/akn/ontology/organization/rulecmp'], ['showAs', 'rulecmp']])}` +
    `${tag('TLCOrganization', [['eId', 'issuer'], ['href', `/akn/ontology/organization/cn/${encodeURIComponent(issuer)}`], ['showAs', issuer]])}</references>`;
  const s = m.source;
  const proprietary =
    `<proprietary source="#rulecmp"><rulecmp:document xmlns:rulecmp="${RULECMP_NAMESPACE}"${attrString([
      ['id', doc.id],
      ['province', m.jurisdiction.province],
      ['city', m.jurisdiction.city],
      ['district', m.jurisdiction.district],
      ['validity', m.validity],
      ['sourceFormat', s.format],
      ['sourceEncoding', s.encoding],
      ['sourceBytes', s.bytes],
      ['sourceSha256', s.sha256 || null],
    ])}/></proprietary>`;
  return `<meta><identification source="#rulecmp">${work}${expression}${manifestation}</identification>${references}${proprietary}</meta>`;
}

// ---------------------------------------------------------------- the document

const SP = '[ \\t\\u3000\\u00a0]*';
const HEADING_LABEL = (word: string) => new RegExp(`第${SP}[${CN_NUMERAL_CHARS}0-9０-９]+${SP}${word}`, 'y');
const CHAPTER_LABEL = HEADING_LABEL('章');
const SECTION_LABEL = HEADING_LABEL('节');

interface Context {
  node: Element;
  id: Id | null;
  sections: number;
  hcontainers: number;
}

/** One Akoma Ntoso 3.0 document (UTF-8 XML, with its declaration) for a segmented document. */
export function toAkomaNtoso(doc: RuleDocument, options: AknOptions = {}): string {
  const { text } = doc;
  const lines = splitLines(text);
  const ids = new Ids();

  const linesOf = (b: Block): Line[] => lines.filter((l) => l.start >= b.span.start && l.end <= b.span.end && l.textEnd > l.textStart);
  const skipBlank = (at: number, limit: number): number => {
    while (at < limit && BLANK.test(text[at]!)) at++;
    return at;
  };
  const debrisClass = (l: Line): string => {
    const shape = classifyLine(l);
    return shape.kind === 'debris' ? (shape.what === 'page-number' ? 'pageNumber' : 'webDebris') : 'debris';
  };
  const lineClass = (b: Block, l: Line): string | null => (b.kind === 'debris' ? debrisClass(l) : b.kind === 'unplaced' ? 'unplaced' : null);
  const lineLeaves = (b: Block, cls: (l: Line) => string | null = (l) => lineClass(b, l)): Leaf[] =>
    linesOf(b).map((l) => leafNode('p', l.textStart, l.textEnd, [['class', cls(l)]]));

  // Regions: front matter before the first chapter, section or article; the trailer after the body.
  const blocks = doc.blocks;
  const isBody = (b: Block) => b.kind === 'chapter' || b.kind === 'section' || b.kind === 'article';
  const trailerAt = blocks.findIndex((b) => b.kind === 'trailer');
  const backStart = trailerAt >= 0 ? trailerAt : blocks.length;
  const firstBody = blocks.findIndex(isBody);
  const frontEnd = firstBody >= 0 && firstBody < backStart ? firstBody : backStart;
  const front = blocks.slice(0, frontEnd);
  const bodyBlocks = blocks.slice(frontEnd, backStart);
  const back = blocks.slice(backStart);

  // ---- preface: the front matter up to the rules' own title (a transmittal notice, a web page's index box), the title.
  const lastTitle = front.map((b) => b.kind).lastIndexOf('title');
  const firstTitle = front.findIndex((b) => b.kind === 'title');
  const prefaceBlocks = lastTitle >= 0 ? front.slice(0, lastTitle + 1) : front;
  const preambleBlocks = lastTitle >= 0 ? front.slice(lastTitle + 1) : [];
  const preface = el('preface', [['xml:space', 'preserve']]);
  const beforeTitle = firstTitle >= 0 ? prefaceBlocks.slice(0, firstTitle) : prefaceBlocks;
  const noticeLeaves = beforeTitle.flatMap((b) => lineLeaves(b));
  if (noticeLeaves.length) {
    const id = ids.child({ eId: 'preface', wId: 'preface' }, 'container_1', 'container_1');
    preface.children.push(el('container', [['name', doc.meta.noticeTitle ? 'transmittalNotice' : 'frontMatter'], ...idAttrs(id)], noticeLeaves));
  }
  // The title line: where the metadata read the title, else the first line of the title block; other lines of the
  // block are notes such as （2019年1月15日县政府第3次常务会议通过）.
  const titleBlocks = prefaceBlocks.filter((b) => b.kind === 'title');
  const titleSpan = doc.meta.evidence['title'];
  const titleLines = titleBlocks.flatMap(linesOf);
  const titleLine = titleLines.find((l) => titleSpan && titleSpan.start >= l.textStart && titleSpan.end <= l.textEnd) ?? titleLines[0];
  for (const b of firstTitle >= 0 ? prefaceBlocks.slice(firstTitle) : []) {
    preface.children.push(...lineLeaves(b, (l) => (b.kind !== 'title' ? lineClass(b, l) : l === titleLine ? 'title' : 'titleNote')));
  }
  const preamble = el('preamble', [['xml:space', 'preserve']], preambleBlocks.flatMap((b) => lineLeaves(b)));

  // ---- body: chapters (章), sections (节), articles (条 / 一、), and the debris and unplaced text between them.
  const body = el('body', [['xml:space', 'preserve']]);
  const root: Context = { node: body, id: null, sections: 0, hcontainers: 0 };
  let chapter: Context | null = null;
  let section: Context | null = null;
  let chapters = 0;
  const emitted = new Set<number>();
  const insideArticle = (b: Block) => doc.articles.some((a) => a.span.start < b.span.start && b.span.start < a.span.end);

  const headed = (tag: 'chapter' | 'section', h: Chapter | Section, label: RegExp, id: Id): Element => {
    label.lastIndex = h.span.start;
    const m = label.exec(text);
    const ok = m !== null && m.index === h.span.start && m[0].replace(/[\s\u3000\u00a0]/g, '') === h.label && h.span.start + m[0].length <= h.span.end;
    const numEnd = ok ? h.span.start + m[0].length : h.span.start;
    const kids: Node[] = ok ? [leafNode('num', h.span.start, numEnd, [], true)] : [];
    kids.push(leafNode('heading', skipBlank(numEnd, h.span.end), h.span.end));
    return el(tag, idAttrs(id), kids);
  };

  for (const b of bodyBlocks) {
    if (b.kind === 'chapter' && doc.chapters[b.ref!]) {
      const ch = doc.chapters[b.ref!]!;
      chapters++;
      const id = ids.child(null, `chp_${numberOr(ch.ordinal, chapters)}`, `chp_${chapters}`);
      const node = headed('chapter', ch, CHAPTER_LABEL, id);
      body.children.push(node);
      chapter = { node, id, sections: 0, hcontainers: 0 };
      section = null;
    } else if (b.kind === 'section' && doc.sections[b.ref!]) {
      const se = doc.sections[b.ref!]!;
      const parent = chapter ?? root;
      parent.sections++;
      const id = ids.child(parent.id, `sec_${numberOr(se.ordinal, parent.sections)}`, `sec_${parent.sections}`);
      const node = headed('section', se, SECTION_LABEL, id);
      parent.node.children.push(node);
      section = { node, id, sections: 0, hcontainers: 0 };
    } else if (b.kind === 'article' && doc.articles[b.ref!]) {
      if (emitted.has(b.ref!)) continue; // the rest of an article after a page number inside it
      emitted.add(b.ref!);
      const parent = section ?? chapter ?? root;
      parent.node.children.push(articleNode(doc.articles[b.ref!]!, parent.id));
    } else {
      // A page number or web line inside an article is part of that article's text (see Leaf.marksDebris).
      if (insideArticle(b)) continue;
      const parent = section ?? chapter ?? root;
      const leaves = lineLeaves(b);
      if (leaves.length === 0) continue;
      parent.hcontainers++;
      const id = ids.child(parent.id, `hcontainer_${parent.hcontainers}`, `hcontainer_${parent.hcontainers}`);
      parent.node.children.push(el('hcontainer', [['name', b.kind], ...idAttrs(id)], [el('content', idAttrs(ids.child(id, 'content', 'content')), leaves)]));
    }
  }
  if (body.children.length === 0) body.children.push(el('hcontainer', [['name', 'noArticles'], ['eId', ids.unique('hcontainer_1')]]));

  function articleNode(a: Article, parent: Id | null): Element {
    const id = ids.child(parent, `art_${numberOr(a.ordinal, a.index + 1)}`, `art_${a.index + 1}`);
    const labelled = a.label.length > 0 && text.startsWith(a.label, a.span.start);
    const labelEnd = labelled ? a.span.start + a.label.length : a.span.start;
    const kids: Node[] = labelled ? [leafNode('num', a.span.start, labelEnd, [], true)] : [];
    a.paragraphs.forEach((p, k) => kids.push(paragraphNode(p, k === 0 ? skipBlank(Math.max(labelEnd, p.span.start), p.span.end) : p.span.start, id)));
    if (a.paragraphs.length === 0) {
      const pid = ids.child(id, 'para_1', 'para_1');
      kids.push(el('paragraph', idAttrs(pid), [el('content', idAttrs(ids.child(pid, 'content', 'content')), [textLeaf(labelEnd, labelEnd)])]));
    }
    return el('article', idAttrs(id), kids);
  }

  function textLeaf(start: number, end: number): Leaf {
    return leafNode('p', start, Math.max(start, end), [], false, true);
  }

  function paragraphNode(p: Paragraph, start: number, parent: Id): Element {
    const id = ids.child(parent, `para_${p.index}`, `para_${p.index}`);
    const end = Math.max(start, p.span.end);
    const block = (tag: 'intro' | 'content' | 'wrapUp', s: number, e: number) => el(tag, idAttrs(ids.child(id, tag.toLowerCase(), tag.toLowerCase())), [textLeaf(s, e)]);
    if (p.items.length) return el('paragraph', idAttrs(id), [block('intro', start, end), listNode(p.items, id)]);
    const inline = p.inlineItems;
    if (inline?.length && inline[0]!.span.start >= start && inline[inline.length - 1]!.span.end <= end) {
      const last = inline[inline.length - 1]!;
      const kids: Node[] = [block('intro', start, inline[0]!.span.start), listNode(inline, id)];
      const tail = skipBlank(last.span.end, end);
      if (tail < end) kids.push(block('wrapUp', tail, end));
      return el('paragraph', idAttrs(id), kids);
    }
    return el('paragraph', idAttrs(id), [block('content', start, end)]);
  }

  function listNode(items: Item[], parent: Id): Element {
    const id = ids.child(parent, 'list_1', 'list_1');
    return el('list', idAttrs(id), items.map((it, k) => pointNode(it, k + 1, id)));
  }

  function pointNode(it: Item, position: number, parent: Id): Element {
    const id = ids.child(parent, `point_${numberOr(it.number, position)}`, `point_${position}`);
    const marked = it.marker.length > 0 && text.startsWith(it.marker, it.span.start);
    const markerEnd = marked ? it.span.start + it.marker.length : it.span.start;
    const kids: Node[] = marked ? [leafNode('num', it.span.start, markerEnd, [], true)] : [];
    const start = skipBlank(markerEnd, it.span.end);
    if (it.children.length) {
      kids.push(el('intro', idAttrs(ids.child(id, 'intro', 'intro')), [textLeaf(start, it.span.end)]), listNode(it.children, id));
    } else kids.push(el('content', idAttrs(ids.child(id, 'content', 'content')), [textLeaf(start, it.span.end)]));
    return el('point', idAttrs(id), kids);
  }

  // ---- conclusions: the print trailer (抄送, 印发), page numbers, web-page tails.
  const trailer = doc.trailer;
  const backClass = (b: Block, l: Line): string | null => {
    if (b.kind !== 'trailer') return lineClass(b, l);
    const t = l.trimmed;
    if (trailer?.pageNumbers.includes(t)) return 'pageNumber';
    if (trailer?.web.includes(t)) return 'web';
    if (/^(抄送|分送|抄报)/.test(t)) return 'copiedTo';
    if (/印发$/.test(t)) return 'printed';
    if (trailer?.printedBy && t === trailer.printedBy) return 'printedBy';
    const shape = classifyLine(l);
    return shape.kind === 'debris' ? debrisClass(l) : null;
  };
  const conclusions = el('conclusions', [['xml:space', 'preserve']], back.flatMap((b) => lineLeaves(b, (l) => backClass(b, l))));

  const act = el('act', [['name', 'workRules']], [{ leaf: false, tag: '', attrs: [], children: [], raw: metaXml(doc, options) }]);
  if (preface.children.length) act.children.push(preface);
  if (preamble.children.length) act.children.push(preamble);
  act.children.push(body);
  if (conclusions.children.length) act.children.push(conclusions);

  // A text with no line to hold (only blanks) still needs one element to carry its whitespace.
  const leaves = collectLeaves(act);
  if (leaves.length === 0 && text.length > 0) {
    const holder = leafNode('p', 0, 0);
    if (preface.children.length === 0) act.children.splice(1, 0, preface);
    preface.children.push(holder);
    leaves.push(holder);
  }
  leaves.forEach((l, i) => (l.index = i));
  const before = tile(doc, leaves);
  const marks = markRanges(doc, lines, leaves);

  // ---- serialise: no whitespace of our own between elements, only the source's.
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n', `<akomaNtoso xmlns="${AKN_NAMESPACE}">`];
  const done = new Set<number>();
  const firstLeaf = (n: Node): number | undefined => {
    if (n.leaf) return n.index;
    for (const c of n.children) {
      const i = firstLeaf(c);
      if (i !== undefined) return i;
    }
    return undefined;
  };
  const write = (n: Node): void => {
    const f = firstLeaf(n);
    if (f !== undefined && !done.has(f)) {
      done.add(f);
      if (before[f]) out.push(escText(before[f]!));
    }
    if (!n.leaf && n.raw !== undefined) return void out.push(n.raw);
    if (n.leaf) return void out.push(renderLeaf(text, n, marks.get(n.index) ?? []));
    out.push(`<${n.tag}${attrString(n.attrs)}${n.children.length ? '>' : '/>'}`);
    n.children.forEach(write);
    if (n.children.length) out.push(`</${n.tag}>`);
  };
  out.push(`<act${attrString(act.attrs)}>`);
  act.children.forEach(write);
  if (before[leaves.length]) out.push(escText(before[leaves.length]!));
  out.push('</act></akomaNtoso>\n');
  return out.join('');
}

function collectLeaves(n: Node, out: Leaf[] = []): Leaf[] {
  if (n.leaf) out.push(n);
  else n.children.forEach((c) => collectLeaves(c, out));
  return out;
}

/**
 * Give every character between two text-holding elements a place (see the file comment): returns, per leaf, the
 * XML whitespace written just before it (index leaves.length: after the last one), and widens the leaves' ranges.
 */
function tile(doc: RuleDocument, leaves: Leaf[]): string[] {
  const { text } = doc;
  const before: string[] = new Array(leaves.length + 1).fill('');
  for (let i = 0; i < leaves.length; i++) {
    const l = leaves[i]!;
    const prev = leaves[i - 1];
    if (l.start > l.end || (prev && l.start < prev.end) || l.end > text.length) {
      throw new Error(`akn export of ${doc.id}: text ranges out of order at offset ${l.start} (an internal error)`);
    }
  }
  for (let i = 0; i <= leaves.length; i++) {
    const prev = leaves[i - 1];
    const next = leaves[i];
    const a = prev ? prev.end : 0;
    const b = next ? next.start : text.length;
    if (a >= b) continue;
    const gap = text.slice(a, b);
    const [p, q] = splitGap(gap, prev !== undefined && !prev.fixed, next !== undefined && !next.fixed, prev !== undefined);
    if (p > 0) prev!.end = a + p;
    if (q < gap.length) next!.start = a + q;
    before[i] = gap.slice(p, q);
  }
  return before;
}

/**
 * Split a gap into [0, p) for the element before, [p, q) between the elements (XML whitespace only) and [q, end) for
 * the element after. What stands before the gap's last line break belongs to the line before, the rest to the next.
 */
export function splitGap(gap: string, prevTakes: boolean, nextTakes: boolean, hasPrev: boolean): [number, number] {
  const n = gap.length;
  let firstNon = -1;
  let lastNon = -1;
  for (let i = 0; i < n; i++) if (!isXmlSpace(gap[i]!)) (firstNon < 0 && (firstNon = i), (lastNon = i));
  if (firstNon < 0) return [0, n];
  const lineStart = Math.max(gap.lastIndexOf('\n'), gap.lastIndexOf('\r')) + 1;
  let p = 0;
  let q = n;
  for (let i = lineStart - 1; i >= 0; i--) if (!isXmlSpace(gap[i]!)) ((p = i + 1), (i = -1));
  for (let i = lineStart; i < n; i++) if (!isXmlSpace(gap[i]!)) ((q = i), (i = n));
  if (p > 0 && !prevTakes) {
    if (nextTakes) return [0, firstNon];
    return hasPrev ? [n, n] : [0, 0];
  }
  if (q < n && !nextTakes) {
    if (prevTakes) return [lastNon + 1, n];
    return hasPrev ? [n, n] : [0, 0];
  }
  return [p, q];
}

interface Mark {
  start: number;
  end: number;
  tag: string;
  attrs: Attrs;
}

/** Inline marks per leaf: the title, number, date and issuer where the metadata was read, and debris inside articles. */
function markRanges(doc: RuleDocument, lines: Line[], leaves: Leaf[]): Map<number, Mark[]> {
  const m = doc.meta;
  const wanted: Mark[] = [];
  const at = (span: Span | undefined, tag: string, attrs: Attrs = []) => span && span.end > span.start && wanted.push({ ...span, tag, attrs });
  at(m.evidence['title'], 'docTitle');
  // The document number on a line of its own, if it is written so, else where the metadata read it.
  const numberLine = m.docNumber ? lines.find((l) => l.trimmed === m.docNumber && l.textStart < (doc.articles[0]?.span.start ?? Infinity)) : undefined;
  at(numberLine ? { start: numberLine.textStart, end: numberLine.textEnd } : m.evidence['docNumber'], 'docNumber');
  if (validDate(m.dates.issued)) at(m.evidence['dates.issued'], 'docDate', [['date', m.dates.issued]]);
  at(m.evidence['issuer'], 'docProponent');
  const debrisLines = doc.blocks
    .filter((b) => b.kind === 'debris')
    .flatMap((b) => lines.filter((l) => l.start >= b.span.start && l.end <= b.span.end && l.textEnd > l.textStart))
    .map((l): Mark => {
      const shape = classifyLine(l);
      return { start: l.textStart, end: l.textEnd, tag: 'inline', attrs: [['name', shape.kind === 'debris' && shape.what === 'page-number' ? 'pageNumber' : 'webDebris']] };
    });

  const out = new Map<number, Mark[]>();
  const place = (mark: Mark, debris: boolean) => {
    const l = leaves.find((x) => x.tag === 'p' && x.start <= mark.start && mark.end <= x.end && (!debris || x.marksDebris));
    if (!l) return;
    const list = out.get(l.index) ?? [];
    if (list.some((o) => o.start < mark.end && mark.start < o.end)) return;
    list.push(mark);
    list.sort((x, y) => x.start - y.start);
    out.set(l.index, list);
  };
  for (const mark of wanted) place(mark, false);
  for (const mark of debrisLines) place(mark, true);
  return out;
}

function renderLeaf(text: string, l: Leaf, marks: Mark[]): string {
  if (l.start === l.end) return `<${l.tag}${attrString(l.attrs)}/>`;
  let s = `<${l.tag}${attrString(l.attrs)}>`;
  let at = l.start;
  for (const mk of marks) {
    s += escText(text.slice(at, mk.start)) + `<${mk.tag}${attrString(mk.attrs)}>${escText(text.slice(mk.start, mk.end))}</${mk.tag}>`;
    at = mk.end;
  }
  return s + escText(text.slice(at, l.end)) + `</${l.tag}>`;
}

/** The eId of every article, in article order: how a citation (docId, ordinal, label) finds its element in the XML. */
export function aknArticleIds(doc: RuleDocument): string[] {
  const xml = toAkomaNtoso(doc);
  return [...xml.matchAll(/<article eId="([^"]+)"/g)].map((m) => m[1]!);
}
