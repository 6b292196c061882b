/**
 * Alignment: which articles of different documents correspond, and the clause families they form.
 * A pure function of the documents (and the taxonomy): classify every article, represent it
 * lexically (src/align/vectors.ts), generate candidates through an inverted index (candidates.ts),
 * run the ordered passes per pair of documents (passes.ts) and group the links into families
 * per topic (families.ts).
 */
import type {
  Alignment, AlignmentLink, AlignOptions, Article, ArticleRef, ClauseFamily, DocumentPairSummary, RuleDocument, Taxonomy, TopicAssignment, TopicScore,
} from '../model.js';
import { refId } from '../model.js';
import { articleBody, classifyDocument, loadTaxonomy, subtree, type ClassifyOptions } from '../classify/index.js';
import { ancestry } from '../classify/taxonomy.js';
import { ownLevelChar } from '../classify/level.js';
import { candidatePairs, candidatesFromReach, vectorClasses, type ReachedClasses, type VectorClasses } from './candidates.js';
import { LinkTable, PASS_ORDER } from './links.js';
import { buildFamilies, type FamilyContext, type FamilyOptions } from './families.js';
import { combinedScore, DEFAULT_PASS_OPTIONS, runPasses, topicGroups, type PairFacts, type PassOptions, type ProtoLink, type TopicGroups } from './passes.js';
import { articleWords, bigramCodes, buildVectors, type ArticleVectors, containment, contentWords, cosine, dice, plainText, sharedFeatures, type FeatureTexts, type SparseVector, type VectorOptions } from './vectors.js';

export { buildFamilies, DEFAULT_FAMILY_OPTIONS, matterOf, type FamilyOptions } from './families.js';
export * as passes from './passes.js';

export const DEFAULT_TOP_K = 4;
export const DEFAULT_MAX_NEIGHBOURS = 64;
/** Pair facts of twins remembered at a time by the batch alignment (then forgotten and computed afresh). */
const MEMO_PAIRS = 200_000;
/** Dice is only worth computing for pairs this similar lexically (a copy, even in a county's wording, has cosine ≈ 1). */
export const DICE_FROM_COSINE = 0.8;

/** Settings for measurement (scripts/eval-align.ts, scripts/bench-align.ts); the defaults are the decided ones. */
export interface AlignInternals {
  classify?: Partial<ClassifyOptions>;
  vectors?: VectorOptions;
  passes?: Partial<PassOptions>;
  /** 'index' (default) or 'all-pairs': compare every article with every article of the other documents. */
  candidates?: 'index' | 'all-pairs';
  families?: Partial<FamilyOptions>;
  /** Share the work of twin articles (default true; false is what the tests compare with: the same alignment). */
  shareTwins?: boolean;
  /**
   * The candidates' look-up done elsewhere (a database: src/store/postgres.ts): the classes each class of
   * alignmentVectors() reaches. When a list cut short runs out, align throws ShortReach naming the classes to look up in full.
   */
  reach?: (c: number) => ReachedClasses;
  /** The documents' classification, when the caller has it (alignmentVectors, an alignment's classificationByDocument): not done again. */
  assignments?: TopicAssignment[][];
}

/** An alignment's classification per document, in the documents' order (the form align() and alignmentVectors take). */
export function classificationByDocument(alignment: Pick<Alignment, 'documents' | 'classification'>): TopicAssignment[][] {
  const byDoc = new Map<string, TopicAssignment[]>(alignment.documents.map((d) => [d, []]));
  for (const a of alignment.classification.assignments) byDoc.get(a.article.docId)!.push(a);
  return alignment.documents.map((d) => byDoc.get(d)!);
}

/** A look-up's lists were cut short for these classes and ran out: look them up in full and align again. */
export class ShortReach extends Error {
  constructor(readonly classes: number[]) {
    super(`align: the look-up of ${classes.length} classes was cut short`);
  }
}

/**
 * What the candidates' look-up works on: each article's document, vector and class of equal vectors (the same as
 * align() computes for the same documents and options), for a database to hold and look up in.
 */
