/**
 * Precision and recall of the fact extractors against the hand-read fixtures, per kind, per document and over
 * each set; attribute accuracy on loosely paired facts (frequency, quorum, band edges, deciders, verb,
 * recipient, amountFree, condition …); and, where the expectations state them, structure (chapters, articles,
 * first and last label, chapter titles) and metadata (title, jurisdiction, issuer, document number, year, issue
 * date) right or wrong.
 * Sets: the seeds (corpus/ with tests/fixtures/facts/<docId>.json), the held-out documents
 * (tests/fixtures/heldout/), and a further directory of documents with expectations (--extra, default
 * tests/fixtures/heldout-3/: the third blind review), each <name>.txt or .html with <name>.json beside it.
 * Run: npx tsx scripts/eval-facts.ts [--corpus dir] [--fixtures dir] [--heldout dir] [--extra dir] [--verbose]
 * Matching keys are documented in src/extract/score.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocumentFacts, type DocumentFacts } from '../src/extract/index.js';
import {
  SCORED_KINDS, addAttributes, checkDocument, scoreAttributes, scoreDocument, scoredMeeting, total,
  type AttributeScore, type GoldFacts, type KindScore, type ScoredKind,
} from '../src/extract/score.js';
import { loadDocument, loadDocuments } from '../src/io/corpus.js';
import type { RuleDocument } from '../src/model.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const corpus = opt('--corpus', 'corpus');
const fixtures = opt('--fixtures', 'tests/fixtures/facts');
const heldout = opt('--heldout', 'tests/fixtures/heldout');
const extra = opt('--extra', 'tests/fixtures/heldout-3');
const verbose = args.includes('--verbose');

interface Entry {
  id: string;
  doc: RuleDocument | null;
  gold: GoldFacts | null;
  /** Why the document could not be read, if it could not. */
  error?: string;
}

/** Documents of a directory that have <name>.json beside them; a file that cannot be read is an entry with no document. */
function fixtureDir(dir: string): Entry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(?:txt|html?)$/u.test(f) && existsSync(join(dir, f.replace(/\.[^.]+$/u, '.json'))))
    .sort()
    .map((f) => {
      const id = f.replace(/\.[^.]+$/u, '');
      const gold = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as GoldFacts;
      try {
        return { id, doc: loadDocument(join(dir, f), id), gold };
      } catch (e) {
        return { id, doc: null, gold, error: (e as Error).message };
      }
    });
}

const EMPTY = (docId: string): DocumentFacts => ({ docId, meetings: [], thresholds: [], deadlines: [], leave: [] });
const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
const frac = ([a, b]: [number, number]) => `${a}/${b}${b ? ` (${pct(a / b).trim()}%)` : ''}`;

function run(title: string, entries: Entry[]): void {
  const perKind: Record<ScoredKind, KindScore[]> = { meetings: [], thresholds: [], deadlines: [], leave: [] };
  const attrs: Record<ScoredKind, AttributeScore> = { meetings: {}, thresholds: {}, deadlines: {}, leave: {} };
  const checks: { id: string; structure: ReturnType<typeof checkDocument>['structure']; metadata: ReturnType<typeof checkDocument>['metadata'] }[] = [];
  let unscored = 0;
  console.log(`\n== ${title}`);
  console.log(`${'document'.padEnd(18)}${'kind'.padEnd(12)}${'gold'.padStart(5)}${'found'.padStart(6)}${'match'.padStart(6)}${'P%'.padStart(7)}${'R%'.padStart(7)}`);
  for (const e of entries) {
    if (!e.gold) {
      console.log(`${e.id.padEnd(18)}(no fixture)`);
      continue;
    }
    if (e.error) console.log(`${e.id.padEnd(18)}not read: ${e.error}`);
    const extracted = e.doc ? extractDocumentFacts(e.doc) : EMPTY(e.id);
    unscored += extracted.meetings.filter((f) => !scoredMeeting(f)).length;
    const scores = scoreDocument(e.gold, extracted);
    const disagreements: string[] = [];
    const a = scoreAttributes(e.gold, extracted, disagreements);
    for (const kind of SCORED_KINDS) {
      const s = scores[kind];
      perKind[kind].push(s);
      addAttributes(attrs[kind], a[kind]);
      console.log(`${e.id.padEnd(18)}${kind.padEnd(12)}${String(s.gold).padStart(5)}${String(s.extracted).padStart(6)}${String(s.matched).padStart(6)}${pct(s.precision).padStart(7)}${pct(s.recall).padStart(7)}`);
      if (verbose) {
        for (const m of s.missed) console.log(`    missed   ${m.article}: ${m.what}`);
        for (const m of s.spurious) console.log(`    spurious ${m.article}: ${m.what}`);
      }
    }
    if (verbose) for (const d of disagreements) console.log(`    attribute ${d}`);
    if (e.gold.structure || e.gold.metadata) checks.push({ id: e.id, ...checkDocument(e.gold, e.doc) });
  }
  console.log(`overall (${title})`);
  for (const kind of SCORED_KINDS) {
    const t = total(perKind[kind]);
    console.log(`${''.padEnd(18)}${kind.padEnd(12)}${String(t.gold).padStart(5)}${String(t.extracted).padStart(6)}${String(t.matched).padStart(6)}${pct(t.precision).padStart(7)}${pct(t.recall).padStart(7)}`);
  }
  console.log(`${''.padEnd(18)}(${unscored} meeting facts that only state minutes or their deadline are outside the fixtures' scope and not scored)`);
  console.log(`attribute accuracy (${title}; facts paired on looser keys, see src/extract/score.ts)`);
  for (const kind of SCORED_KINDS) {
    const list = Object.entries(attrs[kind]).map(([k, v]) => `${k} ${frac(v)}`);
    console.log(`${''.padEnd(18)}${kind.padEnd(12)}${list.join(', ') || '(no pairs)'}`);
  }
  if (checks.length) {
    console.log(`structure and metadata (${title})`);
    const totals = { structure: [0, 0] as [number, number], metadata: [0, 0] as [number, number] };
    for (const c of checks) {
      for (const part of ['structure', 'metadata'] as const) {
        const fields = c[part].fields;
        if (!fields.length) continue;
        totals[part][0] += fields.filter((f) => f.right).length;
        totals[part][1] += fields.length;
        const wrong = fields.filter((f) => !f.right).map((f) => `${f.name}: expected ${JSON.stringify(f.expected)}, found ${JSON.stringify(f.found)}`);
        console.log(`${c.id.padEnd(18)}${part.padEnd(10)} ${fields.map((f) => `${f.name} ${f.right ? '✓' : '✗'}`).join(' ')}`);
        for (const w of wrong) console.log(`${''.padEnd(30)}${w}`);
      }
    }
    console.log(`${''.padEnd(18)}structure ${frac(totals.structure)} right, metadata ${frac(totals.metadata)} right`);
  }
}

const { documents: seeds, errors } = loadDocuments([], corpus);
for (const e of errors) console.error(`${e.path}: ${e.message}`);
run(
  'seed corpus (the fixtures the extractors were developed on)',
  seeds.map((doc) => {
    const path = join(fixtures, `${doc.id}.json`);
    return { id: doc.id, doc, gold: existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as GoldFacts) : null };
  }),
);
// Held-out: documents of the genre that are not seeds (documents there without a .json serve other tests).
const held = fixtureDir(heldout);
if (held.length) run('held-out documents (not seeds)', held);
const more = fixtureDir(extra);
if (more.length) run(`further documents (${extra})`, more);
