/**
 * The main thread's side of the review worker (review-worker.ts): jobs sent to one worker thread
 * and answered by promise, a bounded queue (a busy server says so: 503), and a worker that stopped
 * is replaced on the next job, its pending jobs failed — never the server.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BadRequestError, InputError, NotFoundError } from '../errors.js';
import type { DraftReview } from '../model.js';
import { HttpError } from './http.js';

export type WorkerRequest =
  | { kind: 'prepare'; dir: string; generation: number }
  | { kind: 'review'; job: number; dir: string; generation: number; bytes: Uint8Array; name: string; id: string }
  | { kind: 'docx'; job: number; review: DraftReview };

export type WorkerReply =
  | { job: number; ok: true; review: DraftReview; excluded: string | null; ms: number }
  | { job: number; ok: true; docx: Uint8Array }
  | { job: number; ok: false; error: { kind: 'input' | 'bad' | 'missing' | 'internal'; message: string; stack?: string } };

/** The compiled worker: beside this module in dist/, or in dist/ when this module runs from src/ (tests). */
function workerFile(): URL {
  for (const u of [new URL('./review-worker.js', import.meta.url), new URL('../../dist/src/server/review-worker.js', import.meta.url)]) if (existsSync(fileURLToPath(u))) return u;
  throw new Error('the review worker is not built (run npm run build)');
}

export interface ReviewResult {
  review: DraftReview;
  /** The corpus document whose bytes are the draft's, left out of the peers. */
  excluded: string | null;
  ms: number;
}

export class Reviewer {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (r: WorkerReply & { ok: true }) => void; reject: (e: Error) => void }>();
  private nextJob = 1;

  constructor(
    private readonly dir: string,
    /** Jobs waiting or running at most; more is 503. */
    private readonly maxPending = 8,
    private readonly log: (line: string) => void = () => {},
  ) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(workerFile());
    w.unref();
    w.on('message', (m: WorkerReply) => {
      const p = this.pending.get(m.job);
      if (!p) return;
      this.pending.delete(m.job);
      if (m.ok) p.resolve(m);
      else {
        if (m.error.kind === 'internal') this.log(`review failed: ${m.error.stack ?? m.error.message}`);
        const E = { input: InputError, bad: BadRequestError, missing: NotFoundError, internal: Error }[m.error.kind];
        p.reject(new E(m.error.message));
      }
    });
    const stopped = (why: string) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.log(`review worker stopped (${why}); a new one starts with the next draft`);
      for (const [, p] of this.pending) p.reject(new Error(`review worker stopped (${why})`));
      this.pending.clear();
    };
    w.on('error', (e) => stopped(e.message));
    w.on('exit', (code) => stopped(`exit ${code}`));
    this.worker = w;
    return w;
  }

  /** Read and analyse the corpus in the worker now, so the first draft does not wait for it. */
  prepare(generation: number): void {
    this.ensure().postMessage({ kind: 'prepare', dir: this.dir, generation } satisfies WorkerRequest);
  }

  private run(make: (job: number) => WorkerRequest, transfer: ArrayBuffer[] = []): Promise<WorkerReply & { ok: true }> {
    if (this.pending.size >= this.maxPending) return Promise.reject(new HttpError(503, `the server is reviewing ${this.pending.size} drafts already: try again in a moment`, { 'retry-after': '5' }));
    const job = this.nextJob++;
    return new Promise((resolve, reject) => {
      this.pending.set(job, { resolve, reject });
      this.ensure().postMessage(make(job), transfer);
    });
  }

  async review(generation: number, bytes: Uint8Array, name: string, id: string): Promise<ReviewResult> {
    const r = await this.run((job) => ({ kind: 'review', job, dir: this.dir, generation, bytes, name, id }));
    if (!('review' in r)) throw new Error('review worker: unexpected answer');
    return { review: r.review, excluded: r.excluded, ms: r.ms };
  }

  async docx(review: DraftReview): Promise<Uint8Array> {
    const r = await this.run((job) => ({ kind: 'docx', job, review }));
    if (!('docx' in r)) throw new Error('review worker: unexpected answer');
    return r.docx;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    for (const [, p] of this.pending) p.reject(new Error('server closing'));
    this.pending.clear();
    if (w) await w.terminate();
  }
}
