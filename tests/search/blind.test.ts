/**
 * The blind query sets, each written by someone who had not seen the code: set 1 (tests/fixtures/search-blind.json,
 * 77 queries; tuning since its first run), set 2 (search-blind-2.json, 45 queries; held out until set 3 was written,
 * tuning since), set 3 (search-blind-3.json, 48 queries; held out until sets 4 and 5 were written, tuning since),
 * set 4 (search-blind-4.json, 48 queries, written after set 3's first run; held out) and set 5 (search-blind-5.json, 40
 * questions, written after the everyday-words rules; held out) and set 6 (search-blind-6.json, 60 queries of three kinds,
 * written this round: its 40 queries flagged heldout: false are tuning since its first run, its 20 flagged heldout: true
 * — every third — held out, reported apart). Set 5 has been tuning since set 7 was written (its misses were read for
 * the verb-not-verb rule). Set 7 (search-blind-7.json, 48 queries of three kinds) is over eleven other documents — the
 * blind reviews' fixtures, none in corpus/ — its governing articles named by quotes (placeQuotes); all held out at its
 * first run (top 10 74.9 %, per-district 75.9 %), tuning since: the genre rules it showed were missing (traditional
 * characters, posts at other levels, 一把手) were added after it. Set 8 (search-blind-8.json, 36 queries) over five
 * documents written for it (tests/fixtures/search-8), after set 7's rules: held out at its first run (top 10 87.5 %,
 * per-district 82.7 %; the code before set 7's rules 72.0 / 70.2 %), tuning since. Set 9 (search-blind-9.json, 40 queries)
 * over five more documents written for it (tests/fixtures/search-9), after every rule of this round: held out.
 * The figures docs/decisions/0005 and the README claim, as thresholds (the claimed figure, not lower).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { loadDocument, loadDocuments } from '../../src/io/corpus.js';
import { analyse } from '../../src/pipeline.js';
import { blindFigures, evaluateBlind, placeQuotes, type BlindFigures, type BlindQuery, type BlindResult, type QuotedBlindQuery } from '../../src/search/evaluate.js';
import type { SearchIndex } from '../../src/search/searchIndex.js';

const read = (f: string) => (JSON.parse(readFileSync(new URL(`../fixtures/${f}`, import.meta.url), 'utf8')) as { queries: BlindQuery[] }).queries;
const six = read('search-blind-6.json');
/** A set over other documents: its corpus read, its quoted governing articles placed in them. */
const quotedSet = (f: string) => {
  const set = JSON.parse(readFileSync(new URL(`../fixtures/${f}`, import.meta.url), 'utf8')) as { corpus: string[]; queries: QuotedBlindQuery[] };
  const docs = set.corpus.map((c) => loadDocument(c, basename(c).replace(/\.[^.]+$/u, '')));
  return { docs, ...placeQuotes(set.queries, docs) };
};
const { docs: sevenDocs, ...placed } = quotedSet('search-blind-7.json');
const { docs: eightDocs, ...placed8 } = quotedSet('search-blind-8.json');
const { docs: nineDocs, ...placed9 } = quotedSet('search-blind-9.json');
const { docs: tenDocs, ...placed10 } = quotedSet('search-blind-10.json');
const { docs: elevenDocs, ...placed11 } = quotedSet('search-blind-11.json');
const { docs: twelveDocs, ...placed12 } = quotedSet('search-blind-12.json');
const { docs: thirteenDocs, ...placed13 } = quotedSet('search-blind-13.json');
const { docs: fourteenDocs, ...placed14 } = quotedSet('search-blind-14.json');
const { docs: fifteenDocs, ...placed15 } = quotedSet('search-blind-15.json');
const { docs: sixteenDocs, ...placed16 } = quotedSet('search-blind-16.json');
const { docs: seventeenDocs, ...placed17 } = quotedSet('search-blind-17.json');
const { docs: eighteenDocs, ...placed18 } = quotedSet('search-blind-18.json');
const { docs: nineteenDocs, ...placed19 } = quotedSet('search-blind-19.json');
const { docs: twentyDocs, ...placed20 } = quotedSet('search-blind-20.json');
const { docs: twentyOneDocs, ...placed21 } = quotedSet('search-blind-21.json');
const { docs: twentyTwoDocs, ...placed22 } = quotedSet('search-blind-22.json');
const { docs: twentyThreeDocs, ...placed23 } = quotedSet('search-blind-23.json');
const sets = {
  'set 1': read('search-blind.json'),
  'set 2': read('search-blind-2.json'),
  'set 3': read('search-blind-3.json'),
  'set 4': read('search-blind-4.json'),
  'set 5': read('search-blind-5.json'),
  'set 6 tuning': six.filter((q) => !q.heldout),
  'set 6 held out': six.filter((q) => q.heldout),
  'set 7': placed.queries,
  'set 8': placed8.queries,
  'set 9': placed9.queries,
  'set 10': placed10.queries,
  'set 11': placed11.queries,
  'set 12': placed12.queries,
  'set 13': placed13.queries,
  'set 14': placed14.queries,
  'set 15': placed15.queries,
  'set 16': placed16.queries,
  'set 17': placed17.queries,
  'set 18': placed18.queries,
  'set 19': placed19.queries,
  'set 20': placed20.queries,
  'set 21': placed21.queries,
  'set 22': placed22.queries,
  'set 23': placed23.queries,
};
type SetName = keyof typeof sets;
let results: Record<SetName, BlindResult[]>;
beforeAll(() => {
  const index = analyse(loadDocuments([], 'corpus').documents).searchIndex;
  const own: Partial<Record<SetName, SearchIndex>> = { 'set 7': analyse(sevenDocs).searchIndex, 'set 8': analyse(eightDocs).searchIndex, 'set 9': analyse(nineDocs).searchIndex, 'set 10': analyse(tenDocs).searchIndex, 'set 11': analyse(elevenDocs).searchIndex, 'set 12': analyse(twelveDocs).searchIndex, 'set 13': analyse(thirteenDocs).searchIndex, 'set 14': analyse(fourteenDocs).searchIndex, 'set 15': analyse(fifteenDocs).searchIndex, 'set 16': analyse(sixteenDocs).searchIndex, 'set 17': analyse(seventeenDocs).searchIndex, 'set 18': analyse(eighteenDocs).searchIndex, 'set 19': analyse(nineteenDocs).searchIndex, 'set 20': analyse(twentyDocs).searchIndex, 'set 21': analyse(twentyOneDocs).searchIndex, 'set 22': analyse(twentyTwoDocs).searchIndex, 'set 23': analyse(twentyThreeDocs).searchIndex };
  results = Object.fromEntries(Object.entries(sets).map(([name, queries]) => [name, evaluateBlind(own[name as SetName] ?? index, queries)])) as Record<SetName, BlindResult[]>;
});
const figures = (set: SetName, kind?: BlindQuery['kind']): BlindFigures => blindFigures(results[set].filter((r) => !kind || r.query.kind === kind));

