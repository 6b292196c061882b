/** Errors the CLI reports as one line and an exit code, never a stack trace. */
import { BadRequestError } from '../errors.js';

/** A usage mistake on the command line (exit 2). */
export class UsageError extends BadRequestError {}

/** Exit codes (documented in the README). */
export const EXIT = { ok: 0, failed: 1, usage: 2, noResult: 3, findings: 4 } as const;

export function fail(message: string, code: number = EXIT.failed): never {
  process.stderr.write(`rulecmp: ${message.split('\n')[0]}\n`);
  process.exit(code);
}

/**
 * Run a command action; any error becomes one line on stderr and a non-zero exit: 2 for what the caller
 * asked wrongly (BadRequestError and its kinds: unknown topic, district, empty query), 1 for the rest.
 */
export function guarded<A extends unknown[]>(action: (...args: A) => void | Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (e) {
      if (process.env.RULECMP_DEBUG) console.error(e);
      fail(describeError(e), e instanceof BadRequestError ? EXIT.usage : EXIT.failed);
    }
  };
}

/** What a failed system call means, in words (Node's own message names the code: "ENOTDIR: not a directory, mkdir …"). */
const REASONS: Record<string, string> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many open files',
};
const DOING: Record<string, string> = { mkdir: 'cannot create the folder', open: 'cannot open', write: 'cannot write', rename: 'cannot write', read: 'cannot read', scandir: 'cannot read the folder', stat: 'cannot read', unlink: 'cannot remove', rmdir: 'cannot remove', copyfile: 'cannot copy to' };

/** An error's one line: a system call's failure as what could not be done to which path and why; else its message. */
export function describeError(e: unknown): string {
  const x = e as NodeJS.ErrnoException;
  if (x && typeof x === 'object' && typeof x.code === 'string' && typeof x.syscall === 'string' && REASONS[x.code]) {
    // (the file written, not the temporary name it is written under first: io/write.ts)
    const path = ((x as { dest?: string }).dest ?? x.path)?.replace(/\.\d+\.tmp$/u, '');
    return `${DOING[x.syscall] ?? `cannot ${x.syscall}`}${path ? ` ${path}` : ''}: ${REASONS[x.code]}`;
  }
  return (x as Error)?.message ?? String(e);
}