export function alignmentVectors(documents: RuleDocument[], options: Pick<AlignOptions, 'taxonomy'> & Pick<AlignInternals, 'classify' | 'vectors' | 'assignments'> = {}): { docOf: Int32Array; vec: ArticleVectors; classes: VectorClasses; assignments: TopicAssignment[][] } {
  const taxonomy = options.taxonomy ?? loadTaxonomy();
  const assignments = options.assignments ?? documents.map((d) => classifyDocument(d, taxonomy, options.classify));
  const { docOf, vec } = articlesOfRun(documents, assignments, options.vectors);
  return { docOf, vec, classes: vectorClasses(vec.vectors), assignments };
}

/** What the family builder needs of the articles of a run: the words of the title each is filed under. */
export function familyContext(infos: ArticleInfo[]): FamilyContext {
  const words = new Map(infos.map((x) => [refId(x.ref), x.chapterWords]));
  const none = new Set<string>();
  return { chapterWords: (r) => words.get(refId(r)) ?? none };
}

export interface ArticleInfo {
  ref: ArticleRef;
  doc: number;
  assignment: TopicAssignment;
  main: string | null;
  topics: Set<string>;
  chapterWords: Set<string>;
  readonly plain: string;
  chapterTitle: string | null;
}

const ancestryCache = new WeakMap<Taxonomy, Map<string, string[]>>();
function ancestors(taxonomy: Taxonomy, id: string): string[] {
  let m = ancestryCache.get(taxonomy);
  if (!m) ancestryCache.set(taxonomy, (m = new Map()));
  let a = m.get(id);
  if (!a) m.set(id, (a = ancestry(taxonomy, id)));
  return a;
}

/** How well two articles' topics agree: 1 same main topic, 0.75 a shared topic, 0.5 related, 0 otherwise. */
export function topicAgreement(x: ArticleInfo, y: ArticleInfo, taxonomy: Taxonomy): { agreement: number; topic: string | null } {
  if (x.main === null || y.main === null) return { agreement: 0, topic: null };
  if (x.main === y.main) return { agreement: 1, topic: x.main };
  for (const t of x.topics) if (y.topics.has(t)) return { agreement: 0.75, topic: t };
  const ax = ancestors(taxonomy, x.main);
  const ay = ancestors(taxonomy, y.main);
  if (ax.includes(y.main) || ay.includes(x.main) || (ax[1] !== undefined && ax[1] === ay[1])) return { agreement: 0.5, topic: null };
  return { agreement: 0, topic: null };
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}

