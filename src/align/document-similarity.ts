/**
 * District × district similarity of whole documents: cosine of word-frequency vectors (jieba
 * words of the articles, punctuation dropped, the level word 区/县/市 neutralised so a
 * county is not set apart by its titles alone). A quick overall measure, independent of the
 * alignment; the per-topic pages give the article-level picture. Pure.
 */
import type { RuleDocument } from '../model.js';
import { getTokenizer, words, type Tokenizer } from '../tokenize/index.js';

function vector(doc: RuleDocument, tokenizer: Tokenizer): Map<string, number> {
  const level = doc.meta.jurisdiction.name?.slice(-1) ?? '';
  const v = new Map<string, number>();
  for (const a of doc.articles) {
    for (const w0 of words(a.text.slice(a.label.length), tokenizer)) {
      const w = level ? w0.replaceAll(level, '◇') : w0;
      v.set(w, (v.get(w) ?? 0) + 1);
    }
  }
  return v;
}

function norm(v: Map<string, number>): number {
  let n = 0;
  for (const x of v.values()) n += x * x;
  return Math.sqrt(n);
}

/**
 * matrix[i][j] = similarity of docs i and j, rounded to 3 decimals (1 on the diagonal). Each unordered pair is
 * computed once, with every vector's norm computed once (docs/decisions/0070).
 */
export function similarityMatrix(docs: RuleDocument[], tokenizer: Tokenizer = getTokenizer()): number[][] {
  const vs = docs.map((d) => vector(d, tokenizer));
  const norms = vs.map(norm);
  // Each vector as word ids and counts in its own order; a pair's dot product walks the vector with fewer words (the
  // first of the pair when both have as many) in that order and reads the other's counts from a table of all words —
  // the same products added in the same order as looking them up in the other's map, without a string hash per word
  // (500 documents: 125,000 pairs).
  const ids = new Map<string, number>();
  const rows = vs.map((v) => {
    const id = new Int32Array(v.size);
    const count = new Float64Array(v.size);
    let k = 0;
    for (const [w, x] of v) {
      let n = ids.get(w);
      if (n === undefined) ids.set(w, (n = ids.size));
      (id[k] = n), (count[k++] = x);
    }
    return { id, count };
  });
  const table = new Float64Array(ids.size);
  const m = vs.map(() => new Array<number>(vs.length).fill(1));
  for (let l = 0; l < vs.length; l++) {
    const L = rows[l]!;
    for (let k = 0; k < L.id.length; k++) table[L.id[k]!] = L.count[k]!;
    for (let s = 0; s < vs.length; s++) {
      if (s === l) continue;
      const [i, j] = s < l ? [s, l] : [l, s];
      // The pair (i, j) walks the smaller vector (i's when the sizes are equal) and looks up in the other: here when that is l.
      const lookedUp = vs[i]!.size > vs[j]!.size ? i : j;
      if (lookedUp !== l) continue;
      const S = rows[s]!;
      let d = 0;
      for (let k = 0; k < S.id.length; k++) {
        const y = table[S.id[k]!]!;
        if (y) d += S.count[k]! * y;
      }
      const c = norms[i]! && norms[j]! ? d / (norms[i]! * norms[j]!) : 0;
      m[i]![j] = m[j]![i] = Math.round(c * 1000) / 1000;
    }
    for (let k = 0; k < L.id.length; k++) table[L.id[k]!] = 0;
  }
  return m;
}
