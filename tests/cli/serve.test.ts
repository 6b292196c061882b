/** `rulecmp serve`: what it says when it cannot start (the app itself: tests/server/). */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { serveCorpus } from '../helpers/browser.js';
import { CORPUS_DIR } from '../helpers/docs.js';

describe('rulecmp serve', () => {
  it('a bad --port or --max-body is one line and exit 2', () => {
    for (const args of [['--port', 'abc'], ['--port', '70000'], ['--max-body', '0']]) {
      const r = runCli(['serve', '--corpus', CORPUS_DIR, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('a corpus with no documents, or a port in use, is one line and exit 1', async () => {
    const empty = runCli(['serve', '--corpus', mkdtempSync(join(tmpdir(), 'rulecmp-empty-')), '--port', '0']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no documents/);
    expect(empty.stderr.trim().split('\n')).toHaveLength(1);
    const missing = runCli(['serve', '--corpus', join(tmpdir(), 'no-such-corpus-dir'), '--port', '0']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^rulecmp: \S+no-such-corpus-dir: no such folder/u);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      const busy = runCli(['serve', '--corpus', CORPUS_DIR, '--port', String(port)]);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/in use/);
    } finally {
      taken.close();
    }
  }, 30_000);

  it('prints its URL on stdout, the analysis progress on stderr, and stops on SIGTERM', async () => {
    const s = await serveCorpus(CORPUS_DIR);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(s.stderr()).toMatch(/5 documents read/);
    expect(s.stderr()).toMatch(/search index built/);
    expect((await fetch(s.url)).status).toBe(200);
    await s.stop();
    expect(s.child.exitCode).toBe(0);
  }, 30_000);
});
