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

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, x] of a) {
    na += x * x;
    const y = b.get(w);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** matrix[i][j] = similarity of docs i and j, rounded to 3 decimals (1 on the diagonal). */
export function similarityMatrix(docs: RuleDocument[], tokenizer: Tokenizer = getTokenizer()): number[][] {
  const vs = docs.map((d) => vector(d, tokenizer));
  return vs.map((a, i) => vs.map((b, j) => (i === j ? 1 : Math.round(cosine(a, b) * 1000) / 1000)));
}