/** [top 10, by district, MRR] as claimed (per cent to one decimal, MRR to three, each rounded down). */
const CLAIMED: Record<SetName, Record<'term' | 'pair' | 'question' | 'all', [number, number, number]>> = {
  'set 1': { term: [98, 91.3, 0.951], pair: [98, 93.1, 0.957], question: [92.4, 86.8, 0.906], all: [95.7, 90, 0.934] },
  'set 2': { term: [91.3, 89.1, 0.912], pair: [94.5, 89.1, 0.918], question: [89.2, 76.9, 0.837], all: [91.2, 83.7, 0.881] },
  // (Question MRR 0.767 → 0.764 with the hedge after a question word, 2026-12-03: one query's article a place lower.)
  'set 3': { term: [96.7, 96.7, 0.967], pair: [97.2, 94.5, 0.959], question: [75.8, 70.6, 0.764], all: [87.3, 84.1, 0.871] },
  'set 4': { term: [100, 95.8, 0.979], pair: [90, 90, 0.9], question: [90.9, 75.7, 0.838], all: [93.5, 85.7, 0.898] },
  // Questions only (terms and pairs: none).
  // (District's best 74.3 → 73.7 with 发文件 = 公文 / 文件, 2026-12-03: q16's governing article 25.50 against 25.61 in one district.)
  'set 5': { term: [100, 100, 1], pair: [100, 100, 1], question: [81.2, 73.7, 0.801], all: [81.2, 73.7, 0.801] },
  'set 6 tuning': { term: [100, 100, 1], pair: [85, 85, 0.85], question: [94.1, 82.3, 0.901], all: [93.6, 88.6, 0.919] },
  'set 6 held out': { term: [100, 85.7, 0.928], pair: [88.8, 77.7, 0.861], question: [93.7, 81.2, 0.864], all: [93.7, 81.2, 0.877] },
  // Eleven documents: a query all eleven answer has at most 10 of its 11 pairs in the top 10.
  'set 7': { term: [88.6, 92.4, 0.957], pair: [82.9, 88, 0.907], question: [78.1, 82.5, 0.871], all: [82.2, 86.6, 0.904] },
  'set 8': { term: [97.8, 100, 1], pair: [93.4, 86.9, 0.913], question: [93.3, 88, 0.912], all: [94.6, 91, 0.937] },
  // Held out, never tuned on: its first run 88.2 / 86.0 % (the code before that round: 85.5 / 84.4 %, MRR 0.863); the rules since.
  'set 9': { term: [87.7, 95.9, 0.969], pair: [88.8, 86.6, 0.877], question: [89.1, 82.6, 0.887], all: [88.7, 87, 0.906] },
  // Its first run 91.4 / 86.2 %, MRR 0.882 (terms 85.7 / 85.7, pairs 100 / 88.2, questions 90.0 / 85.0); tuning since.
  'set 10': { term: [90.4, 90.4, 0.904], pair: [100, 88.2, 0.931], question: [100, 90, 0.95], all: [96.5, 89.6, 0.928] },
  // Held out, never tuned on: its first run 93.0 / 80.7 % (a quote two articles hold placed in the one numbered as
  // printed; placed in the first of them, as the evaluation did at that run: 93.0 / 78.9 %); the later rules since.
  'set 11': { term: [95.2, 90.4, 0.928], pair: [100, 81.2, 0.885], question: [85, 75, 0.817], all: [92.9, 82.4, 0.877] },
  // Held out, never tuned on: its first run 94.7 / 91.2 %, MRR 0.929; the later rules since.
  'set 12': { term: [100, 100, 1], pair: [100, 94.1, 0.96], question: [94.7, 89.4, 0.929], all: [98.2, 94.7, 0.964] },
  // Held out, never tuned on: its first run 98.5 / 95.5 %, the next round (traditional characters, a county headed 一、,
  // a portal page); the same until the 2026-12-03 rules.
  'set 13': { term: [100, 100, 1], pair: [100, 100, 1], question: [100, 93.1, 0.965], all: [100, 96.9, 0.984] },
  // Its first run (after every rule of the round): 89.1 / 84.5 %, MRR 0.870 (questions 80.0 / 73.3 %); tuning since.
  'set 14': { term: [100, 100, 1], pair: [100, 95.8, 0.972], question: [91.6, 86.6, 0.909], all: [95.4, 91.8, 0.944] },
  // Its first run 86.9 / 70.2 %, MRR 0.778 (questions 80.4 / 66.1 %), after every rule of the round but the answer
  // words and 讨论 = 审议 = 研究决定, which left it as it was; tuning since the round's end.
  'set 15': { term: [100, 100, 1], pair: [100, 57.1, 0.755], question: [92.8, 80.3, 0.863], all: [95.2, 79.7, 0.868] },
  // Its first run 83.8 / 72.5 %, MRR 0.783 (questions 76.4 / 61.8 %), after every rule of the round; tuning since the
  // round's end.
  'set 16': { term: [100, 100, 1], pair: [100, 92.3, 0.961], question: [89, 74.5, 0.811], all: [92.5, 81.2, 0.864] },
  // Held out, never tuned on: its first run 92.9 / 84.7 %, MRR 0.877, after every rule of its round; the 2026-12-03 rules since.
  'set 17': { term: [100, 100, 1], pair: [84.6, 76.9, 0.788], question: [98.3, 89.8, 0.929], all: [96.4, 89.4, 0.918] },
  // Its first run, before any rule of the 2026-12-03 round: 91.7 / 90.5 %, MRR 0.908 (questions 89.8 / 88.1 %); tuning since.
  'set 18': { term: [100, 92.8, 0.952], pair: [100, 100, 1], question: [98.3, 93.2, 0.953], all: [98.8, 94, 0.959] },
  // Its first run, after every rule of the 2026-12-03 round: 97.7 / 93.0 %, MRR 0.947 (questions 96.7 / 90.0 %); tuning
  // since (its misses read: 重大事故, 办完, 学法律).
  'set 19': { term: [100, 100, 1], pair: [100, 100, 1], question: [98.3, 95, 0.956], all: [98.8, 96.5, 0.969] },
  // Its first run, after every rule of the 2026-12-03 round (set 19's vocabulary included): 93.3 / 84.9 %, MRR 0.894
  // (questions 90.3 / 79.2 %); tuning since (its misses read: the hedge after a question word).
  'set 20': { term: [100, 100, 1], pair: [95.6, 86.9, 0.905], question: [91.6, 80.5, 0.868], all: [94.1, 85.7, 0.902] },
  // Held out: its first run, after every rule of the round, set 20's included.
  'set 21': { term: [100, 95.2, 0.968], pair: [95.4, 95.4, 0.954], question: [94.3, 88.7, 0.916], all: [95.6, 91.2, 0.933] },
  // Its first run, after every rule of the round (before the vocabulary from its own misses): 98.2 / 92.1 %, MRR 0.952
  // (questions 97.2 / 87.5 %); tuning since (its misses read: 提意见, 大事, 党委).
  'set 22': { term: [100, 100, 1], pair: [100, 100, 1], question: [97.2, 91.6, 0.949], all: [98.2, 94.7, 0.967] },
  // Its first run, after every rule of the round (set 22's vocabulary included): 88.6 / 78.9 %, MRR 0.840 (questions
  // 81.7 / 67.6 %); tuning since (its misses read: 合不合法, 重大决定, 开始执行, 发文件, 长度, 一摊).
  'set 23': { term: [100, 95, 0.975], pair: [100, 100, 1], question: [91.5, 74.6, 0.816], all: [94.7, 83.3, 0.881] },
};

