/**
 * Lexical representation of articles: jieba words (src/tokenize, `words()`), the document's level
 * rewritten to the district form, the genre's stop words (data/stopwords.json) and one-character
 * words dropped; features are the words and pairs of adjacent words (phrases), weighted
 * log2(1 + tf) × idf, L2-normalised (words inside enumerated items count itemWeight). idf is over the articles of the run; a feature found in most
 * documents (the genre's shared boilerplate: 指导思想, 廉洁自律 …) is damped further by the share of
 * documents it occurs in (docs/decisions/0010-similarity-measure.md).
 */
import vocab from '../../data/stopwords.json' with { type: 'json' };
import type { Item, RuleDocument } from '../model.js';
import { articleBody } from '../classify/index.js';
import { levelNeutralTokens, ownLevelChar } from '../classify/level.js';
import { words } from '../tokenize/index.js';

const STOP = new Set(vocab.stopwords);
const NUMBERISH = /^[\d.%]+$/;

export interface VectorOptions {
  /** Add pairs of adjacent words as features (default true). */
  phrases?: boolean;
  /** Weight of a phrase feature relative to a word (default 0.5). */
  phraseWeight?: number;
  /** Damp features found in more than this share of documents (default 0.5). */
  boilerplateShare?: number;
  /** How much a feature found in every document is damped, 0..1 (default 0.25). */
  boilerplateDamping?: number;
  /** Weight of a word inside an enumerated item (default 0.5): items list contents, the lead-in says what the article is. */
  itemWeight?: number;
}

export const VECTOR_DEFAULTS: Required<VectorOptions> = { phrases: true, phraseWeight: 0.5, boilerplateShare: 0.5, boilerplateDamping: 0.25, itemWeight: 0.5 };

/** Sparse L2-normalised vector: feature ids ascending, weights aligned. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float32Array;
}

export interface ArticleVectors {
  /** Feature id → feature text ("常务会议", "常务会议 组成"). */
  features: string[];
  /** One vector per article, in the order of `refs`. */
  vectors: SparseVector[];
  /** Document frequency (articles) per feature id. */
  df: Int32Array;
}

/** Content words of a text: jieba words, level-neutral, without stop words, one-character words or bare numbers. */
export function contentWords(text: string, ownLevel: string, cache?: Map<string, string[]>): string[] {
  const key = ownLevel + text;
  const hit = cache?.get(key);
  if (hit) return hit;
  const out = levelNeutralTokens(words(text), ownLevel).filter((w) => w.length > 1 && !STOP.has(w) && !NUMBERISH.test(w));
  cache?.set(key, out);
  return out;
}

/** A word of an article with its weight (words of enumerated items count ITEM_TOKEN_WEIGHT). */
export interface WeightedWords {
  words: string[];
  weights: number[];
}

/** Words of every article of every document (documents in order, articles in order). */
export function articleWords(documents: RuleDocument[], cache = new Map<string, string[]>(), itemWeight = VECTOR_DEFAULTS.itemWeight): WeightedWords[] {
  return documents.flatMap((d) => {
    const own = ownLevelChar(d);
    return d.articles.map((a) => {
      const out: WeightedWords = { words: [], weights: [] };
      const push = (text: string, w: number) => {
        for (const x of contentWords(text, own, cache)) {
          out.words.push(x);
          out.weights.push(w);
        }
      };
      if (a.paragraphs.length === 0) push(articleBody(a), 1);
      a.paragraphs.forEach((p, k) => {
        push(k === 0 && p.text.startsWith(a.label) ? p.text.slice(a.label.length) : p.text, 1);
        const items = (list: Item[]): void => list.forEach((i) => (push(i.text, itemWeight), items(i.children)));
        items(p.items);
      });
      return out;
    });
  });
}

/** Feature ids for texts: one dictionary shared by every article vectorised against it. */
export class FeatureDictionary {
  readonly features: string[] = [];
  private readonly ids = new Map<string, number>();
  id(feature: string): number {
    let id = this.ids.get(feature);
    if (id === undefined) {
      id = this.features.length;
      this.ids.set(feature, id);
      this.features.push(feature);
    }
    return id;
  }
  /** The id of a feature already in the dictionary, or undefined. */
  has(feature: string): number | undefined {
    return this.ids.get(feature);
  }
}

