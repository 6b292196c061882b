/**
 * What every page shows and the JSON API answers: plain objects computed from the corpus
 * analysis. The pages (pages.ts) render these; the API sends them as they are. Parameters are
 * checked here: a bad value is a BadRequestError (400), a name that is not there a
 * NotFoundError (404).
 */
import { familiesForTopic } from '../align/index.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { KIND_NAMES, type DocumentFacts } from '../extract/index.js';
import { findArticle, type Article, type Fact, type FactKind, type RuleDocument, type SearchHit, type SearchResponse } from '../model.js';
import { documentHeading } from '../report/coverage.js';
import { deadlinesTable, leaveTable, meetingsTable, thresholdsTable } from '../report/facts-tables.js';
import { differingCells, type Cite, type Column, type MatrixTable } from '../report/table.js';
import { topicSideBySide, type SideCell, type SideFamily } from '../report/topics.js';
import { search, type SearchOptions } from '../search/search.js';
import { cached, type Generation } from './state.js';

// ------------------------------------------------------------------ URLs

const enc = encodeURIComponent;
export const documentUrl = (docId: string) => `/documents/${enc(docId)}`;
/** The article's own URL: built from its key, so a shared link still finds it after renumbering (findArticle). */
export const articleUrl = (docId: string, key: string) => `/documents/${enc(docId)}/${enc(key)}`;
export const compareUrl = (topic: string) => `/compare?topic=${enc(topic)}`;

// ------------------------------------------------------------------ parameters

type Params = URLSearchParams;

/** A parameter's value, trimmed; undefined when absent or empty. */
export function param(p: Params, name: string): string | undefined {
  const v = p.get(name);
  if (v === null) return undefined;
  const t = v.trim();
  if (t.length > 200) throw new BadRequestError(`parameter ${name} is longer than 200 characters`);
  return t === '' ? undefined : t;
}

