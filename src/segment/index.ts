/**
 * Segmentation: text → RuleDocument. Every line of the source is given to exactly one
 * block (preamble, title, chapter or section heading, article, trailer, debris, unplaced),
 * so the blocks re-join to the source byte for byte.
 */
import cues from '../../data/segment-cues.json' with { type: 'json' };
import type {
  Article, Block, BlockKind, Chapter, Diagnostic, Preamble, RuleDocument, Section, SourceText, Trailer,
} from '../model.js';
import { articleKeys } from '../model.js';
import { articleChain, type Candidate } from './chain.js';
import { articleAfterHeading, classifyLine, markDecimalLookingItems, markRunningHeaders, markTableOfContents, type LineShape } from './classify.js';
import { buildParagraphs, unitTexts, type ContentLine } from './items.js';
import { splitLines, type Line } from './lines.js';
import { readMetadata } from './metadata.js';
import { toSimplified, traditionalCount } from '../text/script.js';

interface Owner {
  kind: BlockKind;
  ref?: number;
}

const isTrailerStart = (t: string, next: string | undefined): boolean =>
  cues.trailerStarts.some((k) => t.startsWith(k)) ||
  cues.webTailStarts.some((k) => t.startsWith(k)) ||
  /年\s*\S{1,3}\s*月\s*\S{1,3}\s*日\s*印发$/.test(t) ||
  // An office name alone above its print date: 白城市洮北区人民政府办公室 / 2020年8月27日印发
  (/^[\u4e00-\u9fa5]{2,30}(办公室|办公厅|人民政府)$/.test(t) && next !== undefined && /印发$/.test(next));

const isTitleLine = (t: string): boolean =>
  t.length <= 50 && !/[。；;，,：:]/.test(t) && cues.titleSuffixes.some((s) => t.replace(/[（(][^)）]*[)）]$/, '').endsWith(s));

