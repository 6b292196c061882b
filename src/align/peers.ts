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
import type { Alignment, AlignmentLink, AlignOptions, ClauseFamily, DocumentPairSummary, RuleDocument, Taxonomy, TopicAssignment } from '../model.js';
import { classifyDocument, loadTaxonomy } from '../classify/index.js';
import { ownLevelChar } from '../classify/level.js';
import { MAX_POSTINGS_SHARE, QUERY_FEATURES } from './candidates.js';
import { buildFamilies } from './families.js';
import { articleInfos, twinsOf, DEFAULT_MAX_NEIGHBOURS, DEFAULT_TOP_K, familyContext, pairFacts, toLink, type AlignInternals, type ArticleInfo } from './index.js';
import { DEFAULT_PASS_OPTIONS, runPasses, type PairFacts, type PassOptions, type ProtoLink } from './passes.js';
import { countPeerTerms, type PeerTerms } from './peer-terms.js';
import {
  addCounts, articleWords, bigramCodes, containment, cosine, countFeatures, inverseFrequencies, termFrequencies, VECTOR_DEFAULTS, weigh, weighRow,
  type SparseVector, type VectorOptions, type WeightedWords,
} from './vectors.js';

const MIN_POSTINGS = 200;

export interface PeerModel {
  documents: RuleDocument[];
  taxonomy: Taxonomy;
  assignments: TopicAssignment[][];
  infos: ArticleInfo[];
  /** Content words per peer article (PeerData.words); undefined when read back with only the counted terms. */
  words: string[] | undefined;
  itemWeight: number;
  /** The words counted: feature dictionary, term frequencies per article, feature counts, postings (src/align/peer-terms.ts). */
  terms: PeerTerms;
  /** Peer article indexes per document. */
  articlesOfDoc: number[][];
  /**
   * Each peer article's first twin (itself when it has none): the first article with the same body text, term
   * frequencies, topics and title words — which the passes cannot tell apart, so what is computed of a twin against the
   * document aligned holds for all. Computed when first read (articleTwins).
   */
  readonly twins: Int32Array;
  options: PeerOptions;
}

export type PeerOptions = AlignOptions & Pick<AlignInternals, 'classify' | 'vectors' | 'passes' | 'families'>;

/**
 * What is slow to compute of a peer set and can be written down (rulecmp build writes it in peers.bin): each
 * document's classification and each article's content words — the words in order, a word of an enumerated item
 * marked with a leading U+0001 (it weighs `itemWeight`), joined by spaces.
 */
export interface PeerData {
  itemWeight: number;
  assignments: TopicAssignment[][];
  /** Content words per article, encoded (absent when only the counted terms were kept: peers.bin since this version). */
  words?: string[];
  /**
   * Content words of each section or chapter title the articles are filed under, per document (the title → its
   * words joined by spaces); absent in older files, then the titles are cut again.
   */
  titleWords?: Record<string, string>[];
  /**
   * The words already counted (read back from peers.bin when it was written with these words), used instead of
   * decoding and counting `words` again.
   */
  terms?: PeerTerms;
  /** The peer articles' first twins (PeerModel.twins), read back with `terms`; used only with them. */
  twins?: Int32Array;
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
  return { itemWeight: model.itemWeight, assignments: model.assignments, words: model.words, titleWords, twins: model.twins };
}

/**
 * Peer data of some of the documents it was written for (`articles`: each document's number of articles; `docs`:
 * indexes, in the order given). The counted terms go with it only when those are all the documents, in order (the
 * counts are of the whole set).
 */
export function slicePeerData(data: PeerData, articles: number[], docs: number[]): PeerData {
  if (data.terms && docs.length === articles.length && docs.every((d, k) => d === k)) return data;
  const start: number[] = [];
  articles.reduce((n, k, d) => ((start[d] = n), n + k), 0);
  const words = data.words ? { words: docs.flatMap((d) => data.words!.slice(start[d]!, start[d]! + articles[d]!)) } : {};
  return { itemWeight: data.itemWeight, assignments: docs.map((d) => data.assignments[d]!), ...words, ...(data.titleWords ? { titleWords: docs.map((d) => data.titleWords![d]!) } : {}) };
}

/**
 * Each peer article's first twin (articles are twins when the passes cannot tell them apart: the same body text, so
 * the same Dice; the same term frequencies, so the same vector; the same main topic and topics; the same title
 * words); itself when it has none. A peer set of 500 documents of one genre has most articles in common with others.
 */
