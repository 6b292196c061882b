/**
 * Candidate pairs for the batch alignment: articles with the same vector (whole articles repeated across documents,
 * as a genre's documents do) are looked up once and their cosines computed once, and that gives the same candidates,
 * cosines and counts as looking every article up on its own.
 */
import { describe, expect, it } from 'vitest';
import { candidatePairs, vectorClasses } from '../../src/align/candidates.js';
import { articleWords, buildVectors } from '../../src/align/vectors.js';
import { corpus } from '../helpers/docs.js';
import { recombined } from '../helpers/synthetic.js';

describe('candidate pairs with shared twins', () => {
  const seeds = corpus();
  const docs = [...seeds, ...Array.from({ length: 24 }, (_, k) => recombined(seeds, k + 1, `synthetic-${k + 1}`, { county: k % 3 === 0, vary: k % 4 === 1 }).doc)];
  const docOf = Int32Array.from(docs.flatMap((d, di) => d.articles.map(() => di)));
  const vec = buildVectors(articleWords(docs, new Map()), docOf, docs.length);

  it('groups articles with equal vectors, and only those', () => {
    const { classOf, members } = vectorClasses(vec.vectors);
    expect(members.length).toBeLessThan(vec.vectors.length * 0.75);
    for (const m of members) for (const a of m) {
      expect(classOf[a]).toBe(classOf[m[0]!]);
      expect([...vec.vectors[a]!.ids]).toEqual([...vec.vectors[m[0]!]!.ids]);
      expect([...vec.vectors[a]!.weights]).toEqual([...vec.vectors[m[0]!]!.weights]);
    }
    // Different vectors are different classes.
    const reps = members.map((m) => `${[...vec.vectors[m[0]!]!.ids]}|${[...vec.vectors[m[0]!]!.weights]}`);
    expect(new Set(reps).size).toBe(reps.length);
  });

  for (const [name, o] of [['defaults', { topK: 4, maxNeighbours: 64 }], ['a tight neighbourhood', { topK: 1, maxNeighbours: 5 }], ['a comparison budget', { topK: 4, maxNeighbours: 64, maxComparisons: 3000 }]] as const) {
    it(`gives the same pairs, cosines and counts as each article on its own (${name})`, () => {
      const opts = { maxComparisons: Infinity, ...o };
      const shared = candidatePairs(vec, docOf, opts);
      const alone = candidatePairs(vec, docOf, { ...opts, shareTwins: false });
      expect(shared.pairs.length).toBeGreaterThan(1000);
      expect([...shared.pairs.i]).toEqual([...alone.pairs.i]);
      expect([...shared.pairs.j]).toEqual([...alone.pairs.j]);
      expect([...shared.pairs.cosine]).toEqual([...alone.pairs.cosine]);
      expect([shared.comparisons, shared.postingsVisited, shared.exhausted, shared.skippedArticles]).toEqual([alone.comparisons, alone.postingsVisited, alone.exhausted, alone.skippedArticles]);
    });
  }
});

describe('the batch alignment with shared twins', () => {
  it('gives the same links (pass, score, confidence, topic, reason) and families as aligning each article on its own', async () => {
    const { align } = await import('../../src/align/index.js');
    const seeds = corpus();
    const docs = [...seeds, ...Array.from({ length: 16 }, (_, k) => recombined(seeds, k + 1, `synthetic-${k + 1}`, { county: k % 3 === 0, vary: k % 4 === 1 }).doc)];
    const shared = align(docs);
    const alone = align(docs, { shareTwins: false });
    const row = (l: (typeof shared.links)[number]) => [l.a.docId, l.a.key, l.b.docId, l.b.key, l.pass, l.score, l.confidence, l.topic, l.reason].join(' | ');
    expect(shared.links.length).toBeGreaterThan(2000);
    expect(shared.links.map(row)).toEqual(alone.links.map(row));
    expect(JSON.stringify(shared.families)).toBe(JSON.stringify(alone.families));
    expect(shared.budget.comparisons).toBe(alone.budget.comparisons);
  }, 120_000);
});