/** Align documents: links between corresponding articles, clause families, and what the comparison cost. */
export function align(documents: RuleDocument[], options: AlignOptions & AlignInternals = {}): Alignment {
  const taxonomy = options.taxonomy ?? loadTaxonomy();
  const topK = options.topK ?? DEFAULT_TOP_K;
  const maxNeighbours = options.maxNeighbours ?? DEFAULT_MAX_NEIGHBOURS;
  const maxComparisons = options.maxComparisons ?? Infinity;
  const passOptions: PassOptions = { ...DEFAULT_PASS_OPTIONS, ...options.passes };
  const docIds = documents.map((d) => d.id);
  if (new Set(docIds).size !== docIds.length) throw new Error(`align: document ids must be unique (${docIds.join(', ')})`);

  // Articles of the run, document by document.
  const onProgress = options.onProgress;
  const assignments =
    options.assignments ??
    documents.map((d, k) => {
      onProgress?.('align: classify', k, documents.length);
      return classifyDocument(d, taxonomy, options.classify);
    });
  onProgress?.('align: classify', documents.length, documents.length);
  const { infos, docOf, vec } = articlesOfRun(documents, assignments, options.vectors);

  // Articles with equal vectors, found once: the candidates' look-ups and the pair facts below are shared by them.
  const classes = options.shareTwins === false ? undefined : vectorClasses(vec.vectors);
  const candidateOptions = { topK, maxNeighbours, maxComparisons, allPairs: options.candidates === 'all-pairs', onProgress, shareTwins: options.shareTwins, classes };
  const cand = options.reach ? candidatesFromReach(vec, docOf, classes ?? vectorClasses(vec.vectors), options.reach, candidateOptions) : candidatePairs(vec, docOf, candidateOptions);
  if (cand.short) throw new ShortReach(cand.short);
  let comparisons = cand.comparisons;
  const gramCache = new Map<number, Uint32Array>();
  const grams = (k: number) => {
    let g = gramCache.get(k);
    if (!g) gramCache.set(k, (g = bigramCodes(infos[k]!.plain)));
    return g;
  };
  // Twins (twinsOf: equal vectors, topics, title words, body) have the same facts against the same article: a pair
  // of articles with twins is computed once per pair of first twins (remembered up to MEMO_PAIRS at a time).
  const twins = classes ? twinsOf(documents, infos, (a, b) => classes.classOf[a] === classes.classOf[b]) : Int32Array.from(infos, (_, k) => k);
  const twinned = new Uint8Array(infos.length);
  twins.forEach((t, k) => void (t !== k && (twinned[t] = twinned[k] = 1)));
  const memo = new Map<number, PairFacts>();
  const n = infos.length;
  const factsOf = (i: number, j: number, cos?: number): PairFacts => {
    if (!twinned[i] && !twinned[j]) return pairFacts(infos, i, j, cos ?? cosine(vec.vectors[i]!, vec.vectors[j]!), grams, taxonomy, passOptions.weights);
    const [ti, tj] = [twins[i]!, twins[j]!];
    const key = ti * n + tj;
    let f = memo.get(key);
    if (!f) {
      if (memo.size >= MEMO_PAIRS) memo.clear();
      memo.set(key, (f = pairFacts(infos, ti, tj, cos ?? cosine(vec.vectors[ti]!, vec.vectors[tj]!), grams, taxonomy, passOptions.weights)));
    }
    return { ...f, i, j };
  };

  const articlesOfDoc = documents.map(() => [] as number[]);
  infos.forEach((x, k) => articlesOfDoc[x.doc]!.push(k));
  // Candidates of each pair of documents: rows of cand.pairs are sorted by i (document by document), so those of
  // document da are one run; within it, a stable counting sort by the other document keeps the (i, j) order.
  const cp = cand.pairs;
  const firstRow = new Int32Array(documents.length + 1);
  for (let k = 0; k < cp.length; k++) firstRow[docOf[cp.i[k]!]! + 1]!++;
  for (let d = 0; d < documents.length; d++) firstRow[d + 1]! += firstRow[d]!;
  const byOther = (da: number): Map<number, number[]> => {
    const m = new Map<number, number[]>();
    for (let k = firstRow[da]!; k < firstRow[da + 1]!; k++) {
      const db = docOf[cp.j[k]!]!;
      (m.get(db) ?? m.set(db, []).get(db)!).push(k);
    }
    return m;
  };
  // Each document's articles by main topic, made once (the position pass asks for them for every pair of documents).
  const mainTopic = (k: number) => infos[k]!.main;
  const groupCache = new Map<number[], TopicGroups>();
  const groupsOf = (side: number[]) => {
    let g = groupCache.get(side);
    if (!g) groupCache.set(side, (g = topicGroups(side, mainTopic)));
    return g;
  };
  // The links as rows of typed arrays, not objects (a large run makes millions: docs/decisions/0070).
  const table = new LinkTable();
  const pairs: DocumentPairSummary[] = [];
  for (let da = 0; da < documents.length; da++) {
    onProgress?.('align: passes', da, documents.length);
    const rows = byOther(da);
    for (let db = da + 1; db < documents.length; db++) {
      const candidates = rows.get(db);
      const summary: DocumentPairSummary = { a: docIds[da]!, b: docIds[db]!, links: 0, byPass: { exact: 0, 'topic-lexical': 0, fuzzy: 0, position: 0 } };
      if (candidates) {
        const facts = candidates.map((k) => factsOf(cp.i[k]!, cp.j[k]!, cp.cosine[k]!));
        const made = runPasses(facts, articlesOfDoc[da]!, articlesOfDoc[db]!, mainTopic, (i, j) => {
          comparisons++;
          return factsOf(i, j);
        }, passOptions, (inner, outer) => containment(vec.vectors[inner]!, vec.vectors[outer]!), groupsOf);
        for (const l of made) {
          summary.byPass[l.pass]++;
          table.push(l);
        }
        summary.links = made.length;
      }
      // Large runs list only the pairs of documents that have links.
      if (summary.links > 0 || documents.length <= 50) pairs.push(summary);
    }
  }

  onProgress?.('align: passes', documents.length, documents.length);
  // Run order: articles are numbered document by document, so (i, j) orders by document, then position.
  table.sortByArticles(infos.length);
  table.trim();

  const flat = assignments.flat();
  const families = buildFamilies(flat, table, docIds, taxonomy, familyContext(infos), options.families);
  const possiblePairs = pairsAcross(articlesOfDoc.map((a) => a.length));
  const budget = {
    maxComparisons: Number.isFinite(maxComparisons) ? maxComparisons : null,
    comparisons,
    possiblePairs,
    exhausted: cand.exhausted,
    skippedArticles: cand.skippedArticles.length,
    topK,
    maxNeighbours,
    message: cand.exhausted
      ? `stopped early: comparison budget ${maxComparisons} reached; ${cand.skippedArticles.length} of ${infos.length} articles were not looked up, so some correspondences are missing`
      : `complete: ${comparisons} of ${possiblePairs} article pairs compared (candidates from the ${options.reach ? 'database\'s look-up' : 'index'}, top ${topK} per article and document)`,
  };
  // The links as objects only when someone reads them (align --json / --links, evaluation): the build never does.
  const result = { documents: docIds, classification: { assignments: flat, unclassified: flat.filter((a) => a.topics.length === 0).map((a) => a.article) } } as Alignment;
  lazyLinks(result, table, () => articlesOfRun(documents, assignments, options.vectors), taxonomy, passOptions.weights);
  return Object.assign(result, { pairs, families, budget });
}

