/**
 * The worker thread that reviews drafts (and writes their .docx), so a review — about a second of
 * work on five peers — never holds up the pages and the API on the main thread. It reads and
 * analyses the corpus directory itself, again whenever the main thread's corpus generation changes.
 * Messages: see reviewer.ts.
 */
import { parentPort } from 'node:worker_threads';
import { BadRequestError, InputError, NotFoundError } from '../errors.js';
import { documentFromBytes, loadDocuments } from '../io/corpus.js';
import { configureTokenizerFromEnv } from '../io/jieba.js';
import type { DraftReview, RuleDocument } from '../model.js';
import { analyse, type CorpusAnalysis } from '../pipeline.js';
import { reviewDocx } from '../report/review-docx.js';
import { reviewDraft } from '../review/index.js';
import type { WorkerReply, WorkerRequest } from './reviewer.js';

configureTokenizerFromEnv();

let loaded: { dir: string; generation: number; analysis: CorpusAnalysis; without: Map<string, CorpusAnalysis> } | null = null;

function peersFor(dir: string, generation: number): NonNullable<typeof loaded> {
  if (!loaded || loaded.dir !== dir || loaded.generation !== generation) {
    const { documents } = loadDocuments([], dir);
    if (!documents.length) throw new InputError(`${dir}: no peer documents to review against`);
    const analysis = analyse(documents);
    void analysis.peers;
    loaded = { dir, generation, analysis, without: new Map() };
  }
  return loaded;
}

/** The peers for a draft: all documents of the corpus, less one whose bytes are the draft's (a document is not its own peer). */
function peersOf(dir: string, generation: number, draft: RuleDocument): { analysis: CorpusAnalysis; excluded: string | null } {
  const l = peersFor(dir, generation);
  const same = l.analysis.documents.find((d) => d.meta.source.sha256 === draft.meta.source.sha256);
  if (!same || l.analysis.documents.length < 2) return { analysis: l.analysis, excluded: null };
  let a = l.without.get(same.id);
  if (!a) {
    a = l.analysis.subset(l.analysis.documents.filter((d) => d !== same));
    l.without.set(same.id, a);
  }
  return { analysis: a, excluded: same.id };
}

function kindOf(e: unknown): 'input' | 'bad' | 'missing' | 'internal' {
  if (e instanceof InputError) return 'input';
  if (e instanceof NotFoundError) return 'missing';
  if (e instanceof BadRequestError) return 'bad';
  return 'internal';
}

async function handle(m: WorkerRequest): Promise<WorkerReply | null> {
  switch (m.kind) {
    case 'prepare':
      peersFor(m.dir, m.generation);
      return null;
    case 'review': {
      const draft = documentFromBytes(m.bytes, m.name, m.id);
      const { analysis, excluded } = peersOf(m.dir, m.generation, draft);
      const t0 = performance.now();
      const review: DraftReview = reviewDraft(analysis, draft);
      return { job: m.job, ok: true, review, excluded, ms: Math.round(performance.now() - t0) };
    }
    case 'docx':
      return { job: m.job, ok: true, docx: await reviewDocx(m.review) };
  }
}

parentPort!.on('message', (m: WorkerRequest) => {
  handle(m).then(
    (reply) => reply && parentPort!.postMessage(reply),
    (e: unknown) => {
      if (m.kind === 'prepare') return; // said again, with the error, when a review asks
      parentPort!.postMessage({ job: m.job, ok: false, error: { kind: kindOf(e), message: String((e as Error).message ?? e).split('\n')[0], stack: (e as Error).stack } } satisfies WorkerReply);
    },
  );
});
