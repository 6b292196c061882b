/**
 * One document aligned against a fixed, already analysed peer set (a draft under review, a new
 * document added to a corpus): the peers' own alignment is never recomputed, and the result does not
 * change when an unrelated document is added to the peer run.
 *
 * The peer model keeps what the batch alignment computes per article — classification, words, term
 * frequencies, plain text — and the peer set's feature counts. Aligning a document then costs that
 * document's analysis plus a look-up in the peers' inverted index: the idf is the peers' counts plus the
 * document's own (so a seed aligned against the other four scores its pairs as the batch run of all five
 * does), candidates are the document's top-k per peer document and each peer article's top-k in the
 * document (the batch run's candidates, both ways), and the ordered passes run per peer document.
 * docs/decisions/0014-one-document-against-fixed-peers.md.
 */
import type { Alignment, AlignmentLink, AlignOptions, DocumentPairSummary, RuleDocument, Taxonomy, TopicAssignment } from '../model.js';
import { classifyDocument, loadTaxonomy } from '../classify/index.js';
import { ownLevelChar } from '../classify/level.js';
import { MAX_POSTINGS_SHARE, QUERY_FEATURES } from './candidates.js';
import { buildFamilies } from './families.js';
import { articleInfos, DEFAULT_MAX_NEIGHBOURS, DEFAULT_TOP_K, familyContext, pairFacts, toLink, type AlignInternals, type ArticleInfo } from './index.js';
import { DEFAULT_PASS_OPTIONS, runPasses, type PairFacts, type PassOptions, type ProtoLink } from './passes.js';
import {
  addCounts, articleWords, bigramCodes, containment, cosine, countFeatures, FeatureDictionary, inverseFrequencies, termFrequencies, VECTOR_DEFAULTS, weigh,
  type FeatureCounts, type SparseVector, type VectorOptions, type WeightedWords,
} from './vectors.js';

const MIN_POSTINGS = 200;

export interface PeerModel {
  documents: RuleDocument[];
  taxonomy: Taxonomy;
  assignments: TopicAssignment[][];
  infos: ArticleInfo[];
  /** Term frequencies per peer article (feature ids of `dict`). */
  tfs: Map<number, number>[];
  /** Content words per peer article (what tfs were counted from). */
  words: WeightedWords[];
  itemWeight: number;
  dict: FeatureDictionary;
  counts: FeatureCounts;
  /** Peer article indexes per document. */
  articlesOfDoc: number[][];
  /** Feature id → the peer articles that have it, in order (the candidate look-up; too common features are skipped per run). */
  postings: Map<number, number[]>;
  options: PeerOptions;
}

export type PeerOptions = AlignOptions & Pick<AlignInternals, 'classify' | 'vectors' | 'passes' | 'families'>;

/**
 * What is slow to compute of a peer set and can be written down (rulecmp build writes it as peers.json): each
 * document's classification and each article's content words — the words in order, a word of an enumerated item
 * marked with a leading U+0001 (it weighs `itemWeight`), joined by spaces.
 */
export interface PeerData {
  itemWeight: number;
  assignments: TopicAssignment[][];
  words: string[];
  /**
   * Content words of each section or chapter title the articles are filed under, per document (the title → its
   * words joined by spaces); absent in older files, then the titles are cut again.
   */
  titleWords?: Record<string, string>[];
}

const ITEM_MARK = '\u0001';

function encodeWords(w: WeightedWords): string {
  return w.words.map((x, k) => (w.weights[k] === 1 ? x : ITEM_MARK + x)).join(' ');
}

function decodeWords(s: string, itemWeight: number): WeightedWords {
  const out: WeightedWords = { words: [], weights: [] };
  if (!s) return out;
  for (const x of s.split(' ')) {
    const item = x.startsWith(ITEM_MARK);
    out.words.push(item ? x.slice(1) : x);
    out.weights.push(item ? itemWeight : 1);
  }
  return out;
}

/** The model's classification and words, to be written down and handed back to buildPeerModel. */
export function peerData(model: PeerModel): PeerData {
  const titleWords = model.documents.map(() => ({}) as Record<string, string>);
  for (const x of model.infos) if (x.chapterTitle !== null) titleWords[x.doc]![x.chapterTitle] = [...x.chapterWords].join(' ');
  return { itemWeight: model.itemWeight, assignments: model.assignments, words: model.words.map(encodeWords), titleWords };
}

/** Peer data of some of the documents it was written for (`articles`: each document's number of articles; `docs`: indexes, in the order given). */
export function slicePeerData(data: PeerData, articles: number[], docs: number[]): PeerData {
  const start: number[] = [];
  articles.reduce((n, k, d) => ((start[d] = n), n + k), 0);
  const words = docs.flatMap((d) => data.words.slice(start[d]!, start[d]! + articles[d]!));
  return { itemWeight: data.itemWeight, assignments: docs.map((d) => data.assignments[d]!), words, ...(data.titleWords ? { titleWords: docs.map((d) => data.titleWords![d]!) } : {}) };
}

