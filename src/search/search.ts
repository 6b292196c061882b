/**
 * Searching the index: which articles match, in what order, with what snippet.
 *
 * Matching is exact and explainable: an article matches a query when, for every part,
 * it contains the quoted phrase as contiguous text, or contains each unit of the
 * unquoted part somewhere (article text, chapter title or document title; all
 * normalised). Containment is decided on the text itself, so a query that occurs word
 * for word in an article always finds it, whatever jieba made of either.
 *
 * Ranking (docs/decisions/0003): articles that contain every part word for word first;
 * then by score = BM25 of the units as indexed words (prefix matches weighted down,
 * chapter title boosted) + BM25 of each unit / phrase as a substring (weighted down, so
 * that a match of whole words ranks above a match inside another word).
 */
import { BadRequestError, NotFoundError, someOf, UnknownDistrictError } from '../errors.js';
import type { SearchAlternative, SearchArticle, SearchFilters, SearchHit, SearchQueryPart, SearchResponse, SearchTerm } from '../model.js';
import { normalise } from '../tokenize/index.js';
import { BM25_PARAMS, type SearchIndex, type SearchTopic } from './searchIndex.js';
import { snippet } from './snippet.js';
import { alternativesAt, levelOfName, longerPosts } from './synonyms.js';
import { escapeRe } from '../text/regexp.js';
import { isDroppedWord, numeralAlternatives, parseQuery, units } from './terms.js';
import QUERY_WORDS from '../../data/query-words.json' with { type: 'json' };

/** A query with no word in it. */
export class EmptyQueryError extends BadRequestError {
  override name = 'EmptyQueryError';
}
/** A filter that selects nothing (unknown district, year, chapter or topic). */
export class FilterError extends NotFoundError {
  override name = 'FilterError';
}

export interface SearchOptions {
  filters?: SearchFilters;
  /** Hits to return (default 10). */
  limit?: number;
  /** Weight of a substring match relative to a word match (default SUBSTRING_WEIGHT). */
  substringWeight?: number;
  /** Snippet width in characters (default 64). */
  snippetWidth?: number;
  /** Field weights of word matches, over FIELD_BOOST (for measuring, docs/decisions/0003). */
  fieldBoost?: Partial<Record<'text' | 'chapter' | 'title', number>>;
  /** Multiply the score of articles that open with the query (default on; off to measure it). */
  leadBoost?: boolean;
  /** For measuring (docs/decisions/0005): which articles are partial matches, and their order. */
  partialRule?: typeof PARTIAL_RULE;
  partialOrder?: typeof PARTIAL_ORDER;
  /** The share of the terms a partial match holds (default PARTIAL_SHARE). */
  partialShare?: number;
  firstTier?: typeof FIRST_TIER;
  verbatimFactor?: number;
  typedFirst?: boolean;
  /** Look for the genre's synonyms too (default true). */
  synonyms?: boolean;
  /** Weight of a hit by a synonym relative to the same hit by the typed word (default SYNONYM_WEIGHT). */
  synonymWeight?: number;
  /** Look for a question's four-character compounds in two halves too (default SPLIT_COMPOUNDS). */
  splitCompounds?: boolean;
  /** BM25 length normalisation b, for words and substrings alike (default BM25_PARAMS.b). */
  bm25b?: number;
  /** Score factor of an article whose own topic is one the query names (default TOPIC_PRIOR; 1 = none). */
  topicPrior?: number;
  /** Which of the article's topics count: its main topic only, or any of its own topics (default TOPIC_MODE). */
  topicMode?: typeof TOPIC_MODE;
  topicSubtopics?: boolean;
  /** Characters of the article's opening that count as its lead (default LEAD_CHARS). */
  leadChars?: number;
  /** The lead boost when every term is in the lead (default LEAD_BOOST). */
  leadFactor?: number;
  /** Boost only when every term is in the lead ('all'), or in proportion to the share of the query's weight there ('share'). */
  leadMode?: typeof LEAD_MODE;
  /** Also give the per-district view: each document's best article(s), and the documents without a match. */
  byDistrict?: boolean;
  /** List the best partial matches of documents without a full match (default DOCUMENT_FALLBACK). */
  documentFallback?: boolean;
  /** Diversity: a document's n-th hit (0-based) in a tier has its score multiplied by DIVERSITY^n for ordering (1 = none). */
  diversity?: number;
  /** In a question typed as a sentence, one-character words need not be in an article (default OPTIONAL_SINGLES). */
  optionalSingles?: boolean;
  /**
   * Rank every match in full instead of the first page only (the bounded ranking gives the same page: decision
   * 0091; for tests and measuring). The per-district view always ranks every match.
   */
  exhaustive?: boolean;
}

/**
 * What ranks first, before the score: articles with every part as typed ('typed'), or with every part whole as
 * typed or in another spelling or a synonym ('whole'); docs/decisions/0005.
 */
export const FIRST_TIER: 'typed' | 'whole' | 'none' = 'typed';
/** With FIRST_TIER 'none': the score factor of an article with every part as typed instead of a tier. */
export const VERBATIM_FACTOR = 2;
/** Among matches of the same tier, the ones with more terms as typed (fewer by synonym or other spelling) first, before the score. */
export const TYPED_FIRST = false;
/** A hit by a synonym scores this much of the same hit by the word typed (docs/decisions/0005). */
export const SYNONYM_WEIGHT = 0.7;

export const SUBSTRING_WEIGHT = 0.5;
/**
 * An article that opens with the query ("…、常务会议由…组成") is the one that regulates it; a long one
 * loses to short passing mentions under BM25's length norm, so the score of an article whose first
 * LEAD_CHARS characters after its label hold every part of the query is multiplied by LEAD_BOOST.
 */
export const LEAD_CHARS = 16;
export const LEAD_BOOST = 2;
export const LEAD_MODE: 'all' | 'share' = 'share';
/**
 * The topic prior: an article whose own topic (from the classifier) is one the query names — by the topic's name
 * or a cue word of it (常务会议, 纪要, 请假) — or a subtopic of it, states the matter rather than mentioning it.
 */
export const TOPIC_PRIOR = 2;
export const TOPIC_MODE: 'main' | 'any' = 'main';
/** A partial match on a topic the query names counts as holding one more term (docs/decisions/0005). */
export const TOPIC_COUNTS_AS_TERM = true;
/** The subtopics of a topic the query names count as named (会议 names every kind of meeting). */
export const TOPIC_SUBTOPICS = true;
/** In a question typed as a sentence, a one-character word is not required of an article (docs/decisions/0005). */
export const OPTIONAL_SINGLES = true;
/**
 * A question typed as a sentence names a topic by the classifier's weak cues too (主持区政府工作 → 代理主持工作), and by
 * the everyday words of data/query-cues.json (区长外出 → 代理主持工作), written blind from the topics alone.
 */
export const QUESTION_WEAK_CUES = true;

