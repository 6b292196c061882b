/**
 * The search stage: articles → a word index (postings.ts) (persisted under reports/), queries →
 * ranked, cited hits with highlighted snippets.
 */
export { SearchIndex, INDEX_FORMAT, FIELD_BOOST, articlesOf } from './searchIndex.js';
export type { BuildIndexOptions, CorpusSnapshot, SearchIndexData, SearchIndexMeta } from './searchIndex.js';
export { search, filterArticles, EmptyQueryError, FilterError, SUBSTRING_WEIGHT } from './search.js';
export type { SearchOptions } from './search.js';
export { snippet } from './snippet.js';
export { parseQuery, units, indexTerms, grams } from './terms.js';