/** Term frequencies of one article: words and pairs of adjacent words (phrase features carry their own weight factor). */
export function termFrequencies({ words: ws, weights }: WeightedWords, dict: Pick<FeatureDictionary, 'id'>, phrases: boolean): Map<number, number> {
  const tf = new Map<number, number>();
  for (let i = 0; i < ws.length; i++) {
    const id = dict.id(ws[i]!);
    tf.set(id, (tf.get(id) ?? 0) + weights[i]!);
    if (phrases && i + 1 < ws.length) {
      const pid = dict.id(ws[i]! + ' ' + ws[i + 1]!);
      tf.set(pid, (tf.get(pid) ?? 0) + Math.min(weights[i]!, weights[i + 1]!));
    }
  }
  return tf;
}

/**
 * Statistics of a set of articles: article frequency and document count per feature. Counts can be
 * added (a peer set's plus one more document's) without recounting the peers.
 */
export interface FeatureCounts {
  /** Articles per feature id. */
  df: Int32Array;
  /** Documents per feature id. */
  docCount: Int32Array;
  articles: number;
  documents: number;
}

export function countFeatures(tfs: Map<number, number>[], docOf: ArrayLike<number>, nFeatures: number, nDocs: number): FeatureCounts {
  const df = new Int32Array(nFeatures);
  const docSeen = new Int32Array(nFeatures).fill(-1);
  const docCount = new Int32Array(nFeatures);
  tfs.forEach((tf, i) => {
    for (const id of tf.keys()) {
      df[id]!++;
      if (docSeen[id] !== docOf[i]) {
        docSeen[id] = docOf[i]!;
        docCount[id]!++;
      }
    }
  });
  return { df, docCount, articles: tfs.length, documents: nDocs };
}

/** The sum of two counts (b may know more features than a: ids are shared through one dictionary). */
export function addCounts(a: FeatureCounts, b: FeatureCounts): FeatureCounts {
  const n = Math.max(a.df.length, b.df.length);
  const df = new Int32Array(n);
  const docCount = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    df[k] = (a.df[k] ?? 0) + (b.df[k] ?? 0);
    docCount[k] = (a.docCount[k] ?? 0) + (b.docCount[k] ?? 0);
  }
  return { df, docCount, articles: a.articles + b.articles, documents: a.documents + b.documents };
}

/** idf per feature: log(1 + n/df), damped for boilerplate found in most documents, phrases weighted. */
export function inverseFrequencies(counts: FeatureCounts, features: string[] | { length: number; isPhrase(id: number): boolean }, options: VectorOptions = {}): Float64Array {
  const o = { ...VECTOR_DEFAULTS, ...options };
  const nDocs = counts.documents;
  const idf = new Float64Array(features.length);
  const isPhrase = Array.isArray(features) ? (id: number) => features[id]!.includes(' ') : (id: number) => features.isPhrase(id);
  for (let id = 0; id < features.length; id++) {
    const df = counts.df[id] ?? 0;
    if (df === 0) continue;
    const share = (counts.docCount[id] ?? 0) / Math.max(1, nDocs);
    const damp = nDocs > 1 && share > o.boilerplateShare ? 1 - (o.boilerplateDamping * (share - o.boilerplateShare)) / (1 - o.boilerplateShare) : 1;
    idf[id] = Math.log(1 + counts.articles / df) * damp * (isPhrase(id) ? o.phraseWeight : 1);
  }
  return idf;
}

/** An L2-normalised tf-idf vector from term frequencies. */
export function weigh(tf: Map<number, number>, idf: Float64Array): SparseVector {
  const ids = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
  const weights = new Float32Array(ids.length);
  let norm = 0;
  ids.forEach((id, k) => {
    const w = Math.log2(1 + tf.get(id)!) * (idf[id] ?? 0); // 1 for one plain occurrence, saturating
    weights[k] = w;
    norm += w * w;
  });
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < weights.length; k++) weights[k]! /= norm;
  return { ids, weights };
}

/**
 * The tf-idf vector of row `start … end` of term-frequency columns (ids ascending): the same numbers as `weigh` of
 * the row as a Map; the ids are a view of the columns, not a copy. `into`, when given, is an array as long as the
 * columns whose `start … end` receives the weights (the vector's are a view of it): against 500 peers, 44,000 rows
 * with an array each were 44,000 buffers for the garbage collector to account for.
 */
