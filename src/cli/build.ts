/**
 * `rulecmp build` (what `npm start` runs): every output the project makes, from the
 * corpus into reports/. Each stage contributes one step; outputs are deterministic
 * (same input, same bytes), so reports/ can be committed and diffed.
 */
import { join } from 'node:path';
import type { Alignment, RuleDocument } from '../model.js';
import type { LoadError } from '../io/corpus.js';
import { writeJson, writeText } from '../io/write.js';
import { corpusOverview } from '../report/overview.js';
import { searchIndexStep } from '../search/store.js';
import { alignBuildStep } from './commands/align.js';
import { reportBuildStep } from './commands/report.js';
import { aknBuildStep } from './commands/export.js';

export interface BuildContext {
  documents: RuleDocument[];
  /** Files that could not be read or segmented (already reported on stderr). */
  errors: LoadError[];
  corpusDir: string;
  outDir: string;
  log(message: string): void;
  /** Results one step computes and a later one reuses (the alignment: align step → report step). */
  alignment?: Alignment;
}

export interface BuildStep {
  name: string;
  run(ctx: BuildContext): void | Promise<void>;
}

const segments: BuildStep = {
  name: 'segment',
  run(ctx) {
    for (const doc of ctx.documents) writeJson(join(ctx.outDir, 'documents', `${doc.id}.json`), doc);
    writeText(join(ctx.outDir, 'corpus.md'), corpusOverview(ctx.documents));
    ctx.log(`documents/*.json, corpus.md: ${ctx.documents.length} documents, ${ctx.documents.reduce((n, d) => n + d.articles.length, 0)} articles`);
  },
};

/** The build steps, in order. Later stages add theirs here. */
export const BUILD_STEPS: BuildStep[] = [
  segments,
  // build-steps: search index, alignment, facts and reports are added below this line
  searchIndexStep,
  alignBuildStep,
  reportBuildStep,
  aknBuildStep,
];
