/**
 * The word index of the search: per field (article text, chapter title, document title; the character grams for
 * the bigram strategy), the sorted list of terms and, for each term, its postings (article id and term frequency),
 * with each article's field length. Scores are BM25+ (docs/decisions/0003, 0005), with prefix matches weighted
 * down as MiniSearch weighted them (this index replaced MiniSearch: see docs/decisions/0006).
 *
 * Compact on disk and cheap to open: the persisted form is the sorted terms and one short string per term
 * (article ids as base-36 deltas, `:tf` when the term occurs more than once), read as they are — a term's
 * postings are decoded the first time a query asks for it. Nothing is rebuilt when an index is loaded.
 *
 * Pure: no files.
 */

/** Persisted form. */
export interface PostingsData {
  /** Number of articles (ids 0 … count-1). */
  count: number;
  fields: Record<string, FieldData>;
}

export interface FieldData {
  /** Distinct terms, sorted (UTF-16 code unit order). */
  terms: string[];
  /** Postings of terms[i]: "id,id:tf,…" with ids as base-36 deltas from the previous id. */
  postings: string[];
  /** Number of distinct terms of each article in this field. */
  lengths: number[];
}

/** BM25+ parameters: saturation k, length normalisation b, lower bound d. */
export interface Bm25 {
  k: number;
  b: number;
  d: number;
}

export interface ScoreOptions {
  /** Weight of each field (fields not named are not searched). */
  boost: Record<string, number>;
  bm25: Bm25;
  /** Weight of a prefix match (a longer term starting with the unit), for units of two characters or more; 0: none. */
  prefixWeight: number;
  /** Only these articles are scored. */
  among?: Set<number>;
  /** Use this idf for every unit instead of its own (the forms of one term share the term's idf). */
  idf?: number;
  /**
   * Multiply an article's summed score by the number of units it matched (MiniSearch's "quality"; what the
   * index did before it replaced MiniSearch). Off: a plain sum.
   */
  quality?: boolean;
}

export const encodePostings = (entries: [number, number][]): string => {
  let last = 0;
  return entries
    .map(([id, tf]) => {
      const s = (id - last).toString(36) + (tf > 1 ? `:${tf.toString(36)}` : '');
      last = id;
      return s;
    })
    .join(',');
};

/** Postings string → article id → term frequency, ids ascending (what layout.ts re-encodes for the index folder). */
export const decodePostings = (s: string): Map<number, number> => {
  const out = new Map<number, number>();
  let id = 0;
  for (const part of s.split(',')) {
    const colon = part.indexOf(':');
    id += parseInt(colon < 0 ? part : part.slice(0, colon), 36);
    out.set(id, colon < 0 ? 1 : parseInt(part.slice(colon + 1), 36));
  }
  return out;
};

