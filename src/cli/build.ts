/**
 * `rulecmp build` (what `npm start` runs): every output the project makes, from one corpus analysis
 * into the output directory. Each step writes what one part of the analysis gives; outputs are
 * deterministic (same input, same bytes), so reports/ can be committed and diffed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadError } from '../io/corpus.js';
import { packPeerFile, peerFileExtras } from '../io/peer-file.js';
import { storedDocumentJson, writeText } from '../io/write.js';
import { FORMAT_VERSION, type OnProgress } from '../model.js';
import type { CorpusAnalysis } from '../pipeline.js';
import { coverage, coverageCsv, coverageMarkdown } from '../report/coverage.js';
import { renderReports, type ReportFile } from '../report/index.js';
import { corpusOverview } from '../report/overview.js';
import { reviewDocx } from '../report/review-docx.js';
import { reviewHtml, reviewJson, reviewMarkdown } from '../report/review.js';
import { reviewDraft } from '../review/index.js';
import { peerData } from '../align/peers.js';
import { encodePeerTerms } from '../align/peer-terms.js';
import { toAkomaNtoso } from '../export/akn.js';
import { compactAlignment, linkCounts } from '../align/index.js';
import { writeIndex } from '../store/embedded.js';
import { getTokenizer, prepareQueryTokenizer } from '../tokenize/index.js';
import { PEERS_DICTIONARY, peersDictionary } from '../io/jieba.js';
import { collectGarbage } from './gc.js';

export interface BuildContext {
  analysis: CorpusAnalysis;
  /** Files that could not be read or segmented (already reported on stderr). */
  errors: LoadError[];
  outDir: string;
  log(message: string): void;
  /** Told how far the long stages have come (rendered by src/cli/progress.ts). */
  onProgress?: OnProgress;
}

export interface BuildStep {
  name: string;
  /** Run only when the build is asked for it (`rulecmp build --akn`); else `skipped` says what was not written. */
  optIn?: { option: 'akn'; skipped(ctx: BuildContext): void };
  run(ctx: BuildContext): void | Promise<void>;
}


/** "1 peer", "4 peers". */
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** Write report files under a directory; files of a subfolder no longer produced are removed (`prune`). */
export function writeReports(outDir: string, files: ReportFile[], prune: string[] = []): void {
  for (const f of files) writeText(join(outDir, f.path), f.content);
  pruneReports(outDir, files.map((f) => f.path), prune);
}