/**
 * BM25 length normalisation b of the search (the word index stores lengths; b is applied at query time): none.
 * The article that governs a matter is often the long one listing members, tasks and procedure (docs/decisions/0005).
 */
export const LENGTH_NORM = 0;
/**
 * When some article has everything but a document has none that does, that document's best partial matches are
 * listed after the full matches, each flagged (a researcher comparing districts sees every district's closest
 * article, and that it is not a full match).
 */
export const DOCUMENT_FALLBACK = true;
/** The per-district view: a document's best article, and the next ones scoring at least BEST_SHARE of it, at most BEST_MAX. */
export const BEST_SHARE = 0.8;
export const BEST_MAX = 3;
/** Ordering across documents (so that one document's chapter does not fill the first page). */
export const DIVERSITY = 0.5;

/** Articles the filters let through, or null for all; an error naming what exists when they let none through. */
export function filterArticles(articles: SearchArticle[], filters: SearchFilters): Set<number> | null {
  const tests: ((a: SearchArticle) => boolean)[] = [];
  if (filters.district) {
    const d = filters.district.trim();
    const name = normalise(d); // 某某區 names 某某区
    const isIt = (a: SearchArticle) => a.docId === d || a.district === name || (name.length >= 2 && !!a.district?.startsWith(name));
    if (!articles.some(isIt)) throw new UnknownDistrictError(`unknown district "${d}" (the corpus has: ${documentsOf(articles)})`);
    tests.push(isIt);
  }
  if (filters.year !== undefined) tests.push((a) => a.year === filters.year);
  if (filters.chapter) {
    const c = normalise(filters.chapter.trim());
    tests.push((a) => !!a.chapter && (normalise(a.chapter.title).includes(c) || a.chapter.label === c || String(a.chapter.ordinal) === c));
  }
  if (filters.topic) {
    if (!articles.some((a) => a.topics)) throw new FilterError('this search index has no topics (the topic classifier has not been run)');
    tests.push((a) => !!a.topics?.includes(filters.topic!));
  }
  if (!tests.length) return null;
  const allowed = new Set<number>();
  articles.forEach((a, id) => tests.every((t) => t(a)) && allowed.add(id));
  if (!allowed.size) throw new FilterError(`no article matches ${describeFilters(filters)} (the corpus has: ${documentsOf(articles)})`);
  return allowed;
}

/** The documents of the index, as a user can name them: 某区 mou-2021 2021, … (the first few, and how many more). */
function documentsOf(articles: SearchArticle[]): string {
  return someOf([...new Set(articles.map((a) => `${a.district ?? '?'} ${a.docId} ${a.year ?? ''}`.trim()))]);
}

function describeFilters(f: SearchFilters): string {
  return Object.entries(f)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `--${k} ${v}`)
    .join(' ');
}

/** One way of satisfying a term: as typed (all its units, anywhere), or an alternative written out. */
interface Form {
  /** Strings that must all occur in the article (normalised). */
  match: string[];
  /** Units scored as indexed words. */
  words: string[];
  /** The alternative this form is, when it is not the term as typed. */
  alternative?: SearchAlternative;
  /** Its score is multiplied by this (1 as typed and for other spellings of a number, less for a synonym). */
  weight: number;
}

interface Term {
  part: number;
  term: SearchTerm;
  forms: Form[];
  /** Articles satisfying any form (among those the filters let through). */
  ids: Set<number>;
  /** Articles of the whole corpus satisfying any form, and the idf they give (filters or not). */
  df: number;
  idf: number;
}

/** The articles in every set (and in `within`, when given): a new set, the smallest walked. */
function intersect(sets: Set<number>[], within: Set<number> | null): Set<number> {
  const all = within ? [...sets, within] : sets;
  if (!all.length) return new Set();
  let smallest = all[0]!;
  for (const s of all) if (s.size < smallest.size) smallest = s;
  const out = new Set<number>();
  outer: for (const id of smallest) {
    for (const s of all) if (s !== smallest && !s.has(id)) continue outer;
    out.add(id);
  }
  return out;
}

/** Share of a query's weight (the idf of its terms) an article must hold to be shown when none holds all of it. */
export const PARTIAL_COVERAGE = 0.5;
/** Which articles are partial matches: by weight (PARTIAL_COVERAGE) or by count (PARTIAL_SHARE of the terms). */
export const PARTIAL_RULE: 'weight' | 'count' = 'count';
/** With PARTIAL_RULE 'count': the share of the terms some article has that a partial match holds. */
export const PARTIAL_SHARE = 0.25;
/** How partial matches are ordered before their score: by weight held, by number of terms held, or by score alone. */
export const PARTIAL_ORDER: 'coverage' | 'count' | 'score' = 'count';

/** Whether a question's four-character compounds are also looked for in two halves (splitCompounds). */
export const SPLIT_COMPOUNDS = true;

/** A part of this many words or more is a sentence (a question, or a matter written out), not words typed one by one. */
const SENTENCE_UNITS = 3;

/**
 * In a question or a sentence typed without spaces, a four-character word jieba keeps whole (主持工作, 审批时限) is also looked for as
 * its two halves anywhere in an article (主持县政府日常工作 has 主持 and 工作, never 主持工作) — an alternative ranked as
 * a synonym is, below the word as typed. Only when both halves are words some article holds and neither is a question
 * or function word; a term with other alternatives already is left alone. Words typed one by one (常务会议, 副区长 外出)
 * are not split: a user who typed 常务会议 means 常务会议.
 */
function splitCompounds(index: Searchable, parts: SearchQueryPart[]): void {
  for (const p of parts) {
    if (p.kind === 'phrase' || p.units.length < SENTENCE_UNITS) continue;
    for (const t of p.terms) {
      if (t.alternatives.length || t.units.length !== 1 || t.text !== t.units[0] || [...t.text].length !== 4 || !/^\p{Script=Han}{4}$/u.test(t.text)) continue;
      const [a, b] = [t.text.slice(0, 2), t.text.slice(2)];
      // Halves that are words: neither a question or function word nor starting or ending with one (在政治上 is not 在政 + 治上).
      const wordLike = (h: string) => !isDroppedWord(h) && !isDroppedWord(h[0]!) && !isDroppedWord(h[1]!);
      if (!wordLike(a) || !wordLike(b) || !index.containing(a).size || !index.containing(b).size) continue;
      t.alternatives.push({ text: `${a} ${b}`, kind: 'split' });
    }
  }
}

/** A post or body before which a level is written (区长, 区政府, 区委): the cue's level character. */
const CUE_LEVEL_RE = /[区县市省州旗盟镇乡](?=长|政府|委)/u;
const cueRes = new Map<string, RegExp | null>();
/**
 * A cue written at one level (the topics' cues say 区长不在, 主持区政府工作) as a pattern for any level, or none
 * (市长不在的时候, 主持县政府工作, and before 政府 none: 主持政府工作 name the same topic); null: no level in it.
 */
