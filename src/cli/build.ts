/**
 * `rulecmp build` (what `npm start` runs): every output the project makes, from one corpus analysis
 * into the output directory. Each step writes what one part of the analysis gives; outputs are
 * deterministic (same input, same bytes), so reports/ can be committed and diffed.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadError } from '../io/corpus.js';
import { documentJson, writeJson, writeText } from '../io/write.js';
import { FORMAT_VERSION } from '../model.js';
import type { CorpusAnalysis } from '../pipeline.js';
import { coverage, coverageCsv, coverageMarkdown } from '../report/coverage.js';
import { renderReports, type ReportFile } from '../report/index.js';
import { corpusOverview } from '../report/overview.js';
import { writeIndex } from '../store/embedded.js';
import { prepareQueryTokenizer } from '../tokenize/index.js';

export interface BuildContext {
  analysis: CorpusAnalysis;
  /** Files that could not be read or segmented (already reported on stderr). */
  errors: LoadError[];
  outDir: string;
  log(message: string): void;
}

export interface BuildStep {
  name: string;
  run(ctx: BuildContext): void | Promise<void>;
}

/** Write report files under a directory; files of a subfolder no longer produced are removed (`prune`). */
export function writeReports(outDir: string, files: ReportFile[], prune: string[] = []): void {
  for (const f of files) writeText(join(outDir, f.path), f.content);
  const keep = new Set(files.map((f) => f.path));
  for (const sub of prune) {
    const dir = join(outDir, sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (/\.(md|html|xml|json)$/u.test(name) && !keep.has(`${sub}/${name}`)) rmSync(join(dir, name));
  }
}

const segments: BuildStep = {
  name: 'segment',
  run({ analysis, outDir, log }) {
    const docs = analysis.documents;
    writeReports(outDir, docs.map((d) => ({ path: `documents/${d.id}.json`, content: documentJson(d) })), ['documents']);
    writeText(join(outDir, 'corpus.md'), corpusOverview(docs));
    log(`documents/*.json, corpus.md: ${docs.length} documents, ${docs.reduce((n, d) => n + d.articles.length, 0)} articles`);
  },
};

const searchIndex: BuildStep = {
  name: 'search index',
  async run({ analysis, outDir, log }) {
    const index = analysis.searchIndex;
    const bytes = await writeIndex(join(outDir, 'search-index.json'), index);
    prepareQueryTokenizer(); // the sorted dictionary queries are cut with, in the user's cache: the first search does not write it
    log(`search-index.json: ${index.articles.length} articles, ${index.termCount} terms, ${(bytes / 1e6).toFixed(2)} MB`);
  },
};

const alignment: BuildStep = {
  name: 'align',
  run({ analysis, outDir, log }) {
    const a = analysis.alignment;
    writeJson(join(outDir, 'alignment.json'), { formatVersion: FORMAT_VERSION, ...a });
    const c = coverage(a, analysis.documents, analysis.taxonomy);
    writeText(join(outDir, 'coverage.md'), coverageMarkdown(c));
    writeText(join(outDir, 'coverage.csv'), coverageCsv(c));
    const byPass = a.links.reduce<Record<string, number>>((m, l) => ((m[l.pass] = (m[l.pass] ?? 0) + 1), m), {});
    log(
      `alignment.json, coverage.md, coverage.csv: ${a.links.length} links (${Object.entries(byPass).map(([p, n]) => `${p} ${n}`).join(', ')}), ${a.families.length} families, ${a.classification.unclassified.length} unclassified articles; ${a.budget.message}`,
    );
  },
};

const reports: BuildStep = {
  name: 'report',
  run({ analysis, outDir, log }) {
    const files = renderReports(analysis);
    writeReports(outDir, files, ['topics']);
    const topics = files.filter((f) => f.path.startsWith('topics/') && f.path.endsWith('.html')).length;
    log(`index, overview, meetings, thresholds, deadlines, leave, topics (+${topics} topic pages) as md/html/csv, facts.json: ${files.length} files`);
  },
};

/** The build steps, in order. */
export const BUILD_STEPS: BuildStep[] = [segments, searchIndex, alignment, reports];
