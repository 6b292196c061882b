/**
 * The blind query set (tests/fixtures/search-blind.json: 77 queries written without the code, 20 held out): the
 * figures docs/decisions/0005 and the README claim, as thresholds (the claimed figure, not lower).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/io/corpus.js';
import { analyse } from '../../src/pipeline.js';
import { blindFigures, evaluateBlind, type BlindFigures, type BlindQuery, type BlindResult } from '../../src/search/evaluate.js';

const queries = (JSON.parse(readFileSync(new URL('../fixtures/search-blind.json', import.meta.url), 'utf8')) as { queries: BlindQuery[] }).queries;
let results: BlindResult[];
beforeAll(() => {
  results = evaluateBlind(analyse(loadDocuments([], 'corpus').documents).searchIndex, queries);
});
const figures = (heldout: boolean, kind?: BlindQuery['kind']): BlindFigures => blindFigures(results.filter((r) => r.query.heldout === heldout && (!kind || r.query.kind === kind)));

/** [top 10, by district, MRR] as claimed (per cent to one decimal, MRR to three, each rounded down). */
const CLAIMED: Record<'tuning' | 'held out', Record<'term' | 'pair' | 'question' | 'all', [number, number, number]>> = {
  tuning: { term: [98.6, 94.6, 0.966], pair: [98.6, 94.5, 0.963], question: [90.9, 87.3, 0.902], all: [95.3, 91.5, 0.938] },
  'held out': { term: [93.1, 75.8, 0.862], pair: [100, 96.4, 0.982], question: [70.5, 64.7, 0.715], all: [86.8, 78.0, 0.844] },
};

describe('the blind query set', () => {
  it('has 77 queries of three kinds, 20 held out, each with its governing articles', () => {
    expect(queries).toHaveLength(77);
    expect(queries.filter((q) => q.heldout)).toHaveLength(20);
    expect(new Set(queries.map((q) => q.kind))).toEqual(new Set(['term', 'pair', 'question']));
  });

  for (const set of ['tuning', 'held out'] as const)
    for (const kind of ['term', 'pair', 'question', 'all'] as const)
      it(`${set} ${kind}: governing articles in the top 10, as the district's best article, MRR — at least as claimed`, () => {
        const f = figures(set === 'held out', kind === 'all' ? undefined : kind);
        const [top10, view, mrr] = CLAIMED[set][kind];
        expect(100 * f.top10).toBeGreaterThanOrEqual(top10);
        expect(100 * f.view).toBeGreaterThanOrEqual(view);
        expect(f.mrr).toBeGreaterThanOrEqual(mrr);
      });

  it('misses no article that holds every part of a query word for word', () => {
    expect(results.flatMap((r) => r.verbatimMisses)).toEqual([]);
  });
});
