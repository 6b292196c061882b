/**
 * What a single line looks like, judged on the line alone. Whether an article-like
 * line really starts an article is decided later, from the numbering sequence (chain.ts).
 */
import cues from '../../data/segment-cues.json' with { type: 'json' };
import { CN_NUMERAL_CHARS, parseNumber } from '../text/numerals.js';
import type { ArticleStyle, ItemStyle } from '../model.js';
import type { Line } from './lines.js';

export type LineShape =
  | { kind: 'blank' }
  | { kind: 'chapter'; number: number; label: string; title: string }
  | { kind: 'section'; number: number; label: string; title: string }
  | { kind: 'numbered'; number: number; label: string; articleStyle: ArticleStyle | null; itemStyle: ItemStyle | null }
  | { kind: 'debris'; what: 'page-number' | 'web' | 'running-header' | 'contents' }
  | { kind: 'text' };

const N = `[${CN_NUMERAL_CHARS}0-9０-９]+`;
const CN = `[${CN_NUMERAL_CHARS}]+`;
const DIGIT = '[0-9０-９]';
const SP = '[\\s\\u3000\\u00a0]*';

/** 第一章 总则; some rules divide into parts instead (第一部分 总则), which stand where chapters stand. */
const CHAPTER = new RegExp(`^(第${SP}(${N})${SP}(?:章|部分))${SP}(.*)$`);
const SECTION = new RegExp(`^(第${SP}(${N})${SP}节)${SP}(.*)$`);
const TIAO = new RegExp(`^(第${SP}(${N})${SP}条)`);
const CN_ENUM = new RegExp(`^((${CN})${SP}[、，,．.])`);
const ARABIC_ENUM = new RegExp(`^((${DIGIT}{1,3})${SP}(?:、|[．.](?!${DIGIT})))`); // not 1.5万元
const CN_PAREN = new RegExp(`^([（(]${SP}(${CN})${SP}[）)])`);
const ARABIC_PAREN = new RegExp(`^([（(]${SP}(${DIGIT}{1,3})${SP}[）)])`);
const CIRCLED = /^([①-⑳])/;
const PAGE_NUMBER = /^(?:[-－—–~～]\s*\d{1,4}\s*[-－—–~～]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;

const bullets = new Set([...cues.bulletChars]);
const stripBullet = (s: string) => {
  let i = 0;
  while (i < s.length && (bullets.has(s[i]!) || /\s|\u3000/.test(s[i]!))) i++;
  return s.slice(i);
};

/** 第一章总则第一条…: a chapter heading and the first article of the chapter written on one line. Group 1: the heading. */
const HEADING_THEN_ARTICLE = new RegExp(`^(第${SP}${N}${SP}(?:章|部分)${SP}[^。；;，,：:]{1,30}?)${SP}(?=第${SP}${N}${SP}条)`);

/**
 * Where the article starts in a line that opens with a chapter heading and goes on with an article
 * (第一章 总则第一条 为了…), as an offset into the trimmed line; null for any other line.
 */
export function articleAfterHeading(trimmed: string): number | null {
  const m = HEADING_THEN_ARTICLE.exec(trimmed);
  if (!m || m[0].length === trimmed.length) return null;
  // The rest must be an article: 第N条 and words after it.
  return TIAO.test(trimmed.slice(m[0].length)) && trimmed.length - m[0].length > 4 ? m[0].length : null;
}

/** A heading title is short and has no sentence punctuation. */
const isHeadingTitle = (s: string) => s.length <= 30 && !/[。；;，,：:]/.test(s);

/** Web-page lines: "[索引号]…", "1. [成文日期] …", "字号:", "收藏", "发布时间:…来源:" */
function isWebDebris(line: string): boolean {
  const s = stripBullet(line.replace(/^\d{1,2}\.\s*/, ''));
  const bracketed = /^[\[【［]([^\]】］]{1,8})[\]】］]/.exec(s);
  if (bracketed && cues.webMetaKeys.includes(bracketed[1]!)) return true;
  // Web-page buttons, alone or in a row: 【打印本页】 【打印】【关闭】
  const buttons = s.match(/[【\[［][^】\]］]{1,10}[】\]］]/g);
  if (buttons && buttons.join('') === s.replace(/[\s\u3000|｜]/g, '') && buttons.every((b) => cues.webDebrisStarts.some((k) => b.slice(1).startsWith(k.replace(/^【/, ''))))) return true;
  // Site registration in footers: 京ICP备05060933号, 网站标识码
  if (/ICP备\s*\d+号/.test(s) && s.length <= 60) return true;
  if (s.length > 60) return false;
  if (cues.webDebrisStarts.some((k) => s.startsWith(k) && (s.length === k.length || /^[\s:：】\]]/.test(s.slice(k.length)))))
    return true;
  const keyed = /^([^:：\s]{2,6})\s*[:：]/.exec(s);
  return keyed !== null && cues.webMetaKeys.includes(keyed[1]!) && s.length <= 60;
}

