/**
 * Topics side by side: coverage (topic × district: which articles each document has on each
 * topic) and, per topic, the aligned articles of every clause family in one column per
 * district with the differences marked. Built on the alignment (src/align: families per
 * topic, linked as matters); differences come from src/diff, inside each aligned family only. A topic page opens
 * with a strip of the facts its articles state, district by district. Pure.
 */
import { familiesForTopic } from '../align/index.js';
import { loadTaxonomy } from '../classify/index.js';
import { diffTexts, DEFAULT_CUTOFF, type DiffPart } from '../diff/index.js';
import type { DocumentFacts } from '../extract/index.js';
import { findArticle, type Alignment, type Article, type ArticleRef, type ClauseFamily, type RuleDocument, type Taxonomy } from '../model.js';
import { articleBodyText, shortLabel } from './articles.js';
import { columnsOf, deadlinesTable, leaveTable, meetingsTable, thresholdsTable } from './facts-tables.js';
import { esc } from './html.js';
import { mdTable } from './markdown.js';
import { citeHtml, tableHtml, tableMarkdown, type Cite, type Column, type MatrixRow, type MatrixTable } from './table.js';

function articleOf(doc: RuleDocument, ref: ArticleRef): Article {
  const a = findArticle(doc.articles, ref.key);
  if (!a) throw new Error(`${doc.id}: no article ${ref.key}`);
  return a;
}

function articleCite(doc: RuleDocument, ref: ArticleRef): Cite {
  const a = articleOf(doc, ref);
  const body = articleBodyText(a);
  const first = body.split(/(?<=[。；;])|\n/u)[0] ?? body;
  return { docId: doc.id, district: doc.meta.jurisdiction.name ?? doc.id, label: shortLabel(a.label), key: a.key, ordinal: a.ordinal, quote: preview(first) };
}

