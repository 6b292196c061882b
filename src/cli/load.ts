/** Loading documents for a command: files or --corpus; bad files reported one line each, the rest go on. */
import { loadDocuments, DEFAULT_CORPUS, type LoadError } from '../io/corpus.js';
import type { RuleDocument } from '../model.js';
import { analyse, type AnalyseOptions, type CorpusAnalysis } from '../pipeline.js';

export interface LoadOptions {
  corpus?: string;
}

/** Documents from the arguments (or the corpus). Errors go to stderr; `failed` tells the caller to exit non-zero. */
export function loadForCommand(files: string[], opts: LoadOptions): { documents: RuleDocument[]; errors: LoadError[]; failed: boolean } {
  const { documents, errors } = loadDocuments(files, opts.corpus ?? DEFAULT_CORPUS);
  for (const e of errors) process.stderr.write(`rulecmp: ${e.message.startsWith(e.path) ? e.message : `${e.path}: ${e.message}`}\n`);
  if (documents.length === 0 && errors.length === 0) process.stderr.write(`rulecmp: ${opts.corpus ?? DEFAULT_CORPUS}: no documents (.txt, .html)\n`);
  return { documents, errors, failed: errors.length > 0 || documents.length === 0 };
}

/** The corpus analysis of the arguments (or the corpus), with the load errors already reported. */
export function analysisForCommand(files: string[], opts: LoadOptions, options: AnalyseOptions = {}): { analysis: CorpusAnalysis; errors: LoadError[]; failed: boolean } {
  const loaded = loadForCommand(files, opts);
  return { analysis: analyse(loaded.documents, options), errors: loaded.errors, failed: loaded.failed };
}