export function segment(input: SourceText, id: string): RuleDocument {
  const { text } = input;
  // Lines as written (what the model's texts and labels quote) and as read (traditional characters as simplified,
  // same offsets: src/text/script.ts), which every pattern is matched on.
  const reading = toSimplified(text);
  const lines = splitRunOnHeadings(splitLines(text), text, reading);
  const read = reading === text ? lines : lines.map((l) => ({ ...l, trimmed: reading.slice(l.textStart, l.textEnd) }));
  const shapes: LineShape[] = read.map((l, i) => classifyLine(l, lines[i]!.trimmed));
  markRunningHeaders(read, shapes);
  markTableOfContents(read, shapes);
  markDecimalLookingItems(read, shapes);
  const diagnostics: Diagnostic[] = [];
  if (reading !== text) {
    diagnostics.push({ code: 'traditional-characters', severity: 'info', message: `${traditionalCount(text)} characters written in traditional form, read as simplified (citations quote them as written)` });
  }

  // Articles: the best numbering chain among article-like lines after the first 第一章 (if any).
  const firstChapter = shapes.findIndex((s) => s.kind === 'chapter');
  const candidates: Candidate[] = [];
  shapes.forEach((s, i) => {
    if (s.kind === 'numbered' && s.articleStyle && i > firstChapter) candidates.push({ line: i, number: s.number, style: s.articleStyle, label: s.label });
  });
  const chain = articleChain(candidates);
  const articleStart = new Map(chain.map((c, k) => [c.line, k]));
  const firstArticleLine = chain[0]?.line ?? -1;
  const lastArticleLine = chain[chain.length - 1]?.line ?? -1;

  // Articles numbered 第一条 … or 1． 2． …, not 一、: the lines 一、总则, 二、会议制度 … standing right before an
  // article, numbered 一 on (the first before the first article), with a heading's title, are the chapter headings.
  if (firstChapter < 0 && chain.length && chain[0]!.style !== 'cn-enum') {
    let expected = 1;
    shapes.forEach((s, i) => {
      if (s.kind !== 'numbered' || s.articleStyle !== 'cn-enum' || s.number !== expected || !articleStart.has(nonBlank(shapes, i + 1, 1))) return;
      if (expected === 1 && i > firstArticleLine) return;
      const title = lines[i]!.trimmed.slice(s.label.length).replace(/[\s\u3000\u00a0]/gu, '');
      if (!title || title.length > cues.unnumberedHeadingMaxChars || HEADING_PUNCT.test(title)) return;
      shapes[i] = { kind: 'chapter', number: expected++, label: s.label.replace(/[\s\u3000\u00a0]/gu, ''), title };
    });
  }
  // Chapter headings written without a number (总则 … 附则), in a document that numbers none of its chapters.
  if (firstChapter < 0 && !shapes.some((s) => s.kind === 'chapter')) {
    unnumberedHeadings(read, shapes, articleStart, firstArticleLine).forEach((i, k) => {
      shapes[i] = { kind: 'chapter', number: k + 1, label: '', title: lines[i]!.trimmed.replace(/[\s\u3000\u00a0]/gu, '') };
    });
  }
  const firstHeading = shapes.findIndex((s) => s.kind === 'chapter');

  // Where the rules begin: the first chapter heading or article; the rules title just above it.
  const rulesStart = firstArticleLine < 0 ? lines.length : firstHeading >= 0 && firstHeading < firstArticleLine ? firstHeading : firstArticleLine;
  let titleLine = -1;
  let skippedCover = 0;
  for (let i = rulesStart - 1; i >= 0; i--) {
    if (shapes[i]!.kind === 'blank' || shapes[i]!.kind === 'debris') continue;
    // A note under the title, e.g. （2019年1月15日县政府第3次常务会议通过）, stays in the preamble.
    if (/^[（(][^（()）]*[)）]$/.test(lines[i]!.trimmed) && i > 0) continue;
    // A draft's cover puts the drafting office and a date under its title (新河区人民政府办公室 / 2024年9月).
    if (i > 0 && skippedCover < 3 && isCoverLine(read[i]!.trimmed)) {
      skippedCover++;
      continue;
    }
    if (shapes[i]!.kind === 'text' && isTitleLine(read[i]!.trimmed)) titleLine = i;
    break;
  }
  const preambleEnd = titleLine >= 0 ? titleLine : rulesStart;

  // Where the rules end: the first trailer cue (抄送, …印发, 相关解读) after the last article;
  // failing that, the debris after the last line of text (a page number inside an article is not the end).
  let trailerStart = lines.length;
  if (lastArticleLine >= 0) {
    let lastText = lastArticleLine;
    for (let i = lastArticleLine + 1; i < lines.length; i++) {
      const next = read.slice(i + 1).find((l) => l.trimmed.length > 0)?.trimmed;
      if (isTrailerStart(read[i]!.trimmed, next)) {
        trailerStart = i;
        break;
      }
      if (shapes[i]!.kind === 'text' || shapes[i]!.kind === 'numbered') lastText = i;
    }
    if (trailerStart === lines.length) {
      const firstDebris = shapes.findIndex((s, i) => i > lastText && s.kind === 'debris');
      if (firstDebris >= 0) trailerStart = firstDebris;
    }
  }

  // Give every line an owner.
  const owners: (Owner | null)[] = new Array(lines.length).fill(null);
  const chapters: Chapter[] = [];
  const sections: Section[] = [];
  const articleLines: ContentLine[][] = chain.map(() => []);
  let current: Owner | null = null;
  let chapterTitlePending = false;
  for (let i = 0; i < lines.length; i++) {
    const s = shapes[i]!;
    const line = lines[i]!;
    if (s.kind === 'blank') {
      owners[i] = current;
      continue;
    }
    if (i < preambleEnd) {
      owners[i] = s.kind === 'debris' ? { kind: 'debris' } : { kind: 'preamble' };
      current = owners[i];
      continue;
    }
    if (i === titleLine || (titleLine >= 0 && i > titleLine && i < rulesStart && /^[（(][^（()）]*[)）]$/.test(line.trimmed))) {
      // The title, with a note under it such as （2019年1月15日县政府第3次常务会议通过）.
      current = owners[i] = { kind: 'title' };
      continue;
    }
    if (i >= trailerStart) {
      current = owners[i] = { kind: 'trailer' };
      continue;
    }
    if (s.kind === 'chapter') {
      chapters.push({ ordinal: s.number, label: s.label, title: s.title, heading: line.trimmed, span: { start: line.textStart, end: line.textEnd }, articleRange: null });
      current = owners[i] = { kind: 'chapter', ref: chapters.length - 1 };
      chapterTitlePending = s.title === '';
      continue;
    }
    if (s.kind === 'section') {
      sections.push({ ordinal: s.number, label: s.label, title: s.title, chapter: chapters.at(-1)?.ordinal ?? null, span: { start: line.textStart, end: line.textEnd } });
      current = owners[i] = { kind: 'section', ref: sections.length - 1 };
      continue;
    }
    const k = articleStart.get(i);
    if (k !== undefined) {
      current = owners[i] = { kind: 'article', ref: k };
      articleLines[k]!.push({ line });
      chapterTitlePending = false;
      continue;
    }
    if (s.kind === 'debris') {
      owners[i] = { kind: 'debris' };
      if (current?.kind === 'article') {
        diagnostics.push({ code: 'debris-in-article', severity: 'info', message: `line ${line.no + 1}: "${line.trimmed}" left out of the article text`, span: { start: line.textStart, end: line.textEnd } });
      } else current = owners[i];
      continue;
    }
    // A heading written over two lines: 第二章 / 区政府组成人员职责
    if (chapterTitlePending && current?.kind === 'chapter' && s.kind === 'text' && line.trimmed.length <= 30 && !/[。；;，,]/.test(line.trimmed)) {
      const ch = chapters[current.ref!]!;
      ch.title = line.trimmed.replace(/[\s\u3000]/g, '');
      ch.span.end = line.textEnd;
      owners[i] = current;
      chapterTitlePending = false;
      continue;
    }
    if (current?.kind === 'article' || (current?.kind === 'debris' && articleLines.some((a) => a.length > 0))) {
      // Continuation of the article (also after a page number or web line inside it).
      const k2: number | null = current.kind === 'article' ? current.ref! : lastOpenArticle(owners, i);
      if (k2 !== null) {
        current = owners[i] = { kind: 'article', ref: k2 };
        const item = s.kind === 'numbered' && s.itemStyle ? { marker: s.label, style: s.itemStyle, number: s.number } : undefined;
        articleLines[k2]!.push(item ? { line, item } : { line });
        continue;
      }
    }
    owners[i] = { kind: 'unplaced' };
    current = owners[i];
    diagnostics.push({ code: 'unplaced-text', severity: 'warning', message: `line ${line.no + 1}: text outside any article: "${line.trimmed.slice(0, 40)}"`, span: { start: line.textStart, end: line.textEnd } });
  }
  // Leading blank lines belong to whatever follows them.
  const firstOwned = owners.findIndex((o) => o !== null);
  for (let i = 0; i < firstOwned; i++) owners[i] = owners[firstOwned]!;
  if (firstOwned < 0) owners.fill({ kind: 'preamble' });

  const blocks = toBlocks(lines, owners);

  // Articles.
  const keys = articleKeys(chain.map((c) => c.number));
  const articles: Article[] = chain.map((c, k) => {
    const content = articleLines[k]!;
    const first = content[0]!.line;
    const last = content[content.length - 1]!.line;
    const paragraphs = buildParagraphs(content);
    const shape = shapes[c.line] as Extract<LineShape, { kind: 'numbered' }>;
    const chapter = [...chapters].reverse().find((ch) => ch.span.start < first.textStart) ?? null;
    const section = [...sections].reverse().find((se) => se.span.start < first.textStart && (chapter === null || se.span.start > chapter.span.start)) ?? null;
    return {
      key: keys[k]!,
      ordinal: c.number,
      index: k,
      label: shape.label,
      style: c.style,
      chapter: chapter?.ordinal ?? null,
      section: section?.ordinal ?? null,
      span: { start: first.textStart, end: last.textEnd },
      text: unitTexts(paragraphs).join('\n'),
      paragraphs,
    };
  });
  for (const ch of chapters) {
    const inside = articles.filter((a) => a.chapter === ch.ordinal && chapters.filter((x) => x.ordinal === ch.ordinal).length === 1);
    ch.articleRange = inside.length ? [inside[0]!.ordinal, inside[inside.length - 1]!.ordinal] : null;
  }
  diagnostics.push(...numberingDiagnostics('article', articles.map((a) => ({ n: a.ordinal, label: a.label, span: a.span }))));
  diagnostics.push(...numberingDiagnostics('chapter', chapters.map((c) => ({ n: c.ordinal, label: c.label, span: c.span }))));
  if (articles.length === 0) diagnostics.push({ code: 'no-articles', severity: 'error', message: 'no numbered articles (第一条 / 一、) found' });

  const preambleLines = lines.filter((_, i) => owners[i]?.kind === 'preamble');
  const preamble: Preamble | null = preambleLines.length && preambleLines.some((l) => l.trimmed)
    ? { span: { start: preambleLines[0]!.start, end: preambleLines[preambleLines.length - 1]!.end }, text: preambleLines.map((l) => l.trimmed).filter(Boolean).join('\n') }
    : null;
  const trailer = trailerStart < lines.length ? readTrailer(read.slice(trailerStart), shapes.slice(trailerStart), lines.slice(trailerStart)) : null;

  const meta = readMetadata({
    text: reading,
    written: text,
    source: input.source,
    before: read.slice(0, rulesStart).filter((_, i) => i !== titleLine),
    titleLine: titleLine >= 0 ? read[titleLine]! : null,
    after: read.slice(trailerStart),
    articles,
  });
  if (!meta.jurisdiction.name) diagnostics.push({ code: 'metadata-missing', severity: 'info', message: 'the text names no government (…人民政府): jurisdiction unknown' });

  return { id, text, meta, preamble, chapters, sections, articles, trailer, blocks, diagnostics };
}

