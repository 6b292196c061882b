/**
 * SHA-256 of the files of a corpus directory, with a cache in the user's cache directory: a file whose size and
 * modification time are those recorded when it was last hashed (and which had not been modified within two seconds
 * before that: a write in the same instant as the hash would not change the mtime) is not hashed again — at 500
 * documents hashing was 40 ms of every search. Used by the search index's freshness check (src/store/embedded.ts)
 * and by the review's check of the build output (src/io/analysis.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CorpusSnapshot } from '../search/searchIndex.js';
import { fileProblem } from './files.js';

/** The user's cache directory for rulecmp ($XDG_CACHE_HOME/rulecmp, ~/.cache/rulecmp). */
export const cacheDir = (): string => join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'rulecmp');

/** What was last hashed of a corpus directory: name → [size, mtime in ms, SHA-256], and when. */
interface HashCache {
  dir: string;
  taken: number;
  files: Record<string, [number, number, string]>;
}

const hashCachePath = (dir: string) => join(cacheDir(), `corpus-hashes-${createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 16)}.json`);

function readHashCache(dir: string): HashCache | null {
  try {
    const c = JSON.parse(readFileSync(hashCachePath(dir), 'utf8')) as HashCache;
    return c.dir === resolve(dir) ? c : null;
  } catch {
    return null;
  }
}

/**
 * SHA-256 of every regular, non-hidden file of the directory (not recursive). A file that cannot be
 * read (dangling symlink, symlink loop, no permission) is named in `skipped`, not a reason to stop.
 * With `cached`, a file whose size and mtime are those last hashed (and that was older than two seconds then)
 * keeps its recorded hash; what was hashed is recorded for next time.
 */
export function snapshotCorpus(dir: string, cached = false): CorpusSnapshot {
  const files: Record<string, string> = {};
  const skipped: { path: string; message: string }[] = [];
  const cache = cached ? readHashCache(dir) : null;
  const seen: HashCache['files'] = {};
  let hashed = 0;
  const now = Date.now();
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (!st.isFile()) continue;
      const was = cache?.files[name];
      if (was && was[0] === st.size && was[1] === st.mtimeMs && st.mtimeMs < cache!.taken - 2000) files[name] = was[2];
      else {
        files[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
        hashed++;
      }
      seen[name] = [st.size, st.mtimeMs, files[name]!];
    } catch (e) {
      skipped.push({ path, message: `${path}: ${fileProblem(e, path)}` });
    }
  }
  if (cached && (hashed || !cache || Object.keys(cache.files).length !== Object.keys(seen).length)) {
    void import('./write.js').then(({ writeText }) => {
      try {
        writeText(hashCachePath(dir), JSON.stringify({ dir: resolve(dir), taken: now, files: seen } satisfies HashCache) + '\n');
      } catch {
        // A cache that cannot be written: files are hashed again next time.
      }
    });
  }
  return skipped.length ? { dir, files, skipped } : { dir, files };
}
