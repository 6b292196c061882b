/**
 * Precision and recall of the fact extractors against the hand-read fixtures
 * (tests/fixtures/facts/<docId>.json), per kind, per document and over the corpus.
 * Run: npx tsx scripts/eval-facts.ts [--corpus dir] [--fixtures dir] [--verbose]
 * Matching keys are documented in src/extract/score.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocumentFacts } from '../src/extract/index.js';
import { SCORED_KINDS, scoreDocument, scoredMeeting, total, type GoldFacts, type KindScore, type ScoredKind } from '../src/extract/score.js';
import { loadDocuments } from '../src/io/corpus.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const corpus = opt('--corpus', 'corpus');
const fixtures = opt('--fixtures', 'tests/fixtures/facts');
const heldout = opt('--heldout', 'tests/fixtures/heldout');
const verbose = args.includes('--verbose');

const { documents: seeds, errors } = loadDocuments([], corpus);
for (const e of errors) console.error(`${e.path}: ${e.message}`);
// Held-out: documents of the genre that are not seeds, each <id>.txt or <id>.html with its facts in <id>.json
// (documents there without a .json serve other tests and are not scored here).
const heldoutFiles = existsSync(heldout)
  ? readdirSync(heldout)
      .filter((f) => /\.(?:txt|html?)$/u.test(f) && existsSync(join(heldout, f.replace(/\.[^.]+$/u, '.json'))))
      .sort()
      .map((f) => join(heldout, f))
  : [];
const held = loadDocuments(heldoutFiles, heldout);
for (const e of held.errors) console.error(`${e.path}: ${e.message}`);
const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
function run(title: string, documents: typeof seeds, fixtureDir: string): void {
  const perKind: Record<ScoredKind, KindScore[]> = { meetings: [], thresholds: [], deadlines: [], leave: [] };
  let unscored = 0;
  console.log(`\n== ${title}`);
  console.log(`${'document'.padEnd(16)}${'kind'.padEnd(12)}${'gold'.padStart(5)}${'found'.padStart(6)}${'match'.padStart(6)}${'P%'.padStart(7)}${'R%'.padStart(7)}`);
  for (const doc of documents) {
    const path = join(fixtureDir, `${doc.id}.json`);
    if (!existsSync(path)) {
      console.log(`${doc.id.padEnd(16)}(no fixture)`);
      continue;
    }
    const gold = JSON.parse(readFileSync(path, 'utf8')) as GoldFacts;
    const extracted = extractDocumentFacts(doc);
    unscored += extracted.meetings.filter((f) => !scoredMeeting(f)).length;
    const scores = scoreDocument(gold, extracted);
    for (const kind of SCORED_KINDS) {
      const s = scores[kind];
      perKind[kind].push(s);
      console.log(`${doc.id.padEnd(16)}${kind.padEnd(12)}${String(s.gold).padStart(5)}${String(s.extracted).padStart(6)}${String(s.matched).padStart(6)}${pct(s.precision).padStart(7)}${pct(s.recall).padStart(7)}`);
      if (verbose) {
        for (const m of s.missed) console.log(`    missed   ${m.article}: ${m.what}`);
        for (const m of s.spurious) console.log(`    spurious ${m.article}: ${m.what}`);
      }
    }
  }
  console.log(`overall (${title})`);
  for (const kind of SCORED_KINDS) {
    const t = total(perKind[kind]);
    const attrs = Object.entries(t.attributes)
      .map(([k, [a, b]]) => `${k} ${a}/${b}`)
      .join(', ');
    console.log(`${''.padEnd(16)}${kind.padEnd(12)}${String(t.gold).padStart(5)}${String(t.extracted).padStart(6)}${String(t.matched).padStart(6)}${pct(t.precision).padStart(7)}${pct(t.recall).padStart(7)}   ${attrs}`);
  }
  console.log(`${''.padEnd(16)}(${unscored} meeting facts that only state minutes or their deadline are outside the fixtures' scope and not scored)`);
}

run('seed corpus (the fixtures the extractors were developed on)', seeds, fixtures);
if (held.documents.length) run('held-out documents (not seeds)', held.documents, heldout);
