/**
 * Topics side by side: coverage (topic × district: which articles each document has on each
 * topic) and, per topic, the aligned articles of every clause family in one column per
 * district with the differences marked. Built on the alignment (src/align: families per
 * topic); differences come from src/diff, inside each aligned family only. Pure.
 */
import { familiesForTopic } from '../align/index.js';
import { loadTaxonomy } from '../classify/index.js';
import { diffTexts, DEFAULT_CUTOFF, type DiffPart } from '../diff/index.js';
import { findArticle, type Alignment, type Article, type ArticleRef, type ClauseFamily, type RuleDocument, type Taxonomy } from '../model.js';

function articleOf(doc: RuleDocument, ref: ArticleRef): Article {
  const a = findArticle(doc.articles, ref.key);
  if (!a) throw new Error(`${doc.id}: no article ${ref.key}`);
  return a;
}
import { articleBodyText, shortLabel } from './articles.js';
import { columnsOf } from './facts-tables.js';
import { citeHtml, type Cite, type Column, type MatrixTable } from './table.js';
import { esc } from './html.js';
import { mdTable } from './markdown.js';

function articleCite(doc: RuleDocument, ref: ArticleRef): Cite {
  const a = articleOf(doc, ref);
  const body = articleBodyText(a);
  const first = body.split(/(?<=[。；;])|\n/u)[0] ?? body;
  return { docId: doc.id, district: doc.meta.jurisdiction.name ?? doc.id, label: shortLabel(a.label), key: a.key, ordinal: a.ordinal, quote: first };
}

/**
 * Topic × district: the articles of each document in the topic's clause families (an article
 * that covers two topics is listed under both), as the alignment's coverage.md counts them.
 */
