/**
 * Metadata read from the text itself: title, jurisdiction, issuer, document number,
 * dates, validity and the rules repealed. Nothing here is looked up from a file name.
 * Patterns are matched on the text as read (traditional characters as simplified, same offsets); what is quoted
 * (title, notice title, document numbers, repeal titles and sentences) is given as written, names (jurisdiction,
 * issuer) as read.
 */
import admin from '../../data/admin-divisions.json' with { type: 'json' };
import cues from '../../data/segment-cues.json' with { type: 'json' };
import prefectures from '../../data/prefectures.json' with { type: 'json' };
import type { Article, Jurisdiction, Metadata, Repeal, SourceInfo, Span, Validity } from '../model.js';
import { findDates } from '../text/dates.js';
import { CN_NUMERAL_CHARS } from '../text/numerals.js';
import type { Line } from './lines.js';

export interface MetadataInput {
  /** The text as read (src/text/script.ts); the lines' `trimmed` are of this text. */
  text: string;
  /** The text as written (RuleDocument.text): the same length and offsets as `text`. Default: `text`. */
  written?: string;
  source: SourceInfo;
  /** Lines before the rules (transmittal notice and web header), debris included. */
  before: Line[];
  titleLine: Line | null;
  /** Lines after the rules (print trailer, web tail). */
  after: Line[];
  articles: Article[];
}

