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
      fail((e as Error).message ?? String(e), e instanceof BadRequestError ? EXIT.usage : EXIT.failed);
    }
  };
}