/** What the peer set contributes to every alignment against it: computed once per peer set (or read back from `data`). */
export function buildPeerModel(documents: RuleDocument[], options: PeerOptions = {}, data?: PeerData): PeerModel {
  const taxonomy = options.taxonomy ?? loadTaxonomy();
  const vo = { ...VECTOR_DEFAULTS, ...options.vectors };
  const wordCache = new Map<string, string[]>();
  const articles = documents.reduce((n, d) => n + d.articles.length, 0);
  const usable = data && data.itemWeight === vo.itemWeight && data.words.length === articles && data.assignments.length === documents.length && !options.classify;
  const assignments = usable ? data.assignments : documents.map((d) => classifyDocument(d, taxonomy, options.classify));
  const infos = documents.flatMap((d, di) => {
    // Titles already cut when the peer set was built: the same words without loading the tokenizer.
    const titles = usable ? data.titleWords?.[di] : undefined;
    const own = ownLevelChar(d);
    if (titles) for (const [title, w] of Object.entries(titles)) wordCache.set(own + title, w ? w.split(' ') : []);
    return articleInfos(d, di, assignments[di]!, wordCache);
  });
  const dict = new FeatureDictionary();
  const words = usable ? data.words.map((s) => decodeWords(s, vo.itemWeight)) : articleWords(documents, wordCache, vo.itemWeight);
  const tfs = words.map((w) => termFrequencies(w, dict, vo.phrases));
  const counts = countFeatures(tfs, Int32Array.from(infos.map((x) => x.doc)), dict.features.length, documents.length);
  const articlesOfDoc = documents.map(() => [] as number[]);
  infos.forEach((x, k) => articlesOfDoc[x.doc]!.push(k));
  const postings = new Map<number, number[]>();
  tfs.forEach((tf, k) => {
    for (const id of tf.keys()) (postings.get(id) ?? postings.set(id, []).get(id)!).push(k);
  });
  return { documents, taxonomy, assignments, infos, tfs, words, itemWeight: vo.itemWeight, dict, counts, articlesOfDoc, postings, options: { ...options, taxonomy } };
}

export interface PeerAlignment extends Alignment {
  /** The document aligned (the `a` side of every link). */
  document: string;
}

/** The strongest usable features of a vector, for the candidate look-up. */
function queryFeatures(v: SparseVector, usable: (id: number) => boolean): number[] {
  const order: number[] = [];
  for (let k = 0; k < v.ids.length; k++) if (usable(v.ids[k]!)) order.push(k);
  order.sort((x, y) => v.weights[y]! - v.weights[x]!);
  if (order.length > QUERY_FEATURES) order.length = QUERY_FEATURES;
  return order;
}

