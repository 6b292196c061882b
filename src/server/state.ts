/**
 * The corpus the server answers for: read and analysed once at start-up, read again when a file
 * of the directory changed (checked on a request, at most once per `checkEveryMs`) or when asked
 * (the reload button). Requests in flight keep the analysis they started with: a reload builds a
 * new one and swaps it in. What the pages compute from an analysis (a topic's side-by-side
 * comparison, fact tables) is kept with it and dropped with it.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadDocuments, type LoadError } from '../io/corpus.js';
import { analyse, type CorpusAnalysis } from '../pipeline.js';

export interface Generation {
  analysis: CorpusAnalysis;
  /** Files of the directory that could not be read as documents, named. */
  skipped: LoadError[];
  loadedAt: Date;
  /** Which load this is: 1 at start-up, then one more per reload. */
  n: number;
  /** Results computed from this analysis, by key (e.g. 'compare:executive-meeting'). */
  cache: Map<string, unknown>;
}

export interface CorpusStateOptions {
  dir: string;
  /** How often a request may look at the directory for changes (default 1000 ms; 0 = on every request). */
  checkEveryMs?: number;
  /** Progress lines (stderr by the command). */
  log?: (line: string) => void;
}

/** Names, sizes and modification times of the directory's files: what tells a change cheaply. */
function fingerprint(dir: string): string {
  try {
    return readdirSync(dir)
      .sort()
      .filter((n) => !n.startsWith('.'))
      .map((n) => {
        try {
          const s = statSync(join(dir, n));
          return `${n}\t${s.size}\t${s.mtimeMs}`;
        } catch {
          return `${n}\t?`;
        }
      })
      .join('\n');
  } catch {
    return '(unreadable)';
  }
}

export class CorpusState {
  readonly dir: string;
  private gen: Generation;
  private print: string;
  private checkedAt = 0;
  private readonly checkEveryMs: number;
  private readonly log: (line: string) => void;
  /** Set when the last reload found nothing to serve (the previous documents are kept). */
  lastError: string | null = null;

  constructor(options: CorpusStateOptions) {
    this.dir = options.dir;
    this.checkEveryMs = options.checkEveryMs ?? 1000;
    this.log = options.log ?? (() => {});
    this.print = fingerprint(this.dir);
    const gen = this.load(1);
    if (!gen) throw new Error(this.lastError ?? `${this.dir}: no documents`);
    this.gen = gen;
    this.checkedAt = Date.now();
  }

  /** The current analysis, read again first if a file changed since the last look. */
  current(): Generation {
    const now = Date.now();
    if (now - this.checkedAt >= this.checkEveryMs) {
      this.checkedAt = now;
      const print = fingerprint(this.dir);
      if (print !== this.print) {
        this.log(`${this.dir} changed: reading it again`);
        this.reloadWith(print);
      }
    }
    return this.gen;
  }

  /** Read the corpus again now (the reload button). */
  reload(): Generation {
    this.reloadWith(fingerprint(this.dir));
    this.checkedAt = Date.now();
    return this.gen;
  }

  private reloadWith(print: string): void {
    this.print = print;
    const gen = this.load(this.gen.n + 1);
    if (gen) this.gen = gen;
  }

  /** Read and analyse the directory (every stage computed now, timed on the log); null when it has no documents. */
  private load(n: number): Generation | null {
    let t = performance.now();
    const lap = (what: string) => {
      const now = performance.now();
      this.log(`${what} (${Math.round(now - t)} ms)`);
      t = now;
    };
    const { documents, errors } = loadDocuments([], this.dir);
    for (const e of errors) this.log(e.message.startsWith(e.path) ? e.message : `${e.path}: ${e.message}`);
    if (documents.length === 0) {
      this.lastError = errors.length ? `${this.dir}: no readable documents (${errors.length} skipped)` : `${this.dir}: no documents (.txt, .html)`;
      // (At start-up the caller reports it, once; on a reload the server goes on with what it had.)
      if (n > 1) this.log(`${this.lastError}; the documents read before are kept`);
      return null;
    }
    this.lastError = null;
    lap(`${documents.length} documents read and segmented`);
    const analysis = analyse(documents);
    void analysis.classification;
    lap('articles classified');
    void analysis.alignment;
    lap(`articles aligned (${analysis.alignment.families.length} clause families)`);
    void analysis.facts;
    lap('facts extracted');
    void analysis.searchIndex;
    lap(`search index built (${analysis.searchIndex.articles.length} articles)`);
    return { analysis, skipped: errors, loadedAt: new Date(), n, cache: new Map() };
  }
}

/** A value computed once per analysis. */
export function cached<T>(gen: Generation, key: string, compute: () => T): T {
  if (gen.cache.has(key)) return gen.cache.get(key) as T;
  const v = compute();
  gen.cache.set(key, v);
  return v;
}