/** A cell's tooltip: the article's first sentence up to PREVIEW_CHARS characters (the matrix of 500 documents carried 7 MB of whole sentences; decision 0070). */
const PREVIEW_CHARS = 40;
function preview(sentence: string): string {
  const chars = [...sentence];
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS).join('')}…` : sentence;
}

/**
 * Topic × district: the articles of each document in the topic's clause families (an article
 * that covers two topics is listed under both), as the alignment's coverage.md counts them.
 */
export function coverageTable(docs: RuleDocument[], alignment: Alignment, taxonomy: Taxonomy = loadTaxonomy()): MatrixTable {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const col = new Map(docs.map((d, i) => [d.id, i]));
  const rows = taxonomy.topics.map((t) => ({ key: t.id, label: t.name, cells: docs.map(() => [] as { text: string; cite: Cite }[]) }));
  const rowOf = new Map(rows.map((r, i) => [r.key, i]));
  for (const f of alignment.families) {
    if (!f.topic || !rowOf.has(f.topic)) continue;
    for (const m of f.members) {
      const c = col.get(m.docId);
      if (c === undefined) continue;
      const cell = rows[rowOf.get(f.topic)!]!.cells[c]!;
      if (cell.some((v) => v.cite.key === m.key)) continue;
      const cite = articleCite(byId.get(m.docId)!, m);
      cell.push({ text: cite.label, cite });
    }
  }
  for (const r of rows) for (const cell of r.cells) cell.sort((x, y) => x.cite.ordinal - y.cite.ordinal);
  return {
    kind: 'matrix',
    id: 'topics',
    title: '主题覆盖',
    note: '分类表（data/topics.json）中的每个主题下，各文件有哪些条文（即对齐结果中该主题各条款组的成员）。空格（—）：该文件没有这一主题的条文。',
    rowHeader: '主题',
    columns: columnsOf(docs),
    rows: rows.filter((r) => r.cells.some((c) => c.length > 0)),
    compare: false,
  };
}

export interface SideCell {
  cites: Cite[];
  /** The articles' words (labels cut), joined by a line break when several. */
  text: string;
  /** The text as parts, changed parts marked against the base column (one-sided unless two columns). */
  parts: DiffPart[];
  /** Similarity to the base column; null for the base itself. */
  similarity: number | null;
  /** False when similarity is below the cut-off: shown unmarked. */
  marked: boolean;
  /**
   * Set when the pair was not diffed because a pre-check says it would be shown unmarked (docs/decisions/0070):
   * 'dice', `similarity` is the pair's character-bigram Dice (below PRECHECK_DICE); 'bound', it is an upper bound
   * of the diff's similarity from the words the two share (diffTexts' precheck), below the cut-off.
   */
  estimated?: 'dice' | 'bound';
  base: boolean;
}

/** A column of a family without a member: where the district's articles on the topic are instead, if anywhere. */
export interface Elsewhere {
  /** Labels of the other groups of the page that hold the district's articles ('第2组'). */
  groups: string[];
  cites: Cite[];
}

export interface SideFamily {
  id: string;
  /** The family's number on the page: 第1组, 第2组 … (families of one matter next to each other). */
  label: string;
  topic: string | null;
  topicName: string | null;
  cohesion: number;
  /** Labels of the other groups of the page that regulate the same matter (ClauseFamily.matter). */
  sameMatter: string[];
  cells: (SideCell | null)[];
  /** For each column without a member: the district's articles on the page's topics in other groups (empty: 未规定). */
  elsewhere: (Elsewhere | null)[];
}

export interface TopicSideBySide {
  topic: string;
  name: string;
  description: string;
  columns: Column[];
  families: SideFamily[];
  cutoff: number;
  /** The facts the topic's articles state, district by district (null without facts). */
  facts: MatrixTable | null;
}

/** Each fact's article as "docId\u0000key", made once per fact (a build's topic pages ask for every fact on each page). */
const articleKeyOf = new WeakMap<object, string>();
const articleKey = (f: { citation: { docId: string; key: string } }) => {
  let k = articleKeyOf.get(f);
  if (k === undefined) articleKeyOf.set(f, (k = `${f.citation.docId}\u0000${f.citation.key}`));
  return k;
};

/** The facts cited to an article of the given set, per document. */
function factsIn(facts: DocumentFacts[], keys: Set<string>): DocumentFacts[] {
  const inTopic = <F extends { citation: { docId: string; key: string } }>(list: F[]) => list.filter((f) => keys.has(articleKey(f)));
  return facts.map((f) => ({ docId: f.docId, meetings: inTopic(f.meetings), thresholds: inTopic(f.thresholds), deadlines: inTopic(f.deadlines), leave: inTopic(f.leave) }));
}

/** The fact strip of a topic page: meetings, thresholds, leave and deadlines of the topic's articles in one table. */
export function factStrip(docs: RuleDocument[], facts: DocumentFacts[], keys: Set<string>): MatrixTable | null {
  const mine = factsIn(facts, keys);
  const parts: [string, MatrixTable][] = [
    ['', meetingsTable(docs, mine)],
    ['金额 · ', thresholdsTable(docs, mine)],
    ['请假报告 · ', leaveTable(docs, mine)],
    ['时限 · ', deadlinesTable(docs, mine)],
  ];
  const rows: MatrixRow[] = parts.flatMap(([prefix, t]) => t.rows.map((r) => ({ ...r, key: `${t.id}|${r.key}`, label: `${prefix}${r.label}` })));
  if (rows.length === 0) return null;
  return {
    kind: 'matrix',
    id: 'facts',
    title: '要点',
    note: '本主题条文中抽取的事实，按地区并列：会议的频次、法定人数、主持人，金额界限，请假报告规则，时限。每个值注明出处；全部事实见会议制度、资金审批权限、请销假与报备、时限与篇幅各页。',
    rowHeader: '事项',
    columns: columnsOf(docs),
    rows,
  };
}

const GROUP = (n: number) => `第${n}组`;

/**
 * The aligned articles of a topic side by side, every family of it (families of one article too). Every column is
 * diffed against a base column: with base 'first', the first document (in the order given) that has a member in the
 * family; with 'medoid' (the default), the member closest to all others (character-bigram Dice), so the marks show
 * how each district departs from the common wording. With exactly two columns the base column also shows what it
 * has that the other lacks. Families of one matter come one after the other.
 */
export function topicSideBySide(
  docs: RuleDocument[],
  alignment: Alignment,
  topicId: string,
  options: { subtopics?: boolean; taxonomy?: Taxonomy; base?: 'first' | 'medoid'; facts?: DocumentFacts[] } = {},
): TopicSideBySide {
  const taxonomy = options.taxonomy ?? loadTaxonomy();
  const topic = taxonomy.byId.get(topicId);
  if (!topic) throw new Error(`unknown topic "${topicId}" (see data/topics.json)`);
  const inRun = new Set(docs.map((d) => d.id));
  const all: ClauseFamily[] = (options.subtopics === false ? alignment.families.filter((f) => f.topic === topicId) : familiesForTopic(alignment, topicId, taxonomy)).filter((f) =>
    f.members.some((m) => inRun.has(m.docId)),
  );
  // Families of one matter next to each other, in the order of the matter's first family.
  const firstOf = new Map<string, number>();
  all.forEach((f, i) => firstOf.has(f.matter ?? f.id) || firstOf.set(f.matter ?? f.id, i));
  const families = all.map((f, i) => ({ f, i })).sort((x, y) => firstOf.get(x.f.matter ?? x.f.id)! - firstOf.get(y.f.matter ?? y.f.id)! || x.i - y.i).map((x) => x.f);
  const label = new Map(families.map((f, k) => [f.id, GROUP(k + 1)]));
  const levels = docs.map((d) => d.meta.jurisdiction.name?.slice(-1) ?? '');
  const out: SideFamily[] = [];
  for (const f of families) {
    const cells: (SideCell | null)[] = docs.map((d) => {
      const members = f.members.filter((m) => m.docId === d.id);
      if (members.length === 0) return null;
      const cites = members.map((m) => articleCite(d, m));
      const text = members.map((m) => articleBodyText(articleOf(d, m))).join('\n');
      return { cites, text, parts: [{ text, changed: false }], similarity: null, marked: false, base: false };
    });
    const present = cells.filter((c): c is SideCell => c !== null);
    if (present.length >= 2) {
      const grams = new Map<string, Uint32Array>();
      const gramsOf = (t: string) => grams.get(t) ?? (grams.set(t, bigramCodes(t)), grams.get(t)!);
      const baseIndex = options.base === 'first' ? cells.findIndex((c) => c !== null) : medoid(cells, gramsOf);
      const base = cells[baseIndex]!;
      base.base = true;
      // Members often share a text word for word: each distinct (text, level) is diffed once against the base. With
      // more than two columns, a pair whose bigram Dice is below PRECHECK_DICE is not diffed: it would be shown unmarked.
      const diffs = new Map<string, ReturnType<typeof diffTexts>>();
      cells.forEach((c, i) => {
        if (!c || i === baseIndex) return;
        if (present.length > 2 && c.text !== base.text) {
          const d = diceOf(gramsOf(base.text), gramsOf(c.text));
          if (d < PRECHECK_DICE) {
            c.similarity = d;
            c.estimated = 'dice';
            return;
          }
        }
        const key = `${levels[i]}\u0000${c.text}`;
        let d = diffs.get(key);
        if (!d) diffs.set(key, (d = diffTexts(base.text, c.text, { levels: [levels[baseIndex]!, levels[i]!], precheck: present.length > 2 })));
        c.similarity = d.similarity;
        c.marked = d.marked;
        if (d.estimated) c.estimated = 'bound';
        c.parts = d.right;
        if (present.length === 2) {
          base.parts = d.left;
          base.marked = d.marked;
        }
      });
    }
    const elsewhere = docs.map((d, i): Elsewhere | null => {
      if (cells[i]) return null;
      const others = families.filter((g) => g !== f && g.members.some((m) => m.docId === d.id));
      return { groups: others.map((g) => label.get(g.id)!), cites: others.flatMap((g) => g.members.filter((m) => m.docId === d.id).map((m) => articleCite(d, m))) };
    });
    const sameMatter = families.filter((g) => g !== f && (g.matter ?? g.id) === (f.matter ?? f.id)).map((g) => label.get(g.id)!);
    out.push({ id: f.id, label: label.get(f.id)!, topic: f.topic, topicName: f.topicName, cohesion: f.cohesion, sameMatter, cells, elsewhere });
  }
  const keys = new Set(families.flatMap((f) => f.members.map((m) => `${m.docId}\u0000${m.key}`)));
  return {
    topic: topicId,
    name: topic.name,
    description: topic.description,
    columns: columnsOf(docs),
    families: out,
    cutoff: DEFAULT_CUTOFF,
    facts: options.facts ? factStrip(docs, options.facts, keys) : null,
  };
}

/** The distinct character bigrams of a text (spaces and punctuation dropped), as sorted codes. */
function bigramCodes(s: string): Uint32Array {
  const t = s.replace(/[\s\p{P}]/gu, '');
  const out = new Set<number>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.charCodeAt(i) * 65536 + t.charCodeAt(i + 1));
  return Uint32Array.from(out).sort();
}

/**
 * Pairs of columns less alike than this (character-bigram Dice) are not diffed on a page of more than two columns:
 * measured on 1,254 distinct pairs of a 50-document corpus, no pair below Dice 0.279 reached the 0.30 cut-off of
 * the diff's similarity, and skipping those below 0.25 saved 45 % of the diffing time (docs/decisions/0070).
 */
export const PRECHECK_DICE = 0.25;

function diceOf(g: Uint32Array, h: Uint32Array): number {
  return g.length + h.length ? (2 * commonCount(g, h)) / (g.length + h.length) : 0;
}

function commonCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else (n++, i++, j++);
  }
  return n;
}

/**
 * Index of the cell whose text is closest to the others: the largest sum of character-bigram Dice to every other
 * cell (ties: the first). Equal texts are compared once and counted by their number (an equal text has Dice 1, or
 * 0 when it has no bigrams), and each unordered pair of distinct texts once.
 */
function medoid(cells: (SideCell | null)[], gramsOf: (text: string) => Uint32Array = bigramCodes): number {
  const distinct = new Map<string, { first: number; count: number; grams: Uint32Array }>();
  cells.forEach((c, i) => {
    if (!c) return;
    const e = distinct.get(c.text);
    if (e) e.count++;
    else distinct.set(c.text, { first: i, count: 1, grams: gramsOf(c.text) });
  });
  const u = [...distinct.values()];
  const sums = u.map((x) => (x.count - 1) * (x.grams.length ? 1 : 0));
  // The bigrams common to two texts counted by marking one text's bigrams (numbered within the family) and reading
  // the other's marks: the same counts as merging the two sorted lists, a fifth of the time at 500 columns.
  const number = new Map<number, number>();
  const ids = u.map((x) => Int32Array.from(x.grams, (g) => number.get(g) ?? (number.set(g, number.size), number.size - 1)));
  const mark = new Uint8Array(number.size);
  for (let i = 0; i < u.length; i++) {
    const own = ids[i]!;
    for (let k = 0; k < own.length; k++) mark[own[k]!] = 1;
    for (let j = i + 1; j < u.length; j++) {
      const other = ids[j]!;
      let common = 0;
      for (let k = 0; k < other.length; k++) common += mark[other[k]!]!;
      const size = own.length + other.length;
      const d = size ? (2 * common) / size : 0;
      sums[i]! += u[j]!.count * d;
      sums[j]! += u[i]!.count * d;
    }
    for (let k = 0; k < own.length; k++) mark[own[k]!] = 0;
  }
  let best = -1;
  let bestScore = -1;
  u.forEach((x, k) => {
    if (sums[k]! > bestScore || (sums[k] === bestScore && x.first < best)) {
      bestScore = sums[k]!;
      best = x.first;
    }
  });
  return best;
}

/** Topics that have at least one family with two or more documents, in taxonomy order. */
export function topicsWithFamilies(alignment: Alignment, taxonomy: Taxonomy = loadTaxonomy()): string[] {
  const has = new Set(alignment.families.filter((f) => f.topic && new Set(f.members.map((m) => m.docId)).size >= 2).map((f) => f.topic!));
  return taxonomy.topics.map((t) => t.id).filter((id) => has.has(id));
}

// ------------------------------------------------------------------ rendering

export const TOPIC_LEGEND_MD = (cutoff: number) =>
  `图例：每列一个地区。标“（基准）”的一列为比较基准（用 --districts 指定时为第一个地区，否则为措辞与其他各地最接近的地区）；其他列中**加粗**的是与基准不同的文字（只有两个地区时，~~删除线~~标出只有基准才有的文字）。与基准相似度低于 ${cutoff.toFixed(2)} 的不标差异。“未规定”：该地区在本主题下没有条文；“见第N组”：该地区的相应条文在本页另一组中。`;
const TOPIC_LEGEND_HTML = (cutoff: number) =>
  `<p class="legend"><span>每列一个地区；标“基准”的一列为比较基准（用 --districts 指定时为第一个地区，否则为措辞与其他各地最接近的地区）。</span><span><ins>新增</ins> / <mark>与基准不同</mark></span><span><del>只有基准才有</del>（只有两个地区时）</span><span>与基准相似度低于 ${cutoff.toFixed(2)} 的不标差异。</span><span>“未规定”：该地区在本主题下没有条文；“见第N组”：相应条文在本页另一组中。</span></p>`;

/**
 * Pages of more documents than this show each family by wording, not one column per document: the districts
 * that write a member the same way (same text, same marks against the base) share one row, and the districts
 * without a member are listed under the table. At 500 documents a page was a table 500 columns wide and the topic
 * pages 61 MB, the same text repeated in every district that copies it (docs/decisions/0070).
 */
export const WIDE_COLUMNS = 12;
const WIDE_LEGEND = `地区多于 ${WIDE_COLUMNS} 个时，每组按措辞列出：条文相同（差异标记也相同）的地区合为一行；没有条文的地区列在表下。`;

interface Wording {
  cells: SideCell[];
}

/** A family's members grouped by wording (in the order of their first district), and the line naming the districts without one. */
function wordings(f: SideFamily, columns: Column[]): { rows: Wording[]; absent: string } {
  const rows = new Map<string, Wording>();
  for (const c of f.cells) {
    if (!c) continue;
    const key = [c.base ? 'base' : '', c.similarity ?? '', c.marked, c.estimated ?? '', ...c.parts.map((p) => `${p.changed ? 1 : 0}${p.text}`)].join('\u0000');
    const row = rows.get(key);
    if (row) row.cells.push(c);
    else rows.set(key, { cells: [c] });
  }
  const unset: string[] = [];
  const elsewhere = new Map<string, string[]>();
  f.cells.forEach((c, i) => {
    if (c) return;
    const e = f.elsewhere[i];
    if (!e || e.cites.length === 0) return void unset.push(columns[i]!.title);
    const k = e.groups.join('、');
    elsewhere.set(k, [...(elsewhere.get(k) ?? []), ...e.cites.map((x) => `${x.district} ${x.label}`)]);
  });
  const absent = [unset.length ? `未规定（${unset.length} 个地区）：${unset.join('、')}` : '', ...[...elsewhere].map(([g, cites]) => `见${g}：${cites.join('、')}`)].filter(Boolean).join('；');
  return { rows: [...rows.values()], absent: absent ? `${absent}。` : '' };
}

export const topicTitle = (t: Pick<TopicSideBySide, 'name'>) => `${t.name}：各地条文对照`;

const mdEscapeMarks = (s: string) => s.replace(/([*_~`])/g, '\\$1');