/** The articles of a run as the passes see them, and their vectors (a pure function of the documents and their classification). */
function articlesOfRun(documents: RuleDocument[], assignments: TopicAssignment[][], vectors: VectorOptions | undefined) {
  const wordCache = new Map<string, string[]>();
  const infos: ArticleInfo[] = documents.flatMap((d, di) => articleInfos(d, di, assignments[di]!, wordCache));
  const docOf = Int32Array.from(infos.map((x) => x.doc));
  const vec = buildVectors(articleWords(documents, wordCache, vectors?.itemWeight), docOf, documents.length, vectors);
  return { infos, docOf, vec };
}

/**
 * Define `alignment.links`, made from the rows of `table` when first read. The articles and their vectors are
 * computed again then (`run`): kept for a read that a build never makes, they were 70 MB of live memory at 500
 * documents. A function of its own so that what the getter keeps alive is only what it names (a closure inside
 * align() would keep the run's word and bigram caches).
 */
function lazyLinks(alignment: Alignment, table: LinkTable, run: () => { infos: ArticleInfo[]; vec: ArticleVectors }, taxonomy: Taxonomy, weights: PassOptions['weights']): void {
  let links: AlignmentLink[] | undefined;
  const make = () => {
    const { infos, vec } = run();
    const { vectors, features } = vec;
    const gramCache = new Map<number, Uint32Array>();
    const grams = (k: number) => gramCache.get(k) ?? gramCache.set(k, bigramCodes(infos[k]!.plain)).get(k)!;
    const facts = (i: number, j: number) => pairFacts(infos, i, j, cosine(vectors[i]!, vectors[j]!), grams, taxonomy, weights);
    return Array.from({ length: table.length }, (_, k) => rowLink(table, k, infos, vectors, features, taxonomy, facts));
  };
  Object.defineProperty(alignment, 'links', {
    enumerable: true,
    configurable: true,
    get: () => (links ??= make()),
    set: (v: AlignmentLink[]) => void (links = v),
  });
}

