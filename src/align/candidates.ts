/**
 * Candidate generation without comparing every article with every other: an inverted index from
 * feature to the articles that have it; each article accumulates dot products only through its
 * strongest features (QUERY_FEATURES) and only through features that are not too common
 * (MAX_POSTINGS_SHARE), then keeps its top-k neighbours per other document and at most
 * maxNeighbours overall. The exact cosine of each candidate pair is then computed once.
 * A comparison budget (maxComparisons exact cosines) stops the run early; what was left out is counted.
 */
import { cosine, type ArticleVectors } from './vectors.js';

export interface CandidateOptions {
  /** Neighbours kept per article and other document (default 4). */
  topK: number;
  /** Neighbours kept per article in all (default 64). */
  maxNeighbours: number;
  /** Stop after this many exact comparisons (default Infinity). */
  maxComparisons: number;
  /** The alternative the index is measured against: every article with every article of the other documents. */
  allPairs?: boolean;
  /** Told every 500 articles looked up. */
  onProgress?: (stage: string, done: number, total: number) => void;
  /**
   * Articles with the same vector (the same words, counted alike, in other documents) share their look-ups and their
   * cosines (default true: the same pairs either way; false is what the tests compare with).
   */
  shareTwins?: boolean;
  /** The vectors' classes (vectorClasses), when the caller has them already. */
  classes?: VectorClasses;
}

/** Articles grouped by equal vectors: each article's class, and each class's articles in order. */
export interface VectorClasses {
  classOf: Int32Array;
  members: number[][];
}

/**
 * Each article's class: articles with equal vectors (the same feature ids and weights) share one, numbered in order
 * of first article. A peer set of one genre repeats whole articles across documents (500 synthetic documents: 37,603
 * articles, ~1,500 vectors).
 */
export function vectorClasses(vectors: { ids: Int32Array; weights: Float32Array }[]): VectorClasses {
  const classOf = new Int32Array(vectors.length);
  const members: number[][] = [];
  const byHash = new Map<number, number[]>(); // hash → classes
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  const same = (a: number, b: number) => {
    const x = vectors[a]!;
    const y = vectors[b]!;
    if (x.ids.length !== y.ids.length) return false;
    for (let k = 0; k < x.ids.length; k++) if (x.ids[k] !== y.ids[k] || x.weights[k] !== y.weights[k]) return false;
    return true;
  };
  vectors.forEach((v, a) => {
    let h = 0x811c9dc5;
    for (let k = 0; k < v.ids.length; k++) {
      f32[0] = v.weights[k]!;
      h = Math.imul(h ^ v.ids[k]!, 0x01000193);
      h = Math.imul(h ^ u32[0]!, 0x01000193);
    }
    const classes = byHash.get(h) ?? byHash.set(h, []).get(h)!;
    const c = classes.find((x) => same(members[x]![0]!, a));
    if (c === undefined) {
      classOf[a] = members.push([a]) - 1;
      classes.push(classOf[a]!);
    } else {
      classOf[a] = c;
      members[c]!.push(a);
    }
  });
  return { classOf, members };
}

/** Features per article used to look up candidates. */
export const QUERY_FEATURES = 40;
/** Features found in more than this share of all articles (and more than MIN_POSTINGS) are not used for lookup. */
export const MAX_POSTINGS_SHARE = 0.02;
const MIN_POSTINGS = 200;

export interface CandidatePair {
  /** Article indexes, i < j. */
  i: number;
  j: number;
  cosine: number;
}

/**
 * Candidate pairs as columns (row k: articles i[k] < j[k] and their cosine), sorted by i, then j. At 500 documents
 * there are 3.8 M; as objects, with a Set of pair keys to drop the second sighting, they were ~300 MB of heap
 * live at the alignment's end, which set how far V8 let the heap grow in the steps after it (docs/decisions/0070).
 */
export interface CandidateColumns {
  length: number;
  i: Int32Array;
  j: Int32Array;
  cosine: Float64Array;
}