/** Index of the first term >= t (terms sorted). */
export function lowerBound(terms: string[], t: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class Postings {
  private readonly data: PostingsData;
  private readonly decoded = new Map<string, Map<number, number>>();
  private readonly averages: Record<string, number>;
  /** Document frequency of `field\u0000term` when the postings hold only some articles (a store's extract). */
  private readonly dfs?: Map<string, number>;

  private constructor(data: PostingsData, partial?: { averages: Record<string, number>; df: Map<string, number> }) {
    this.data = data;
    this.averages = {};
    if (partial) {
      this.averages = { ...partial.averages };
      this.dfs = partial.df;
    } else for (const [f, d] of Object.entries(data.fields)) this.averages[f] = data.count ? d.lengths.reduce((s, n) => s + n, 0) / data.count : 0;
  }

  /**
   * An extract of a word index (src/store/postgres.ts): some terms, their postings among some articles only, with the
   * whole index's document frequencies and average field lengths, so that `score` among those articles gives exactly
   * what the whole index gives.
   */
  static partial(data: PostingsData, averages: Record<string, number>, df: Map<string, number>): Postings {
    return new Postings(data, { averages, df });
  }

  /** Index articles: for each, the terms of each field in order (repeats count). */
  static build(fields: string[], articles: Record<string, string[]>[]): Postings {
    const out: PostingsData = { count: articles.length, fields: {} };
    for (const f of fields) {
      const byTerm = new Map<string, [number, number][]>();
      const lengths: number[] = [];
      // Articles given the same list of terms (SearchIndex.build cuts a text once) are counted once.
      const counted = new Map<string[], Map<string, number>>();
      articles.forEach((a, id) => {
        const terms = a[f] ?? [];
        let tf = counted.get(terms);
        if (!tf) {
          tf = new Map<string, number>();
          for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
          counted.set(terms, tf);
        }
        lengths.push(tf.size); // distinct terms, as MiniSearch counted a field's length
        for (const [t, n] of tf) {
          let list = byTerm.get(t);
          if (!list) byTerm.set(t, (list = []));
          list.push([id, n]);
        }
      });
      const terms = [...byTerm.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      out.fields[f] = { terms, postings: terms.map((t) => encodePostings(byTerm.get(t)!)), lengths };
    }
    return new Postings(out);
  }

  static fromData(data: PostingsData): Postings {
    if (!data || typeof data.count !== 'number' || typeof data.fields !== 'object') throw new Error('search index: no word index');
    return new Postings(data);
  }

  toData(): PostingsData {
    return this.data;
  }

  get count(): number {
    return this.data.count;
  }

  /** Distinct terms over all fields. */
  get termCount(): number {
    const all = new Set<string>();
    for (const d of Object.values(this.data.fields)) for (const t of d.terms) all.add(t);
    return all.size;
  }

  /** Article → term frequency for a term of a field (undefined when no article has it). */
  get(field: string, term: string): Map<number, number> | undefined {
    const d = this.data.fields[field];
    if (!d) return undefined;
    const i = lowerBound(d.terms, term);
    if (d.terms[i] !== term) return undefined;
    const key = `${field}\u0000${term}`;
    let m = this.decoded.get(key);
    if (!m) this.decoded.set(key, (m = decodePostings(d.postings[i]!)));
    return m;
  }

  /** Terms of a field that start with `prefix` (the prefix itself included when it is a term). */
  withPrefix(field: string, prefix: string): string[] {
    const d = this.data.fields[field];
    if (!d) return [];
    const out: string[] = [];
    for (let i = lowerBound(d.terms, prefix); i < d.terms.length && d.terms[i]!.startsWith(prefix); i++) out.push(d.terms[i]!);
    return out;
  }

  length(field: string, id: number): number {
    return this.data.fields[field]?.lengths[id] ?? 0;
  }

  averageLength(field: string): number {
    return this.averages[field] ?? 0;
  }

  /**
   * BM25+ of the units, summed over units and fields, per article: for each unit, the exact term and (for units
   * of two characters or more) every longer term starting with it, weighted prefixWeight × len / (len + 0.3 × extra).
   */
  score(units: string[], opts: ScoreOptions): Map<number, number> {
    return scoreUnits(this, units, opts);
  }

  df(key: string): number | undefined {
    return this.dfs?.get(key);
  }
}

/** What scoring reads of a word index: the in-memory Postings, or an index read from files (src/store/disk-index.ts). */
export interface PostingsSource {
  /** Number of articles. */
  readonly count: number;
  get(field: string, term: string): Map<number, number> | undefined;
  withPrefix(field: string, prefix: string): string[];
  length(field: string, id: number): number;
  averageLength(field: string): number;
  /** Document frequency of `field\u0000term` when the postings are an extract (else their size is). */
  df?(key: string): number | undefined;
}

/** Postings.score over any word index (the same figures from the same postings). */
export function scoreUnits(src: PostingsSource, units: string[], opts: ScoreOptions): Map<number, number> {
  // Sums per article in arrays over the corpus, articles in the order first reached (the order of the map returned).
  const N = src.count;
  const { sum, mask } = scratchFor(N);
  const reached: number[] = [];
  // With quality, which of the distinct units each article matched (a bit per unit; a set when there are too many).
  const distinct = [...new Set(units)];
  const track = !!opts.quality && distinct.length > 1;
  const sets = new Map<number, Set<string>>();
  const { k, b, d } = opts.bm25;
  for (const unit of units) {
    const bit = distinct.length <= 30 ? 1 << distinct.indexOf(unit) : 0;
    const forms: [string, string, number][] = [];
    for (const f of Object.keys(opts.boost)) {
      const terms = opts.prefixWeight > 0 && unit.length >= 2 ? src.withPrefix(f, unit) : src.get(f, unit) ? [unit] : [];
      for (const t of terms) forms.push([f, t, t === unit ? 1 : (opts.prefixWeight * t.length) / (t.length + 0.3 * (t.length - unit.length))]);
    }
    for (const [f, t, weight] of forms) {
      const postings = src.get(f, t)!;
      const df = src.df?.(`${f}\u0000${t}`) ?? postings.size;
      const idf = opts.idf ?? Math.log(1 + (N - df + 0.5) / (df + 0.5));
      const avg = src.averageLength(f) || 1;
      const boost = opts.boost[f]!;
      const add = (id: number, tf: number) => {
        const norm = b === 0 ? 1 : 1 - b + (b * src.length(f, id)) / avg; // b 0: exactly 1 (the length is not read)
        const s = weight * boost * idf * (d + (tf * (k + 1)) / (tf + k * norm));
        if (sum[id] === 0 && mask[id] === 0) reached.push(id), (mask[id] = REACHED);
        sum[id] += s;
        if (!track) return;
        if (bit) mask[id] |= bit;
        else {
          let m = sets.get(id);
          if (!m) sets.set(id, (m = new Set()));
          m.add(unit);
        }
      };
      // Among fewer articles than the term has: look each up (a frequent word's postings are not walked for a few
      // candidates). The same sums either way: each article adds the same terms in the same order.
      const among = opts.among;
      if (among && among.size < postings.size)
        for (const id of among) {
          const tf = postings.get(id);
          if (tf !== undefined) add(id, tf);
        }
      else for (const [id, tf] of postings) if (!among || among.has(id)) add(id, tf);
    }
  }
  // Quality: the summed score times the number of distinct units matched (1 for every article when there is one unit).
  const scores = new Map<number, number>();
  for (const id of reached) {
    let s = sum[id]!;
    if (track) {
      let n = 0;
      if (distinct.length <= 30) for (let m = mask[id]! & ~REACHED; m; m &= m - 1) n++;
      else n = sets.get(id)!.size;
      s *= n;
    }
    scores.set(id, s);
    sum[id] = 0;
    mask[id] = 0;
  }
  return scores;
}

/** A bit of `mask` beyond the 30 units' bits: the article has been reached (its sum may still be 0). */
const REACHED = 1 << 30;
const SCRATCH = new Map<number, { sum: Float64Array; mask: Int32Array }>();
/** Arrays over a corpus's articles that scoreUnits fills and leaves zeroed again (one pair per corpus size). */
function scratchFor(n: number): { sum: Float64Array; mask: Int32Array } {
  let s = SCRATCH.get(n);
  if (!s) {
    if (SCRATCH.size >= 4) SCRATCH.clear();
    SCRATCH.set(n, (s = { sum: new Float64Array(n), mask: new Int32Array(n) }));
  }
  return s;
}
