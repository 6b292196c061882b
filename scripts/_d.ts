import { loadDocuments } from '../src/io/corpus.js';
import { analyse } from '../src/pipeline.js';
import { search, queryTopics } from '../src/search/search.js';
const index = analyse(loadDocuments([], 'corpus').documents).searchIndex;
for (const q of process.argv.slice(2)) {
  const r = search(index, q, { limit: 8, topicPrior: 2 });
  console.log(q, [...queryTopics(index, r.parts)].join(','), r.partial ? 'PARTIAL' : '', r.total);
  for (const h of r.hits) { const a = index.articles.find((x) => x.docId === h.citation.docId && x.ordinal === h.citation.ordinal)!; console.log('  ', h.citation.docId, h.citation.ordinal, h.score, (a.mainTopics ?? []).join(','), h.snippet.text.slice(0, 40)); }
}