function intParam(p: Params, name: string, fallback: number, max: number): number {
  const v = param(p, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new BadRequestError(`parameter ${name} must be a whole number from 1 to ${max} (got "${v}")`);
  return Number(v);
}

// ------------------------------------------------------------------ documents

export interface DocumentSummary {
  id: string;
  district: string | null;
  province: string | null;
  city: string | null;
  year: number | null;
  title: string | null;
  validity: RuleDocument['meta']['validity'];
  docNumber: string | null;
  issuer: string | null;
  articles: number;
  chapters: number;
  url: string;
}

export function documentSummary(d: RuleDocument): DocumentSummary {
  const j = d.meta.jurisdiction;
  return {
    id: d.id,
    district: j.name,
    province: j.province,
    city: j.city,
    year: d.meta.year,
    title: d.meta.title,
    validity: d.meta.validity,
    docNumber: d.meta.docNumber,
    issuer: d.meta.issuer,
    articles: d.articles.length,
    chapters: d.chapters.length,
    url: documentUrl(d.id),
  };
}

export function documentsAnswer(gen: Generation) {
  return { loadedAt: gen.loadedAt.toISOString(), documents: gen.analysis.documents.map(documentSummary), skipped: gen.skipped };
}

/** The document model without its source text and layout blocks (spans still refer to the text as read). */
export function documentAnswer(gen: Generation, id: string) {
  const d = gen.analysis.document(id);
  const { text: _text, blocks: _blocks, ...rest } = d;
  return { ...rest, summary: documentSummary(d), articles: d.articles.map((a) => ({ ...a, url: articleUrl(d.id, a.key), topics: articleTopicIds(gen, d.id, a.key) })) };
}

/** An article by key, number or position (findArticle): what a shared link names. */
export function resolveArticle(gen: Generation, docId: string, key: string): { doc: RuleDocument; article: Article } {
  const doc = gen.analysis.document(docId);
  const article = findArticle(doc.articles, key);
  if (!article) throw new NotFoundError(`${doc.id} has no article "${key}" (articles ${doc.articles[0]?.key ?? ''} … ${doc.articles.at(-1)?.key ?? ''})`);
  return { doc, article };
}

export function articleAnswer(gen: Generation, docId: string, key: string) {
  const { doc, article } = resolveArticle(gen, docId, key);
  const facts = factsOfArticle(gen, doc.id, article.key);
  return { document: documentSummary(doc), asked: key, article: { ...article, url: articleUrl(doc.id, article.key) }, topics: articleTopicIds(gen, doc.id, article.key), families: familiesOf(gen, doc.id, article.key).map((f) => f.id), facts };
}

function articleTopicIds(gen: Generation, docId: string, key: string): string[] {
  const byArticle = cached(gen, 'topics-by-article', () => new Map(gen.analysis.classification.assignments.map((a) => [`${a.article.docId}/${a.article.key}`, a.topics.map((t) => t.topic)])));
  return byArticle.get(`${docId}/${key}`) ?? [];
}

function familiesOf(gen: Generation, docId: string, key: string) {
  return gen.analysis.alignment.families.filter((f) => f.members.some((m) => m.docId === docId && m.key === key));
}

function factsOfArticle(gen: Generation, docId: string, key: string): Fact[] {
  const f = gen.analysis.factsOf(docId);
  return [...f.meetings, ...f.thresholds, ...f.deadlines, ...f.leave].filter((x) => x.citation.key === key);
}

// ------------------------------------------------------------------ search

export interface SearchParams {
  q: string | undefined;
  district: string | undefined;
  topic: string | undefined;
  chapter: string | undefined;
  limit: number;
}

export function searchParams(p: Params): SearchParams {
  return { q: param(p, 'q'), district: param(p, 'district'), topic: param(p, 'topic'), chapter: param(p, 'chapter'), limit: intParam(p, 'limit', 20, 100) };
}

export type WebSearchResponse = Omit<SearchResponse, 'hits' | 'districts'> & {
  hits: (SearchHit & { url: string })[];
  /** The per-district view (issue 11): each document's best article(s) for the query, and the documents with none. */
  districts: (Omit<NonNullable<SearchResponse['districts']>[number], 'hits'> & { hits: (SearchHit & { url: string })[] })[];
  topicName: string | null;
};

/** Where searches are answered when not from the corpus's embedded index: a store (`serve --store`, src/store/postgres.ts). */
export type SearchBackend = (query: string, options: SearchOptions) => Promise<SearchResponse>;

export function searchAnswer(gen: Generation, s: SearchParams): WebSearchResponse {
  const { q, topic, options } = searchRequest(gen, s);
  return webResponse(search(gen.analysis.searchIndex, q, options), topic);
}

/** The same answer from a search backend (a store) instead of the embedded index. */
export async function searchAnswerFrom(backend: SearchBackend, gen: Generation, s: SearchParams): Promise<WebSearchResponse> {
  const { q, topic, options } = searchRequest(gen, s);
  return webResponse(await backend(q, options), topic);
}

function searchRequest(gen: Generation, s: SearchParams) {
  if (!s.q) throw new BadRequestError('empty query: give words to search for (parameter q)');
  const topic = s.topic ? gen.analysis.topic(s.topic) : null;
  const options: SearchOptions = { limit: s.limit, byDistrict: true, filters: { district: s.district, chapter: s.chapter, topic: topic?.id } };
  return { q: s.q, topic, options };
}

function webResponse(r: SearchResponse, topic: { name: string } | null): WebSearchResponse {
  const withUrl = (h: SearchHit) => ({ ...h, url: articleUrl(h.citation.docId, h.citation.key) });
  return { ...r, topicName: topic?.name ?? null, hits: r.hits.map(withUrl), districts: (r.districts ?? []).map((d) => ({ ...d, hits: d.hits.map(withUrl) })) };
}

// ------------------------------------------------------------------ topics

export function topicsAnswer(gen: Generation) {
  return cached(gen, 'topics', () => {
    const a = gen.analysis;
    return {
      topics: a.taxonomy.topics.map((t) => {
        const families = familiesForTopic(a.alignment, t.id, a.taxonomy);
        const docs = new Set(families.flatMap((f) => f.members.map((m) => m.docId)));
        return { id: t.id, name: t.name, parent: t.parent, description: t.description, families: families.length, documents: a.documents.filter((d) => docs.has(d.id)).map((d) => d.id), url: compareUrl(t.id) };
      }),
    };
  });
}

// ------------------------------------------------------------------ compare

export interface FactStripRow {
  table: string;
  label: string;
  /** One cell per column: the values with the article each was read from. */
  cells: { text: string; cite: Cite & { url: string } }[][];
  /** Cells that differ from the most common value of the row. */
  differs: boolean[];
}

export interface CompareAnswer {
  topic: { id: string; name: string };
  /** The family of the article asked for (article=), to scroll to. */
  focus: string | null;
  columns: Column[];
  families: (Omit<SideFamily, 'cells'> & { cells: (null | (Omit<SideCell, 'cites'> & { cites: (Cite & { url: string })[] }))[] })[];
  /** The topic's facts, one column per document: frequency, quorum, chair, thresholds, deadlines, leave. */
  facts: FactStripRow[];
  /** Changed passages marked in the columns (what next / previous steps through). */
  changes: number;
  cutoff: number;
}

const withUrl = (c: Cite) => ({ ...c, url: articleUrl(c.docId, c.key) });

export function compareAnswer(gen: Generation, p: Params): CompareAnswer {
  const topicQ = param(p, 'topic');
  const articleQ = param(p, 'article');
  const a = gen.analysis;
  let topicId: string;
  let focus: string | null = null;
  if (articleQ) {
    const slash = articleQ.indexOf('/');
    if (slash < 1) throw new BadRequestError(`parameter article must be document/key, e.g. huairou-2021/art_41.p41 (got "${articleQ}")`);
    const { doc, article } = resolveArticle(gen, articleQ.slice(0, slash), articleQ.slice(slash + 1));
    const families = familiesOf(gen, doc.id, article.key).filter((f) => f.topic);
    const family = (topicQ ? families.find((f) => f.topic === a.topic(topicQ).id) : undefined) ?? families[0];
    if (!family) throw new NotFoundError(`${doc.meta.jurisdiction.name ?? doc.id} ${article.label} is aligned with no article of another document`);
    topicId = family.topic!;
    focus = family.id;
  } else if (topicQ) topicId = a.topic(topicQ).id;
  else throw new BadRequestError('give a topic (topic=常务会议 or executive-meeting) or an article (article=huairou-2021/art_41.p41)');

  const base = cached(gen, `compare:${topicId}`, () => compareTopic(gen, topicId));
  return { ...base, focus };
}

function compareTopic(gen: Generation, topicId: string): CompareAnswer {
  const a = gen.analysis;
  const side = topicSideBySide(a.documents, a.alignment, topicId, { taxonomy: a.taxonomy });
  let changes = 0;
  const families = side.families.map((f) => {
    const two = f.cells.filter(Boolean).length === 2;
    return {
      ...f,
      cells: f.cells.map((c) => {
        if (!c) return null;
        if (!c.base || two) changes += c.parts.filter((x) => x.changed).length;
        return { ...c, cites: c.cites.map(withUrl) };
      }),
    };
  });
  // The facts of the topic: those read from the articles of its families.
  const inTopic = new Set(side.families.flatMap((f) => f.cells.flatMap((c) => c?.cites.map((x) => `${x.docId}/${x.key}`) ?? [])));
  const keep = <F extends Fact>(xs: F[]) => xs.filter((x) => inTopic.has(`${x.citation.docId}/${x.citation.key}`));
  const facts: DocumentFacts[] = a.facts.map((f) => ({ docId: f.docId, meetings: keep(f.meetings), thresholds: keep(f.thresholds), deadlines: keep(f.deadlines), leave: keep(f.leave) }));
  const tables = [meetingsTable(a.documents, facts), thresholdsTable(a.documents, facts), deadlinesTable(a.documents, facts), leaveTable(a.documents, facts)];
  return { topic: { id: topicId, name: side.name }, focus: null, columns: side.columns, families, facts: tables.flatMap(stripRows), changes, cutoff: side.cutoff };
}

function stripRows(t: MatrixTable): FactStripRow[] {
  return t.rows.map((r) => ({ table: t.id, label: r.label, cells: r.cells.map((c) => c.map((v) => ({ text: v.text, cite: withUrl(v.cite) }))), differs: differingCells(r) }));
}

// ------------------------------------------------------------------ facts

export const FACT_KINDS = Object.keys(KIND_NAMES) as (keyof typeof KIND_NAMES)[];
export type FactKindName = (typeof FACT_KINDS)[number];

/** A kind as the API names it (meetings, thresholds, deadlines, leave; the singular too). */
export function factKind(p: Params): FactKindName {
  const k = param(p, 'kind') ?? 'meetings';
  const byName = FACT_KINDS.find((n) => n === k || KIND_NAMES[n] === k);
  if (!byName) throw new BadRequestError(`parameter kind must be one of ${FACT_KINDS.join(', ')} (got "${k}")`);
  return byName;
}

export function factsAnswer(gen: Generation, p: Params) {
  const kind = factKind(p);
  const district = param(p, 'district');
  const docs = district ? gen.analysis.select([district]) : gen.analysis.documents;
  const facts = docs.flatMap((d) => (gen.analysis.factsOf(d.id)[kind] as Fact[]).map((f) => ({ ...f, url: articleUrl(f.citation.docId, f.citation.key) })));
  return { kind, factKind: KIND_NAMES[kind] as FactKind, documents: docs.map((d) => ({ id: d.id, heading: documentHeading(d, gen.analysis.documents) })), facts };
}
