/** A test file's own cache directory (XDG_CACHE_HOME) for the whole file, put back and removed after it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export function ownCacheDir(prefix: string): string {
  const cache = mkdtempSync(join(tmpdir(), `rulecmp-${prefix}-`));
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = cache;
  afterAll(() => {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
    rmSync(cache, { recursive: true, force: true });
  });
  return cache;
}
