import { readFileSync } from 'node:fs';
import { loadDocuments } from '../src/io/corpus.js';
import { analyse } from '../src/pipeline.js';
import { blindFigures, evaluateBlind } from '../src/search/evaluate.js';
const qs = JSON.parse(readFileSync('tests/fixtures/search-blind.json', 'utf8')).queries;
const r = evaluateBlind(analyse(loadDocuments([], 'corpus').documents).searchIndex, qs);
for (const h of [false, true]) for (const k of ['term', 'pair', 'question', undefined]) { const f = blindFigures(r.filter((x) => x.query.heldout === h && (!k || x.query.kind === k))); console.log(h ? 'held' : 'tune', k ?? 'all', Math.floor(1000 * f.top10) / 10, Math.floor(1000 * f.view) / 10, Math.floor(1000 * f.mrr) / 1000, f.pairs, Math.round(f.top10*f.pairs), Math.round(f.view*f.pairs)); }