export function coverageTable(docs: RuleDocument[], alignment: Alignment, taxonomy: Taxonomy = loadTaxonomy()): MatrixTable {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const col = new Map(docs.map((d, i) => [d.id, i]));
  const rows = taxonomy.topics.map((t) => ({ key: t.id, label: `${t.name} (${t.id})`, cells: docs.map(() => [] as { text: string; cite: Cite }[]) }));
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
    title: '主题覆盖 Topic coverage',
    note: 'For each topic of the taxonomy (data/topics.json), the articles of each document in its clause families (the alignment run). An empty cell: the document has no article on the topic.',
    rowHeader: '主题 topic',
    columns: columnsOf(docs),
    rows: rows.filter((r) => r.cells.some((c) => c.length > 0)),
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

export interface SideFamily {
  id: string;
  topic: string | null;
  topicName: string | null;
  cohesion: number;
  cells: (SideCell | null)[];
}

export interface TopicSideBySide {
  topic: string;
  name: string;
  columns: Column[];
  families: SideFamily[];
  cutoff: number;
}

/**
 * The aligned articles of a topic side by side. Every column is diffed against a base column:
 * with base 'first', the first document (in the order given) that has a member in the family;
 * with 'medoid' (the default), the member closest to all others (character-bigram Dice), so
 * the marks show how each district departs from the common wording. With exactly two columns
 * the base column also shows what it has that the other lacks.
 */
export function topicSideBySide(
  docs: RuleDocument[],
  alignment: Alignment,
  topicId: string,
  options: { subtopics?: boolean; taxonomy?: Taxonomy; base?: 'first' | 'medoid' } = {},
): TopicSideBySide {
  const taxonomy = options.taxonomy ?? loadTaxonomy();
  const topic = taxonomy.byId.get(topicId);
  if (!topic) throw new Error(`unknown topic "${topicId}" (see data/topics.json)`);
  const families: ClauseFamily[] = options.subtopics === false ? alignment.families.filter((f) => f.topic === topicId) : familiesForTopic(alignment, topicId, taxonomy);
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
    if (cells.filter(Boolean).length < 2) continue;
    const grams = new Map<string, Uint32Array>();
    const gramsOf = (t: string) => grams.get(t) ?? (grams.set(t, bigramCodes(t)), grams.get(t)!);
    const baseIndex = options.base === 'first' ? cells.findIndex((c) => c !== null) : medoid(cells, gramsOf);
    const base = cells[baseIndex]!;
    base.base = true;
    const present = cells.filter((c): c is SideCell => c !== null);
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
    out.push({ id: f.id, topic: f.topic, topicName: f.topicName, cohesion: f.cohesion, cells });
  }
  return { topic: topicId, name: topic.name, columns: columnsOf(docs), families: out, cutoff: DEFAULT_CUTOFF };
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
  for (let i = 0; i < u.length; i++)
    for (let j = i + 1; j < u.length; j++) {
      const g = u[i]!.grams;
      const h = u[j]!.grams;
      const d = diceOf(g, h);
      sums[i]! += u[j]!.count * d;
      sums[j]! += u[i]!.count * d;
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

const mdEscapeMarks = (s: string) => s.replace(/([*_~`])/g, '\\$1');

function partsMarkdown(cell: SideCell, two: boolean): string {
  return cell.parts.map((p) => (p.changed ? (cell.base && two ? `~~${mdEscapeMarks(p.text)}~~` : `**${mdEscapeMarks(p.text)}**`) : mdEscapeMarks(p.text))).join('');
}

function simNote(cell: SideCell, baseTitle: string, cutoff: number): string {
  if (cell.similarity === null) return cell.base ? '(base)' : '';
  if (cell.estimated === 'bound') return `similarity at most ${cell.similarity.toFixed(2)} to ${baseTitle} — not diffed, below ${cutoff.toFixed(2)}, shown without marks`;
  if (cell.estimated) return `bigram Dice ${cell.similarity.toFixed(2)} to ${baseTitle} — not diffed, below ${cutoff.toFixed(2)}, shown without marks`;
  const s = `similarity ${cell.similarity.toFixed(2)} to ${baseTitle}`;
  return cell.marked ? s : `${s} — below ${cutoff.toFixed(2)}, shown without marks`;
}

export function topicMarkdown(t: TopicSideBySide): string {
  const out = [`# ${t.name} (${t.topic}) — side by side`, ''];
  out.push(
    `Aligned articles, one column per district. One column is the base (marked "(base)": the district named first with --districts, else the one closest to all others); in other columns **bold** marks words that differ from it (with two districts, ~~struck~~ marks what only the base has). Pairs less similar than ${t.cutoff.toFixed(2)} are shown without marks. Generated by rulecmp from the documents named here; regenerate rather than edit.`,
    '',
  );
  if (t.families.length === 0) out.push('No aligned articles on this topic.', '');
  for (const f of t.families) {
    const baseI = f.cells.findIndex((c) => c?.base);
    const baseTitle = t.columns[baseI]!.title;
    const two = f.cells.filter(Boolean).length === 2;
    out.push(`## ${f.topicName ?? f.topic ?? ''} · ${f.id} (cohesion ${f.cohesion.toFixed(2)})`, '');
    const cols = t.columns.filter((_, i) => f.cells[i]);
    const cells = f.cells.filter((c): c is SideCell => c !== null);
    out.push(
      mdTable(
        cols.map((c) => c.title),
        [
          cells.map((c) => c.cites.map((x) => `${x.district} ${x.label}`).join('、')),
          cells.map((c) => partsMarkdown(c, two)),
          cells.map((c) => simNote(c, baseTitle, t.cutoff)),
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

export function topicHtml(t: TopicSideBySide): string {
  const out: string[] = [];
  out.push(
    `<p class="legend"><span>Base column (marked base): the district named first with --districts, else the one whose wording is closest to all others.</span><span><ins>inserted</ins> / <mark>differs from the base</mark></span><span><del>only in the base</del> (two districts)</span><span>Pairs below similarity ${t.cutoff.toFixed(2)} are shown unmarked.</span></p>`,
  );
  if (t.families.length === 0) out.push('<p>No aligned articles on this topic.</p>');
  for (const f of t.families) {
    const baseI = f.cells.findIndex((c) => c?.base);
    const baseTitle = t.columns[baseI]!.title;
    const two = f.cells.filter(Boolean).length === 2;
    out.push(`<h2 id="${esc(f.id)}">${esc(f.topicName ?? f.topic ?? '')} · ${esc(f.id)} <small>(cohesion ${f.cohesion.toFixed(2)})</small></h2>`);
    out.push(`<table class="side"><thead><tr>${t.columns.map((c) => `<th data-doc="${esc(c.docId)}">${esc(c.title)}</th>`).join('')}</tr></thead><tbody><tr>`);
    for (const c of f.cells) {
      if (!c) {
        out.push('<td class="none">—</td>');
        continue;
      }
      const cls = [c.base ? 'base' : '', !c.base && c.similarity !== null && c.similarity < 1 ? 'differs' : ''].filter(Boolean).join(' ');
      out.push(`<td${cls ? ` class="${cls}"` : ''}>${c.cites.map(citeHtml).join('')}<div class="text">${partsHtml(c, two)}</div><span class="sim">${esc(simNote(c, baseTitle, t.cutoff))}</span></td>`);
    }
    out.push('</tr></tbody></table>');
  }
  return out.join('\n');
}