/**
 * The shape of a line, judged on `line.trimmed` (the line as read: traditional characters as simplified, see
 * src/text/script.ts); labels and titles are given as `written`, the same characters of the original line (same
 * length, same positions).
 */
export function classifyLine(line: Line, written: string = line.trimmed): LineShape {
  const t = line.trimmed;
  if (t.length === 0) return { kind: 'blank' };
  if (PAGE_NUMBER.test(t)) return { kind: 'debris', what: 'page-number' };
  const spaces = /[\s\u3000\u00a0]/g;

  for (const [re, kind] of [[CHAPTER, 'chapter'], [SECTION, 'section']] as const) {
    const m = re.exec(t);
    if (m && isHeadingTitle(m[3]!)) {
      return { kind, number: parseNumber(m[2]!), label: written.slice(0, m[1]!.length).replace(spaces, ''), title: written.slice(t.length - m[3]!.length).replace(spaces, '') };
    }
  }
  const label = (m: RegExpExecArray) => written.slice(m.index, m.index + m[1]!.length);
  let m = TIAO.exec(t);
  if (m) return numbered(m, label(m), 'tiao', null);
  m = CN_ENUM.exec(t);
  if (m) return numbered(m, label(m), 'cn-enum', 'cn-enum');
  m = ARABIC_ENUM.exec(t);
  if (m) return numbered(m, label(m), 'arabic-enum', 'arabic-enum');
  m = CN_PAREN.exec(t);
  if (m) return numbered(m, label(m), null, 'cn-paren');
  m = ARABIC_PAREN.exec(t);
  if (m) return numbered(m, label(m), null, 'arabic-paren');
  m = CIRCLED.exec(t);
  if (m) return { kind: 'numbered', number: m[1]!.charCodeAt(0) - 0x2460 + 1, label: m[1]!, articleStyle: null, itemStyle: 'circled' };
  if (isWebDebris(t)) return { kind: 'debris', what: 'web' };
  return { kind: 'text' };
}

/**
 * Page furniture of a text copied out of a PDF: a short line without sentence marks (××县人民政府文件, the rules'
 * title) that stands next to a page number — only blank lines between — at least twice, word for word. Those
 * occurrences become debris (a line with the same words elsewhere, such as the title at the top, stays).
 */
export function markRunningHeaders(read: Pick<Line, 'trimmed'>[], shapes: LineShape[]): void {
  const byPageNumber = (i: number, step: number) => {
    for (let k = i + step; k >= 0 && k < shapes.length; k += step) {
      const s = shapes[k]!;
      if (s.kind !== 'blank') return s.kind === 'debris' && s.what === 'page-number';
    }
    return false;
  };
  const at = new Map<string, number[]>();
  shapes.forEach((s, i) => {
    const t = read[i]!.trimmed;
    if (s.kind !== 'text' || t.length > RUNNING_HEADER_MAX || /[。；;，,：:]/u.test(t) || !(byPageNumber(i, -1) || byPageNumber(i, 1))) return;
    const list = at.get(t);
    if (list) list.push(i);
    else at.set(t, [i]);
  });
  for (const lines of at.values()) if (lines.length >= 2) for (const i of lines) shapes[i] = { kind: 'debris', what: 'running-header' };
}

/** An item marker glued to a number (1.10万元以下的: item 1, 10万元), read as a decimal by ARABIC_ENUM. */
const DECIMAL_LOOKING = new RegExp(`^((${DIGIT}{1,3})[．.])${DIGIT}`);