/** Align one document against the peers: links (document on the `a` side), families, classification of the document. */
export function alignAgainst(peers: PeerModel, doc: RuleDocument, options: { vectors?: VectorOptions } = {}): PeerAlignment {
  const taxonomy = peers.taxonomy;
  const o = peers.options;
  const topK = o.topK ?? DEFAULT_TOP_K;
  const maxNeighbours = o.maxNeighbours ?? DEFAULT_MAX_NEIGHBOURS;
  const passOptions: PassOptions = { ...DEFAULT_PASS_OPTIONS, ...o.passes };
  const vo = { ...VECTOR_DEFAULTS, ...o.vectors, ...options.vectors };
  if (peers.documents.some((d) => d.id === doc.id)) throw new Error(`align: "${doc.id}" is already one of the peers`);

  // The document's articles, numbered after the peers' (one index space for the passes).
  const n = peers.infos.length;
  const nd = peers.documents.length;
  const wordCache = new Map<string, string[]>();
  const assignment = classifyDocument(doc, taxonomy, o.classify);
  const own = articleInfos(doc, nd, assignment, wordCache);
  const infos = [...peers.infos, ...own];
  // Feature ids of the peers' dictionary; features new to it get ids of their own in a private extension.
  const dict = new FeatureDictionary();
  for (const f of peers.dict.features) dict.id(f);
  const ownTfs = articleWords([doc], wordCache, vo.itemWeight).map((w) => termFrequencies(w, dict, vo.phrases));
  const counts = addCounts(peers.counts, countFeatures(ownTfs, new Int32Array(ownTfs.length).fill(0), dict.features.length, 1));
  const idf = inverseFrequencies(counts, dict.features, vo);
  const vector = new Map<number, SparseVector>();
  const vec = (k: number): SparseVector => {
    let v = vector.get(k);
    if (!v) vector.set(k, (v = weigh(k < n ? peers.tfs[k]! : ownTfs[k - n]!, idf)));
    return v;
  };
  const maxPostings = Math.max(MIN_POSTINGS, Math.floor(MAX_POSTINGS_SHARE * counts.articles));
  const usable = (id: number) => (counts.df[id] ?? 0) <= maxPostings;

  // Candidates, both ways: the document's articles' top-k per peer document …
  const peerPostings = (id: number) => (usable(id) ? peers.postings.get(id) : undefined);
  const chosen = new Set<number>(); // key i * n + j: i the document's article (index space ≥ n), j a peer article
  const keep = (acc: Map<number, number>, docOf: (k: number) => number, add: (k: number) => void) => {
    const ranked = [...acc.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    const perDoc = new Map<number, number>();
    let kept = 0;
    for (const [k] of ranked) {
      const d = docOf(k);
      if ((perDoc.get(d) ?? 0) >= topK) continue;
      perDoc.set(d, (perDoc.get(d) ?? 0) + 1);
      add(k);
      if (++kept >= maxNeighbours) break;
    }
  };
  for (let a = n; a < infos.length; a++) {
    const v = vec(a);
    const acc = new Map<number, number>();
    for (const k of queryFeatures(v, usable)) for (const b of peerPostings(v.ids[k]!) ?? []) acc.set(b, (acc.get(b) ?? 0) + v.weights[k]!);
    keep(acc, (b) => infos[b]!.doc, (b) => chosen.add(a * n + b));
  }
  // … and each peer article's top-k in the document.
  const ownPostings = new Map<number, number[]>();
  ownTfs.forEach((tf, k) => {
    for (const id of tf.keys()) if (usable(id)) (ownPostings.get(id) ?? ownPostings.set(id, []).get(id)!).push(n + k);
  });
  // Only peer articles that share a usable feature with the document can have it among their neighbours.
  const reached = new Set<number>();
  for (const id of ownPostings.keys()) for (const b of peers.postings.get(id) ?? []) reached.add(b);
  for (const b of [...reached].sort((x, y) => x - y)) {
    const v = vec(b);
    const acc = new Map<number, number>();
    for (const k of queryFeatures(v, usable)) for (const a of ownPostings.get(v.ids[k]!) ?? []) acc.set(a, (acc.get(a) ?? 0) + v.weights[k]!);
    keep(acc, () => nd, (a) => chosen.add(a * n + b));
  }

  const gramCache = new Map<number, Uint32Array>();
  const grams = (k: number) => gramCache.get(k) ?? gramCache.set(k, bigramCodes(infos[k]!.plain)).get(k)!;
  let comparisons = 0;
  const factsOf = (i: number, j: number): PairFacts => {
    comparisons++;
    return pairFacts(infos, i, j, cosine(vec(i), vec(j)), grams, taxonomy, passOptions.weights);
  };
  const byPeerDoc = new Map<number, PairFacts[]>();
  for (const key of [...chosen].sort((x, y) => x - y)) {
    const i = Math.floor(key / n);
    const j = key % n;
    const d = infos[j]!.doc;
    (byPeerDoc.get(d) ?? byPeerDoc.set(d, []).get(d)!).push(factsOf(i, j));
  }
  const mine = own.map((_, k) => n + k);
  const proto: ProtoLink[] = [];
  const pairs: DocumentPairSummary[] = [];
  peers.documents.forEach((peer, d) => {
    const facts = byPeerDoc.get(d);
    const summary: DocumentPairSummary = { a: doc.id, b: peer.id, links: 0, byPass: { exact: 0, 'topic-lexical': 0, fuzzy: 0, position: 0 } };
    if (facts) {
      const made = runPasses(facts, mine, peers.articlesOfDoc[d]!, (k) => infos[k]!.main, factsOf, passOptions, (inner, outer) => containment(vec(inner), vec(outer)));
      for (const l of made) summary.byPass[l.pass]++;
      summary.links = made.length;
      proto.push(...made);
    }
    if (summary.links > 0 || nd <= 50) pairs.push(summary);
  });
  // Document order, then peer order.
  proto.sort((p, q) => p.i - q.i || infos[p.j]!.doc - infos[q.j]!.doc || p.j - q.j);
  const links: AlignmentLink[] = proto.map((l) => toLink(l, infos[l.i]!, infos[l.j]!, vec(l.i), vec(l.j), dict.features, taxonomy));

  // Families of the document with the peers it links to (a view of this run, not the peers' families).
  const docIds = [doc.id, ...peers.documents.map((p) => p.id)];
  const linked = new Set(proto.map((l) => l.j));
  const flat = [...assignment, ...[...linked].sort((x, y) => x - y).map((j) => infos[j]!.assignment)];
  const families = buildFamilies(flat, links, docIds, taxonomy, familyContext(infos), o.families);
  const possiblePairs = own.length * n;
  return {
    document: doc.id,
    documents: docIds,
    classification: { assignments: assignment, unclassified: assignment.filter((a) => a.topics.length === 0).map((a) => a.article) },
    links,
    pairs,
    families,
    budget: {
      maxComparisons: null,
      comparisons,
      possiblePairs,
      exhausted: false,
      skippedArticles: 0,
      topK,
      maxNeighbours,
      message: `complete: ${comparisons} of ${possiblePairs} article pairs compared against ${nd} fixed peers (candidates from the peers' index, top ${topK} per article and document)`,
    },
  };
}
