/** rulecmp as a library: the pure stages and the data model. */
export * from './model.js';
export { ingest, IngestError } from './ingest/index.js';
export { segment } from './segment/index.js';
export { getTokenizer, words, normalise } from './tokenize/index.js';
export { outline } from './report/outline.js';
