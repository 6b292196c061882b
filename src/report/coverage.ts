/**
 * Topic × district coverage matrix: for every topic of the taxonomy (in tree order) and every
 * document, the labels of the articles the alignment puts in that topic's families. Markdown and
 * CSV. Pure: from the alignment, the documents (for district names) and the taxonomy.
 */
import { shortLabel } from './articles.js';
import { findArticle, type Alignment, type ArticleRef, type RuleDocument, type Taxonomy, type Topic } from '../model.js';
import { csvTable } from './csv.js';
import { mdTable } from './markdown.js';

export interface CoverageRow {
  topic: Topic;
  depth: number;
  /** Per document (run order): article labels as written, without the trailing 、. */
  cells: string[][];
}

export interface Coverage {
  columns: { docId: string; heading: string }[];
  rows: CoverageRow[];
  /** Per document: labels of the articles without a topic. */
  unclassified: string[][];
}


/** Column heading for a document: district and year, e.g. '怀柔区 2021'. */
export function documentHeading(doc: RuleDocument, all: RuleDocument[] = [doc]): string {
  const heading = headingBase(doc);
  // Two versions of one district's rules of one year (a text and a web copy): the id tells them apart.
  const { counts, members } = headingsOf(all);
  const others = (counts.get(heading) ?? 0) - (members.has(doc) ? 1 : 0);
  return others > 0 ? `${heading} (${doc.id})` : heading;
}

const headingBase = (d: RuleDocument) => {
  const name = d.meta.jurisdiction.name ?? d.id;
  return d.meta.year ? `${name} ${d.meta.year}` : name;
};

/**
 * How many documents of a list have each base heading, worked out once per list (every column of every table asks:
 * at 500 documents the headings were built 250,000 times a table).
 */
const headingLists = new WeakMap<RuleDocument[], { length: number; counts: Map<string, number>; members: Set<RuleDocument> }>();
function headingsOf(all: RuleDocument[]): { counts: Map<string, number>; members: Set<RuleDocument> } {
  let e = headingLists.get(all);
  if (!e || e.length !== all.length) {
    const counts = new Map<string, number>();
    const members = new Set<RuleDocument>();
    for (const d of all) {
      if (members.has(d)) continue; // a document listed twice is one document
      members.add(d);
      const b = headingBase(d);
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    headingLists.set(all, (e = { length: all.length, counts, members }));
  }
  return e;
}

/** Topics in tree order (a parent, then its children), with their depth. */
export function treeOrder(taxonomy: Taxonomy): { topic: Topic; depth: number }[] {
  const out: { topic: Topic; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const t of taxonomy.topics.filter((x) => x.parent === parent)) {
      out.push({ topic: t, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function coverage(alignment: Alignment, documents: RuleDocument[], taxonomy: Taxonomy): Coverage {
  const docs = alignment.documents.map((id) => documents.find((d) => d.id === id)).filter((d): d is RuleDocument => !!d);
  const col = new Map(docs.map((d, i) => [d.id, i]));
  const cellsFor = (refs: ArticleRef[]): string[][] => {
    const cells: { key: string; position: number; label: string }[][] = docs.map(() => []);
    for (const r of refs) {
      const k = col.get(r.docId);
      if (k === undefined || cells[k]!.some((c) => c.key === r.key)) continue;
      const a = findArticle(docs[k]!.articles, r.key);
      cells[k]!.push({ key: r.key, position: a?.index ?? Infinity, label: shortLabel(a?.label ?? r.label) });
    }
    return cells.map((c) => c.sort((x, y) => x.position - y.position).map((x) => x.label));
  };
  const rows = treeOrder(taxonomy).map(({ topic, depth }) => ({
    topic,
    depth,
    cells: cellsFor(alignment.families.filter((f) => f.topic === topic.id).flatMap((f) => f.members)),
  }));
  return {
    columns: docs.map((d) => ({ docId: d.id, heading: documentHeading(d, docs) })),
    rows,
    unclassified: cellsFor(alignment.classification.unclassified),
  };
}

export function coverageMarkdown(c: Coverage): string {
  const header = ['主题', ...c.columns.map((x) => x.heading)];
  const rows = c.rows.map((r) => [`${'　'.repeat(r.depth)}${r.depth ? '└ ' : ''}${r.topic.name}`, ...r.cells.map((x) => x.join(' '))]);
  rows.push(['未分类', ...c.unclassified.map((x) => x.join(' '))]);
  const covered = c.columns.map((_, i) => c.rows.filter((r) => r.cells[i]!.length > 0).length);
  return [
    '# 主题覆盖',
    '',
    '各文件的条文分属分类表（data/topics.json）中的哪些主题：即 reports/alignment.json 中各主题条款组的成员。条文编号照原文；一条涉及两个主题的，两处都列。由 rulecmp 根据下列文件生成；如需修改，请修改文件后重新生成，不要手工编辑。',
    '',
    `文件：${c.columns.map((x) => x.heading).join('、')}。有条文的主题数（共 ${c.rows.length} 个主题）：${c.columns.map((x, i) => `${x.heading} ${covered[i]}`).join('，')}。`,
    '',
    mdTable(header, rows),
    '',
  ].join('\n');
}

/** coverage.csv: topic, parent topic, one column per document (RFC 4180, UTF-8 with BOM, CRLF, as every CSV). */
export function coverageCsv(c: Coverage, taxonomy?: Taxonomy): string {
  const name = (id: string | null) => (id ? taxonomy?.byId.get(id)?.name ?? id : '');
  const rows: string[][] = c.rows.map((r) => [r.topic.name, name(r.topic.parent), ...r.cells.map((x) => x.join(' '))]);
  rows.push(['未分类', '', ...c.unclassified.map((x) => x.join(' '))]);
  return csvTable(['主题', '上级主题', ...c.columns.map((x) => x.heading)], rows);
}