function partsMarkdown(cell: SideCell, two: boolean): string {
  return cell.parts.map((p) => (p.changed ? (cell.base && two ? `~~${mdEscapeMarks(p.text)}~~` : `**${mdEscapeMarks(p.text)}**`) : mdEscapeMarks(p.text))).join('');
}

function simNote(cell: SideCell, baseTitle: string, cutoff: number): string {
  if (cell.similarity === null) return cell.base ? '（基准）' : '';
  if (cell.estimated === 'bound') return `与 ${baseTitle} 的相似度至多 ${cell.similarity.toFixed(2)}，低于 ${cutoff.toFixed(2)}，未比对、不标差异`;
  if (cell.estimated) return `与 ${baseTitle} 的字符二元组相似度 ${cell.similarity.toFixed(2)}，低于 ${cutoff.toFixed(2)}，未比对、不标差异`;
  const s = `与 ${baseTitle} 的相似度 ${cell.similarity.toFixed(2)}`;
  return cell.marked ? s : `${s}，低于 ${cutoff.toFixed(2)}，不标差异`;
}

function elsewhereText(e: Elsewhere | null): string {
  if (!e || e.cites.length === 0) return '未规定';
  return `见${e.groups.join('、')}（${e.cites.map((c) => c.label).join('、')}）`;
}

