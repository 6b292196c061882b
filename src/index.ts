/** rulecmp as a library: the data model and the pure stages of the pipeline. */
export * from './model.js';
export { ingest, IngestError } from './ingest/index.js';
export { segment } from './segment/index.js';
export { getTokenizer, words, normalise } from './tokenize/index.js';
export { SearchIndex, search } from './search/index.js';
export { loadTaxonomy, classifyDocument, classifyDocuments } from './classify/index.js';
export { align, familiesForTopic, articleTopics } from './align/index.js';
export { extractFacts, extractDocumentFacts } from './extract/index.js';
export { diffTexts } from './diff/index.js';
export { renderReports } from './report/index.js';
export { outline } from './report/outline.js';
export { toAkomaNtoso, aknArticleIds } from './export/akn.js';