function levelFreeCue(cue: string): RegExp | null {
  let re = cueRes.get(cue);
  if (re === undefined) {
    const at = cue.search(CUE_LEVEL_RE);
    // Before 政府 the level may be left out (主持政府工作); before 长 or 委 it is the post (局长不在 is no head's absence).
    const optional = at >= 0 && cue.startsWith('政府', at + 1) ? '?' : '';
    re = at < 0 ? null : new RegExp(`${escapeRe(cue.slice(0, at))}[区县市省州旗盟镇乡]${optional}${escapeRe(cue.slice(at + 1))}`, 'gu');
    cueRes.set(cue, re);
  }
  return re;
}

/**
 * Topics a query names: those whose name or a cue word occurs in a part or one of its alternatives — unless the
 * occurrence is inside a longer one of another topic (会议 in 常务会议 names the standing meeting, not all meetings) —
 * with their subtopics (会议 alone names every kind of meeting).
 */
export function queryTopics(index: Searchable, parts: SearchQueryPart[], expand = true, weak = QUESTION_WEAK_CUES): Set<string> {
  const topics = index.meta.topics ?? [];
  const texts = [...new Set(parts.flatMap((p) => [p.text, ...p.terms.flatMap((t) => t.alternatives.map((a) => a.text))]))];
  const named = new Set<string>();
  // A question typed as a sentence (question or function words left out) names topics by their weak cues too.
  const question = weak && parts.some((p) => p.dropped.length > 0);
  for (const text of texts) {
    const found: { id: string; start: number; end: number }[] = [];
    for (const t of topics)
      for (const c of [t.name, ...t.cues, ...(question ? [...(t.weakCues ?? []), ...(t.queryCues ?? [])] : [])]) {
        const re = levelFreeCue(c);
        if (!re) for (let at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) found.push({ id: t.id, start: at, end: at + c.length });
        else for (const m of text.matchAll(re)) found.push({ id: t.id, start: m.index!, end: m.index! + m[0].length });
      }
    for (const f of found) if (!found.some((g) => g.id !== f.id && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start)) named.add(f.id);
  }
  for (let grew = expand; grew; ) {
    grew = false;
    for (const t of topics) if (t.parent && named.has(t.parent) && !named.has(t.id)) named.add(t.id), (grew = true);
  }
  return named;
}

/**
 * Topics a query is, or is close to (so that a user can narrow the search with --topic): the topic whose name the
 * query is; else topics the query is a cue word of, whose name contains it, or whose name makes up more than half
 * of it; at most 3.
 */
export function topicSuggestions(index: Searchable, parts: SearchQueryPart[]): { id: string; name: string }[] {
  const q = parts.map((p) => (p.kind === 'phrase' ? p.text : p.terms.map((t) => t.text).join(''))).join('');
  if ([...q].length < 2) return [];
  const scoreOf = (t: SearchTopic) =>
    t.name === q ? 4 : t.cues.includes(q) ? 3 : t.name.includes(q) ? 2 : q.includes(t.name) && 2 * t.name.length > q.length ? 1 : 0;
  const scored = (index.meta.topics ?? []).map((t) => ({ t, s: scoreOf(t) })).filter((x) => x.s > 0);
  // The query is a topic's name: that topic.
  return (scored.some((x) => x.s === 4) ? scored.filter((x) => x.s === 4) : scored)
    .sort((a, b) => b.s - a.s)
    .slice(0, 3)
    .map(({ t }) => ({ id: t.id, name: t.name }));
}

type DocumentHead = Pick<SearchArticle, 'docId' | 'district' | 'year' | 'docTitle'>;

/** The id of an article's document, without reading the article where the index can tell. */
const documentIdOf = (index: Searchable, id: number): string => (index.docIdOf ? index.docIdOf(id) : index.articles[id]!.docId);

const LEVELS = new WeakMap<object, Map<string, string>>();

/** Each document's own level character (某某区 → 区, 某某市 → 市), from the index's list of documents or its articles. */
function documentLevels(index: Searchable): Map<string, string> {
  let m = LEVELS.get(index);
  if (m) return m;
  const out = new Map<string, string>();
  const add = (d: DocumentHead) => {
    const level = levelOfName(d.district);
    if (level && !out.has(d.docId)) out.set(d.docId, level);
  };
  if (index.documents) index.documents.forEach(add);
  else index.articles.forEach(add);
  LEVELS.set(index, out);
  return out;
}

/**
 * The index as this query sees it: a string that is only an alternative at another level (副区长, for 副县长 typed) is
 * contained by the articles of that level's documents only — in a county's rules 副区长 is nobody's post here, and a
 * district's 市政府 is the city's. Everything else is the index's own.
 */
function atLevels(index: Searchable, parts: SearchQueryPart[], levels: Map<string, string>): Searchable {
  const typed = new Set<string>();
  const at = new Map<string, string>();
  for (const p of parts) {
    typed.add(p.text);
    for (const t of p.terms) {
      typed.add(t.text);
      t.units.forEach((u) => typed.add(u));
      for (const a of t.alternatives) if (!a.level) typed.add(a.text);
    }
  }
  for (const p of parts) for (const t of p.terms) for (const a of t.alternatives) if (a.level && !typed.has(a.text)) at.set(a.text, a.level);
  // A typed post held in a longer one (区长 in 副区长) counts only where it stands alone; so does a post at another
  // level that stands for it (旗长 for 县长 in a banner's rules: not in 副旗长).
  const longer = new Map<string, string[]>();
  for (const s of [...typed, ...at.keys()]) {
    const xs = longerPosts(s);
    if (xs.length) longer.set(s, xs.sort((a, b) => b.length - a.length)); // longest first, as occurrencesAlone blanks them
  }
  if (!at.size && !longer.size) return index;
  const docIdOf = (id: number) => documentIdOf(index, id);
  const sets = new Map<string, Set<number>>();
  const containing = (s: string): Set<number> => {
    const level = at.get(s);
    if (level === undefined) return index.containing(s);
    let set = sets.get(s);
    if (!set) {
      set = new Set<number>();
      for (const id of index.containing(s)) if (levels.get(docIdOf(id)) === level) set.add(id);
      sets.set(s, set);
    }
    return set;
  };
  const count = (id: number, s: string): number => {
    const xs = longer.get(s);
    return xs ? occurrencesAlone(index.haystack(id), s, xs) : index.count(id, s);
  };
  // In an article's opening, a post only after a recipient marker (…须向区长请假) is not what the article is about.
  const alone = (text: string, s: string) => (longer.has(s) ? occurrencesAlone(text, s, longer.get(s)!, RECIPIENT_BEFORE_RE) : occurrencesAlone(text, s, [])) > 0;
  return Object.create(index, { containing: { value: containing }, count: { value: count }, alone: { value: alone } }) as Searchable;
}

/** A word right before a post making it the one asked or told (data/query-words.json recipientMarkers). */
const RECIPIENT_BEFORE_RE = new RegExp(`(?:${QUERY_WORDS.recipientMarkers.join('|')})$`, 'u');