export interface CandidateResult {
  pairs: CandidateColumns;
  comparisons: number;
  postingsVisited: number;
  exhausted: boolean;
  /** Articles whose neighbours were not looked up because the budget ran out. */
  skippedArticles: number[];
  /** Classes whose reached list was cut short and ran out (candidatesFromReach): look them up in full and run again. */
  short?: number[];
}

/**
 * What a look-up gives for one class of articles: the classes its strongest features reach, with their sums (the
 * article's weights over the features a reached class has, in the article's order of features), strongest first,
 * ties by class (the order of their first articles). The in-memory inverted index (candidatePairs) and a database
 * (src/store/postgres.ts reachedClasses, for alignWithStore) answer it alike; a database's lists may be cut (`complete`).
 */
export interface ReachedClasses {
  classes: ArrayLike<number>;
  sums: ArrayLike<number>;
  /** Postings read for it (a figure of the run). */
  postingsVisited: number;
  /** False when the list is the first classes only (a database's answer, cut to bound its size): see CandidateResult.short. */
  complete?: boolean;
}

/** The features a look-up uses (df at most maxPostings), and an article's strongest ones (QUERY_FEATURES of them, by weight). */
export function usableFeatures(vec: ArticleVectors): { maxPostings: number; ranked: (a: number) => number[]; strongest: (a: number) => number[] } {
  const maxPostings = Math.max(MIN_POSTINGS, Math.floor(MAX_POSTINGS_SHARE * vec.vectors.length));
  /** Positions in the article's vector of its usable features, strongest first (ties in feature order). */
  const ranked = (a: number) => {
    const v = vec.vectors[a]!;
    const order: number[] = [];
    for (let k = 0; k < v.ids.length; k++) if (vec.df[v.ids[k]!]! <= maxPostings) order.push(k);
    return order.sort((x, y) => v.weights[y]! - v.weights[x]!);
  };
  return { maxPostings, ranked, strongest: (a) => ranked(a).slice(0, QUERY_FEATURES) };
}

export function candidatePairs(vec: ArticleVectors, docOf: Int32Array, opts: CandidateOptions): CandidateResult {
  const n = vec.vectors.length;
  if (opts.allPairs) return allPairs(vec, docOf, opts);
  // Articles of one vector are looked up once and reached once (the same sums); without sharing, each is its own.
  const classes = opts.shareTwins === false ? { classOf: Int32Array.from({ length: n }, (_, k) => k), members: Array.from({ length: n }, (_, k) => [k]) } : (opts.classes ?? vectorClasses(vec.vectors));
  const { members } = classes;
  const nClasses = members.length;
  const { maxPostings, strongest } = usableFeatures(vec);
  // Inverted index over features (only usable ones), to classes.
  const postings = new Map<number, number[]>();
  members.forEach((m, c) => {
    const v = vec.vectors[m[0]!]!;
    for (const id of v.ids) {
      if (vec.df[id]! > maxPostings) continue;
      let list = postings.get(id);
      if (!list) postings.set(id, (list = []));
      list.push(c);
    }
  });
  const acc = new Float64Array(nClasses);
  const touched: number[] = [];
  // A class's strongest features (kept only for a class with more articles to come).
  const orderOf: (number[] | undefined)[] = new Array(nClasses);
  const left = Int32Array.from(members, (m) => m.length);
  const reach = (c: number): ReachedClasses => {
    const a = members[c]![0]!;
    const v = vec.vectors[a]!;
    let postingsVisited = 0;
    const order = orderOf[c] ?? strongest(a);
    orderOf[c] = --left[c]! > 0 ? order : undefined;
    for (const k of order) {
      const list = postings.get(v.ids[k]!)!;
      const w = v.weights[k]!;
      postingsVisited += vec.df[v.ids[k]!]!;
      for (const x of list) {
        if (acc[x] === 0) touched.push(x);
        acc[x]! += w; // an upper-bound proxy; the exact cosine is computed later
      }
    }
    touched.sort((x, y) => acc[y]! - acc[x]! || x - y);
    const out = { classes: Int32Array.from(touched), sums: Float64Array.from(touched, (x) => acc[x]!), postingsVisited };
    for (const x of touched) acc[x] = 0;
    touched.length = 0;
    return out;
  };
  return candidatesFromReach(vec, docOf, classes, reach, opts);
}

