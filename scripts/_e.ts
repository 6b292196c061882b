import { loadDocuments } from '../src/io/corpus.js';
import { analyse } from '../src/pipeline.js';
import { search } from '../src/search/search.js';
const index = analyse(loadDocuments([], 'corpus').documents).searchIndex;
const r = search(index, process.argv[2]!, { limit: Infinity });
console.log(JSON.stringify(r.parts.map((p) => p.terms.map((t) => [t.text, t.units, t.alternatives.map((a) => a.text)]))));
for (const h of r.hits.filter((h) => h.citation.docId === (process.argv[3] ?? 'huairou-2021')).slice(0, 15)) console.log(h.rank, h.citation.ordinal, h.score, h.partial ?? '', JSON.stringify(h.alternatives ?? []), h.snippet.text.slice(0, 50));