const HAN = '\\u4e00-\\u9fa5';
const DOC_NUMBER = new RegExp(`([${HAN}]{1,10})\\s*[〔\\[［【(（]\\s*((?:19|20)\\d{2})\\s*[〕\\]］】)）]\\s*(\\d{1,4})\\s*号`, 'g');
/** A government order's number, numbered without a year: 某市人民政府令第37号, 政府令第5号. */
const ORDER_NUMBER = new RegExp(`([${HAN}]{0,20}?政府令)\\s*第\\s*([0-9０-９]{1,4}|[${CN_NUMERAL_CHARS}]{1,6})\\s*号`, 'g');
const VALIDITY_MARK = /[（(【\[]\s*(失效|已失效|废止|已废止|有效|现行有效)\s*[)）】\]]/;
const VALIDITY_META = /(?:有效性|时效性?|效力状态)\s*[\]】:：]?\s*(失效|已失效|废止|已废止|有效|现行有效)/;
const GOV_NAME = new RegExp(`^(?:[${HAN}]{2,24}(?:人民政府|政府办公室|政府办公厅|办公室|办公厅)|${admin.national.name}(?:办公厅)?)$`);
/** The addressee line of a notice (各省、自治区、直辖市人民政府，国务院各部委：): the governments it names are not the issuer's. */
const ADDRESSEE = /^各[^。]*[：:]$/u;
const BOUNDARY = /[\s\u3000《“"「（(、，,。；;：:]/;

const normaliseValidity = (s: string): Validity => (s.includes('失效') ? '失效' : s.includes('废止') ? '废止' : '有效');

function spanOf(line: Line, index = 0, length = line.trimmed.length): Span {
  return { start: line.textStart + index, end: line.textStart + index + length };
}

/** Split a name such as 北京市怀柔区 into province / city / district by suffix. */
export function parseAdminName(name: string): Jurisdiction | null {
  const parts: { text: string; level: 'province' | 'city' | 'district' }[] = [];
  let rest = name;
  const suffixes = [
    ...admin.provinceSuffixes.map((s) => [s, 'province'] as const),
    ...admin.districtSuffixes.map((s) => [s, 'district'] as const),
    ...admin.citySuffixes.map((s) => [s, 'city'] as const),
  ].sort((a, b) => b[0].length - a[0].length);
  while (rest.length > 0) {
    let best: { end: number; level: 'province' | 'city' | 'district' } | null = null;
    for (const [suf, level] of suffixes) {
      const at = rest.indexOf(suf, 1);
      if (at > 0 && (best === null || at + suf.length < best.end)) best = { end: at + suf.length, level };
    }
    if (!best) return null;
    parts.push({ text: rest.slice(0, best.end), level: best.level });
    rest = rest.slice(best.end);
  }
  if (parts.length === 0 || parts.some((p) => admin.nonNames.includes(p.text))) return null;
  const j: Jurisdiction = { province: null, city: null, district: null, level: null, name: null };
  for (const [i, p] of parts.entries()) {
    if (p.level === 'province') j.province = p.text;
    // A 市 after a city is a county-level city (县级市): it sits at district level.
    else if (p.level === 'city' && (j.city === null || i === 0)) j.city = p.text;
    else j.district = p.text;
  }
  if (j.city && admin.municipalities.includes(j.city)) j.province = j.city;
  j.level = j.district ? (j.district.endsWith('县') || j.district.endsWith('旗') ? 'county' : 'district') : j.city ? 'city' : 'province';
  j.name = j.town ?? j.district ?? j.city ?? j.province;
  return j;
}

/**
 * A township's name (某某县某某镇, 某某镇): a county-level name and a town after it, or a town alone, when the name is
 * not a county's or city's already (宁乡市 is a county-level city, not the township 宁乡 of a 市).
 */
export function parseTownName(name: string): Jurisdiction | null {
  const plain = parseAdminName(name);
  if (plain || !admin.townSuffixes.some((s) => name.endsWith(s) && name.length > s.length)) return plain;
  const isTown = (t: string) => t.length >= 2 && t.length <= 8 && !admin.townNonNames.includes(t) && !/^[各全本该]/u.test(t) && !admin.townSuffixes.includes(t);
  for (let i = name.length - 2; i >= 2; i--) {
    const head = parseAdminName(name.slice(0, i));
    const town = name.slice(i);
    if (head && (head.district || head.city) && isTown(town)) return { ...head, town, level: 'township', name: town };
  }
  return isTown(name) ? { province: null, city: null, district: null, town: name, level: 'township', name } : null;
}

interface NameHit {
  j: Jurisdiction;
  span: Span;
}

/** Government names (…人民政府) that start at a boundary, so 现将北京市… is not read as a city. */
function governmentNames(s: string, offset: number): NameHit[] {
  const hits: NameHit[] = [];
  const re = new RegExp(`([${HAN}]{2,16}?)人民政府`, 'g');
  for (const m of s.matchAll(re)) {
    // Try the longest name that begins at a boundary.
    const full = m[1]!;
    for (let k = 0; k < full.length - 1; k++) {
      const before = k === 0 ? s[m.index! - 1] : full[k - 1];
      if (k === 0 ? before !== undefined && !BOUNDARY.test(before) && !/[的由经向报将和与及]/.test(before) : !/[的由经向报将和与及省市]/.test(before!)) continue;
      const j = parseTownName(full.slice(k));
      if (j) {
        hits.push({ j, span: { start: offset + m.index! + k, end: offset + m.index! + full.length } });
        break;
      }
    }
  }
  return hits;
}

function specificity(j: Jurisdiction): number {
  return (j.town ? 8 : 0) + (j.district ? 4 : 0) + (j.city ? 2 : 0) + (j.province ? 1 : 0);
}

function readJurisdiction(groups: NameHit[][], body: NameHit[]): { j: Jurisdiction; span: Span | null } {
  const empty: Jurisdiction = { province: null, city: null, district: null, level: null, name: null };
  // The first group that names anything decides the level; later groups may only add the levels above.
  let best: NameHit | null = null;
  for (const g of groups) {
    for (const h of g) if (!best || specificity(h.j) > specificity(best.j)) best = h;
    if (best) break;
  }
  if (!best) return { j: empty, span: null };
  const j = { ...best.j };
  for (const h of [...groups.flat(), ...body]) {
    // A township named alone (某某镇人民政府工作规则) gets its county where the same town is named with it (某某县某某镇).
    if (j.town && !j.district && h.j.town === j.town && h.j.district) j.district = h.j.district;
    const same = (a: string | null, b: string | null) => a === null || b === null || a === b;
    if (!same(h.j.district, j.district) && j.district !== null) continue;
    if (h.j.district === j.district || h.j.district === null) {
      if (!j.city && h.j.city && (j.district === null || h.j.district === j.district)) j.city = h.j.city;
    }
    if (!j.province && h.j.province && same(h.j.city, j.city) && (h.j.district === j.district || h.j.district === null)) {
      if (h.j.city || h.j.district) j.province = h.j.province;
    }
  }
  if (j.city && admin.municipalities.includes(j.city)) j.province = j.city;
  if (!j.city && j.district) {
    // A county whose title names only itself: the one city the body refers to (参照《某市人民政府工作规则》).
    const cities = new Set(body.filter((h) => h.j.city && !h.j.district).map((h) => h.j.city!));
    // Names read with a verb glued before them (接受某某市, 执行某某市) end with the name itself: the one all end with.
    const common = [...cities].find((c) => [...cities].every((x) => x.endsWith(c)));
    if (common) j.city = common;
  }
  if (!j.province) {
    // A lone province the body refers to (参照《云南省人民政府工作规则》) is the province, if it is the only one.
    const provinces = new Set(body.filter((h) => h.j.province && !h.j.city).map((h) => h.j.province));
    if (provinces.size === 1 && (j.city || j.district)) j.province = [...provinces][0]!;
  }
  j.name = j.town ?? j.district ?? j.city ?? j.province;
  return { j, span: best.span };
}

/**
 * A city whose rules cite another city's rules as a higher authority (根据…《某甲市人民政府工作规则》, in 某乙市's) is a
 * county-level city (县级市) of that one: the county level, under that city. The genre cites its own province's and
 * its own city's rules, never a neighbour's; a municipality (北京市 …) is a province, not the city above.
 */
function countyLevelCity(j: Jurisdiction, body: string): void {
  if (!j.city || j.district || admin.municipalities.includes(j.city) || j.level === 'national') return;
  const cited = new Set<string>();
  for (const m of body.matchAll(CITED_CITY_RULES)) if (m[1] !== j.city && !admin.municipalities.includes(m[1]!) && !m[1]!.endsWith(j.city)) cited.add(m[1]!);
  // A prefecture governed by an administrative office (某某地区行政公署, 某某盟行政公署) whose regulations the city's rules
  // follow: the city is a county-level city of it (a 地区 has no 人民政府 whose rules it could cite).
  for (const p of OFFICE_PREFECTURES) if (body.includes(`${p}行政公署`) || body.includes(`${p}行署`)) cited.add(p);
  if (cited.size !== 1) return;
  j.district = j.city;
  j.city = [...cited][0]!;
  j.level = 'county';
  j.name = j.district;
}
/** Each prefecture-level division's province (data/prefectures.json). */
const PROVINCE_OF = new Map(Object.entries(prefectures.provinces).flatMap(([province, cities]) => cities.map((c) => [c, province] as const)));
/** The prefectures governed by an administrative office (行政公署): the 地区 and 盟 of data/prefectures.json. */
const OFFICE_PREFECTURES = [...PROVINCE_OF.keys()].filter((p) => /(?:地区|盟)$/u.test(p));
const CITED_CITY_RULES = new RegExp(`《([${HAN}]{2,8}?市)人民政府工作规则》`, 'gu');

/** A document number with its brackets normalised (〔2021〕), its characters as written in `written` (the string matched, as written). */
function normaliseDocNumber(at: number, code: number, year: string, serial: string, end: number, written: string): string {
  return `${written.slice(at, at + code)}〔${year}〕${serial}${written[end - 1]}`;
}

/**
 * Document numbers in a string as read, normalised (〔2021〕 brackets; an order number 某市人民政府令第37号 as it
 * stands), their characters as written in `written` (the same string as written).
 */
function docNumbers(read: string, written: string): { text: string; index: number; length: number }[] {
  const out = [...read.matchAll(DOC_NUMBER)].map((m) => {
    // A date just before the number is not part of its issuer's code (2016年3月8日昆政发〔2016〕21号).
    const date = /^[年月日]/u.test(m[1]!) && /\d$/u.test(read.slice(0, m.index)) ? 1 : 0;
    const at = m.index! + date;
    const end = m.index! + m[0].length;
    return { text: normaliseDocNumber(at, m[1]!.length - date, m[2]!, m[3]!, end, written), index: at, length: end - at };
  });
  for (const m of read.matchAll(ORDER_NUMBER)) {
    if (out.some((o) => m.index! < o.index + o.length && m.index! + m[0].length > o.index)) continue;
    const at = m.index!;
    const lead = m[1]!.match(/^(?:根据|依据|按照|参照|经|以|按|据|现将|将)/u)?.[0].length ?? 0;
    out.push({ text: written.slice(at + lead, at + m[0].length).replace(/[\s\u3000]/gu, ''), index: at + lead, length: m[0].length - lead });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Remove the first match of `re` from a string as read and the same characters from the string as written. */
function cut(read: string, written: string, re: RegExp): [string, string] {
  const m = re.exec(read);
  if (!m) return [read.trim(), written.trim()];
  const drop = (x: string) => (x.slice(0, m.index) + x.slice(m.index + m[0].length)).trim();
  return [drop(read), drop(written)];
}

/** The notice title can wrap over two or three lines; join them. `title` as read, `written` as written (`w`). */
function noticeTitle(lines: Line[], w: (l: Line) => string): { title: string; written: string; line: Line } | null {
  const nonBlank = lines.filter((l) => l.trimmed.length > 0);
  const at = nonBlank.findIndex((l) => /关于/.test(l.trimmed) && l.trimmed.length <= 80 && !/[。，,]/.test(l.trimmed));
  if (at < 0) return null;
  // A web page's metadata table labels it: 标　　题：某省人民政府关于印发…
  const first = nonBlank[at]!.trimmed;
  const labelled = /^([^：:]{1,10})[：:]\s*/.exec(first);
  const skip = labelled && cues.webMetaKeys.includes(labelled[1]!.replace(/[\s\u3000]/g, '')) ? labelled[0].length : 0;
  let title = first.slice(skip);
  let written = w(nonBlank[at]!).slice(skip);
  const prev = nonBlank[at - 1];
  if (title.startsWith('关于') && prev && /人民政府$/.test(prev.trimmed)) {
    title = prev.trimmed + title;
    written = w(prev) + written;
  }
  for (let k = at + 1; !/通知$|决定$|通知》?$/.test(title) && k < Math.min(nonBlank.length, at + 3); k++) {
    title += nonBlank[k]!.trimmed;
    written += w(nonBlank[k]!);
  }
  [title, written] = cut(title, written, VALIDITY_MARK);
  return { title, written, line: nonBlank[at]! };
}

/** Rules repealed, read from the transmittal notice (or 决定) and from the articles (…同时废止); quoted as written. */
function readRepeals(text: string, written: string, where: Span[]): Repeal[] {
  const out: Repeal[] = [];
  for (const span of where) {
    const body = text.slice(span.start, span.end);
    if (!body.includes('废止')) continue;
    for (const m of body.matchAll(/[^。；;\n]*废止[^。；;\n]*[。；;]?/g)) {
      const sentence = m[0];
      const start = span.start + m.index!;
      const asWritten = written.slice(start, start + sentence.length);
      const titles = [...sentence.matchAll(/《([^》]+)》/g)].map((t) => asWritten.slice(t.index! + 1, t.index! + 1 + t[1]!.length));
      const numbers = docNumbers(sentence, asWritten);
      const dates = findDates(sentence).filter((d) => /印发|发布|施行|公布|制定|修订|通过/.test(sentence.slice(d.index + d.length, d.index + d.length + 4)));
      if (titles.length === 0 && numbers.length === 0) continue;
      const count = Math.max(titles.length, numbers.length, 1);
      for (let k = 0; k < count; k++) {
        const title = titles[k] ?? null;
        const docNumber = numbers[k]?.text ?? null;
        // The notice and the last article often repeal the same rules: once is enough.
        if (out.some((r) => r.title === title && (r.docNumber === docNumber || r.docNumber === null || docNumber === null))) continue;
        out.push({
          title,
          docNumber,
          date: dates[k]?.iso ?? null,
          quote: asWritten.trim(),
          span: { start, end: start + sentence.length },
        });
      }
    }
  }
  return out;
}

export function readMetadata(input: MetadataInput): Metadata {
  const { text, before, titleLine, after, articles } = input;
  const written = input.written ?? text;
  /** A line as written. */
  const w = (l: Line) => written.slice(l.textStart, l.textEnd);
  const evidence: Record<string, Span> = {};
  const find = (lines: Line[], re: RegExp) => {
    for (const l of lines) {
      const m = re.exec(l.trimmed);
      if (m) return { m, line: l };
    }
    return null;
  };

  // Validity: a marker such as (失效) or a web field 有效性.
  let validity: Validity = null;
  const v = find(before, VALIDITY_META) ?? find(titleLine ? [...before, titleLine] : before, VALIDITY_MARK);
  if (v) {
    validity = normaliseValidity(v.m[1]!);
    evidence.validity = spanOf(v.line, v.m.index, v.m[0].length);
  }

  // Document number: the transmittal notice's own (never one quoted in a repeal clause).
  let docNumber: string | null = null;
  for (const l of before) {
    const m = docNumbers(l.trimmed, w(l))[0];
    if (m) {
      docNumber = m.text;
      evidence.docNumber = spanOf(l, m.index, m.length);
      break;
    }
  }

  const notice = noticeTitle(before, w);
  if (notice) evidence.noticeTitle = spanOf(notice.line);
  let title = titleLine ? cut(titleLine.trimmed, w(titleLine), VALIDITY_MARK)[1] : null;
  if (titleLine) evidence.title = spanOf(titleLine);
  if (!title && notice) {
    const t = /《([^》]+)》/.exec(notice.title);
    title = t ? notice.written.slice(t.index + 1, t.index + 1 + t[1]!.length) : null;
  }

  // Issuer: a government name standing alone on a line above a date (the signature), or a web field.
  let issuer: string | null = null;
  let issued: string | null = null;
  const nonBlankBefore = before.filter((l) => l.trimmed.length > 0);
  for (let k = nonBlankBefore.length - 1; k >= 0; k--) {
    const l = nonBlankBefore[k]!;
    const next = nonBlankBefore[k + 1];
    if (GOV_NAME.test(l.trimmed) && next && findDates(next.trimmed).length > 0 && findDates(next.trimmed)[0]!.index === 0) {
      issuer = l.trimmed;
      issued = findDates(next.trimmed)[0]!.iso;
      evidence.issuer = spanOf(l);
      evidence['dates.issued'] = spanOf(next);
      break;
    }
  }
  if (!issuer && notice) {
    // 邯郸市人民政府办公室关于印发… : the notice names its sender before 关于.
    const sender = notice.title.split('关于')[0]!;
    if (GOV_NAME.test(sender)) {
      issuer = sender;
      evidence.issuer = spanOf(notice.line, 0, sender.length);
    }
  }
  if (!issued) {
    // A date alone on a line at the end of the notice is its date of issue.
    const dateLine = [...nonBlankBefore].reverse().find((l) => findDates(l.trimmed)[0]?.index === 0 && findDates(l.trimmed)[0]!.length === l.trimmed.length);
    if (dateLine) {
      issued = findDates(dateLine.trimmed)[0]!.iso;
      evidence['dates.issued'] = spanOf(dateLine);
    }
  }
  const metaField = (keys: string) => find(before, new RegExp(`(?:${keys})\\s*[\\]】:：]\\s*(.+)$`));
  if (!issuer) {
    const f = metaField('制发单位|发文机关|发布机构');
    if (f) {
      issuer = f.m[1]!.trim();
      evidence.issuer = spanOf(f.line, f.m.index, f.m[0].length);
    }
  }
  if (!issuer) {
    const f = find(before, new RegExp(`^([${HAN}]{2,24}人民政府)文件$`));
    if (f) {
      issuer = f.m[1]!;
      evidence.issuer = spanOf(f.line, 0, f.m[1]!.length);
    }
  }
  if (!issuer && title && titleLine) {
    // Nothing else names the issuer: a government's own work rules are its own (某某市人民政府工作规则 → 某某市人民政府).
    // Also a title without 人民 (某某区政府工作规则 → 某某区政府), read as simplified.
    const own = new RegExp(`^([${HAN}]{2,24}?(?:人民)?政府)工作规则$`, 'u').exec(titleLine.trimmed);
    if (own) {
      issuer = own[1]!;
      evidence.issuer = spanOf(titleLine, titleLine.trimmed.indexOf(own[1]!), own[1]!.length);
    }
  }
  const dated = (keys: string, field: string) => {
    const f = metaField(keys);
    const d = f ? findDates(f.m[1]!)[0] : undefined;
    if (f && d) evidence[field] = spanOf(f.line, f.m.index, f.m[0].length);
    return d?.iso ?? null;
  };
  if (!issued) {
    // A note under the title that says when the rules were issued: （2016年3月8日昆政发〔2016〕21号印发）.
    for (const l of before) {
      if (!/^[（(].*[)）]$/u.test(l.trimmed)) continue;
      const d = findDates(l.trimmed).find((x) => /^[^，,；;。]{0,24}?(?:印发|发布)[)）]?$/u.test(l.trimmed.slice(x.index + x.length)));
      if (d) {
        issued = d.iso;
        evidence['dates.issued'] = spanOf(l, d.index, d.length);
        break;
      }
    }
  }
  if (!issued) issued = dated('成文日期', 'dates.issued');
  const published = dated('发布日期|发布时间', 'dates.published');

  let adopted: string | null = null;
  for (const l of before) {
    if (!/会议/.test(l.trimmed) || !/(通过|同意|审议|研究|修订|修正)/.test(l.trimmed)) continue;
    const dates = findDates(l.trimmed).filter((x) => /会议/.test(l.trimmed.slice(x.index, x.index + 40)));
    // A note that lists the first adoption and later revisions (…通过，…修订): the rules as they stand are the last.
    const revised = dates.filter((x) => /^[^，,；;。）)]*?(?:修订|修正|修改)/u.test(l.trimmed.slice(x.index)));
    const d = revised.at(-1) ?? dates[0];
    if (d) {
      adopted = d.iso;
      evidence['dates.adopted'] = spanOf(l, d.index, d.length);
      break;
    }
  }
  let printed: string | null = null;
  for (const l of after) {
    const d = findDates(l.trimmed).find((x) => /^\s*印发/.test(l.trimmed.slice(x.index + x.length)));
    if (d) {
      printed = d.iso;
      evidence['dates.printed'] = spanOf(l, d.index, d.length + 2);
      break;
    }
  }

  // Jurisdiction: the rules title decides, then the notice, the issuer, the trailer, the body.
  const lineHits = (ls: Line[]) => ls.filter((l) => !ADDRESSEE.test(l.trimmed)).flatMap((l) => governmentNames(l.trimmed, l.textStart));
  // A title that names its government without 人民 (某某区政府工作规则): the name before 政府.
  const bareTitle = (l: Line): NameHit[] => {
    const m = new RegExp(`^([${HAN}]{2,16}?)政府工作规则`, 'u').exec(l.trimmed);
    const j = m ? parseTownName(m[1]!) : null;
    return j ? [{ j, span: { start: l.textStart, end: l.textStart + m![1]!.length } }] : [];
  };
  const titleHits = titleLine ? lineHits([titleLine]) : [];
  const groups: NameHit[][] = [
    titleHits.length || !titleLine ? titleHits : bareTitle(titleLine),
    notice ? governmentNames(notice.title, notice.line.textStart) : [],
    lineHits(before),
    lineHits(after),
  ];
  const body = articles.flatMap((a) => governmentNames(text.slice(a.span.start, a.span.end), a.span.start));
  const { j, span } = readJurisdiction([...groups, body], body);
  if (span) evidence.jurisdiction = span;
  if (articles.length) countyLevelCity(j, text.slice(articles[0]!.span.start, articles.at(-1)!.span.end));
  // A city the text names without its province (a county's rules name the city they answer to, rarely the province).
  if (j.city && !j.province) j.province = PROVINCE_OF.get(j.city) ?? null;
  if (!j.name) {
    // The State Council's own rules (国务院工作规则) name no 人民政府: the national level.
    const national = [titleLine, notice?.line, ...before.filter((l) => l.trimmed === admin.national.name)].find((l) => l && l.trimmed.includes(admin.national.name));
    if (national) {
      Object.assign(j, { province: null, city: null, district: null, level: 'national', name: admin.national.name });
      evidence.jurisdiction = spanOf(national, national.trimmed.indexOf(admin.national.name), admin.national.name.length);
    }
  }

  const year = Number((issued ?? published ?? adopted ?? printed ?? '').slice(0, 4)) || (Number(/〔(\d{4})〕/.exec(docNumber ?? '')?.[1]) || null);

  return {
    title,
    noticeTitle: notice?.written ?? null,
    jurisdiction: j,
    issuer,
    docNumber,
    dates: { issued, published, adopted, printed },
    year,
    validity,
    repeals: readRepeals(text, written, [...before.map((l) => ({ start: l.textStart, end: l.textEnd })), ...articles.map((a) => a.span)]),
    evidence,
    source: input.source,
  };
}