export function articleTwins(documents: RuleDocument[], infos: ArticleInfo[], terms: PeerTerms): Int32Array {
  const { tfStart, tfIds, tfValues } = terms;
  return twinsOf(documents, infos, (a, b) => {
    const la = tfStart[a + 1]! - tfStart[a]!;
    if (la !== tfStart[b + 1]! - tfStart[b]!) return false;
    for (let x = 0; x < la; x++) if (tfIds[tfStart[a]! + x] !== tfIds[tfStart[b]! + x] || tfValues[tfStart[a]! + x] !== tfValues[tfStart[b]! + x]) return false;
    return true;
  });
}

/** What the peer set contributes to every alignment against it: computed once per peer set (or read back from `data`). */
export function buildPeerModel(documents: RuleDocument[], options: PeerOptions = {}, data?: PeerData): PeerModel {
  const taxonomy = options.taxonomy ?? loadTaxonomy();
  const vo = { ...VECTOR_DEFAULTS, ...options.vectors };
  const wordCache = new Map<string, string[]>();
  const articles = documents.reduce((n, d) => n + d.articles.length, 0);
  // Read back: the counted terms when they are of these articles and settings, else the words (read only then).
  const fits = data && data.itemWeight === vo.itemWeight && data.assignments.length === documents.length && !options.classify;
  const counted = fits && data.terms && data.terms.articles === articles && data.terms.documents === documents.length && data.terms.itemWeight === vo.itemWeight && data.terms.phrases === vo.phrases;
  // The classification is read back whenever it is of these documents; the words when they were kept (else the
  // documents are cut again: a subset of a built peer set, whose counts are not the whole set's).
  const usable = fits && (counted || data.words?.length === articles);
  const assignments = fits ? data.assignments : documents.map((d) => classifyDocument(d, taxonomy, options.classify));
  const infos = documents.flatMap((d, di) => {
    // Titles already cut when the peer set was built: the same words without loading the tokenizer.
    const titles = fits ? data.titleWords?.[di] : undefined;
    const own = ownLevelChar(d);
    if (titles) for (const [title, w] of Object.entries(titles)) wordCache.set(own + title, w ? w.split(' ') : []);
    return articleInfos(d, di, assignments[di]!, wordCache);
  });
  const docOf = Int32Array.from(infos.map((x) => x.doc));
  let words: string[] | undefined;
  let terms: PeerTerms;
  if (counted) terms = data.terms!;
  else {
    const weighted = usable ? data.words!.map((s) => decodeWords(s, vo.itemWeight)) : articleWords(documents, wordCache, vo.itemWeight);
    words = usable ? data.words! : weighted.map(encodeWords);
    terms = countPeerTerms(weighted, docOf, documents.length, vo.itemWeight, vo.phrases);
  }
  const articlesOfDoc = documents.map(() => [] as number[]);
  infos.forEach((x, k) => articlesOfDoc[x.doc]!.push(k));
  // Read back with the counted terms when they fit these articles (each an article at or before itself, a first twin
  // its own), else computed when first read.
  const stored = counted && data.twins instanceof Int32Array ? data.twins : undefined;
  let twins: Int32Array | undefined = stored && stored.length === articles && stored.every((t, k) => t <= k && stored[t] === t) ? stored : undefined;
  return {
    get twins(): Int32Array {
      return (twins ??= articleTwins(documents, infos, terms));
    },
    documents,
    taxonomy,
    assignments,
    infos,
    // The words as read back are decoded only when someone asks (peerData: a build writing them, a subset).
    get words(): string[] | undefined {
      return (words ??= data!.words);
    },
    itemWeight: vo.itemWeight,
    terms,
    articlesOfDoc,
    options: { ...options, taxonomy },
  };
}

export interface PeerAlignment extends Alignment {
  /** The document aligned (the `a` side of every link). */
  document: string;
}

const f32 = new Float32Array(1);
const bits = new Uint32Array(f32.buffer);
let keys = new Float64Array(256);

/**
 * The strongest usable features of a vector, for the candidate look-up: positions in `v`, weight descending, equal
 * weights in position order (what a stable sort by weight gives). Sorted as numbers without a comparator: a
 * non-negative float's bits order as it does, so (2³² − 1 − bits) · 2²⁰ + position sorts ascending into that order.
 */
