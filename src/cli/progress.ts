/**
 * Progress of long work on stderr (an edge: the stages only call an OnProgress callback, src/model.ts).
 *
 * - On a terminal: one line redrawn in place, at most ten times a second — stage, a bar, done/total, elapsed and an
 *   estimate of what is left — cleared when the work ends.
 * - Not a terminal (a pipe, a log file, CI): plain lines, `rulecmp: <stage> <done>/<total> (<elapsed>)`, when a
 *   stage starts, at each quarter and when it ends; a stage of one unit gets only its end.
 * - quiet: nothing.
 */
import type { OnProgress } from '../model.js';

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  quiet?: boolean;
  stream?: ProgressStream;
  /** Milliseconds since some origin (for tests). */
  now?: () => number;
}

export interface Progress {
  onProgress: OnProgress;
  /** The work is over: a terminal's line is cleared. */
  end(): void;
}

/** Seconds as people read them: 0.4 s, 12 s, 3 min 5 s. */
export function duration(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** The terminal's line: stage [####······] done/total, elapsed, about N left. */
export function barLine(stage: string, done: number, total: number, elapsedMs: number, width = 80): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const left = done > 0 && done < total ? `, about ${duration((elapsedMs * (total - done)) / done)} left` : '';
  const tail = ` ${done}/${total}, ${duration(elapsedMs)}${left}`;
  const barWidth = Math.max(10, Math.min(30, width - stage.length - tail.length - 4));
  const full = Math.round(share * barWidth);
  return `${stage} [${'#'.repeat(full)}${'·'.repeat(barWidth - full)}]${tail}`;
}

export function progressReporter(options: ProgressOptions = {}): Progress {
  if (options.quiet) return { onProgress: () => {}, end: () => {} };
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const tty = !!stream.isTTY;
  let stage = '';
  let started = 0;
  let quarter = -1;
  let drawn = -Infinity;
  let shown = false;
  return {
    onProgress(s, done, total) {
      const t = now();
      if (s !== stage) {
        stage = s;
        started = t;
        quarter = -1;
      }
      const elapsed = t - started;
      if (tty) {
        if (done < total && t - drawn < 100) return;
        drawn = t;
        stream.write(`\r\x1b[K${barLine(s, done, total, elapsed, stream.columns ?? 80)}`);
        shown = true;
        return;
      }
      const q = total > 0 ? Math.floor((4 * done) / total) : 4;
      if (q === quarter || (total <= 1 && done < total)) return;
      quarter = q;
      stream.write(`rulecmp: ${s} ${done}/${total} (${duration(elapsed)})\n`);
    },
    end() {
      if (tty && shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