/**
 * Occurrences of s in text outside the longer words given, longest first (区长 in 区长办公会议 and 副区长 not
 * counted) — and, with `unless`, not right after what it matches (a recipient marker: 向区长).
 */
function occurrencesAlone(text: string, s: string, longer: string[], unless?: RegExp): number {
  let blanked = text;
  for (const x of longer) blanked = blanked.replaceAll(x, '\u0000'.repeat(x.length));
  let n = 0;
  for (let at = blanked.indexOf(s); at >= 0; at = blanked.indexOf(s, at + s.length)) if (!unless || !unless.test(blanked.slice(Math.max(0, at - 2), at))) n++;
  return n;
}

/**
 * The documents with an article the filters let through, in index order. An index that lists its documents (the
 * index folder: their first article and count) is not read article by article — at 500 documents that made 37,603
 * articles to name 500 documents.
 */
function documentsLetThrough(index: Searchable, allowed: Set<number> | null): DocumentHead[] {
  const listed = index.documents;
  if (listed && !allowed) return listed;
  if (listed) {
    const letThrough = (d: { first: number; count: number }) => {
      for (let id = d.first; id < d.first + d.count; id++) if (allowed!.has(id)) return true;
      return false;
    };
    return listed.filter(letThrough);
  }
  const docs = new Map<string, DocumentHead>();
  index.articles.forEach((a, id) => (!allowed || allowed.has(id)) && !docs.has(a.docId) && docs.set(a.docId, a));
  return [...docs.values()];
}

/** What a search reads of an index: the embedded SearchIndex, or a store's extract of one (src/store/postgres.ts). */
export type Searchable = Pick<SearchIndex, 'meta' | 'articles' | 'tokenizer' | 'containing' | 'wordScores' | 'count' | 'length' | 'averageLength' | 'haystack'> & {
  /** The article's first `chars` characters after its label, normalised, when the index has them without its text (src/store/disk-index.ts). */
  lead?(id: number, chars: number): string;
  /** The article's main topic (the first of its mainTopics), when the index has it without reading the article. */
  mainTopic?(id: number): string | undefined;
  /**
   * False when the article's lead (its first `chars` characters after its label) cannot contain `s`; true when it
   * may (an index that can tell without reading the article's text: src/store/disk-index.ts).
   */
  leadMayHold?(id: number, s: string, chars: number): boolean;
  /** The id of the article's document, when the index has it without reading the article. */
  docIdOf?(id: number): string;
  /** Whether s stands in text as itself (not only inside a longer word the query's view knows: 区长 in 副区长). */
  alone?(text: string, s: string): boolean;
  /** The documents in index order, each with its first article's id and its number of articles, when the index lists them. */
  readonly documents?: (DocumentHead & { first: number; count: number })[];
};

/** Arrays over a corpus's articles that partial matching fills and leaves zeroed again (one set per corpus size). */
const SCRATCH = new Map<number, { coverage: Float64Array; count: Uint32Array; long: Uint8Array }>();
function scratchFor(n: number): { coverage: Float64Array; count: Uint32Array; long: Uint8Array } {
  let s = SCRATCH.get(n);
  if (!s) {
    if (SCRATCH.size >= 4) SCRATCH.clear();
    SCRATCH.set(n, (s = { coverage: new Float64Array(n), count: new Uint32Array(n), long: new Uint8Array(n) }));
  }
  return s;
}