/**
 * Candidate pairs from a look-up per class (`reach`): each article keeps the strongest articles of the classes
 * reached, at most topK per other document and maxNeighbours in all; each pair is compared once (its exact cosine,
 * once per pair of classes), until the comparison budget runs out. A class is looked up once, for its first article.
 */
export function candidatesFromReach(vec: ArticleVectors, docOf: Int32Array, { classOf, members }: VectorClasses, reach: (c: number) => ReachedClasses, opts: CandidateOptions): CandidateResult {
  const n = vec.vectors.length;
  const nClasses = members.length;
  // A loop, not Math.max(...docOf): spreading 375,000 articles (5,000 documents) overflows the call stack.
  let docs = 0;
  for (const d of docOf) if (d + 1 > docs) docs = d + 1;
  const perDoc = new Int32Array(docs);
  // A pair is seen twice when each article picks the other: the second sighting is the later article's, and the
  // earlier one's choices (at most maxNeighbours) tell.
  const chosenOf: Int32Array[] = new Array(n);
  const out = new Columns();
  // The cosine of two classes' vectors.
  const cosines = new Map<number, number>();
  let comparisons = 0;
  let postingsVisited = 0;
  let exhausted = false;
  const skippedArticles: number[] = [];
  const group: number[] = [];
  const short = new Set<number>();
  for (let a = 0; a < n; a++) {
    if (a % 500 === 0) opts.onProgress?.('align: candidates', a, n);
    if (exhausted) {
      skippedArticles.push(a);
      continue;
    }
    const ca = classOf[a]!;
    const r = reach(ca);
    postingsVisited += r.postingsVisited;
    // Strongest first (articles of equal sum in article order); at most topK per other document, maxNeighbours in all.
    const chosen: number[] = [];
    const da = docOf[a]!;
    for (let t = 0; t < r.classes.length && chosen.length < opts.maxNeighbours; ) {
      // The classes of one sum, their articles merged in article order.
      group.length = 0;
      const score = r.sums[t]!;
      let u = t;
      for (; u < r.classes.length && r.sums[u] === score; u++) for (const b of members[r.classes[u]!]!) group.push(b);
      if (u - t > 1) group.sort((x, y) => x - y);
      t = u;
      for (const b of group) {
        const d = docOf[b]!;
        if (d === da || perDoc[d]! >= opts.topK) continue;
        perDoc[d]!++;
        chosen.push(b);
        if (chosen.length >= opts.maxNeighbours) break;
      }
    }
    for (const b of chosen) perDoc[docOf[b]!] = 0;
    // A list cut short that ran out before the article had its neighbours: the run is not exact (the caller looks the class up in full).
    if (r.complete === false && chosen.length < opts.maxNeighbours) short.add(ca);
    chosenOf[a] = Int32Array.from(chosen);
    for (const b of chosen) {
      const i = Math.min(a, b);
      const j = Math.max(a, b);
      if (b < a && chosenOf[b]!.includes(a)) continue;
      if (comparisons >= opts.maxComparisons) {
        exhausted = true;
        break;
      }
      comparisons++;
      const [x, y] = classOf[i]! <= classOf[j]! ? [classOf[i]!, classOf[j]!] : [classOf[j]!, classOf[i]!];
      // Remembered only for classes of several articles (each pair of articles is compared once).
      if (members[x]!.length === 1 && members[y]!.length === 1) {
        out.push(i, j, cosine(vec.vectors[i]!, vec.vectors[j]!));
        continue;
      }
      const key = x * nClasses + y;
      let c = cosines.get(key);
      if (c === undefined) cosines.set(key, (c = cosine(vec.vectors[i]!, vec.vectors[j]!)));
      out.push(i, j, c);
    }
  }
  opts.onProgress?.('align: candidates', n, n);
  return { pairs: out.sorted(n), comparisons, postingsVisited, exhausted, skippedArticles, ...(short.size ? { short: [...short].sort((x, y) => x - y) } : {}) };
}

