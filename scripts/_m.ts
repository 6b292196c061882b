import { readFileSync } from 'node:fs';
import { loadDocuments } from '../src/io/corpus.js';
import { analyse } from '../src/pipeline.js';
import { search, queryTopics } from '../src/search/search.js';
const index = analyse(loadDocuments([], 'corpus').documents).searchIndex;
const qs = JSON.parse(readFileSync('tests/fixtures/search-blind.json', 'utf8')).queries.filter((q: any) => !q.heldout && (process.argv.length < 3 || process.argv.slice(2).includes(q.id)));
for (const q of qs) {
  const r = search(index, q.query, { limit: Infinity });
  const lines: string[] = [];
  for (const [doc, ords] of Object.entries(q.governing) as [string, number[]][]) {
    if (!ords.length) continue;
    const own = r.hits.filter((h) => h.citation.docId === doc);
    const at = own.findIndex((h) => ords.includes(h.citation.ordinal));
    const g = r.hits.findIndex((h) => h.citation.docId === doc && ords.includes(h.citation.ordinal));
    if (at !== 0 || g >= 10) {
      const best = own[0];
      const art = (o: number) => index.articles.find((a) => a.docId === doc && a.ordinal === o)!;
      const gh = r.hits[g];
      lines.push(`   ${doc} gov ${ords} rank ${g + 1} (in doc ${at + 1}) score ${gh?.score ?? '-'} [${art(ords[0]!).mainTopics}]; best ${best?.citation.ordinal} score ${best?.score} [${best ? art(best.citation.ordinal).mainTopics : ''}] ${best?.snippet.text.slice(0, 50)}`);
    }
  }
  if (lines.length) console.log(q.id, q.query, r.partial ? 'PARTIAL' : '', r.total, 'topics:', [...queryTopics(index, r.parts)].slice(0, 4).join(','), '\n' + lines.join('\n'));
}
