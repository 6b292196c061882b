/**
 * At national scale a filter error cannot list every document: it names the first few and counts the rest, and a
 * district or year filter over the index folder reads no article head to decide (tests/store/disk-index.test.ts has
 * the answers themselves).
 */
import { describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/io/corpus.js';
import { analyse } from '../../src/pipeline.js';
import { search } from '../../src/search/search.js';
import { recombined } from '../helpers/synthetic.js';

describe('a corpus of many documents', () => {
  const seeds = loadDocuments([], 'corpus').documents;
  const docs = Array.from({ length: 15 }, (_, k) => recombined(seeds, k + 1, `synthetic-${k + 1}`).doc);
  const analysis = analyse(docs);

  it('an unknown district names 12 documents and counts the other 3', () => {
    expect(() => search(analysis.searchIndex, '会议', { filters: { district: '海淀区' } })).toThrow(/unknown district "海淀区" \(the corpus has: .* and 3 more\)$/u);
  });

  it('an unknown document asked of the analysis likewise', () => {
    expect(() => analysis.select(['海淀区'])).toThrow(/and 3 more\)$/u);
  });
});