function familyHeading(f: SideFamily): string {
  return `${f.label} · ${f.topicName ?? ''}`;
}

function familyNote(f: SideFamily): string {
  const docs = f.cells.filter(Boolean).length;
  const parts = [`${docs} 个地区`, ...(docs > 1 ? [`组内平均相似度 ${f.cohesion.toFixed(2)}`] : [])];
  if (f.sameMatter.length) parts.push(`与${f.sameMatter.join('、')}同属一个事项（同一主题、同章并列的条文）`);
  return parts.join('；');
}

export function topicMarkdown(t: TopicSideBySide): string {
  const out = [`# ${topicTitle(t)}`, '', `主题说明：${t.description}`, '', TOPIC_LEGEND_MD(t.cutoff), '', '由 rulecmp 根据所列文件生成；如需修改，请修改文件后重新生成，不要手工编辑。', ''];
  if (t.facts) out.push(tableMarkdown(t.facts));
  if (t.families.length === 0) out.push('本主题没有对齐的条文。', '');
  if (t.columns.length > WIDE_COLUMNS) out.push(WIDE_LEGEND, '');
  for (const f of t.families) {
    const baseI = f.cells.findIndex((c) => c?.base);
    const baseTitle = baseI >= 0 ? t.columns[baseI]!.title : '';
    const two = f.cells.filter(Boolean).length === 2;
    out.push(`## ${familyHeading(f)}`, '', familyNote(f), '');
    if (t.columns.length > WIDE_COLUMNS) {
      const v = wordings(f, t.columns);
      out.push(
        mdTable(
          ['地区', '条文', '与基准的相似度'],
          v.rows.map((r) => [r.cells.flatMap((c) => c.cites.map((x) => `${x.district} ${x.label}`)).join('、'), partsMarkdown(r.cells[0]!, two), simNote(r.cells[0]!, baseTitle, t.cutoff)]),
        ),
        '',
      );
      if (v.absent) out.push(v.absent, '');
      continue;
    }
    out.push(
      mdTable(
        t.columns.map((c) => c.title),
        [
          f.cells.map((c, i) => (c ? c.cites.map((x) => `${x.district} ${x.label}`).join('、') : elsewhereText(f.elsewhere[i]!))),
          f.cells.map((c) => (c ? partsMarkdown(c, two) : '')),
          f.cells.map((c) => (c ? simNote(c, baseTitle, t.cutoff) : '')),
        ],
      ),
      '',
    );
  }
  return out.join('\n');
}

