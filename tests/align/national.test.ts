/**
 * A national corpus has hundreds of thousands of articles: no step may spread one per-article array into a call's
 * arguments (the 5,000-document build died with "Maximum call stack size exceeded" in the candidate look-up).
 */
import { describe, expect, it } from 'vitest';
import { candidatePairs } from '../../src/align/candidates.js';

describe('candidate look-up over 400,000 articles', () => {
  it('runs (every article of its own document, two sharing a feature with each other)', () => {
    const n = 400_000;
    const empty = { ids: new Int32Array(0), weights: new Float32Array(0) };
    const vectors = Array.from({ length: n }, () => empty);
    const shared = { ids: Int32Array.of(0), weights: Float32Array.of(1) };
    vectors[0] = shared;
    vectors[n - 1] = shared;
    const docOf = Int32Array.from({ length: n }, (_, k) => k);
    const r = candidatePairs({ features: ['常务会议'], vectors, df: Int32Array.of(2) }, docOf, { topK: 4, maxNeighbours: 64, maxComparisons: Infinity });
    expect(r.pairs.length).toBe(1);
    expect([r.pairs.i[0], r.pairs.j[0]]).toEqual([0, n - 1]);
  });
});