export function weighRow(ids: Int32Array, tfs: ArrayLike<number>, start: number, end: number, idf: Float64Array, into?: Float32Array): SparseVector {
  const weights = into ? into.subarray(start, end) : new Float32Array(end - start);
  let norm = 0;
  for (let x = start; x < end; x++) {
    const w = Math.log2(1 + tfs[x]!) * (idf[ids[x]!] ?? 0);
    weights[x - start] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < weights.length; k++) weights[k]! /= norm;
  return { ids: ids.subarray(start, end), weights };
}

/** Build tf-idf vectors; `docOf[i]` is the document index of article i (for the document-share damping). */
export function buildVectors(tokens: WeightedWords[], docOf: Int32Array, nDocs: number, options: VectorOptions = {}): ArticleVectors {
  const o = { ...VECTOR_DEFAULTS, ...options };
  const dict = new FeatureDictionary();
  const tfs = tokens.map((t) => termFrequencies(t, dict, o.phrases));
  const counts = countFeatures(tfs, docOf, dict.features.length, nDocs);
  const idf = inverseFrequencies(counts, dict.features, o);
  return { features: dict.features, vectors: tfs.map((tf) => weigh(tf, idf)), df: counts.df };
}

/** Cosine of two normalised sparse vectors. */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) s += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** Feature id → text: the dictionary's list, or a look-up (a peer set's features read back, src/align/peer-terms.ts). */
export type FeatureTexts = string[] | ((id: number) => string);

/** The features two vectors share, by contribution to their cosine, strongest first. */
export function sharedFeatures(a: SparseVector, b: SparseVector, featureList: FeatureTexts, limit = 3): string[] {
  const features = typeof featureList === 'function' ? { at: featureList } : { at: (id: number) => featureList[id]! };
  const out: [string, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) {
      const f = features.at(x);
      if (!f.includes(' ')) out.push([f, a.weights[i]! * b.weights[j]!]);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)).slice(0, limit).map((p) => p[0]);
}

const LAYOUT = /^[\s\p{P}\p{S}]$/u;
/** Per UTF-16 unit: 0 not seen yet, 1 kept, 2 left out (spaces, punctuation, symbols). */
const UNIT_KIND = new Uint8Array(65536);

/**
 * Text for the exact-text pass: the article body without label, spaces and punctuation, level-neutral. What
 * `text.replace(/[\s\p{P}\p{S}]+/gu, '')` gives (tests/align/vectors.test.ts), a character at a time with each
 * character's class looked up once per process: a review against 500 peers makes ~20,000 of these.
 */
export function plainText(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (next >= 0xdc00 && next <= 0xdfff) {
      // A character outside the BMP: its two units tested together.
      if (LAYOUT.test(String.fromCodePoint(text.codePointAt(i)!))) (out += text.slice(from, i)), (from = i + 2);
      i++;
      continue;
    }
    let kind = UNIT_KIND[c]!;
    if (kind === 0) UNIT_KIND[c] = kind = LAYOUT.test(text[i]!) ? 2 : 1;
    if (kind === 2) (out += text.slice(from, i)), (from = i + 1);
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Character bigrams of a text as sorted codes (for dice). */
export function bigramCodes(text: string): Uint32Array {
  const out = new Uint32Array(Math.max(0, text.length - 1));
  for (let i = 0; i + 1 < text.length; i++) out[i] = text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1);
  return out.sort();
}

/** Dice coefficient of character bigrams: 1 for the same text, high for a lightly edited copy. */
export function dice(a: string, b: string, ga = bigramCodes(a), gb = bigramCodes(b)): number {
  if (a === b) return 1;
  if (ga.length === 0 || gb.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < ga.length && j < gb.length) {
    if (ga[i] === gb[j]) (common++, i++, j++);
    else if (ga[i]! < gb[j]!) i++;
    else j++;
  }
  return (2 * common) / (ga.length + gb.length);
}

/** Share of a's weight (squared, so it sums to 1) on features b also has: how much of a is contained in b. */
export function containment(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) {
      s += a.weights[i]! * a.weights[i]!;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return s;
}