/**
 * Each article's first twin — the first article with the same topics (in the same order: the first shared one is
 * the link's), title words and body text whose words are counted alike (`sameWords(a, b)`) — or itself: what the
 * passes know of a pair is the same for twins.
 */
export function twinsOf(documents: RuleDocument[], infos: ArticleInfo[], sameWords: (a: number, b: number) => boolean): Int32Array {
  const twins = new Int32Array(infos.length);
  const first = new Map<string, number[]>();
  let k = 0;
  for (const d of documents) {
    for (const a of d.articles) {
      const x = infos[k]!;
      const key = `${x.main ?? ''}\u0000${[...x.topics].join(' ')}\u0000${[...x.chapterWords].sort().join(' ')}\u0000${articleBody(a)}`;
      const same = first.get(key);
      const twin = same?.find((t) => sameWords(t, k));
      twins[k] = twin ?? k;
      if (twin === undefined) (same ?? first.set(key, []).get(key)!).push(k);
      k++;
    }
  }
  return twins;
}

/** What the passes know of a pair of articles i, j of `infos` whose lexical cosine is `c` (Dice only for near copies). */
export function pairFacts(infos: ArticleInfo[], i: number, j: number, c: number, grams: (k: number) => Uint32Array, taxonomy: Taxonomy, weights: PassOptions['weights']): PairFacts {
  const { agreement, topic } = topicAgreement(infos[i]!, infos[j]!, taxonomy);
  const chapter = jaccard(infos[i]!.chapterWords, infos[j]!.chapterWords);
  return {
    i,
    j,
    cosine: c,
    dice: c >= DICE_FROM_COSINE ? dice(infos[i]!.plain, infos[j]!.plain, grams(i), grams(j)) : 0,
    topicAgreement: agreement,
    topic,
    chapter,
    combined: combinedScore(c, agreement, chapter, weights),
  };
}

/**
 * An article as the passes see them. Its plain text (for Dice, compared only for pairs whose cosine is high) is
 * made when first read: against 500 peers most articles are never compared so closely.
 */
