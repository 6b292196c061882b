/** Progress on long work (issue 13): plain lines when stderr is not a terminal, a bar on one, nothing with --quiet. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { barLine, progressReporter } from '../../src/cli/progress.js';
import { BUILD_STEPS } from '../../src/cli/build.js';
import { CORPUS_DIR } from '../helpers/docs.js';
import { runCli } from '../helpers/cli.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 80, write: (s: string) => writes.push(s) } };
}

describe('progress reporter', () => {
  it('not a terminal: a plain line when a stage starts, at each quarter and when it ends', () => {
    const { writes, stream } = fakeStream(false);
    let t = 0;
    const p = progressReporter({ stream, now: () => t });
    for (let k = 0; k <= 8; k++) ((t = k * 250), p.onProgress('align: passes', k, 8));
    p.onProgress('report: topics', 0, 1);
    p.onProgress('report: topics', 1, 1);
    p.end();
    expect(writes).toEqual([
      'rulecmp: align: passes 0/8 (0.0 s)\n',
      'rulecmp: align: passes 2/8 (0.5 s)\n',
      'rulecmp: align: passes 4/8 (1.0 s)\n',
      'rulecmp: align: passes 6/8 (1.5 s)\n',
      'rulecmp: align: passes 8/8 (2.0 s)\n',
      'rulecmp: report: topics 1/1 (0.0 s)\n',
    ]);
  });

  it('quiet: nothing at all', () => {
    const { writes, stream } = fakeStream(false);
    const p = progressReporter({ quiet: true, stream });
    p.onProgress('align: passes', 0, 2);
    p.onProgress('align: passes', 2, 2);
    p.end();
    expect(writes).toEqual([]);
  });

  it('a terminal: one line redrawn in place with stage, bar, done/total, elapsed and what is left; cleared at the end', () => {
    const { writes, stream } = fakeStream(true);
    let t = 0;
    const p = progressReporter({ stream, now: () => t });
    p.onProgress('align: passes', 0, 4);
    t = 1000;
    p.onProgress('align: passes', 1, 4);
    t = 1050; // within 100 ms of the last drawing: not drawn
    p.onProgress('align: passes', 2, 4);
    t = 2000;
    p.onProgress('align: passes', 4, 4);
    p.end();
    expect(writes).toHaveLength(4);
    expect(writes[1]).toBe(`\r\x1b[K${barLine('align: passes', 1, 4, 1000)}`);
    expect(writes[1]).toMatch(/^\r\x1b\[Kalign: passes \[#+·+\] 1\/4, 1\.0 s, about 3\.0 s left$/u);
    expect(writes[3]).toBe('\r\x1b[K');
  });
});

describe('rulecmp build progress', () => {
  const files = ['huairou-2021.txt', 'tongzhou-2022.txt'].map((f) => join(CORPUS_DIR, f));

  it('on a pipe: plain progress lines on stderr, the step log on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulecmp-progress-'));
    const r = runCli(['build', ...files, '--out', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^rulecmp: align: passes 2\/2 \(\d+\.\d s\)$/mu);
    expect(r.stderr).toMatch(/^rulecmp: report: topics (\d+)\/\1 /mu);
    expect(r.stderr).toMatch(new RegExp(`^rulecmp: build: done ${BUILD_STEPS.length}/${BUILD_STEPS.length} `, 'mu'));
    expect(r.stderr.split('\n').filter(Boolean).every((l) => l.startsWith('rulecmp: '))).toBe(true);
    expect(r.stdout).toMatch(/^align$/mu);
  });

  it('--quiet: nothing on stderr or stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulecmp-progress-'));
    const r = runCli(['build', ...files, '--out', join(dir, 'out'), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
  });
});
