/**
 * All reports of a corpus as files (path relative to the output directory + content), in
 * Markdown, self-contained HTML, CSV (tables) and JSON (facts.json). Deterministic: the same
 * documents give the same bytes (no timestamps, no absolute paths, rows in a fixed order).
 * Pure: the CLI writes the files.
 *
 * All visible text is Chinese, documents are named by district and year (ids only in JSON and URLs).
 *
 *   index.md/.html              what is where
 *   overview.md/.html, similarity.csv   documents, metadata, chapters, district × district similarity
 *   meetings.*  thresholds.*  deadlines.*  leave.*   the fact tables, districts side by side
 *   topics.md/.html/.csv        topic coverage (topic × district) with links to…  (coverage.md/.csv are the alignment's)
 *   topics/<topic>.md/.html     …each topic's aligned articles side by side, differences marked
 *   facts.json                  every fact with its citation (schema: docs/facts-schema.md)
 */
import { recordsJson } from './json.js';
import type { DocumentFacts } from '../extract/index.js';
import { FORMAT_VERSION, type OnProgress, type RuleDocument } from '../model.js';
import type { CorpusAnalysis } from '../pipeline.js';
import { csvTable } from './csv.js';
import { deadlinesTable, leaveTable, meetingsTable, thresholdsList, thresholdsTable } from './facts-tables.js';
import { esc, page } from './html.js';
import { documentHeading } from './coverage.js';
import { corpusOverview, GENERATED, overviewHtml } from './overview.js';
import { tableCsv, tableHtml, tableMarkdown, type ReportTable } from './table.js';
import { coverageTable, topicHtml, topicMarkdown, topicSideBySide, topicsWithFamilies, topicTitle } from './topics.js';

export type ReportFormat = 'md' | 'html' | 'csv' | 'json';
export const REPORT_FORMATS: ReportFormat[] = ['md', 'html', 'csv', 'json'];

export interface ReportFile {
  path: string;
  content: string;
}

export interface ReportOptions {
  /** Only this topic's side-by-side page (with its subtopics). */
  topic?: string;
  formats?: ReportFormat[];
  /** Which column the topic pages diff against: 'first' (the first document) or 'medoid' (closest to the others; default). */
  base?: 'first' | 'medoid';
  /** Told after each topic page ('report: topics', done, total). */
  onProgress?: OnProgress;
  /**
   * Given each file as soon as it is rendered, which is then not kept: renderReports returns none. At 500 documents
   * the pages are 58 M characters; held together they were half the report step's memory (docs/decisions/0070).
   */
  onFile?: (file: ReportFile) => void;
}

export const FACTS_SCHEMA = 'rulecmp/facts@1';

/**
 * facts.json: documents and every fact, per kind, in document and article order. One document or fact a line (still
 * one JSON value): indented it was 1.6 times the size at 500 documents, and a diff of two builds still shows
 * fact by fact what changed (docs/decisions/0070).
 */
export function factsJson(docs: RuleDocument[], facts: DocumentFacts[]): string {
  return recordsJson({
    schema: FACTS_SCHEMA,
    formatVersion: FORMAT_VERSION,
    documents: docs.map((d) => ({ id: d.id, district: d.meta.jurisdiction.name, title: d.meta.title, year: d.meta.year, docNumber: d.meta.docNumber })),
    meetings: facts.flatMap((f) => f.meetings),
    thresholds: facts.flatMap((f) => f.thresholds),
    deadlines: facts.flatMap((f) => f.deadlines),
    leave: facts.flatMap((f) => f.leave),
  });
}

const REPORTS: [string, string, string][] = [
  ['overview', '概览', '文件、元数据（含效力）、章节，以及各地规则总体上的相似程度。'],
  ['meetings', '会议制度', '各类会议的召开频次、法定人数、主持人、例会时间和会议纪要。'],
  ['thresholds', '资金审批权限', '多少金额提交常务会议，多少由区长、副区长审批。'],
  ['deadlines', '时限与篇幅', '按所规范的事项分组的时限、篇幅和次数要求。'],
  ['leave', '请销假与报备', '谁在什么情形下向谁请假、报告、报备或报批。'],
  ['topics', '主题对照', '各主题的条文覆盖，以及每个主题下各地条文的逐条对照。'],
];

function nav(depth = 0): [string, string][] {
  const up = '../'.repeat(depth);
  return [['索引', `${up}index.html`], ...REPORTS.map(([id, name]) => [name, `${up}${id}.html`] as [string, string])];
}

/** The documents as the reports name them: district and year (怀柔区 2021), never the id. */
function districts(docs: RuleDocument[]): string {
  return docs.map((d) => documentHeading(d, docs)).join('、');
}

const lead = (docs: RuleDocument[]) => `文件：${districts(docs)}。`;
const CITED = '每个数值都注明出处（地区和条文编号，鼠标停留可见原文）。';

function tablePage(id: string, title: string, intro: string, docs: RuleDocument[], tables: ReportTable[], formats: Set<ReportFormat>): ReportFile[] {
  const files: ReportFile[] = [];
  const text = `${intro}${lead(docs)}${CITED}${GENERATED}`;
  if (formats.has('md')) files.push({ path: `${id}.md`, content: [`# ${title}`, '', text, '', ...tables.map(tableMarkdown)].join('\n') });
  if (formats.has('html')) files.push({ path: `${id}.html`, content: page(tables.map(tableHtml).join('\n'), { title, intro: text, nav: nav() }) });
  if (formats.has('csv')) for (const t of tables) files.push({ path: `${t.id}.csv`, content: tableCsv(t) });
  return files;
}