function queryFeatures(v: SparseVector, usable: (id: number) => boolean): number[] {
  const len = v.ids.length;
  if (len >= 0x100000) {
    const order = [...v.ids.keys()].filter((k) => usable(v.ids[k]!)).sort((x, y) => v.weights[y]! - v.weights[x]! || x - y);
    return order.slice(0, QUERY_FEATURES);
  }
  if (keys.length < len) keys = new Float64Array(2 * len);
  let m = 0;
  for (let k = 0; k < len; k++) {
    if (!usable(v.ids[k]!)) continue;
    f32[0] = v.weights[k]!;
    keys[m++] = (0xffffffff - bits[0]!) * 0x100000 + k;
  }
  const sorted = keys.subarray(0, m).sort();
  const out = new Array<number>(Math.min(m, QUERY_FEATURES));
  for (let r = 0; r < out.length; r++) {
    const key = sorted[r]!;
    out[r] = key - Math.floor(key / 0x100000) * 0x100000; // key % 2²⁰, without a floating-point remainder
  }
  return out;
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
  const T = peers.terms;
  const nPeerFeatures = T.features.size;
  const extension = new Map<string, number>();
  const extra: string[] = [];
  const ids = {
    id(f: string): number {
      let id = T.features.lookup(f) ?? extension.get(f);
      if (id === undefined) extension.set(f, (id = nPeerFeatures + extra.push(f) - 1));
      return id;
    },
  };
  const featureText = (id: number) => (id < nPeerFeatures ? T.features.text(id) : extra[id - nPeerFeatures]!);
  const ownTfs = articleWords([doc], wordCache, vo.itemWeight).map((w) => termFrequencies(w, ids, vo.phrases));
  const nFeatures = nPeerFeatures + extra.length;
  const counts = addCounts(T.counts, countFeatures(ownTfs, new Int32Array(ownTfs.length).fill(0), nFeatures, 1));
  const idf = inverseFrequencies(counts, { length: nFeatures, isPhrase: (id) => (id < nPeerFeatures ? T.features.isPhrase(id) : extra[id - nPeerFeatures]!.includes(' ')) }, vo);
  const vectors: (SparseVector | undefined)[] = new Array(infos.length);
  const peerWeights = new Float32Array(T.tfIds.length); // the peers' vectors' weights, each a view of its row
  const twins = peers.twins;
  const rowVector = (k: number) => weighRow(T.tfIds, T.tfValues, T.tfStart[k]!, T.tfStart[k + 1]!, idf, peerWeights);
  // A peer article's vector is its first twin's (the same numbers).
  const vec = (k: number): SparseVector => (vectors[k] ??= k < n ? (vectors[twins[k]!] ??= rowVector(twins[k]!)) : weigh(ownTfs[k - n]!, idf));
  const maxPostings = Math.max(MIN_POSTINGS, Math.floor(MAX_POSTINGS_SHARE * counts.articles));
  const usable = (id: number) => (counts.df[id] ?? 0) <= maxPostings;

  // Candidates, both ways: the document's articles' top-k per peer document …
  // Kept per article of the document (the peer articles it is paired with): pair keys i·n + j pass 2³¹ at a few
  // hundred peers, and a Set of such numbers was a tenth of a review against 500 peers.
  const nOwn = infos.length - n;
  const chosen: number[][] = Array.from({ length: nOwn }, () => []);
  const keep = (ranked: number[], acc: Float64Array, docOf: (k: number) => number, add: (k: number) => void) => {
    ranked.sort((x, y) => acc[y]! - acc[x]! || x - y);
    const perDoc = new Map<number, number>();
    let kept = 0;
    for (const k of ranked) {
      const d = docOf(k);
      if ((perDoc.get(d) ?? 0) >= topK) continue;
      perDoc.set(d, (perDoc.get(d) ?? 0) + 1);
      add(k);
      if (++kept >= maxNeighbours) break;
    }
  };
  // A peer article's score for the document's article being looked up, and the peer articles it reached (in the order
  // first reached; ranked by score, then article order, as a map's entries sorted the same way).
  const acc = new Float64Array(n);
  const isReached = new Uint8Array(n);
  const reachedBy: number[] = [];
  for (let a = n; a < infos.length; a++) {
    const v = vec(a);
    for (const k of queryFeatures(v, usable)) {
      const id = v.ids[k]!;
      if (id >= nPeerFeatures || !usable(id)) continue;
      const w = v.weights[k]!;
      for (let x = T.postStart[id]!; x < T.postStart[id + 1]!; x++) {
        const b = T.postIds[x]!;
        if (!isReached[b]) (isReached[b] = 1), reachedBy.push(b);
        acc[b] = acc[b]! + w;
      }
    }
    const mineOf = chosen[a - n]!;
    keep(reachedBy, acc, (b) => infos[b]!.doc, (b) => mineOf.push(b));
    for (const b of reachedBy) (acc[b] = 0), (isReached[b] = 0);
    reachedBy.length = 0;
  }
  // … and each peer article's top-k in the document.
  const ownPostings = new Map<number, number[]>();
  ownTfs.forEach((tf, k) => {
    for (const id of tf.keys()) if (usable(id)) (ownPostings.get(id) ?? ownPostings.set(id, []).get(id)!).push(n + k);
  });
  // Only peer articles that share a usable feature with the document can have it among their neighbours.
  const reached = new Uint8Array(n);
  for (const id of ownPostings.keys()) if (id < nPeerFeatures) for (let x = T.postStart[id]!; x < T.postStart[id + 1]!; x++) reached[T.postIds[x]!] = 1;
  // The same lists by peer feature id, for the look-ups below (a typed array read, not a map's, per feature).
  const ownSlot = new Int32Array(nPeerFeatures).fill(-1);
  const ownLists: number[][] = [];
  for (const [id, list] of ownPostings) if (id < nPeerFeatures) ownSlot[id] = ownLists.push(list) - 1;
  // One document on the other side: a peer article keeps its min(topK, maxNeighbours) best articles of it (score
  // descending, then article order), what `keep` keeps of one document.
  const score = new Float64Array(nOwn);
  const seen = new Uint8Array(nOwn);
  const touched: number[] = [];
  const limit = Math.min(topK, maxNeighbours);
  // What a peer article keeps of the document is what its first twin keeps (the same features and weights).
  const keptByTwin = new Map<number, number[]>();
  for (let b = 0; b < n; b++) {
    if (!reached[b]) continue;
    const twinKept = twins[b] === b ? undefined : keptByTwin.get(twins[b]!);
    if (twinKept) {
      for (const i of twinKept) chosen[i]!.push(b);
      continue;
    }
    const v = vec(b);
    for (const k of queryFeatures(v, usable)) {
      const id = v.ids[k]!;
      const slot = id < nPeerFeatures ? ownSlot[id]! : -1;
      const list = slot < 0 ? undefined : ownLists[slot]!;
      if (!list) continue;
      for (const a of list) {
        const i = a - n;
        if (!seen[i]) (seen[i] = 1), touched.push(i);
        score[i]! += v.weights[k]!;
      }
    }
    touched.sort((x, y) => score[y]! - score[x]! || x - y);
    const kept = touched.slice(0, limit);
    for (const i of kept) chosen[i]!.push(b);
    keptByTwin.set(b, kept);
    for (const i of touched) (seen[i] = 0), (score[i] = 0);
    touched.length = 0;
  }

  const gramCache = new Map<number, Uint32Array>();
  const grams = (k: number) => gramCache.get(k) ?? gramCache.set(k, bigramCodes(infos[k]!.plain)).get(k)!;
  let comparisons = 0;
  // A pair's facts are those of the peer article's first twin with the same article, but for j.
  const factsByTwin: Map<number, PairFacts>[] = [];
  const factsOf = (i: number, j: number): PairFacts => {
    comparisons++;
    if (i < n) return pairFacts(infos, i, j, cosine(vec(i), vec(j)), grams, taxonomy, passOptions.weights);
    const byTwin = (factsByTwin[i - n] ??= new Map());
    const t = twins[j]!;
    let f = byTwin.get(t);
    if (!f) byTwin.set(t, (f = pairFacts(infos, i, t, cosine(vec(i), vec(t)), grams, taxonomy, passOptions.weights)));
    return t === j ? f : { ...f, j };
  };
  // The pairs in order (the document's article, then the peer article), each once.
  const byPeerDoc = new Map<number, PairFacts[]>();
  chosen.forEach((peersOf, k) => {
    const js = Int32Array.from(peersOf).sort();
    for (let x = 0; x < js.length; x++) {
      const j = js[x]!;
      if (x > 0 && js[x - 1] === j) continue;
      const d = infos[j]!.doc;
      (byPeerDoc.get(d) ?? byPeerDoc.set(d, []).get(d)!).push(factsOf(n + k, j));
    }
  });
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
  const links: AlignmentLink[] = proto.map((l) => toLink(l, infos[l.i]!, infos[l.j]!, vec(l.i), vec(l.j), featureText, taxonomy));

  // Families of the document with the peers it links to (a view of this run, not the peers' families).
  const docIds = [doc.id, ...peers.documents.map((p) => p.id)];
  const linked = new Set(proto.map((l) => l.j));
  const flat = [...assignment, ...[...linked].sort((x, y) => x - y).map((j) => infos[j]!.assignment)];
  // Built when first read (a review reads the links, not the families).
  let families: ClauseFamily[] | undefined;
  const familiesOf = () => (families ??= buildFamilies(flat, links, docIds, taxonomy, familyContext([...own, ...[...linked].map((j) => infos[j]!)]), o.families));
  const possiblePairs = own.length * n;
  const result: PeerAlignment = {
    document: doc.id,
    documents: docIds,
    classification: { assignments: assignment, unclassified: assignment.filter((a) => a.topics.length === 0).map((a) => a.article) },
    links,
    pairs,
    get families(): ClauseFamily[] {
      return familiesOf();
    },
    set families(v: ClauseFamily[]) {
      families = v;
    },
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
  return result;
}