/** Remove the files of the subfolders `prune` that are not among `paths` (what this build wrote there). */
export function pruneReports(outDir: string, paths: string[], prune: string[]): void {
  const keep = new Set(paths);
  for (const sub of prune) {
    const dir = join(outDir, sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (/\.(md|html|xml|json|docx)$/u.test(name) && !keep.has(`${sub}/${name}`) && !keep.has(`${sub}/${name.replace(/\.docx$/u, '.md')}`)) rmSync(join(dir, name));
  }
}

const segments: BuildStep = {
  name: 'segment',
  run({ analysis, outDir, log }) {
    const docs = analysis.documents;
    writeReports(outDir, docs.map((d) => ({ path: `documents/${d.id}.json`, content: storedDocumentJson(d) })), ['documents']);
    writeText(join(outDir, 'corpus.md'), corpusOverview(docs));
    log(`documents/*.json, corpus.md: ${docs.length} documents, ${docs.reduce((n, d) => n + d.articles.length, 0)} articles`);
  },
};

const searchIndex: BuildStep = {
  name: 'search index',
  async run({ analysis, outDir, log }) {
    const index = analysis.searchIndex;
    const bytes = await writeIndex(join(outDir, 'search-index'), index);
    rmSync(join(outDir, 'search-index.json'), { force: true }); // the single-file form earlier versions wrote here
    prepareQueryTokenizer(); // the sorted dictionary queries are cut with, in the user's cache: the first search does not write it
    log(`search-index/: ${index.articles.length} articles, ${index.termCount} terms, ${(bytes / 1e6).toFixed(2)} MB`);
    analysis.forget('searchIndex'); // no later step reads it (memory, decision 0070)
  },
};

const alignment: BuildStep = {
  name: 'align',
  run({ analysis, outDir, log }) {
    const a = analysis.alignment;
    // Compact: families and members, counts per pair; the links themselves are `rulecmp align --json` (decision 0070).
    writeText(join(outDir, 'alignment.json'), JSON.stringify({ formatVersion: FORMAT_VERSION, ...compactAlignment(a) }) + '\n');
    const c = coverage(a, analysis.documents, analysis.taxonomy);
    writeText(join(outDir, 'coverage.md'), coverageMarkdown(c));
    writeText(join(outDir, 'coverage.csv'), coverageCsv(c, analysis.taxonomy));
    const { count, byPass } = linkCounts(a); // from the pairs' counts: reading a.links would make every link
    log(
      `alignment.json, coverage.md, coverage.csv: ${count} links (${Object.entries(byPass).map(([p, n]) => `${p} ${n}`).join(', ')}), ${a.families.length} families, ${a.classification.unclassified.length} unclassified articles; ${a.budget.message}`,
    );
  },
};

const reports: BuildStep = {
  name: 'report',
  run({ analysis, outDir, log, onProgress }) {
    // Each file written as soon as it is rendered (the pages of a large corpus are not held together), and a
    // collection after every 16 M characters written: a page's cells and diffs outlive young-generation
    // collections and would otherwise pile up until V8's limit (decision 0070).
    const paths: string[] = [];
    let chars = 0;
    renderReports(analysis, {
      onProgress,
      onFile: (f) => {
        writeText(join(outDir, f.path), f.content);
        paths.push(f.path);
        if ((chars += f.content.length) > 16e6) (collectGarbage(), (chars = 0));
      },
    });
    pruneReports(outDir, paths, ['topics']);
    const topics = paths.filter((p) => p.startsWith('topics/') && p.endsWith('.html')).length;
    log(`index, overview, meetings, thresholds, deadlines, leave, topics (+${topics} topic pages) as md/html/csv, facts.json: ${paths.length} files`);
    analysis.forget('alignment', 'similarity'); // the last step that reads them
  },
};

/**
 * akn/*.xml, on request (`build --akn`; `npm start` asks for it): the documents once more, as Akoma Ntoso — 1.7× the
 * input at 500 documents, read by nothing else the build writes (decision 0070). Without --akn, the files an
 * earlier build wrote there are removed rather than left describing another corpus.
 */
const akomaNtoso: BuildStep = {
  name: 'akn',
  optIn: {
    option: 'akn',
    skipped({ outDir, log }) {
      const dir = join(outDir, 'akn');
      const stale = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.xml')).length : 0;
      pruneReports(outDir, [], ['akn']);
      if (existsSync(dir) && readdirSync(dir).length === 0) rmSync(dir, { recursive: true }); // nothing else was in it
      log(`akn/: not written (build --akn, or rulecmp export)${stale ? `; ${plural(stale, 'file')} of an earlier build removed` : ''}`);
    },
  },
  run({ analysis, outDir, log }) {
    const files = analysis.documents.map((d) => ({ path: `akn/${d.id}.xml`, content: toAkomaNtoso(d) }));
    writeReports(outDir, files, ['akn']);
    log(`akn/*.xml: ${files.length} Akoma Ntoso 3.0 documents`);
  },
};

/**
 * An example review: the newest document of the corpus (latest year, then last id) reviewed against the others as
 * if it were a draft, in every format (reports/review/). Skipped for a corpus of one document.
 */
const exampleReview: BuildStep = {
  name: 'review example',
  async run({ analysis, outDir, log, onProgress }) {
    const docs = analysis.documents;
    if (docs.length < 2) return void log('review/: skipped (one document)');
    const draft = [...docs].sort((a, b) => (a.meta.year ?? 0) - (b.meta.year ?? 0) || (a.id < b.id ? -1 : 1)).at(-1)!;
    const review = reviewDraft(analysis.subset(docs.filter((d) => d !== draft)), draft, { draftFacts: analysis.factsOf(draft.id), onProgress });
    const base = `review/${draft.id}`;
    writeReports(
      outDir,
      [
        { path: `${base}.md`, content: reviewMarkdown(review) },
        { path: `${base}.html`, content: reviewHtml(review) },
        { path: `${base}.json`, content: reviewJson(review) },
      ],
      ['review'],
    );
    writeText(join(outDir, `${base}.docx`), await reviewDocx(review));
    log(`review/${draft.id}.{md,html,json,docx}: ${draft.id} reviewed against ${plural(docs.length - 1, 'peer')}; ${plural(review.summary.deviations, 'deviation')}, ${plural(review.summary.missingTopics, 'missing topic')}`);
  },
};

/**
 * peers.bin: what a review against this corpus would otherwise recompute — each document's classification and each
 * article's content words (src/align/peers.ts PeerData) and the words counted (feature dictionary, term frequencies,
 * counts: src/align/peer-terms.ts), the documents' outlines and the articles' twins, with the documents' SHA-256 so
 * a stale file is not used (src/io/peer-file.ts). (Until this version also as peers.json: the same data again, 28 MB
 * at 500 documents, read only when peers.bin could not be.)
 */
const peerModel: BuildStep = {
  name: 'peer model',
  run({ analysis, outDir, log }) {
    const model = analysis.peers;
    const data = peerData(model);
    const documents = analysis.documents.map((d) => ({ id: d.id, sha256: d.meta.source.sha256 }));
    // peers.bin: the words counted (src/align/peer-terms.ts) and the rest of the peer data (src/io/peer-file.ts), keyed
    // by what it was counted from.
    const key = createHash('sha256').update(JSON.stringify({ documents, itemWeight: data.itemWeight, words: data.words })).digest('hex');
    const bytes = packPeerFile(encodePeerTerms(model.terms, key, peerFileExtras(documents, data, analysis.documents)));
    writeText(join(outDir, 'peers.bin'), bytes);
    rmSync(join(outDir, 'peers.json'), { force: true }); // what earlier versions wrote beside peers.bin (the same data, 28 MB at 500 documents)
    log(`peers.bin: ${model.terms.articles} articles' topics, ${model.terms.features.size} features counted, the documents' outlines (${(bytes.length / 1e6).toFixed(1)} MB), for reviews against these documents`);
    if (getTokenizer().engine === 'node-rs') {
      const dictionary = peersDictionary(analysis.documents.map((d) => d.text));
      writeText(join(outDir, PEERS_DICTIONARY), dictionary.bytes);
      rmSync(join(outDir, 'peers-dict.txt'), { force: true }); // the text form earlier versions wrote (no index of first pairs)
      log(`${PEERS_DICTIONARY}: ${dictionary.words} words of jieba's dictionary in the documents' characters, for cutting a draft`);
    }
    analysis.forget('peers'); // the example review builds the model of its own peers from the same data
  },
};

/** The build steps, in order. */
export const BUILD_STEPS: BuildStep[] = [segments, searchIndex, alignment, reports, akomaNtoso, peerModel, exampleReview];
