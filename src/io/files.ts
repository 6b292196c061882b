/** Small file-system helpers shared by the edges (no heavy imports: a cold search loads this). */
import { lstatSync } from 'node:fs';

/** The project's corpus directory, the default of every command that reads one. */
export const DEFAULT_CORPUS = 'corpus';

/** Why a file cannot be read, in a few words (the path, when given, tells a dangling link from a missing file). */
export function fileProblem(e: unknown, path?: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    try {
      if (path && lstatSync(path).isSymbolicLink()) return 'dangling symbolic link';
    } catch {
      // not there at all
    }
    return 'no such file';
  }
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (e as Error).message.split('\n')[0]!;
}