/**
 * An item numbered N. whose text begins with a digit (1.10万元（含）以下的…; 3.50万元以上的…) reads like a decimal. It
 * is the item when the item next to it — only blank lines between — is numbered on from it: N+1. after it or
 * N-1. before it (the lines are taken in order, so a run of them is read one after another).
 */
export function markDecimalLookingItems(read: Pick<Line, 'trimmed'>[], shapes: LineShape[]): void {
  const near = (i: number, step: number) => {
    for (let k = i + step; k >= 0 && k < shapes.length; k += step) if (shapes[k]!.kind !== 'blank') return k;
    return -1;
  };
  const itemNumbered = (k: number, n: number) => {
    const s = k >= 0 ? shapes[k]! : null;
    return s?.kind === 'numbered' && s.itemStyle === 'arabic-enum' && s.number === n;
  };
  for (let i = 0; i < shapes.length; i++) {
    if (shapes[i]!.kind !== 'text') continue;
    const m = DECIMAL_LOOKING.exec(read[i]!.trimmed);
    if (!m) continue;
    const n = parseNumber(m[2]!);
    if (!Number.isFinite(n) || !(itemNumbered(near(i, 1), n + 1) || itemNumbered(near(i, -1), n - 1))) continue;
    shapes[i] = { kind: 'numbered', number: n, label: m[1]!, articleStyle: 'arabic-enum', itemStyle: 'arabic-enum' };
  }
}

/**
 * A table of contents before the rules (目录, then 第一章 总则……1 …): its entries are not chapters. An entry is a
 * heading with a leader and a page number (……1, ....3, a tab and 12), or one of a run of three or more headings with
 * nothing but blank lines between them whose first number is headed again later (the rules themselves); the 目录
 * line above such entries goes with them. All become debris.
 */
export function markTableOfContents(read: Pick<Line, 'trimmed'>[], shapes: LineShape[]): void {
  const entry = new Set<number>();
  shapes.forEach((s, i) => {
    if ((s.kind === 'chapter' || s.kind === 'section') && CONTENTS_LEADER.test(read[i]!.trimmed)) entry.add(i);
  });
  const heads = shapes.flatMap((s, i) => (s.kind === 'chapter' && !entry.has(i) ? [i] : []));
  const onlyBlank = (a: number, b: number) => {
    for (let k = a + 1; k < b; k++) if (shapes[k]!.kind !== 'blank' && !entry.has(k)) return false;
    return true;
  };
  let start = 0;
  while (start < heads.length) {
    let end = start;
    const numberAt = (k: number) => (shapes[heads[k]!] as { number: number }).number;
    // (The rules' own first heading may follow the contents with blank lines between: a run's numbers only rise.)
    while (end + 1 < heads.length && onlyBlank(heads[end]!, heads[end + 1]!) && numberAt(end + 1) > numberAt(end)) end++;
    const first = shapes[heads[start]!] as { number: number };
    const again = heads.slice(end + 1).some((i) => (shapes[i] as { number: number }).number === first.number);
    if (end - start + 1 >= 3 && again) for (let k = start; k <= end; k++) entry.add(heads[k]!);
    start = end + 1;
  }
  if (!entry.size) return;
  const firstEntry = Math.min(...entry);
  for (let k = firstEntry - 1; k >= 0; k--) {
    if (shapes[k]!.kind === 'blank') continue;
    if (CONTENTS_TITLE.test(read[k]!.trimmed)) entry.add(k);
    break;
  }
  for (const i of entry) shapes[i] = { kind: 'debris', what: 'contents' };
}
const CONTENTS_LEADER = /(?:[.．·…‥]{2,}|[\s\u3000]{2,}|\t)[\s\u3000]*\d{1,3}$/u;
const CONTENTS_TITLE = /^目[\s\u3000]*录$/u;

/** The longest line taken for a running header. */
const RUNNING_HEADER_MAX = 40;

function numbered(m: RegExpExecArray, label: string, articleStyle: ArticleStyle | null, itemStyle: ItemStyle | null): LineShape {
  const number = parseNumber(m[2]!);
  if (!Number.isFinite(number)) return { kind: 'text' };
  return { kind: 'numbered', number, label, articleStyle, itemStyle };
}
