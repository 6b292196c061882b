/** Errors the CLI reports as one line and an exit code, never a stack trace. */

export class UsageError extends Error {}

/** Exit codes (documented in the README). */
export const EXIT = { ok: 0, failed: 1, usage: 2, noResult: 3 } as const;

export function fail(message: string, code: number = EXIT.failed): never {
  process.stderr.write(`rulecmp: ${message.split('\n')[0]}\n`);
  process.exit(code);
}

/** Run a command action; any error becomes one line on stderr and a non-zero exit. */
export function guarded<A extends unknown[]>(action: (...args: A) => void | Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (e) {
      if (process.env.RULECMP_DEBUG) console.error(e);
      fail((e as Error).message ?? String(e), e instanceof UsageError ? EXIT.usage : EXIT.failed);
    }
  };
}
