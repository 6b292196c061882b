/**
 * Where the articles that regulate a topic (hand gold, tests/fixtures/alignment-gold.json) rank for the topic's own
 * word, with and without the lead boost (articles that open with the query): npx tsx scripts/eval-search-lead.ts
 */
import { loadDocuments } from '../src/io/corpus.js';
import { SearchIndex } from '../src/search/searchIndex.js';
import { search } from '../src/search/search.js';
import gold from '../tests/fixtures/alignment-gold.json' with { type: 'json' };
const idx = SearchIndex.build(loadDocuments([], 'corpus').documents);
for (const [q, topic] of [['常务会议','executive-meeting'],['全体会议','plenary-meeting'],['会议纪要','meeting-minutes'],['请假','meeting-leave'],['规范性文件','normative-documents'],['合法性审查','legality-review']]) {
  const t = (gold as any).topics.find((x: any) => x.topic === topic);
  const want = Object.entries(t.articles).flatMap(([d, os]: any) => os.map((o: number) => `${d}:${o}`));
  for (const lb of [false, true]) {
    const r = search(idx, q, { limit: 500, leadBoost: lb });
    const ranks = want.map((w) => r.hits.findIndex((h) => `${h.citation.docId}:${h.citation.ordinal}` === w) + 1);
    console.log(q, lb ? 'lead' : 'plain', ranks.join(','), 'mean rank', (ranks.reduce((a, b) => a + b, 0) / ranks.length).toFixed(1));
  }
}
