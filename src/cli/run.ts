/**
 * The rulecmp command line (main.ts runs it unbundled; dist/cli/rulecmp.cjs is the same code as one script, see
 * scripts/bundle.mjs). Each command lives in commands/<name>.ts.
 */
import type { Command } from 'commander';
import { configureTokenizerFromEnv } from '../io/jieba.js';
import { exitWhenWritten, quietOnClosedPipe } from './pipe.js';

type Register = (program: Command) => void;
/**
 * The commands, in the order help lists them. Only the one asked for is loaded (its module and what it imports):
 * a cold `rulecmp search` does not load ingest, alignment or the report writers (docs/decisions/0006).
 */
const COMMANDS: Record<string, () => Promise<{ register: Register }>> = {
  segment: () => import('./commands/segment.js'),
  build: () => import('./commands/build.js'),
  search: () => import('./commands/search.js'),
  topics: () => import('./commands/topics.js'),
  align: () => import('./commands/align.js'),
  facts: () => import('./commands/facts.js'),
  report: () => import('./commands/report.js'),
  review: () => import('./commands/review.js'),
  export: () => import('./commands/export.js'),
  serve: () => import('./commands/serve.js'),
};

/** Run the command line `argv` (process.argv's shape: node, script, arguments…). */
export async function main(argv: string[]): Promise<void> {
  quietOnClosedPipe(); // `rulecmp … | head` ends quietly
  configureTokenizerFromEnv(); // RULECMP_TOKENIZER=nodejieba; queries cut without jieba's whole dictionary

  // The first word that is not an option names the command; anything else (--help, help, a typo) loads them all.
  const asked = argv.slice(2).find((a) => !a.startsWith('-'));
  // V8 optimises a function once it has run ~66 KB of bytecode; a review or a build runs most of its code a few times,
  // and the optimising compiles then take a core it needs: with 4× that budget a review used 17 % less CPU and ended
  // 6–8 % sooner (5 and 500 peers), a build of the corpus 11 % sooner. Not a search: its few hot loops want their
  // optimised code early (8 % slower with it). docs/decisions/0016, addendum 5.
  if (asked !== 'search') (await import('node:v8')).setFlagsFromString(`--interrupt-budget=${4 * 67_584}`);
  // A search or a review is run without loading commander when its command line is plain (docs/decisions/0006).
  const handled =
    (asked === 'search' && argv[2] === 'search' && (await (await import('./commands/search.js')).fastSearch(argv.slice(3)))) ||
    (asked === 'review' && argv[2] === 'review' && (await (await import('./commands/review.js')).fastReview(argv.slice(3))));
  if (!handled) await withCommander(argv, asked);
  // Every command but serve has finished when it returns: end without waiting for the heap to be taken down.
  if (asked !== 'serve') exitWhenWritten();
}

/** Every command through commander: help, usage errors, and the commands of its own. */
async function withCommander(argv: string[], asked: string | undefined): Promise<void> {
  const { Command: CommandClass } = await import('commander');
  const program: Command = new CommandClass();
  program
    .name('rulecmp')
    .description('Compare Chinese local-government work rules (政府工作规则) clause by clause')
    .version('0.1.0')
    // A usage error is one line like every other error: "rulecmp: unknown option '--limt' (Did you mean --limit?) — rulecmp --help".
    .configureOutput({ outputError: (s, write) => write(`rulecmp: ${s.replace(/^error: /u, '').split('\n').map((l) => l.trim()).filter(Boolean).join(' ')} — run rulecmp --help for usage\n`) })
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

  const names = asked && Object.hasOwn(COMMANDS, asked) ? [asked] : Object.keys(COMMANDS);
  for (const { register } of await Promise.all(names.map((n) => COMMANDS[n]!()))) register(program);

  await program.parseAsync(argv);
}
