/**
 * Measurements behind the diff settings (docs/decisions/0020, 0021, 0022):
 *  1. whole-document character diff of two districts vs. aligned-pair diffs (time, fragments);
 *  2. granularity: characters vs. jieba tokens on the aligned pairs (fragments, time);
 *  3. merge threshold minEqual: fragments and marked share per setting;
 *  4. similarity cut-off: how much of a pair is marked, by similarity band.
 * Pairs: every link of align() over the corpus (the pairs the topic reports diff).
 * Run: npx tsx scripts/bench-diff.ts [--corpus dir]
 */
import { diffChars } from 'diff';
import { align } from '../src/align/index.js';
import { DEFAULT_MIN_EQUAL, diffTexts } from '../src/diff/index.js';
import { loadDocuments } from '../src/io/corpus.js';
import type { RuleDocument } from '../src/model.js';
import { articleBodyText } from '../src/report/articles.js';
import { getTokenizer } from '../src/tokenize/index.js';

const args = process.argv.slice(2);
const corpus = args[args.indexOf('--corpus') + 1] && args.includes('--corpus') ? args[args.indexOf('--corpus') + 1]! : 'corpus';
const { documents } = loadDocuments([], corpus);
const tokenizer = getTokenizer();
const byId = new Map(documents.map((d) => [d.id, d]));
const text = (docId: string, ordinal: number) => articleBodyText(byId.get(docId)!.articles.find((a) => a.ordinal === ordinal)!);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
function time(f: () => void, runs = 5): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  return median(t);
}
const fmt = (x: number, d = 1) => x.toFixed(d);

const alignment = align(documents);
const pairs = alignment.links.map((l) => [text(l.a.docId, l.a.ordinal), text(l.b.docId, l.b.ordinal)] as const);
console.log(`${pairs.length} aligned pairs (align() links over ${documents.length} documents)\n`);
tokenizer.cut('预热'); // load the dictionary before timing

// 1. Whole documents vs aligned pairs
const body = (d: RuleDocument) => d.articles.map((a) => a.text).join('\n');
const [da, db] = [byId.get('huairou-2021') ?? documents[0]!, byId.get('tongzhou-2022') ?? documents[1]!];
let wholeFragments = 0;
const wholeMs = time(() => {
  wholeFragments = diffChars(body(da), body(db)).filter((c) => c.added || c.removed).length;
}, 1);
const docPairs = alignment.links.filter((l) => l.a.docId === da.id && l.b.docId === db.id).map((l) => [text(l.a.docId, l.a.ordinal), text(l.b.docId, l.b.ordinal)] as const);
let pairFragments = 0;
const pairMs = time(() => {
  pairFragments = docPairs.reduce((n, [x, y]) => n + diffTexts(x, y, { cutoff: 0 }).changes, 0);
});
console.log('1. whole-document character diff vs aligned-pair token diffs');
console.log(`   ${da.id} × ${db.id}: whole-document diffChars ${fmt(wholeMs, 0)} ms, ${wholeFragments} changed fragments`);
console.log(`   the same two documents as ${docPairs.length} aligned pairs, token diff with merging: ${fmt(pairMs, 0)} ms, ${pairFragments} changed places (${fmt(wholeMs / pairMs, 0)}× faster)\n`);

// 2. Granularity
const stats = (opts: Parameters<typeof diffTexts>[2]) => {
  let changes = 0;
  let marked = 0;
  let chars = 0;
  let tiny = 0;
  for (const [x, y] of pairs) {
    const d = diffTexts(x, y, { ...opts, cutoff: 0 });
    changes += d.changes;
    for (const p of [...d.left, ...d.right]) {
      chars += p.text.length;
      if (p.changed) {
        marked += p.text.length;
        if (p.text.length <= 1) tiny++;
      }
    }
  }
  return { perPair: changes / pairs.length, markedShare: marked / chars, tiny };
};
console.log('2. granularity (no merging, minEqual 1)');
for (const g of ['char', 'token'] as const) {
  const ms = time(() => pairs.forEach(([x, y]) => diffTexts(x, y, { granularity: g, minEqual: 1, cutoff: 0 })), 3);
  const s = stats({ granularity: g, minEqual: 1 });
  console.log(`   ${g.padEnd(6)} ${fmt(s.perPair)} changed places per pair, ${fmt(s.markedShare * 100)}% of characters marked, ${s.tiny} one-character marks, ${fmt(ms, 0)} ms for all pairs`);
}

// 3. Merge threshold
console.log('\n3. merge threshold (token granularity): fold unchanged runs shorter than minEqual characters');
const base = stats({ minEqual: 1 });
for (const m of [1, 2, 3, 4, 6, 8]) {
  const s = stats({ minEqual: m });
  console.log(`   minEqual ${String(m).padEnd(2)} ${fmt(s.perPair)} changed places per pair (${fmt((s.perPair / base.perPair) * 100, 0)}%), ${fmt(s.markedShare * 100)}% marked (+${fmt((s.markedShare - base.markedShare) * 100)} points), ${s.tiny} one-character marks`);
}

// 4. Cut-off
console.log(`\n4. similarity bands (token granularity, minEqual ${DEFAULT_MIN_EQUAL}): how much of a pair is marked`);
const bands = [0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.8, 1.01];
for (let i = 0; i < bands.length - 1; i++) {
  const [lo, hi] = [bands[i]!, bands[i + 1]!];
  const ds = pairs.map(([x, y]) => diffTexts(x, y, { cutoff: 0 })).filter((d) => d.similarity >= lo && d.similarity < hi);
  if (ds.length === 0) continue;
  const share = (d: ReturnType<typeof diffTexts>) => {
    const all = [...d.left, ...d.right];
    const n = all.reduce((s, p) => s + p.text.length, 0);
    return n ? all.filter((p) => p.changed).reduce((s, p) => s + p.text.length, 0) / n : 0;
  };
  const perHundred = (d: ReturnType<typeof diffTexts>) => (d.changes * 100) / Math.max(1, [...d.left].reduce((s, p) => s + p.text.length, 0));
  const longestCommon = (d: ReturnType<typeof diffTexts>) => Math.max(0, ...d.left.filter((p) => !p.changed).map((p) => p.text.length));
  console.log(
    `   similarity ${fmt(lo, 2)}–${fmt(Math.min(hi, 1), 2)}: ${String(ds.length).padStart(3)} pairs, median ${fmt(median(ds.map(share)) * 100, 0)}% marked, ${fmt(median(ds.map(perHundred)))} changes per 100 characters, median longest unchanged run ${median(ds.map(longestCommon))} chars`,
  );
}
