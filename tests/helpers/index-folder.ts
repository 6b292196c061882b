/** An in-memory search index written as an index folder in a temporary directory and opened from it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFolder } from '../../src/io/write.js';
import type { SearchIndex } from '../../src/search/searchIndex.js';
import { DiskIndex } from '../../src/store/disk-index.js';
import { indexFolderFiles } from '../../src/store/embedded.js';

/** The folder is `dir`/search-index; `close()` closes the index and removes `dir`. */
export function openedFolder(memory: SearchIndex, prefix: string): { dir: string; disk: DiskIndex; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), `rulecmp-${prefix}-`));
  const folder = join(dir, 'search-index');
  writeFolder(folder, indexFolderFiles(memory));
  const disk = DiskIndex.open(folder, DiskIndex.readLayout(folder)!);
  return { dir, disk, close: () => (disk.close(), rmSync(dir, { recursive: true, force: true })) };
}