/** The first line from `from` on (step 1) or back (step −1) that is neither blank nor debris, or −1. */
function nonBlank(shapes: LineShape[], from: number, step: 1 | -1): number {
  for (let k = from; k >= 0 && k < shapes.length; k += step) if (shapes[k]!.kind !== 'blank' && shapes[k]!.kind !== 'debris') return k;
  return -1;
}

/** A line of a draft's cover under its title: a date alone, or an office's name alone. */
function isCoverLine(t: string): boolean {
  if (/^(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d〇○零一二三四五六七八九十]{1,3}月(?:[\d〇○零一二三四五六七八九十]{1,3}日)?$/u.test(t)) return true;
  return t.length <= 24 && !/[。；;，,：:、]/u.test(t) && /(?:人民政府|政府办公室|政府办公厅|办公室|办公厅|司法局)$/u.test(t);
}

const HEADING_PUNCT = /[。；;，,：:、！？!?（）()《》“”"]/u;
const SENTENCE_DONE = /[。；;：:！？!?）)”」]$/u;

/**
 * Lines that are chapter headings written without a number: a short line without punctuation standing right
 * before an article, after the end of a sentence (or before the first article), that is not the rules title —
 * taken only when one of them is a title the genre gives its first or last chapter (data/segment-cues.json:
 * 总则, 附则), so a document that writes 总则 unnumbered is read as writing all its headings so.
 */