function partsHtml(cell: SideCell, two: boolean): string {
  const tag = cell.base ? (two ? 'del' : 'mark') : two ? 'ins' : 'mark';
  return cell.parts.map((p) => (p.changed ? `<${tag}>${esc(p.text)}</${tag}>` : esc(p.text))).join('').replace(/\n/g, '<br>');
}

/** The body of a topic page (the page's title and intro come from the caller). */
export function topicHtml(t: TopicSideBySide): string {
  const out: string[] = [];
  out.push(`<p class="note">主题说明：${esc(t.description)}</p>`);
  out.push(TOPIC_LEGEND_HTML(t.cutoff));
  if (t.facts) out.push(tableHtml(t.facts).replace('<table class="matrix">', '<table class="matrix strip">'));
  if (t.families.length === 0) out.push('<p>本主题没有对齐的条文。</p>');
  if (t.columns.length > WIDE_COLUMNS) out.push(`<p class="legend">${esc(WIDE_LEGEND)}</p>`);
  for (const f of t.families) {
    const baseI = f.cells.findIndex((c) => c?.base);
    const baseTitle = baseI >= 0 ? t.columns[baseI]!.title : '';
    const two = f.cells.filter(Boolean).length === 2;
    out.push(`<h2 id="${esc(f.id.replace('#', '-'))}">${esc(familyHeading(f))}</h2><p class="matter">${esc(familyNote(f))}</p>`);
    if (t.columns.length > WIDE_COLUMNS) {
      const v = wordings(f, t.columns);
      out.push(`<table class="side wordings" data-family="${esc(f.id)}"><thead><tr><th>地区</th><th>条文</th><th>与基准的相似度</th></tr></thead><tbody>`);
      for (const r of v.rows) {
        const c = r.cells[0]!;
        const cls = [c.base ? 'base' : '', !c.base && c.similarity !== null && c.similarity < 1 ? 'differs' : ''].filter(Boolean).join(' ');
        out.push(`<tr${cls ? ` class="${cls}"` : ''}><td>${r.cells.flatMap((x) => x.cites.map((y) => citeHtml(y, false))).join('')}</td><td><div class="text">${partsHtml(c, two)}</div></td><td><span class="sim">${esc(simNote(c, baseTitle, t.cutoff))}</span></td></tr>`);
      }
      out.push('</tbody></table>');
      if (v.absent) out.push(`<p class="none">${esc(v.absent)}</p>`);
      continue;
    }
    out.push(`<table class="side" data-family="${esc(f.id)}"><thead><tr>${t.columns.map((c) => `<th data-doc="${esc(c.docId)}">${esc(c.title)}</th>`).join('')}</tr></thead><tbody><tr>`);
    f.cells.forEach((c, i) => {
      if (!c) {
        const e = f.elsewhere[i]!;
        out.push(e && e.cites.length ? `<td class="none elsewhere">${esc(elsewhereText(e))}</td>` : '<td class="none unset">未规定</td>');
        return;
      }
      // No quote tooltip on the citations: the cell shows the articles' words themselves (at 500 documents the
      // tooltips were a third of the topic pages' bytes, docs/decisions/0070).
      const cls = [c.base ? 'base' : '', !c.base && c.similarity !== null && c.similarity < 1 ? 'differs' : ''].filter(Boolean).join(' ');
      out.push(`<td${cls ? ` class="${cls}"` : ''}>${c.cites.map((x) => citeHtml(x, false)).join('')}<div class="text">${partsHtml(c, two)}</div><span class="sim">${esc(simNote(c, baseTitle, t.cutoff))}</span></td>`);
    });
    out.push('</tr></tbody></table>');
  }
  return out.join('\n');
}