export function search(index: Searchable, query: string, opts: SearchOptions = {}): SearchResponse {
  const filters = opts.filters ?? {};
  const limit = opts.limit ?? 10;
  // The same post at another level (副区长 for 副县长) is looked for at the levels the documents have, each in the
  // documents of its level only.
  const levels = documentLevels(index);
  const parts = parseQuery(query, index.tokenizer, { alternatives: opts.synonyms === false ? numeralAlternatives : alternativesAt(new Set(levels.values())) });
  if (!parts.length) throw new EmptyQueryError('empty query: give words to search for, e.g. rulecmp search 常务会议');
  index = atLevels(index, parts, levels);
  if (opts.splitCompounds ?? SPLIT_COMPOUNDS) splitCompounds(index, parts);
  const allowed = filterArticles(index.articles, filters);
  const N = index.articles.length;
  const docIdOf = (id: number) => documentIdOf(index, id);

  const cut = (s: string) => units(s, index.tokenizer);
  const synonymWeight = opts.synonymWeight ?? SYNONYM_WEIGHT;
  const terms: Term[] = parts.flatMap((p, part) =>
    p.terms.map((term) => {
      const forms: Form[] = [
        p.kind === 'phrase' ? { match: [p.text], words: p.units, weight: 1 } : { match: term.units, words: term.units, weight: 1 },
        ...term.alternatives.map((alternative) => {
          // A compound in two (主持工作 as 主持 … 工作): both halves, anywhere in the article.
          const match = alternative.kind === 'split' ? alternative.text.split(' ') : [alternative.text];
          return { match, words: alternative.kind === 'split' ? match : cut(alternative.text), alternative, weight: alternative.kind === 'numeral' ? 1 : synonymWeight };
        }),
      ];
      // The corpus's articles with any form: one string's as they are (not changed here), else the union of the forms'.
      let whole: Set<number>;
      if (forms.length === 1 && forms[0]!.match.length === 1) whole = index.containing(forms[0]!.match[0]!);
      else {
        whole = new Set<number>();
        for (const f of forms) for (const id of f.match.length === 1 ? index.containing(f.match[0]!) : intersect(f.match.map((m) => index.containing(m)), null)) whole.add(id);
      }
      // Those the filters let through. The idf is the corpus's, filters or not: a filter says which articles to show, not
      // how rare a word is (with the filtered count, a search within one district weighed a word with synonyms twice as
      // much and ranked that district's articles otherwise than the per-district view did).
      const ids = allowed ? intersect([whole], allowed) : whole;
      const df = whole.size;
      const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
      return { part, term, forms, ids, idf, df };
    }),
  );
  // Weight of the query: the idf of the terms some article has (a word no article has cannot be matched; it does
  // not make every other word weigh less).
  // (Some article of the corpus: under a filter too, so that a search within one district weighs the query as the
  // per-district view does.)
  const present = terms.filter((t) => t.df > 0);
  const totalIdf = present.reduce((x, t) => x + t.idf, 0) || 1;

  /**
   * The best partial matches among some articles: those with every term of a part (when there are several), or
   * with at least a quarter of the terms some article has (PARTIAL_RULE, PARTIAL_SHARE; docs/decisions/0005) including one of two
   * characters or more (single characters — pieces of a word jieba does not know — never make a match on their
   * own). A rare word does not outweigh the others here: in a question typed in everyday words, the rare one is as
   * often a wording the texts do not use as the matter itself.
   */
  /** How many terms each article looked at by partialMatches holds (what the tiers count of a partial match). */
  const termsHeld = new Uint16Array(N);
  const partialMatches = (within: (id: number) => boolean): Set<number> => {
    // Per article, in arrays over the corpus (a question's words are held by thousands of articles each): the share of
    // the query's weight it holds, how many terms, whether one of two characters or more; `touched` in first-seen order.
    const { coverage, count, long } = scratchFor(N);
    const touched: number[] = [];
    for (const t of present) {
      const isLong = [...t.term.text].length >= 2;
      const w = t.idf / totalIdf;
      for (const id of t.ids) {
        if (!within(id)) continue;
        if (count[id] === 0) touched.push(id);
        coverage[id] += w;
        count[id]++;
        if (isLong) long[id] = 1;
      }
    }
    const out = new Set<number>();
    const byCount = (opts.partialRule ?? PARTIAL_RULE) === 'count';
    const least = present.length * (opts.partialShare ?? PARTIAL_SHARE);
    for (const id of touched) {
      if ((byCount ? count[id]! >= least : coverage[id]! >= PARTIAL_COVERAGE - 1e-9) && long[id]) out.add(id);
      termsHeld[id] = count[id]!;
      coverage[id] = 0;
      count[id] = 0;
      long[id] = 0;
    }
    if (parts.length > 1)
      for (let p = 0; p < parts.length; p++) for (const id of intersect(terms.filter((t) => t.part === p).map((t) => t.ids), allowed)) if (within(id)) out.add(id);
    return out;
  };

  // Every term of every part: the query matches.
  // In a question typed as a sentence, a word of one character (上, 报, 开, 写, 最) is the light verb or adverb of the
  // question, not the matter: an article need not have it (it still scores where it has it) — unless it is all there is.
  const isQuestion = parts.some((p) => p.dropped.length > 0);
  const optional = (t: Term) => !!t.term.answer || ((opts.optionalSingles ?? OPTIONAL_SINGLES) && isQuestion && [...t.term.text].length === 1 && terms.some((x) => [...x.term.text].length > 1 && !x.term.answer));
  const required = terms.filter((t) => !optional(t)).map((t) => t.ids);
  // One required term and no filter: its set as it is (an index's: never changed here; partial matches make a new set).
  let matched = required.length === 1 && !allowed ? required[0]! : intersect(required, allowed);
  let partial = false;
  /** Partial matches shown for a document none of whose articles has everything (a district is not left out). */
  const fallback = new Set<number>();
  if (!matched.size) {
    partial = true;
    matched = partialMatches(() => true);
  } else if ((opts.documentFallback ?? DOCUMENT_FALLBACK) && !(parts.length === 1 && present.length === 1 && !optional(present[0]!))) {
    // (One part with one term some article has, and required: every article with it matched, so every document
    // with a partial match has a full one — nothing to look for.)
    const found = new Set<string>();
    for (const id of matched) found.add(docIdOf(id));
    for (const id of partialMatches((id) => !found.has(docIdOf(id)))) fallback.add(id);
    if (fallback.size) matched = new Set([...matched, ...fallback]);
  }

  const weight = opts.substringWeight ?? SUBSTRING_WEIGHT;
  const b = opts.bm25b ?? LENGTH_NORM;
  const leadChars = opts.leadChars ?? LEAD_CHARS;
  const leadFactor = opts.leadBoost === false ? 1 : (opts.leadFactor ?? LEAD_BOOST);
  const leadMode = opts.leadMode ?? LEAD_MODE;
  const named = queryTopics(index, parts, opts.topicSubtopics ?? TOPIC_SUBTOPICS);
  const topicPrior = opts.topicPrior ?? TOPIC_PRIOR;
  const topicMode = opts.topicMode ?? TOPIC_MODE;
  // Word scores are worked out among a scope of articles: every match (rankAll), or the tier group the first page is
  // filled from (firstPage: a question's partial matches can be the whole corpus, its page's group a few hundred).
  // An article's score is the same in any scope that holds it (scoreUnits sums the same terms in the same order).
  let scope = matched;
  let scopeId = 0;
  const setScope = (ids: Set<number>) => {
    scope = ids;
    scopeId++;
    formMaps.clear();
  };
  const wordScoreCache = new Map<string, Map<number, number>>();
  const wordMap = (words: string[], idf?: number) => {
    const key = `${scopeId}\u0000${idf ?? ''}\u0000${words.join('\u0000')}`;
    let m = wordScoreCache.get(key);
    if (!m) wordScoreCache.set(key, (m = index.wordScores(words, scope, { boost: opts.fieldBoost, idf, quality: idf === undefined, b })));
    return m;
  };
  /** The word-score maps of a form: of all its words (a term as typed), or of each word (the forms of a term with alternatives). */
  const formMaps = new Map<Form, Map<number, number>[]>();
  const mapsOf = (t: Term, f: Form) => {
    let maps = formMaps.get(f);
    if (!maps) formMaps.set(f, (maps = t.term.alternatives.length ? f.words.map((w) => wordMap([w], t.idf)) : [wordMap(f.words)]));
    return maps;
  };
  const ownIdf = new Map<string, number>();
  const substringScore = (c: string, id: number, idfOf?: number) => {
    const ids = index.containing(c);
    if (!ids.has(id)) return 0;
    const df = ids.size;
    const tf = index.count(id, c);
    let idf = idfOf ?? ownIdf.get(c);
    if (idf === undefined) ownIdf.set(c, (idf = Math.log(1 + (N - df + 0.5) / (df + 0.5))));
    const norm = 1 - b + (b * index.length(id)) / index.averageLength; // same BM25 as for words
    return (idf * tf * (BM25_PARAMS.k + 1)) / (tf + BM25_PARAMS.k * norm);
  };
  /**
   * Score of a form in an article. A term with alternatives is one thing written several ways: its forms share the
   * term's idf, each scores the mean over its words, and a synonym's score is weighted down, so that an article
   * writing the synonym ranks below the same article writing the typed word.
   */
  const formScore = (t: Term, f: Form, id: number) => {
    const maps = mapsOf(t, f);
    let sub = 0;
    if (!t.term.alternatives.length) {
      for (const m of f.match) sub += substringScore(m, id);
      return (maps[0]!.get(id) ?? 0) + weight * sub;
    }
    let words = 0;
    for (const m of maps) words += m.get(id) ?? 0;
    for (const m of f.match) sub += substringScore(m, id, t.idf);
    return f.weight * ((maps.length ? words / maps.length : 0) + weight * (f.match.length ? sub / f.match.length : 0));
  };
  const has = (id: number, f: Form) => f.match.every((m) => index.containing(m).has(id));

  // A part as typed, and with a number in another spelling (每周召开一次 = 每周召开1次): word for word either way.
  const spellings = parts.map((p) => {
    const out = [p.text];
    for (const t of p.terms) for (const a of t.alternatives) if (a.kind === 'numeral' && p.text.includes(t.text)) out.push(p.text.replace(t.text, a.text));
    return out;
  });
  const ownTopics = (id: number, a: SearchArticle) => (topicMode === 'main' ? (a.mainTopics ?? []).slice(0, 1) : (a.mainTopics ?? []));
  /** Everything about one article's match: its score, and what ranks it before the score. */
  const scoreOne = (id: number) => {
    let score = 0;
    let coverage = 0;
    let count = 0;
    let typed = 0;
    const used: { term: string; matched: string; kind: SearchAlternative['kind']; level?: string }[] = [];
    const a = index.articles[id]!;
    const lead = index.lead ? index.lead(id, leadChars) : normalise(a.text.slice(a.label.length, a.label.length + leadChars));
    let leads = true;
    let leadShare = 0;
    for (const t of terms) {
      let best: { s: number; f: Form } | null = null;
      for (const f of t.forms) {
        if (!has(id, f)) continue;
        const s = formScore(t, f, id);
        if (!best || s > best.s) best = { s, f };
      }
      if (!best) {
        leads = false;
        continue;
      }
      coverage += t.idf / totalIdf;
      count++;
      if (has(id, t.forms[0]!)) typed++;
      score += best.s;
      // Said only when the word as typed is not there: then the hit is by the alternative.
      if (best.f.alternative && !has(id, t.forms[0]!)) used.push({ term: t.term.text, matched: best.f.alternative.text, kind: best.f.alternative.kind, ...(best.f.alternative.level ? { level: best.f.alternative.level } : {}) });
      if (!t.forms.some((f) => has(id, f) && f.match.every((m) => (index.alone ? index.alone(lead, m) : lead.includes(m))))) leads = false;
      else leadShare += t.idf / totalIdf;
    }
    // Every part word for word as typed (a phrase is, whenever it is found at all); ranked first, the parts of
    // one word found whole in another spelling or a synonym alike (their score says which is as typed).
    const hay = index.haystack(id);
    const isPartial = partial || fallback.has(id);
    const verbatim = !isPartial && parts.every((p, i) => p.kind === 'phrase' || spellings[i]!.some((x) => hay.includes(x)));
    const whole = verbatim || (!isPartial && parts.every((p) => p.kind === 'phrase' || hay.includes(p.text) || (p.terms.length === 1 && p.terms[0]!.alternatives.some((x) => hay.includes(x.text)))));
    if (leadMode === 'all' ? leads && !isPartial : true) score *= leadMode === 'all' ? leadFactor : 1 + (leadFactor - 1) * leadShare;
    const onTopic = named.size > 0 && ownTopics(id, a).some((t) => named.has(t));
    if (onTopic) score *= topicPrior;
    if (firstTier === 'none' && verbatim) score *= opts.verbatimFactor ?? VERBATIM_FACTOR;
    // A partial match whose own topic the query names holds, in the topic, one more of the query's words (a question's
    // everyday words stand for the article's official ones).
    if (isPartial && onTopic && TOPIC_COUNTS_AS_TERM) count++;
    return { id, coverage, count, typed, verbatim, whole, score, used, isPartial };
  };
  type Scored = ReturnType<typeof scoreOne>;
  const order = opts.partialOrder ?? PARTIAL_ORDER;
  const tierTyped = (opts.firstTier ?? FIRST_TIER) === 'typed';
  // Terms found as typed before terms found only by an alternative (docs/decisions/0005).
  const typedFirst = opts.typedFirst ?? TYPED_FIRST;
  const level = (x: Scored) => (order === 'coverage' ? x.coverage : order === 'count' ? x.count : 0);
  // Full matches before the partial matches of documents without one; then by level (partial matches), tier, typed terms.
  const firstTier = opts.firstTier ?? FIRST_TIER;
  const diversity = opts.diversity ?? DIVERSITY;

  /** Every match scored and ordered (what the per-district view needs: each document's best, and its place). */
  const rankAll = (): Scored[] => {
    const scored = [...matched].map(scoreOne);
    // Each article's tier, worked out once (the sort compares thousands of pairs).
    const tiers = new Map(scored.map((x) => [x, [Number(!x.isPartial || partial), level(x), firstTier === 'none' ? 0 : Number(tierTyped ? x.verbatim : x.whole), typedFirst ? x.typed : 0] as const]));
    const byTier = (x: Scored, y: Scored) => {
      const a = tiers.get(x)!;
      const c = tiers.get(y)!;
      return c[0] - a[0] || c[1] - a[1] || c[2] - a[2] || c[3] - a[3];
    };
    scored.sort((x, y) => byTier(x, y) || y.score - x.score || x.id - y.id); // ties: index order (documents as loaded, articles in order)
    // Within a tier, a document's n-th hit counts DIVERSITY^n of its score for the order (its own order is kept).
    const ordered: Scored[] = [];
    const rankScore = new Map<Scored, number>();
    for (let i = 0; i < scored.length; ) {
      let j = i;
      while (j < scored.length && byTier(scored[i]!, scored[j]!) === 0) j++;
      const seen = new Map<string, number>();
      const group = scored.slice(i, j);
      for (const x of group) {
        const doc = docIdOf(x.id);
        const n = seen.get(doc) ?? 0;
        seen.set(doc, n + 1);
        rankScore.set(x, x.score * diversity ** n);
      }
      group.sort((x, y) => rankScore.get(y)! - rankScore.get(x)! || x.id - y.id);
      for (const x of group) ordered.push(x);
      i = j;
    }
    return ordered;
  };

  /**
   * The first `k` of rankAll()'s order, scoring only the articles that can reach them (decision 0091). Every match's
   * tier is worked out from the sets of articles holding each string (no article is read); tiers after the page is
   * full are not scored at all. In the tier that fills the page, every article gets an upper bound of its score —
   * its exact score before the lead boost, times the largest lead boost, times its topic prior — and articles are
   * scored in full (their lead read) best bound first, until k of them have a place no article left can take.
   * Null when an option makes the bound unsafe (then everything is ranked).
   */
  const firstPage = (k: number): Scored[] | null => {
    const weights = [weight, leadFactor, topicPrior, synonymWeight, opts.verbatimFactor ?? VERBATIM_FACTOR, ...Object.values(opts.fieldBoost ?? {})];
    if (!(diversity >= 0 && diversity <= 1) || !(b >= 0 && b <= 1) || weights.some((x) => !(x! >= 0 && Number.isFinite(x))) || order === 'coverage') return null;
    if (parts.some((p, i) => spellings[i]!.some((x) => x.includes('\u0000')) || p.terms.some((t) => t.alternatives.some((x) => x.text.includes('\u0000'))))) return null;
    const T = terms.length + 2; // a count of 0 … terms.length, and one more for a partial match on a named topic
    const topical = (id: number) => {
      if (topicMode === 'main' && index.mainTopic) {
        const main = index.mainTopic(id);
        return main !== undefined && named.has(main);
      }
      return ownTopics(id, index.articles[id]!).some((x) => named.has(x));
    };

    const formSets = terms.map((t) => t.forms.map((f) => f.match.map((m) => index.containing(m))));
    const hasForm = (id: number, sets: Set<number>[]) => {
      for (const s of sets) if (!s.has(id)) return false;
      return true;
    };
    const spellingSets = spellings.map((xs) => xs.map((x) => index.containing(x)));
    const textSets = parts.map((p) => index.containing(p.text));
    const alternativeSets = parts.map((p) => (p.terms.length === 1 ? p.terms[0]!.alternatives.map((x) => index.containing(x.text)) : []));
    // Each match's tier as one number (the same order as rankAll's tuple).
    const tierOf = (isPartial: boolean, count: number, verbatim: boolean, whole: boolean, typed: number) =>
      ((Number(!isPartial || partial) * T + (order === 'count' ? count : 0)) * 2 + (firstTier === 'none' ? 0 : Number(tierTyped ? verbatim : whole))) * T + (typedFirst ? typed : 0);
    const tierKey = (x: Scored) => tierOf(x.isPartial, x.count, x.verbatim, x.whole, x.typed);
    const groups = new Map<number, number[]>();
    // A full match has every term that is not optional (that is how it matched): only the others are looked up.
    const required = terms.map((t) => !optional(t));
    // Whole is verbatim when no part has another spelling or an alternative.
    const allWhole = parts.every((p, i) => p.kind === 'phrase' || (spellingSets[i]!.length === 1 && spellingSets[i]![0] === textSets[i] && !alternativeSets[i]!.length));
    const isVerbatim = (id: number) => {
      for (let i = 0; i < parts.length; i++) {
        if (parts[i]!.kind === 'phrase') continue;
        let found = false;
        for (const s of spellingSets[i]!) if (s.has(id)) found = true;
        if (!found) return false;
      }
      return true;
    };
    for (const id of matched) {
      const isPartial = partial || fallback.has(id);
      let count = 0;
      let typed = 0;
      // A partial match's terms were counted when it was found (every article partialMatches returns was looked at).
      if (isPartial && !typedFirst) count = termsHeld[id]!;
      else for (let i = 0; i < terms.length; i++) {
        const sets = formSets[i]!;
        if (!isPartial && required[i] && !typedFirst) count++;
        // (A term's ids are the articles with some form of it, as the filters let through: matches all are.)
        else if (terms[i]!.ids.has(id)) {
          count++;
          if (typedFirst && hasForm(id, sets[0]!)) typed++;
        }
      }
      if (isPartial && TOPIC_COUNTS_AS_TERM && named.size && topical(id)) count++; // as scoreOne counts it
      const verbatim = !isPartial && isVerbatim(id);
      const whole = verbatim || (!isPartial && !allWhole && parts.every((p, i) => p.kind === 'phrase' || textSets[i]!.has(id) || alternativeSets[i]!.some((s) => s.has(id))));
      const key = tierOf(isPartial, count, verbatim, whole, typed);
      const list = groups.get(key);
      if (list) list.push(id);
      else groups.set(key, [id]);
    }
    // Whether every string can be in the article's lead (the index tells without reading it, or the lead is read).
    let leadOf = -1;
    let lead = '';
    const mayLead = (id: number, strings: string[]) => {
      if (index.leadMayHold) {
        for (const m of strings) if (!index.leadMayHold(id, m, leadChars)) return false;
        return true;
      }
      if (leadOf !== id) {
        const a = index.articles[id]!;
        lead = index.lead ? index.lead(id, leadChars) : normalise(a.text.slice(a.label.length, a.label.length + leadChars));
        leadOf = id;
      }
      for (const m of strings) if (!lead.includes(m)) return false;
      return true;
    };
    /**
     * The most any article can score before the lead boost: per term, its best form's largest word score among the
     * matches plus its strings' largest substring scores (term frequency saturates at k + 1), summed.
     */
    const mostBefore = () => {
      const k1 = BM25_PARAMS.k + 1;
      const largest = (m: Map<number, number>) => {
        let x = 0;
        for (const v of m.values()) if (v > x) x = v;
        return x;
      };
      const ownOf = (c: string) => {
        const df = index.containing(c).size;
        return Math.log(1 + (N - df + 0.5) / (df + 0.5));
      };
      let sum = 0;
      for (const t of terms) {
        let top = 0;
        for (const f of t.forms) {
          const maps = mapsOf(t, f);
          let x: number;
          if (!t.term.alternatives.length) {
            let sub = 0;
            for (const m of f.match) sub += ownOf(m) * k1;
            x = largest(maps[0]!) + weight * sub;
          } else {
            let words = 0;
            for (const m of maps) words += largest(m);
            x = f.weight * ((maps.length ? words / maps.length : 0) + weight * (f.match.length ? t.idf * k1 : 0));
          }
          if (x > top) top = x;
        }
        sum += top;
      }
      return sum;
    };
    const byScore = (x: Scored, y: Scored) => y.score - x.score || x.id - y.id;
    const out: Scored[] = [];
    for (const key of [...groups.keys()].sort((x, y) => y - x)) {
      if (out.length >= k) break;
      const group = groups.get(key)!;
      const r = k - out.length;
      setScope(new Set(group));
      if (group.length <= r) {
        // All of the group is on the page: rankAll's order within it.
        const scored = group.map(scoreOne).sort(byScore);
        if (scored.some((x) => tierKey(x) !== key)) return null;
        const seen = new Map<string, number>();
        const rank = new Map<Scored, number>();
        for (const x of scored) {
          const doc = docIdOf(x.id);
          const n = seen.get(doc) ?? 0;
          seen.set(doc, n + 1);
          rank.set(x, x.score * diversity ** n);
        }
        out.push(...scored.sort((x, y) => rank.get(y)! - rank.get(x)! || x.id - y.id));
        continue;
      }
      // Three bounds of an article's score, each tighter and dearer than the one before: (1) the most any article can
      // score before the lead boost, times the lead boost its strings allow, its own topic prior and verbatim factor; (2)
      // its own score before the lead boost (as scoreOne sums it), times the lead boost its strings allow, times the
      // same factors; (3) its score. Articles come off a heap best bound first (ties: index order); one whose bound is
      // not yet its score has it tightened and goes back. Those that come off with their score come off in rankAll's
      // order (nothing left can beat them), so each one's place among its document's articles is known, hence its
      // rank score; done when `r` of them have a rank score nothing left can reach.
      const n = group.length;
      const bound = new Float64Array(n);
      const level = new Uint8Array(n);
      const exact: Scored[] = new Array(n);
      // The topic prior and the verbatim factor, applied as scoreOne applies them (one after the other).
      const factors = (x: number, id: number) => {
        if (named.size && topical(id)) x *= topicPrior;
        if (firstTier === 'none' && !(partial || fallback.has(id)) && isVerbatim(id)) x *= opts.verbatimFactor ?? VERBATIM_FACTOR;
        return x;
      };
      const most = mostBefore();
      // The lead boost an article's strings allow (the forms it has whose strings can all be in its lead).
      const leadBound = (id: number) => {
        let share = 0;
        let all = true;
        for (let i = 0; i < terms.length; i++) {
          const sets = formSets[i]!;
          const forms = terms[i]!.forms;
          let leads = false;
          for (let j = 0; j < sets.length && !leads; j++) leads = hasForm(id, sets[j]!) && mayLead(id, forms[j]!.match);
          if (leads) share += terms[i]!.idf / totalIdf;
          else all = false;
        }
        return leadMode === 'all' ? (all && !(partial || fallback.has(id)) ? Math.max(1, leadFactor) : 1) : leadFactor >= 1 ? 1 + (leadFactor - 1) * share : 1;
      };
      for (let g = 0; g < n; g++) bound[g] = factors(most * leadBound(group[g]!), group[g]!) * (1 + 1e-9);
      const tighten = (g: number): boolean => {
        const id = group[g]!;
        let next: number;
        if (level[g] === 0) {
          let base = 0;
          for (let i = 0; i < terms.length; i++) {
            const t = terms[i]!;
            const sets = formSets[i]!;
            let best = -1;
            for (let j = 0; j < sets.length; j++) {
              if (!hasForm(id, sets[j]!)) continue;
              const s = formScore(t, t.forms[j]!, id);
              if (best < 0 || s > best) best = s;
            }
            if (best >= 0) base += best;
          }
          next = factors(base * leadBound(id), id);
        } else {
          const x = scoreOne(id);
          if (tierKey(x) !== key) return false; // the sets and the haystack disagree: never seen; rank everything
          exact[g] = x;
          next = x.score;
        }
        if (!(next <= bound[g]!)) return false; // a bound that does not hold (or NaN): never seen; rank everything
        bound[g] = next;
        level[g]++;
        return true;
      };
      // A binary heap of the group's places, best bound first.
      const heap = new Int32Array(n);
      for (let g = 0; g < n; g++) heap[g] = g;
      const better = (a: number, b: number) => bound[a]! > bound[b]! || (bound[a] === bound[b] && group[a]! < group[b]!);
      let size = n;
      const down = (at: number) => {
        for (;;) {
          const l = 2 * at + 1;
          if (l >= size) return;
          const c = l + 1 < size && better(heap[l + 1]!, heap[l]!) ? l + 1 : l;
          if (!better(heap[c]!, heap[at]!)) return;
          const x = heap[c]!;
          heap[c] = heap[at]!;
          heap[at] = x;
          at = c;
        }
      };
      for (let at = (n >> 1) - 1; at >= 0; at--) down(at);
      const seen = new Map<string, number>();
      // The r best rank scores so far, best first.
      const best: { x: Scored; rank: number }[] = [];
      while (size > 0) {
        const g = heap[0]!;
        if (level[g]! < 2) {
          if (!tighten(g)) return null;
          down(0);
          continue;
        }
        heap[0] = heap[--size]!;
        down(0);
        const x = exact[g]!;
        const doc = docIdOf(x.id);
        const nth = seen.get(doc) ?? 0;
        seen.set(doc, nth + 1);
        const p = { x, rank: x.score * diversity ** nth };
        let at = best.length;
        while (at > 0 && (best[at - 1]!.rank < p.rank || (best[at - 1]!.rank === p.rank && best[at - 1]!.x.id > x.id))) at--;
        if (at < r) {
          best.splice(at, 0, p);
          if (best.length > r) best.pop();
        }
        if (best.length === r && size > 0) {
          const top = heap[0]!;
          const last = best[r - 1]!;
          if (last.rank > bound[top]! || (last.rank === bound[top] && last.x.id < group[top]!)) break;
        }
      }
      out.push(...best.map((b) => b.x));
    }
    return out;
  };

  // The per-district view places every document's best articles in the whole order: everything is ranked then.
  const page = !opts.byDistrict && !opts.exhaustive && Number.isFinite(limit) ? firstPage(Math.trunc(Math.max(0, limit))) : null;
  if (!page) setScope(matched); // (firstPage may give up after scoping a group: rankAll scores every match)
  const scored = page ?? rankAll();
  const highlight = [...new Set(parts.flatMap((p) => (p.kind === 'phrase' ? [p.text] : [p.text, ...p.units, ...p.terms.flatMap((t) => t.alternatives.map((x) => x.text))])))];
  const toHit = (s: Scored, rank: number): SearchHit => {
    const a = index.articles[s.id]!;
    const hit: SearchHit = {
      rank,
      citation: { docId: a.docId, key: a.key, ordinal: a.ordinal, label: a.label, district: a.district, year: a.year, docTitle: a.docTitle, chapter: a.chapter },
      score: Math.round(s.score * 1000) / 1000,
      verbatim: s.verbatim,
      snippet: snippet(a.text, highlight, opts.snippetWidth),
      span: a.span,
    };
    if (s.used.length) hit.alternatives = s.used;
    if (s.isPartial && !partial) hit.partial = true;
    return hit;
  };
  const hits = scored.slice(0, Math.max(0, limit)).map((s, i) => toHit(s, i + 1));
  const response: SearchResponse = { query, parts, filters, total: matched.size, partial, hits };
  const notRequired = [...new Set(terms.filter(optional).map((t) => t.term.text))];
  if (notRequired.length) response.optional = notRequired;
  if (fallback.size) response.fallback = fallback.size;
  if (!filters.topic) {
    const topics = topicSuggestions(index, parts);
    if (topics.length) response.topics = topics;
  }
  if (opts.byDistrict) {
    // For each document the filters let through, in index order: its best article, and the next ones scoring
    // at least BEST_SHARE of it (at most BEST_MAX); documents without a match are named.
    const rankOf = new Map(scored.map((s, i) => [s.id, i + 1]));
    const byDoc = new Map<string, Scored[]>();
    for (const x of scored) {
      const doc = docIdOf(x.id);
      const list = byDoc.get(doc) ?? [];
      if (!byDoc.has(doc)) byDoc.set(doc, list);
      if (list.length < BEST_MAX && (!list.length || (x.score >= BEST_SHARE * list[0]!.score && !!x.isPartial === !!list[0]!.isPartial))) list.push(x);
    }
    // Each document's matches counted in one pass (a count per document over all matches was quadratic: 500
    // documents × 4,238 matches of 常务会议, four fifths of a per-district search).
    const totals = new Map<string, number>();
    for (const x of scored) {
      const doc = docIdOf(x.id);
      totals.set(doc, (totals.get(doc) ?? 0) + 1);
    }
    response.districts = documentsLetThrough(index, allowed).map((a) => ({
      docId: a.docId,
      district: a.district,
      year: a.year,
      docTitle: a.docTitle,
      total: totals.get(a.docId) ?? 0,
      hits: (byDoc.get(a.docId) ?? []).map((x) => toHit(x, rankOf.get(x.id)!)),
    }));
  }
  return response;
}