function unnumberedHeadings(read: Line[], shapes: LineShape[], articleStart: Map<number, number>, firstArticleLine: number): number[] {
  if (firstArticleLine < 0) return [];
  const found: number[] = [];
  for (let i = 0; i < read.length; i++) {
    const t = read[i]!.trimmed;
    if (shapes[i]!.kind !== 'text' || t.length > cues.unnumberedHeadingMaxChars || HEADING_PUNCT.test(t)) continue;
    // Before the first article, a line that reads as the rules title (…工作规则) is the title.
    if (i < firstArticleLine && isTitleLine(t)) continue;
    const next = nonBlank(shapes, i + 1, 1);
    if (next < 0 || !articleStart.has(next)) continue;
    const prev = nonBlank(shapes, i - 1, -1);
    if (i > firstArticleLine && (prev < 0 || !SENTENCE_DONE.test(read[prev]!.trimmed))) continue;
    found.push(i);
  }
  const named = found.some((i) => cues.unnumberedChapterTitles.includes(read[i]!.trimmed.replace(/[\s\u3000\u00a0]/gu, '')));
  return named ? found : [];
}

/**
 * A chapter heading and an article written on one line (第一章 总则第一条 为了…) become two lines, the heading and
 * the article, so each is a block of its own; the cut is inside the source line (the first part has no line end).
 */
