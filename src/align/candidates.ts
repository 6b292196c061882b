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
}

export function candidatePairs(vec: ArticleVectors, docOf: Int32Array, opts: CandidateOptions): CandidateResult {
  const n = vec.vectors.length;
  if (opts.allPairs) return allPairs(vec, docOf, opts);
  const maxPostings = Math.max(MIN_POSTINGS, Math.floor(MAX_POSTINGS_SHARE * n));
  // Inverted index over features (only usable ones).
  const postings = new Map<number, number[]>();
  vec.vectors.forEach((v, a) => {
    for (const id of v.ids) {
      if (vec.df[id]! > maxPostings) continue;
      let list = postings.get(id);
      if (!list) postings.set(id, (list = []));
      list.push(a);
    }
  });
  const acc = new Float64Array(n);
  // A loop, not Math.max(...docOf): spreading 375,000 articles (5,000 documents) overflows the call stack.
  let docs = 0;
  for (const d of docOf) if (d + 1 > docs) docs = d + 1;
  const perDoc = new Int32Array(docs);
  const touched: number[] = [];
  // A pair is seen twice when each article picks the other: the second sighting is the later article's, and the
  // earlier one's choices (at most maxNeighbours) tell.
  const chosenOf: Int32Array[] = new Array(n);
  const out = new Columns();
  let comparisons = 0;
  let postingsVisited = 0;
  let exhausted = false;
  const skippedArticles: number[] = [];
  for (let a = 0; a < n; a++) {
    if (a % 500 === 0) opts.onProgress?.('align: candidates', a, n);
    if (exhausted) {
      skippedArticles.push(a);
      continue;
    }
    const v = vec.vectors[a]!;
    // Strongest features of the article.
    const order: number[] = [];
    for (let k = 0; k < v.ids.length; k++) if (vec.df[v.ids[k]!]! <= maxPostings) order.push(k);
    order.sort((x, y) => v.weights[y]! - v.weights[x]!);
    if (order.length > QUERY_FEATURES) order.length = QUERY_FEATURES;
    for (const k of order) {
      const list = postings.get(v.ids[k]!)!;
      const w = v.weights[k]!;
      postingsVisited += list.length;
      for (const b of list) {
        if (docOf[b] === docOf[a]) continue;
        if (acc[b] === 0) touched.push(b);
        acc[b]! += w; // an upper-bound proxy; the exact cosine is computed below
      }
    }
    // Strongest first; keep at most topK per other document and maxNeighbours in all.
    touched.sort((x, y) => acc[y]! - acc[x]! || x - y);
    const chosen: number[] = [];
    for (const b of touched) {
      const d = docOf[b]!;
      if (perDoc[d]! >= opts.topK) continue;
      perDoc[d]!++;
      chosen.push(b);
      if (chosen.length >= opts.maxNeighbours) break;
    }
    for (const b of touched) perDoc[docOf[b]!] = 0;
    for (const b of touched) acc[b] = 0;
    touched.length = 0;
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
      out.push(i, j, cosine(vec.vectors[i]!, vec.vectors[j]!));
    }
  }
  opts.onProgress?.('align: candidates', n, n);
  return { pairs: out.sorted(n), comparisons, postingsVisited, exhausted, skippedArticles };
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
