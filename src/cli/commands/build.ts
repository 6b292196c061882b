import type { Command } from 'commander';
import { snapshotOf } from '../../store/embedded.js';
import { BUILD_STEPS } from '../build.js';
import { EXIT, guarded } from '../errors.js';
import { loadForCommand } from '../load.js';
import { analyse } from '../../pipeline.js';

export function register(program: Command): void {
  program
    .command('build')
    .description('build every output (documents, index, alignment, facts, reports) from the corpus into --out')
    .argument('[files...]', 'documents; default: every document in --corpus')
    .option('--corpus <dir>', 'corpus directory', 'corpus')
    .option('--out <dir>', 'output directory', 'reports')
    .action(
      guarded(async (files: string[], opts: { corpus: string; out: string }) => {
        const { documents, errors, failed } = loadForCommand(files, opts);
        if (documents.length === 0) return void (process.exitCode = EXIT.failed);
        // The index may claim the corpus directory only when it was built from exactly its files.
        const analysis = analyse(documents, { corpus: files.length ? null : await snapshotOf(documents, errors, opts.corpus) });
        const ctx = { analysis, errors, outDir: opts.out, log: (m: string) => process.stdout.write(`  ${m}\n`) };
        for (const step of BUILD_STEPS) {
          const t0 = performance.now();
          process.stdout.write(`${step.name}\n`);
          await step.run(ctx);
          process.stdout.write(`  (${Math.round(performance.now() - t0)} ms)\n`);
        }
        if (failed) process.exitCode = EXIT.failed;
      }),
    );
}