function splitRunOnHeadings(lines: Line[], text: string, reading: string): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    const at = articleAfterHeading(reading.slice(l.textStart, l.textEnd));
    if (at === null) {
      out.push(l);
      continue;
    }
    const cut = l.textStart + at;
    let headEnd = cut;
    while (headEnd > l.textStart && /[\s\u3000\u00a0]/u.test(text[headEnd - 1]!)) headEnd--;
    out.push({ no: l.no, start: l.start, end: cut, contentEnd: cut, textStart: l.textStart, textEnd: headEnd, trimmed: text.slice(l.textStart, headEnd) });
    out.push({ no: l.no, start: cut, end: l.end, contentEnd: l.contentEnd, textStart: cut, textEnd: l.textEnd, trimmed: text.slice(cut, l.textEnd) });
  }
  return out;
}

function lastOpenArticle(owners: (Owner | null)[], i: number): number | null {
  for (let k = i - 1; k >= 0; k--) {
    const o = owners[k];
    if (!o || o.kind === 'debris') continue;
    return o.kind === 'article' ? o.ref! : null;
  }
  return null;
}

function toBlocks(lines: Line[], owners: (Owner | null)[]): Block[] {
  const blocks: Block[] = [];
  lines.forEach((line, i) => {
    const o = owners[i]!;
    const last = blocks[blocks.length - 1];
    if (last && last.kind === o.kind && last.ref === o.ref) last.span.end = line.end;
    else blocks.push(o.ref === undefined ? { kind: o.kind, span: { start: line.start, end: line.end } } : { kind: o.kind, span: { start: line.start, end: line.end }, ref: o.ref });
  });
  return blocks;
}

function numberingDiagnostics(what: 'article' | 'chapter', seq: { n: number; label: string; span: Diagnostic['span'] }[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let k = 1; k < seq.length; k++) {
    const prev = seq[k - 1]!;
    const cur = seq[k]!;
    if (cur.n === prev.n) {
      out.push({ code: what === 'article' ? 'numbering-duplicate' : 'chapter-duplicate', severity: 'warning', message: `${what} ${cur.label} appears twice`, span: cur.span });
    } else if (cur.n !== prev.n + 1) {
      out.push({ code: what === 'article' ? 'numbering-gap' : 'chapter-gap', severity: 'warning', message: `${what} numbering jumps from ${prev.label} to ${cur.label}`, span: cur.span });
    }
  }
  if (seq.length && seq[0]!.n !== 1) {
    out.push({ code: what === 'article' ? 'numbering-gap' : 'chapter-gap', severity: 'warning', message: `first ${what} is ${seq[0]!.label}, not number 1`, span: seq[0]!.span });
  }
  return out;
}

/** The trailer, read on `lines` (as read); its text as written (`written`, the same lines). */
function readTrailer(lines: Line[], shapes: LineShape[], written: Line[]): Trailer {
  const body = lines.map((l) => l.trimmed).filter(Boolean);
  const joined = body.join('\n');
  const cc = /(?:抄送|分送|抄报)\s*[:：]\s*([\s\S]*?)(?:[。.]|\n(?=[^\n]*(?:印发|办公室$|办公厅$))|$)/.exec(joined);
  const copiedTo = cc ? cc[1]!.replace(/\n/g, '').split(/[，,、；;]/).map((s) => s.trim()).filter(Boolean) : [];
  const printedLine = body.findIndex((t) => /印发$/.test(t));
  let printedBy: string | null = null;
  if (printedLine >= 0) {
    const m = /^(\S+?(?:办公室|办公厅|人民政府))\s/.exec(body[printedLine]!);
    printedBy = m ? m[1]! : printedLine > 0 && /(办公室|办公厅|人民政府)$/.test(body[printedLine - 1]!) ? body[printedLine - 1]! : null;
  }
  return {
    span: { start: lines[0]!.start, end: lines[lines.length - 1]!.end },
    text: written.map((l) => l.trimmed).filter(Boolean).join('\n'),
    copiedTo,
    printedBy,
    pageNumbers: written.filter((_, i) => shapes[i]!.kind === 'debris' && (shapes[i] as { what: string }).what === 'page-number').map((l) => l.trimmed),
    web: written.filter((_, i) => cues.webTailStarts.some((k) => lines[i]!.trimmed.startsWith(k))).map((l) => l.trimmed),
  };
}
