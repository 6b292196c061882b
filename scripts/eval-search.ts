/**
 * Search quality on the corpus:
 * 1. recall@5 and MRR on the hand-read query fixtures (tests/fixtures/search-queries.json),
 *    with every query that misses an expected article listed;
 * 2. the verbatim guarantee: queries taken from the texts (random substrings), typed as
 *    they are and as "quoted phrases", against plain substring matching as the oracle;
 *    prints every article the oracle finds and search does not (must be none).
 * 3. the blind query sets (tests/fixtures/search-blind.json: 77 queries of three kinds, search-blind-2.json: 45 more,
 *    search-blind-3.json and search-blind-4.json: 48 more each, search-blind-5.json: 40 questions, search-blind-6.json:
 *    60 of three kinds (20 held out), search-blind-7.json: 48 of three kinds over eleven other documents (its own
 *    `corpus`, governing articles named by quotes), each written by someone who had not seen the code, with each
 *    district's governing article): per set and kind, the share of (query, district) pairs whose governing article is in the top 10, is
 *    the district's best article in the per-district view, and is among the articles the view shows for the district
 *    (its best ones: at most 3, each scoring at least 0.8 of the first), MRR within the district, verbatim misses; the held-out sets
 *    (4 and set 6's 20 flagged heldout) only as totals: their queries are not for tuning.
 * Exits 1 when recall@5 < 0.95, any verbatim miss, or a blind figure below its target (95 % top 10 and per-district
 * view, 90 % for questions).
 *
 *   npx tsx scripts/eval-search.ts [--queries 200] [--seed 1] [--verbatim scan|bigrams] [--tokenizer node-rs|nodejieba] [--tuning]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadDocument, loadDocuments } from '../src/io/corpus.js';
import type { VerbatimStrategy } from '../src/model.js';
import { analyse } from '../src/pipeline.js';
import { blindFigures, evaluateBlind, evaluateFixtures, textQueries, verbatimCheck, placeQuotes, type BlindFigures, type BlindQuery, type QueryFixture, type QuotedBlindQuery } from '../src/search/evaluate.js';
import { parseQuery } from '../src/search/terms.js';
import { getTokenizer, type TokenizerEngine } from '../src/tokenize/index.js';
import { configureTokenizerFromEnv } from '../src/io/jieba.js';
configureTokenizerFromEnv();

const arg = (name: string, dflt: string) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? process.argv[k + 1]! : dflt;
};
const nQueries = Number(arg('queries', '200'));
const seed = Number(arg('seed', '1'));
const verbatim = arg('verbatim', 'scan') as VerbatimStrategy;
const engine = arg('tokenizer', 'node-rs') as TokenizerEngine;

const { documents } = loadDocuments([], 'corpus');
// Built as every command builds it: with the classifier's topics.
const index = analyse(documents, { index: { verbatim, tokenizer: getTokenizer(engine) } }).searchIndex;
const fixtures = (JSON.parse(readFileSync('tests/fixtures/search-queries.json', 'utf8')) as { queries: QueryFixture[] }).queries;

console.log(`corpus: ${documents.length} documents, ${index.articles.length} articles; tokenizer ${engine}, verbatim ${verbatim}\n`);
const report = evaluateFixtures(index, fixtures, 5);
for (const r of report.results) {
  if (r.found === r.fixture.expect.length) continue;
  const where = r.fixture.district ? ` [${r.fixture.district}]` : '';
  const missed = r.fixture.expect.map((e, i) => `${e.doc}#${e.ordinal}→${r.ranks[i] ?? '-'}`).join(' ');
  console.log(`  below top 5: ${r.fixture.query}${where}  ${missed}`);
}
console.log(`fixture queries: ${report.results.length}`);
console.log(`recall@5: ${report.recall.toFixed(3)} (mean over queries; ${report.microRecall.toFixed(3)} over all ${report.results.reduce((s, r) => s + r.fixture.expect.length, 0)} expected articles)`);
console.log(`MRR: ${report.mrr.toFixed(3)}`);

const queries = textQueries(index.articles, nQueries, seed);
const v = verbatimCheck(index, queries);
console.log(`\nverbatim oracle: ${v.checked} queries taken from the texts (seed ${seed}), ${v.oracleHits} article hits by plain substring matching`);
for (const m of v.misses) console.log(`  MISS (${m.form}) ${JSON.stringify(m.query)}: ${m.missed.map((x) => `${x.docId}#${x.ordinal}`).join(' ')}`);
console.log(`verbatim misses: ${v.misses.reduce((s, m) => s + m.missed.length, 0)}`);

// The baseline the verbatim layer is there for: MiniSearch word matching alone (every jieba
// unit of the query an indexed word, exactly or as a prefix), ranked by its BM25.
const wordsOnly = (query: string, district: string | null) => {
  const units = parseQuery(query, index.tokenizer).flatMap((p) => p.units);
  return index.wordSearch(units).filter((r) => !district || index.articles[r.id]!.docId === district);
};
let baseRecall = 0;
for (const f of fixtures) {
  const top = new Set(wordsOnly(f.query, f.district).slice(0, 5).map((r) => `${index.articles[r.id]!.docId}#${index.articles[r.id]!.ordinal}`));
  baseRecall += f.expect.filter((e) => top.has(`${e.doc}#${e.ordinal}`)).length / f.expect.length;
}
let baseMisses = 0;
let baseMissQueries = 0;
for (const q of queries) {
  const got = new Set(wordsOnly(q, null).map((r) => r.id));
  const missed = index.articles.filter((a, id) => a.text.includes(q) && !got.has(id)).length;
  baseMisses += missed;
  if (missed) baseMissQueries++;
}
console.log(`\nbaseline, jieba words alone (no verbatim layer): recall@5 ${(baseRecall / fixtures.length).toFixed(3)}; verbatim misses ${baseMisses} of ${v.oracleHits} (${baseMissQueries} of ${queries.length} queries miss at least one article)`);

// ---- the blind query sets
// Each written by someone who had not seen the code. Sets 1 (77 queries), 2 (45) and 3 (48) are tuning now: set 1
// since its first run, set 2 since set 3 was written, set 3 since sets 4 and 5 were (each set's held-out figures were
// reported at its first run and after each kept rule); sets 4 (48) and 5 (40 questions) are held out. A query's own
// `heldout` flag says what it was when its set was written.
const SETS = [
  { file: 'tests/fixtures/search-blind.json', label: 'set 1', heldout: false },
  { file: 'tests/fixtures/search-blind-2.json', label: 'set 2', heldout: false },
  { file: 'tests/fixtures/search-blind-3.json', label: 'set 3', heldout: false },
  { file: 'tests/fixtures/search-blind-4.json', label: 'set 4', heldout: true },
  // Set 5's misses were read this round (the verb-not-verb rule): tuning since.
  { file: 'tests/fixtures/search-blind-5.json', label: 'set 5', heldout: false },
  // Set 6 (60: 15 terms, 15 pairs, 30 questions), written this round: its 40 queries flagged heldout: false are tuning
  // since its first run, its 20 flagged heldout: true (every third) are held out of every tuning run.
  { file: 'tests/fixtures/search-blind-6.json', label: 'set 6 tuning', heldout: false, only: false },
  { file: 'tests/fixtures/search-blind-6.json', label: 'set 6 held out', heldout: true, only: true },
  // Set 7 (48: 12 terms, 12 pairs, 24 questions) is over other documents — the eleven of the blind reviews of
  // segmenting (its `corpus`), none in corpus/ — its governing articles named by quotes; held out at its first run
  // (top 10 74.9 %, per-district 75.9 %), tuning since.
  { file: 'tests/fixtures/search-blind-7.json', label: 'set 7', heldout: false },
  // Set 8 (36: 10 terms, 10 pairs, 16 questions) over five documents written for it (tests/fixtures/search-8: a
  // Guizhou county, a Chongqing district with 节, a banner numbered 1．, a city's portal page, a district in traditional
  // characters with Taiwan wording), written after set 7's rules: held out at its first run (top 10 87.5 %,
  // per-district 82.7 %), tuning since (its misses were read for the how-often rule).
  { file: 'tests/fixtures/search-blind-8.json', label: 'set 8', heldout: false },
  // Set 9 (40: 10 terms, 10 pairs, 20 questions) over five more documents written for it (tests/fixtures/search-9: a
  // province, a county-level city, an autonomous county numbered 一、, a 2008 district with its notice, a banner's
  // portal page), written after every rule of this round: held out.
  { file: 'tests/fixtures/search-blind-9.json', label: 'set 9', heldout: true },
  // Set 10 (20: 7 terms, 6 pairs, 7 questions) over three documents written for it (tests/fixtures/search-10: the
  // municipality of Chongqing with 节, a township numbered 一、, a county's rules copied out of a Word file with 第1条,
  // page headers and numbers and a table of contents), written after set 9's round: held out at its first run (top 10
  // 91.4 %, per-district 86.2 %), tuning since.
  { file: 'tests/fixtures/search-blind-10.json', label: 'set 10', heldout: false },
  // Set 11 (20: 7 terms, 6 pairs, 7 questions) over three more documents written for it (tests/fixtures/search-11: an
  // autonomous region's portal page with a table in an article, a Shenzhen district with an appendix table, a county's
  // revised rules with a table of contents and revision notes), by another helper at the same time: held out.
  { file: 'tests/fixtures/search-blind-11.json', label: 'set 11', heldout: true },
  // Set 12 (20: 7 terms, 6 pairs, 7 questions) over three documents written for it after every rule of this round
  // (tests/fixtures/search-12: a Tianjin district copied out of a PDF with hard line breaks and page footers, a
  // province's page laid out in a table, a county-level city in 新疆 with full-width 第１条 and ① items): held out.
  { file: 'tests/fixtures/search-blind-12.json', label: 'set 12', heldout: true },
  // Set 13 (24: 7 terms, 6 pairs, 11 questions) over three documents written for it after the last round
  // (tests/fixtures/search-13: a prefecture-level city's rules in traditional characters, a 2012 county whose chapters
  // are headed 一、 with no 第X章, a provincial capital's district on a portal page): held out.
  { file: 'tests/fixtures/search-blind-13.json', label: 'set 13', heldout: true },
  // Set 14 (30: 7 terms, 6 pairs, 17 questions) over four documents written for it in the same round (tests/fixtures/
  // search-14: a province, a county with items 1. and (1) and a table in an article, a city whose labels stand on lines
  // of their own, a Shanghai district's portal page): held out at its first run (top 10 89.1 %, per-district 84.5 %,
  // questions 80.0 / 73.3 %), tuning since (its questions read for the rules of the round's end; set 15 held out).
  { file: 'tests/fixtures/search-blind-14.json', label: 'set 14', heldout: false },
  // Set 15 (30: 5 terms, 5 pairs, 20 questions) over three documents written for it at the round's end (tests/fixtures/
  // search-15: a 2015 county, a city with its notice, an autonomous prefecture's portal page), run once after every
  // rule of the round but the last two: held out at its first run (86.9 / 70.2 %, questions 80.4 / 66.1 %), tuning
  // since the round's end (set 17 held out).
  { file: 'tests/fixtures/search-blind-15.json', label: 'set 15', heldout: false },
  // Set 16 (30: 5 terms, 5 pairs, 20 questions) over three more documents written for it (tests/fixtures/search-16: a
  // district of 淄博 in plain text, a province with its notice and items （一）, a county's portal page), run once after
  // every rule of the round: held out at its first run (83.8 / 72.5 %, questions 76.4 / 61.8 %), tuning since the
  // round's end (set 17 held out).
  { file: 'tests/fixtures/search-blind-16.json', label: 'set 16', heldout: false },
  // Set 17 (30: 5 terms, 5 pairs, 20 questions) over three documents written for it at the round's very end (tests/
  // fixtures/search-17: 柳州's rules, a district's portal page, a 2008 county in the older style), run once after every
  // rule of the round, sets 15 and 16's included: held out.
  { file: 'tests/fixtures/search-blind-17.json', label: 'set 17', heldout: true },
  // Set 18 (30: 5 terms, 5 pairs, 20 questions) over three documents written for it (tests/fixtures/search-18: a
  // province of 2021, a county-level city numbered 第1条 with items 1. and （1）, a district's 2024 portal page with
  // its notice), run once before any rule of the 2026-12-03 round: held out at its first run (91.7 / 90.5 %, questions 89.8 / 88.1 %), tuning since.
  { file: 'tests/fixtures/search-blind-18.json', label: 'set 18', heldout: false },
  // Set 19 (30: 5 terms, 5 pairs, 20 questions) over three documents written for it by another helper in the same round
  // (tests/fixtures/search-19: a prefecture-level city of 2023 with its notice and items ①, a 2019 county in traditional
  // characters numbered 第一條, an autonomous prefecture's 2022 portal page), run once after every rule of the round: held out.
  { file: 'tests/fixtures/search-blind-19.json', label: 'set 19', heldout: true },
  // Set 20 (40: 8 terms, 8 pairs, 24 questions) over three documents written for it in the round after (tests/fixtures/
  // search-20: a county-level city of 2025 numbered 第1条 with items 1．, a province's 2018 portal page with paragraphs
  // split by <br/>, a 2022 district with sections 第一节 and full-width digits), run once after every rule of the
  // 2026-12-03 round: held out at its first run (93.3 / 84.9 %, questions 90.3 / 79.2 %), tuning since (its misses read).
  { file: 'tests/fixtures/search-blind-20.json', label: 'set 20', heldout: false },
  // Set 21 (40: 8 terms, 8 pairs, 24 questions) over three documents written for it by another helper after set 20's
  // first run (tests/fixtures/search-21: a 直辖市 district's 2021 rules copied from Word, an autonomous county's 2016
  // portal page laid out in a table, a city's 2024 revision with its notice and a table of contents), run once after
  // every rule of the round, set 20's included: held out.
  { file: 'tests/fixtures/search-blind-21.json', label: 'set 21', heldout: true },
  // Set 22 (40: 8 terms, 8 pairs, 24 questions) over three documents written for it by another helper on 2026-12-03
  // (third round; tests/fixtures/search-22: a province's 2018 portal page with spaced chapter titles, an Inner Mongolia
  // banner's 2019 rules numbered 第1章 / 第1条 after its notice, a county's 2017 rules in traditional characters), run
  // once after every rule of the round: held out.
  { file: 'tests/fixtures/search-blind-22.json', label: 'set 22', heldout: true },
  // Set 23 (40: 8 terms, 8 pairs, 24 questions) over three documents written for it by another helper after set 22's
  // first run (tests/fixtures/search-23: a county-level city's 2020 rules copied out of a PDF with hard line breaks and
  // page footers, an autonomous prefecture's 2023 page with <div> paragraphs, a Chongqing district's 2019 rules with
  // their notice and items ①), run once after every rule of the round, set 22's vocabulary included: held out.
  { file: 'tests/fixtures/search-blind-23.json', label: 'set 23', heldout: true },
];
const pct = (x: number) => `${(100 * x).toFixed(1)} %`.padStart(8);
const row = (label: string, f: BlindFigures) =>
  console.log(`${label.padEnd(22)} ${String(f.queries).padStart(7)} ${String(f.pairs).padStart(6)} ${pct(f.top10)} ${pct(f.view)} ${pct(f.shown)} ${f.mrr.toFixed(3).padStart(7)} ${`${f.allFound}/${f.queries}`.padStart(10)} ${String(f.verbatimMisses).padStart(9)}`);
const kinds = ['term', 'pair', 'question'] as const;
const failures: string[] = [];
const header = () => console.log(`\n${'kind'.padEnd(22)} queries  pairs   top 10  district's best  in its view   MRR  all found  verbatim misses`);
// --tuning: the tuning sets only (what to look at while tuning: the held-out figures are for the end).
for (const set of SETS.filter((x) => !x.heldout || !process.argv.includes('--tuning'))) {
  const data = JSON.parse(readFileSync(set.file, 'utf8')) as { corpus?: string[]; queries: BlindQuery[] };
  let queries = data.queries.filter((q) => !('only' in set) || q.heldout === set.only);
  let setIndex = index;
  if (data.corpus) {
    // A set over other documents: their own index, and each quoted governing article placed in them.
    const docs = data.corpus.map((f) => loadDocument(f, basename(f).replace(/\.[^.]+$/u, '')));
    setIndex = analyse(docs, { index: { verbatim, tokenizer: getTokenizer(engine) } }).searchIndex;
    const placed = placeQuotes(data.queries as unknown as QuotedBlindQuery[], docs);
    for (const p of placed.problems) console.log(`  ${set.label}: ${p}`);
    queries = placed.queries;
  }
  const results = evaluateBlind(setIndex, queries);
  console.log(`\nblind ${set.label} (${set.file}): ${queries.length} queries, ${set.heldout ? 'held out' : 'tuning'}`);
  if (!set.heldout) {
    for (const r of results) {
      if (r.top10.length === r.pairs.length && r.view.length === r.pairs.length && !r.verbatimMisses.length) continue;
      const miss = (list: string[]) => r.pairs.filter((d) => !list.includes(d)).map((d) => d.split('-')[0]).join(',') || '-';
      console.log(`  ${r.query.id} ${r.query.kind.padEnd(8)} ${r.query.query}  not in top 10: ${miss(r.top10)}; not best in view: ${miss(r.view)}${r.verbatimMisses.length ? `; verbatim misses ${r.verbatimMisses.join(' ')}` : ''}`);
    }
  }
  header();
  for (const kind of kinds) {
    const f = blindFigures(results.filter((r) => r.query.kind === kind));
    row(`${set.label} ${kind}`, f);
    const target = kind === 'question' ? 0.9 : 0.95;
    if (f.top10 < target || f.view < target) failures.push(`${set.label} ${kind}`);
  }
  const all = blindFigures(results);
  row(`${set.label} all`, all);
  if (all.top10 < 0.95 || all.view < 0.95 || all.verbatimMisses) failures.push(`${set.label} all`);
}
if (failures.length) console.log(`below target: ${failures.join(', ')}`);

if (report.recall < 0.95 || v.misses.length || failures.length) process.exitCode = 1;