/** Every report file of the analysed documents. */
export function renderReports(analysis: CorpusAnalysis, options: ReportOptions = {}): ReportFile[] {
  const formats = new Set(options.formats ?? REPORT_FORMATS);
  const docs = analysis.documents;
  const taxonomy = analysis.taxonomy;
  const alignment = analysis.alignment;
  const files: ReportFile[] = [];
  const written = new Set<string>();
  const emit = (f: ReportFile) => {
    written.add(f.path);
    if (options.onFile) options.onFile(f);
    else files.push(f);
  };

  if (options.topic) {
    const t = topicSideBySide(docs, alignment, options.topic, { taxonomy, base: options.base, facts: analysis.facts });
    if (formats.has('md')) emit({ path: `topics/${t.topic}.md`, content: topicMarkdown(t) });
    if (formats.has('html')) emit({ path: `topics/${t.topic}.html`, content: page(topicHtml(t), { title: topicTitle(t), intro: `${lead(docs)}${GENERATED}`, nav: nav(1) }) });
    if (formats.has('json')) emit({ path: `topics/${t.topic}.json`, content: JSON.stringify(t, null, 2) + '\n' });
    return files;
  }

  const facts = analysis.facts;
  const sim = analysis.similarity;
  if (formats.has('md')) emit({ path: 'overview.md', content: corpusOverview(docs, sim) });
  if (formats.has('html')) emit({ path: 'overview.html', content: page(overviewHtml(docs, sim), { title: '概览', intro: `${lead(docs)}${GENERATED}`, nav: nav() }) });
  if (formats.has('csv')) emit({ path: 'similarity.csv', content: csvTable(['地区', ...docs.map((d) => documentHeading(d, docs))], docs.map((d, i) => [documentHeading(d, docs), ...sim[i]!.map((x) => x.toFixed(3))])) });

  tablePage('meetings', '会议制度', REPORTS[1]![2], docs, [meetingsTable(docs, facts)], formats).forEach(emit);
  tablePage('thresholds', '资金审批权限', REPORTS[2]![2], docs, [thresholdsTable(docs, facts), thresholdsList(docs, facts)], formats).forEach(emit);
  tablePage('deadlines', '时限与篇幅', REPORTS[3]![2], docs, [deadlinesTable(docs, facts)], formats).forEach(emit);
  tablePage('leave', '请销假与报备', REPORTS[4]![2], docs, [leaveTable(docs, facts)], formats).forEach(emit);

  // Topics: coverage plus one side-by-side page per topic that has aligned articles.
  const coverage = coverageTable(docs, alignment, taxonomy);
  const topics = topicsWithFamilies(alignment, taxonomy);
  const links = topics.map((id) => [id, taxonomy.byId.get(id)!.name] as const);
  const topicsIntro = `${lead(docs)}${GENERATED}`;
  if (formats.has('md')) {
    const list = links.map(([id, name]) => `- [${name}](topics/${id}.md)`).join('\n');
    emit({ path: 'topics.md', content: ['# 主题对照', '', topicsIntro, '', '## 各主题条文对照页', '', list, '', tableMarkdown(coverage)].join('\n') });
  }
  if (formats.has('html')) {
    const list = `<h2 id="pages">各主题条文对照页</h2><ul>${links.map(([id, name]) => `<li><a href="topics/${esc(id)}.html">${esc(name)}</a></li>`).join('')}</ul>`;
    emit({ path: 'topics.html', content: page(list + '\n' + tableHtml(coverage), { title: '主题对照', intro: topicsIntro, nav: nav() }) });
  }
  if (formats.has('csv')) emit({ path: 'topics.csv', content: tableCsv(coverage) });
  for (const [k, id] of topics.entries()) {
    options.onProgress?.('report: topics', k, topics.length);
    const t = topicSideBySide(docs, alignment, id, { subtopics: false, taxonomy, base: options.base, facts });
    if (formats.has('md')) emit({ path: `topics/${id}.md`, content: topicMarkdown(t) });
    if (formats.has('html')) emit({ path: `topics/${id}.html`, content: page(topicHtml(t), { title: topicTitle(t), intro: `${lead(docs)}${GENERATED}`, nav: nav(1) }) });
  }

  options.onProgress?.('report: topics', topics.length, topics.length);
  if (formats.has('json')) emit({ path: 'facts.json', content: factsJson(docs, facts) });

  // The index last, listing what was written.
  const FORMAT_NAME: Record<string, string> = { md: 'Markdown', html: '网页', csv: 'CSV 表格' };
  const entries = REPORTS.map(([id, name, what]) => ({ id, name, what, exts: ['md', 'html', 'csv'].filter((e) => written.has(`${id}.${e}`)) }));
  const factsLine = '全部事实及其出处（JSON，格式见 docs/facts-schema.md）';
  if (formats.has('md'))
    emit({
      path: 'index.md',
      content: ['# rulecmp 报告', '', `${lead(docs)}${GENERATED}`, '', ...entries.map((e) => `- **${e.name}**：${e.what} ${e.exts.map((x) => `[${FORMAT_NAME[x]}](${e.id}.${x})`).join(' · ')}`), written.has('facts.json') ? `- **facts.json**：${factsLine}（[格式说明](../docs/facts-schema.md)）` : '', ''].join('\n'),
    });
  if (formats.has('html'))
    emit({
      path: 'index.html',
      content: page(`<ul>${entries.map((e) => `<li><a href="${esc(e.id)}.html">${esc(e.name)}</a>：${esc(e.what)}</li>`).join('')}${written.has('facts.json') ? `<li><a href="facts.json">facts.json</a>：${esc(factsLine)}</li>` : ''}</ul>`, { title: 'rulecmp 报告', intro: `${lead(docs)}${GENERATED}`, nav: nav() }),
    });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
