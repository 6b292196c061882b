/**
 * `rulecmp review` reads a plain command line without commander (a cold start ~11 ms shorter): what it reads must be
 * what commander reads, and whatever it cannot tell (help, an unknown option, a missing value or draft) is left to
 * commander, which answers as always.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseReviewArgs, register, type ReviewCommandOptions } from '../../src/cli/commands/review.js';

/** What commander gives the action for these arguments, or null when it refuses them. */
function byCommander(args: string[]): { draft: string; opts: ReviewCommandOptions } | null {
  let got: { draft: string; opts: ReviewCommandOptions } | null = null;
  const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  register(program, async (draft, opts) => void (got = { draft, opts: { ...opts } }));
  try {
    program.parse(['node', 'rulecmp', 'review', ...args]);
  } catch {
    return null;
  }
  return got;
}

/** Command lines read without commander: what commander reads. */
const READ: string[][] = [
  ['draft.txt'],
  ['draft.txt', '--quiet'],
  ['draft.txt', '--peers', 'corpus'],
  ['draft.txt', '--peers', 'a.txt', 'b.html', 'c.md', '--format', 'json'],
  ['draft.txt', '--peers=dir', '--analysis=out', '--format=html', '--out=r.html', '--fail-on=deviations,new'],
  ['--format', 'docx', '--out', 'r.docx', 'draft.txt', '--quiet'],
  ['draft.txt', '--peers', 'a', '--peers', 'b'],
  ['draft.txt', '--fail-on', 'missing', '--quiet', '--analysis', 'reports'],
  ['--peers', 'dir', '--analysis', 'out', 'x'], // the peers end at the next option: x is the draft
];
/** Command lines left to commander (refused by it, or read in a way not worth copying: --format --quiet is a format). */
const LEFT: string[][] = [
  ['draft.txt', '--format'],
  ['draft.txt', '--format', '--quiet'],
  ['draft.txt', '--peers'],
  ['--peers', 'dir', 'x'], // the draft read as one more peer: no draft
  ['draft.txt', 'other.txt'],
  [],
  ['draft.txt', '--help'],
  ['draft.txt', '-h'],
  ['draft.txt', '--bogus'],
  ['draft.txt', '--quiet=yes'],
];

describe('rulecmp review without commander', () => {
  for (const args of READ) {
    it(`reads ${JSON.stringify(args)} as commander does`, () => {
      const fast = parseReviewArgs(args);
      expect(fast).not.toBeNull();
      expect(fast).toEqual(byCommander(args));
    });
  }
  for (const args of LEFT) {
    it(`leaves ${JSON.stringify(args)} to commander`, () => {
      expect(parseReviewArgs(args)).toBeNull();
    });
  }
  it('commander refuses what it is left but help and a value that looks like an option', () => {
    expect(LEFT.filter((a) => byCommander(a) !== null)).toEqual([['draft.txt', '--format', '--quiet']]);
  });
});