describe('the blind query sets', () => {
  it('set 1 has 77 queries, set 2 45, sets 3 and 4 48 each, of three kinds, set 5 40 questions, set 6 60 of three kinds (20 held out), each query with its governing articles', () => {
    expect(sets['set 1']).toHaveLength(77);
    expect(sets['set 2']).toHaveLength(45);
    expect(sets['set 3']).toHaveLength(48);
    expect(sets['set 4']).toHaveLength(48);
    expect(sets['set 5']).toHaveLength(40);
    expect(sets['set 6 tuning']).toHaveLength(40);
    expect(sets['set 6 held out']).toHaveLength(20);
    for (const [kind, n] of [['term', 5], ['pair', 5], ['question', 10]] as const) expect(sets['set 6 held out'].filter((q) => q.kind === kind)).toHaveLength(n);
    expect([...sets['set 3'], ...sets['set 4'], ...sets['set 5']].every((q) => q.heldout)).toBe(true);
    for (const set of [sets['set 1'], sets['set 2'], sets['set 3'], sets['set 4'], six]) expect(new Set(set.map((q) => q.kind))).toEqual(new Set(['term', 'pair', 'question']));
    expect(new Set(sets['set 5'].map((q) => q.kind))).toEqual(new Set(['question']));
    // set 7: 48 queries over 11 documents, every governing article's quote found in an article numbered as printed
    expect(sets['set 7']).toHaveLength(48);
    expect(sevenDocs).toHaveLength(11);
    expect(placed.problems).toEqual([]);
    for (const [kind, n] of [['term', 12], ['pair', 12], ['question', 24]] as const) expect(sets['set 7'].filter((q) => q.kind === kind)).toHaveLength(n);
    // set 8: 36 over the 5 documents written for it, likewise placed
    expect(sets['set 8']).toHaveLength(36);
    expect(eightDocs).toHaveLength(5);
    expect(placed8.problems).toEqual([]);
    // set 9: 40 over the 5 documents written for it, likewise placed, all held out
    expect(sets['set 9']).toHaveLength(40);
    expect(nineDocs).toHaveLength(5);
    expect(placed9.problems).toEqual([]);
    expect(sets['set 9'].every((q) => q.heldout)).toBe(true);
    // sets 10–12: 20 each over the 3 documents written for each, likewise placed (11 and 12 held out)
    for (const [qs, docs, placedSet] of [[sets['set 10'], tenDocs, placed10], [sets['set 11'], elevenDocs, placed11], [sets['set 12'], twelveDocs, placed12]] as const) {
      expect(qs).toHaveLength(20);
      expect(docs).toHaveLength(3);
      expect(placedSet.problems).toEqual([]);
      for (const [kind, n] of [['term', 7], ['pair', 6], ['question', 7]] as const) expect(qs.filter((q) => q.kind === kind)).toHaveLength(n);
    }
    // sets 13–16 over the documents written for each, likewise placed: [set, documents, kinds (term, pair, question), all held out]
    const newer = [
      ['set 13', thirteenDocs, placed13, [7, 6, 11], true],
      ['set 14', fourteenDocs, placed14, [7, 6, 17], false],
      ['set 15', fifteenDocs, placed15, [5, 5, 20], false],
      ['set 16', sixteenDocs, placed16, [5, 5, 20], false],
      ['set 17', seventeenDocs, placed17, [5, 5, 20], true],
      ['set 18', eighteenDocs, placed18, [5, 5, 20], true],
      ['set 19', nineteenDocs, placed19, [5, 5, 20], true],
      ['set 20', twentyDocs, placed20, [8, 8, 24], true],
      ['set 21', twentyOneDocs, placed21, [8, 8, 24], true],
      ['set 22', twentyTwoDocs, placed22, [8, 8, 24], true],
      ['set 23', twentyThreeDocs, placed23, [8, 8, 24], true],
    ] as const;
    for (const [name, docs, placedSet, [terms, pairs, questions], heldout] of newer) {
      const qs = sets[name];
      expect(qs, name).toHaveLength(terms + pairs + questions);
      expect(docs.length, name).toBe(name === 'set 14' ? 4 : 3);
      expect(placedSet.problems).toEqual([]);
      if (heldout) expect(qs.every((q) => q.heldout), name).toBe(true);
      expect([terms, pairs, questions]).toEqual((['term', 'pair', 'question'] as const).map((k) => qs.filter((q) => q.kind === k).length));
    }
    for (const q of Object.values(sets).flat()) expect(Object.values(q.governing).some((g) => g.length > 0)).toBe(true);
    // No query string asked twice across the sets over corpus/ (sets 7–9, over other documents, may ask one again).
    const all = Object.entries(sets).flatMap(([name, qs]) => (['set 7', 'set 8', 'set 9', 'set 10', 'set 11', 'set 12', 'set 13', 'set 14', 'set 15', 'set 16', 'set 17', 'set 18', 'set 19', 'set 20', 'set 21', 'set 22', 'set 23'].includes(name) ? [] : qs)).map((q) => q.query);
    expect(new Set(all).size).toBe(all.length);
  });

  for (const set of Object.keys(sets) as SetName[])
    for (const kind of ['term', 'pair', 'question', 'all'] as const)
      it(`${set} ${kind}: governing articles in the top 10, as the district's best article, MRR — at least as claimed`, () => {
        const f = figures(set, kind === 'all' ? undefined : kind);
        const [top10, view, mrr] = CLAIMED[set][kind];
        expect(100 * f.top10).toBeGreaterThanOrEqual(top10);
        expect(100 * f.view).toBeGreaterThanOrEqual(view);
        expect(f.mrr).toBeGreaterThanOrEqual(mrr);
      });

  it('shows the governing article among a district\'s best articles (the view lists up to 3) at least as often as first: sets 21 and 22 93.8 / 97.3 %', () => {
    for (const set of Object.keys(sets) as SetName[]) expect(figures(set).shown, set).toBeGreaterThanOrEqual(figures(set).view);
    expect(100 * figures('set 21').shown).toBeGreaterThanOrEqual(93.8);
    expect(100 * figures('set 22').shown).toBeGreaterThanOrEqual(97.3);
  });

  it('misses no article that holds every part of a query word for word', () => {
    expect(Object.values(results).flat().flatMap((r) => r.verbatimMisses)).toEqual([]);
  });
});