/** Every article with every article of the other documents (the brute-force alternative), keeping the same top-k per document. */
function allPairs(vec: ArticleVectors, docOf: Int32Array, opts: CandidateOptions): CandidateResult {
  const n = vec.vectors.length;
  const keep = new Map<number, CandidatePair>();
  let comparisons = 0;
  let exhausted = false;
  const skippedArticles: number[] = [];
  const best: CandidatePair[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    if (exhausted) {
      skippedArticles.push(i);
      continue;
    }
    for (let j = i + 1; j < n; j++) {
      if (docOf[i] === docOf[j]) continue;
      if (comparisons >= opts.maxComparisons) {
        exhausted = true;
        break;
      }
      comparisons++;
      const p = { i, j, cosine: cosine(vec.vectors[i]!, vec.vectors[j]!) };
      best[i]!.push(p);
      best[j]!.push(p);
    }
  }
  for (let a = 0; a < n; a++) {
    const byDoc = new Map<number, CandidatePair[]>();
    for (const p of best[a]!) {
      const other = p.i === a ? p.j : p.i;
      byDoc.set(docOf[other]!, [...(byDoc.get(docOf[other]!) ?? []), p]);
    }
    let chosen = [...byDoc.values()].flatMap((l) => l.sort((x, y) => y.cosine - x.cosine).slice(0, opts.topK));
    chosen = chosen.sort((x, y) => y.cosine - x.cosine).slice(0, opts.maxNeighbours);
    for (const p of chosen) keep.set(p.i * n + p.j, p);
  }
  const out = new Columns();
  for (const p of keep.values()) out.push(p.i, p.j, p.cosine);
  return { pairs: out.sorted(n), comparisons, postingsVisited: 0, exhausted, skippedArticles };
}

/** Growable candidate columns. */
class Columns {
  length = 0;
  i = new Int32Array(1024);
  j = new Int32Array(1024);
  cosine = new Float64Array(1024);
  push(i: number, j: number, c: number): void {
    if (this.length === this.i.length) {
      const grow = <T extends Int32Array | Float64Array>(col: T): T => {
        const next = new (col.constructor as new (n: number) => T)(col.length * 2);
        next.set(col);
        return next;
      };
      this.i = grow(this.i);
      this.j = grow(this.j);
      this.cosine = grow(this.cosine);
    }
    const k = this.length++;
    this.i[k] = i;
    this.j[k] = j;
    this.cosine[k] = c;
  }
  /** The rows sorted by i, then j (a counting sort on i; each i's rows sorted by j), trimmed. */
  sorted(articles: number): CandidateColumns {
    const n = this.length;
    const start = new Int32Array(articles + 1);
    for (let k = 0; k < n; k++) start[this.i[k]! + 1]!++;
    for (let a = 0; a < articles; a++) start[a + 1]! += start[a]!;
    const next = start.slice(0, articles);
    const order = new Int32Array(n);
    for (let k = 0; k < n; k++) order[next[this.i[k]!]!++] = k;
    for (let a = 0; a < articles; a++) if (start[a + 1]! - start[a]! > 1) order.subarray(start[a], start[a + 1]).sort((x, y) => this.j[x]! - this.j[y]!);
    const out: CandidateColumns = { length: n, i: new Int32Array(n), j: new Int32Array(n), cosine: new Float64Array(n) };
    for (let k = 0; k < n; k++) {
      const r = order[k]!;
      out.i[k] = this.i[r]!;
      out.j[k] = this.j[r]!;
      out.cosine[k] = this.cosine[r]!;
    }
    return out;
  }
}