class Info implements ArticleInfo {
  readonly ref: ArticleRef;
  readonly main: string | null;
  readonly topics: Set<string>;
  readonly chapterTitle: string | null;
  #article: Article | null;
  #plain = '';
  constructor(
    article: Article,
    readonly doc: number,
    readonly assignment: TopicAssignment,
    readonly chapterWords: Set<string>,
  ) {
    this.ref = assignment.article;
    this.main = assignment.topics[0]?.topic ?? null;
    this.topics = new Set(assignment.topics.map((t) => t.topic));
    this.chapterTitle = assignment.chapterTitle;
    this.#article = article;
  }
  get plain(): string {
    if (this.#article) (this.#plain = plainText(articleBody(this.#article))), (this.#article = null);
    return this.#plain;
  }
}

/** The articles of one document as the passes see them. */
export function articleInfos(d: RuleDocument, di: number, assignments: TopicAssignment[], wordCache: Map<string, string[]>): ArticleInfo[] {
  const own = ownLevelChar(d);
  return d.articles.map((a, k) => {
    const assignment = assignments[k]!;
    // The title the article is filed under: its section's when it has one (第二节 会议制度), else its chapter's.
    const title = assignment.chapterTitle;
    return new Info(a, di, assignment, new Set(title ? contentWords(title, own, wordCache) : []));
  });
}

/**
 * A link whose reason is built when first read (printing, JSON.stringify through toJSON): a large run makes a
 * million links and reads few reasons; building them all was a quarter of the alignment's time, and links with a
 * getter of their own each (an object literal's `get`) are slow dictionary objects that ran a 500-document build
 * out of memory (docs/decisions/0070). What the reason needs is kept in private fields, so a link stays small and
 * its enumerable fields are those of AlignmentLink. A spread copy (`{ ...link }`) has no reason: copy it by name.
 */
class LazyLink implements AlignmentLink {
  readonly a: ArticleRef;
  readonly b: ArticleRef;
  readonly score: number;
  readonly pass: AlignmentLink['pass'];
  readonly confidence: number;
  readonly topic: string | null;
  #oneToMany: boolean;
  #dice: number;
  #cosine: number;
  #x: ArticleInfo;
  #y: ArticleInfo;
  #vx: SparseVector;
  #vy: SparseVector;
  #features: FeatureTexts;
  #taxonomy: Taxonomy;
  constructor(l: Omit<ProtoLink, 'facts' | 'i' | 'j'> & { facts: Pick<PairFacts, 'dice' | 'cosine' | 'topic'> }, x: ArticleInfo, y: ArticleInfo, vx: SparseVector, vy: SparseVector, features: FeatureTexts, taxonomy: Taxonomy) {
    this.a = x.ref;
    this.b = y.ref;
    this.score = l.score;
    this.pass = l.pass;
    this.confidence = l.confidence;
    this.topic = l.facts.topic;
    this.#oneToMany = l.oneToMany;
    this.#dice = l.facts.dice;
    this.#cosine = l.facts.cosine;
    this.#x = x;
    this.#y = y;
    this.#vx = vx;
    this.#vy = vy;
    this.#features = features;
    this.#taxonomy = taxonomy;
  }
  get reason(): string {
    return linkReason({ pass: this.pass, oneToMany: this.#oneToMany, facts: { dice: this.#dice, cosine: this.#cosine, topic: this.topic } }, this.#x, this.#y, this.#vx, this.#vy, this.#features, this.#taxonomy);
  }
  toJSON(): AlignmentLink {
    return { a: this.a, b: this.b, score: this.score, pass: this.pass, confidence: this.confidence, topic: this.topic, reason: this.reason };
  }
}

/** A link for people: the two articles, the pass's numbers and one line saying why (built when read). */
export function toLink(l: ProtoLink, x: ArticleInfo, y: ArticleInfo, vx: SparseVector, vy: SparseVector, features: FeatureTexts, taxonomy: Taxonomy): AlignmentLink {
  return new LazyLink(l, x, y, vx, vy, features, taxonomy);
}

/** Row k of a link table as a link; `facts(i, j)` computes again what the passes knew of the pair (a pure function of it). */
export function rowLink(t: LinkTable, k: number, infos: ArticleInfo[], vectors: SparseVector[], features: string[], taxonomy: Taxonomy, facts: (i: number, j: number) => PairFacts): AlignmentLink {
  const i = t.i[k]!;
  const j = t.j[k]!;
  const row = { pass: t.passOf(k), score: t.score(k), confidence: t.confidence(k), oneToMany: t.oneToMany[k] === 1, facts: facts(i, j) };
  return new LazyLink(row, infos[i]!, infos[j]!, vectors[i]!, vectors[j]!, features, taxonomy);
}

/** Why two articles were linked, in one line. */
export function linkReason(
  l: Pick<ProtoLink, 'pass' | 'oneToMany'> & { facts: Pick<ProtoLink['facts'], 'dice' | 'cosine' | 'topic'> },
  x: ArticleInfo, y: ArticleInfo, vx: SparseVector, vy: SparseVector, features: FeatureTexts, taxonomy: Taxonomy,
): string {
  const name = (t: string | null) => (t ? taxonomy.byId.get(t)?.name ?? t : '—');
  const f = l.facts;
  const shared = sharedFeatures(vx, vy, features).join('、');
  const lex = `lexical ${f.cosine.toFixed(2)}${shared ? ` (${shared})` : ''}`;
  let reason: string;
  if (l.pass === 'exact') reason = f.dice === 1 ? 'same text' : `same text but for small edits (Dice ${f.dice.toFixed(2)})`;
  else if (l.pass === 'topic-lexical') reason = `same topic ${name(f.topic)}; ${lex}`;
  else if (l.pass === 'fuzzy') reason = `${lex}; topics ${name(x.main)} / ${name(y.main)}; chapters ${x.chapterTitle ?? '—'} / ${y.chapterTitle ?? '—'}`;
  else reason = `left over in topic ${name(x.main)}, matched by order within the topic; ${lex}`;
  if (l.oneToMany) reason = `one of several counterparts: ${reason}`;
  return reason;
}

/**
 * What `rulecmp build` writes as alignment.json: the clause families and their members, the budget, the unclassified
 * articles and, per pair of documents with links, their counts by pass as one row [a, b, links, exact,
 * topic-lexical, fuzzy, position] (a and b index `documents`). Not the links themselves: at 500 documents they are a
 * million, half a gigabyte as JSON; `rulecmp align --json` prints them (docs/decisions/0070).
 */
export function compactAlignment(a: Alignment): object {
  const at = new Map(a.documents.map((d, i) => [d, i]));
  const { count, byPass } = linkCounts(a);
  return {
    documents: a.documents,
    budget: a.budget,
    links: { count, byPass },
    families: a.families,
    unclassified: a.classification.unclassified,
    pairColumns: ['a', 'b', 'links', 'exact', 'topic-lexical', 'fuzzy', 'position'],
    pairs: a.pairs
      .filter((p) => p.links > 0)
      .map((p) => [at.get(p.a), at.get(p.b), p.links, p.byPass.exact, p.byPass['topic-lexical'], p.byPass.fuzzy, p.byPass.position]),
  };
}

/**
 * How many links the run has, in all and by pass (passes without links left out, in pass order), from the pairs'
 * summaries: reading `links` would make every link.
 */
export function linkCounts(a: Pick<Alignment, 'pairs'>): { count: number; byPass: Partial<Record<AlignmentLink['pass'], number>> } {
  const byPass: Partial<Record<AlignmentLink['pass'], number>> = {};
  let count = 0;
  for (const p of a.pairs) count += p.links;
  for (const pass of PASS_ORDER) {
    const n = a.pairs.reduce((s, p) => s + p.byPass[pass], 0);
    if (n > 0) byPass[pass] = n;
  }
  return { count, byPass };
}

export function pairsAcross(sizes: number[]): number {
  const total = sizes.reduce((s, n) => s + n, 0);
  return (total * total - sizes.reduce((s, n) => s + n * n, 0)) / 2;
}

/** The part of an alignment about some families: those families and the links among their members. */
export function restrictToFamilies(alignment: Alignment, familyIds: Set<string>): Alignment {
  const families = alignment.families.filter((f) => familyIds.has(f.id));
  const keys = new Set(families.flatMap((f) => f.members.map(refId)));
  const inFamilies = (r: ArticleRef) => keys.has(refId(r));
  return {
    ...alignment,
    classification: {
      assignments: alignment.classification.assignments.filter((a) => inFamilies(a.article)),
      unclassified: alignment.classification.unclassified,
    },
    links: alignment.links.filter((l) => inFamilies(l.a) && inFamilies(l.b)),
    families,
  };
}

/** Families of a topic and of the topics below it (e.g. 'meetings' gives every meeting family). */
export function familiesForTopic(alignment: Alignment, topicId: string, taxonomy: Taxonomy = loadTaxonomy()): ClauseFamily[] {
  const ids = subtree(taxonomy, topicId);
  return alignment.families.filter((f) => f.topic !== null && ids.has(f.topic));
}

/** An article's topics as classified in the run ([] if unclassified or unknown). */
export function articleTopics(alignment: Alignment, ref: Pick<ArticleRef, 'docId' | 'key'>): TopicScore[] {
  return alignment.classification.assignments.find((a) => a.article.docId === ref.docId && a.article.key === ref.key)?.topics ?? [];
}

/** The links of one pair of documents (in either order), a-side in `docA`. */
export function linksBetween(alignment: Alignment, docA: string, docB: string): AlignmentLink[] {
  return alignment.links
    .filter((l) => (l.a.docId === docA && l.b.docId === docB) || (l.a.docId === docB && l.b.docId === docA))
    .map((l) => (l.a.docId === docA ? l : { a: l.b, b: l.a, score: l.score, pass: l.pass, confidence: l.confidence, topic: l.topic, reason: l.reason }));
}

