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

function dot(a: Map<string, number>, b: Map<string, number>): number {
  if (a.size > b.size) [a, b] = [b, a];
  let d = 0;
  for (const [w, x] of a) {
    const y = b.get(w);
    if (y) d += x * y;
  }
  return d;
}

/**
 * matrix[i][j] = similarity of docs i and j, rounded to 3 decimals (1 on the diagonal). Each unordered pair is
 * computed once, with every vector's norm computed once (docs/decisions/0070).
 */
export function similarityMatrix(docs: RuleDocument[], tokenizer: Tokenizer = getTokenizer()): number[][] {
  const vs = docs.map((d) => vector(d, tokenizer));
  const norms = vs.map(norm);
  const m = vs.map(() => new Array<number>(vs.length).fill(1));
  for (let i = 0; i < vs.length; i++)
    for (let j = i + 1; j < vs.length; j++) {
      const c = norms[i]! && norms[j]! ? dot(vs[i]!, vs[j]!) / (norms[i]! * norms[j]!) : 0;
      m[i]![j] = m[j]![i] = Math.round(c * 1000) / 1000;
    }
  return m;
}
