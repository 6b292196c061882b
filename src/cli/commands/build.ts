import type { Command } from 'commander';
import { snapshotOf } from '../../store/embedded.js';
import { BUILD_STEPS } from '../build.js';
import { EXIT, guarded, UsageError } from '../errors.js';
import { loadForCommand } from '../load.js';
import { collectGarbage } from '../gc.js';
import { progressReporter } from '../progress.js';
import { analyse } from '../../pipeline.js';

export function register(program: Command): void {
  program
    .command('build')
    .description('build every output (documents, index, alignment, facts, reports) from the corpus into --out')
    .argument('[files...]', 'documents; default: every document in --corpus')
    .option('--corpus <dir>', 'corpus directory', 'corpus')
    .option('--out <dir>', 'output directory', 'reports')
    .option('--store <url>', 'also load the corpus (documents, articles with their index terms, facts, families) into a PostgreSQL database: postgres://user@host:port/db')
    .option('--akn', 'also write akn/*.xml, each document as Akoma Ntoso 3.0 (what rulecmp export writes; npm start asks for it)')
    .option('--quiet', 'no progress on stderr and no step log on stdout (errors are still said)')
    .action(
      guarded(async (files: string[], opts: { corpus: string; out: string; store?: string; akn?: boolean; quiet?: boolean }) => {
        const { documents, errors, failed } = loadForCommand(files, opts);
        if (documents.length === 0) return void (process.exitCode = EXIT.failed);
        const progress = progressReporter({ quiet: opts.quiet });
        const out = (s: string) => void (opts.quiet || (progress.end(), process.stdout.write(s)));
        // The index may claim the corpus directory only when it was built from exactly its files.
        const analysis = analyse(documents, { corpus: files.length ? null : await snapshotOf(documents, errors, opts.corpus), onProgress: progress.onProgress });
        const ctx = { analysis, errors, outDir: opts.out, log: (m: string) => out(`  ${m}\n`), onProgress: progress.onProgress };
        try {
          for (const [k, step] of BUILD_STEPS.entries()) {
            const t0 = performance.now();
            out(`${step.name}\n`);
            progress.onProgress(`build: ${step.name}`, k, BUILD_STEPS.length);
            if (step.optIn && !opts[step.optIn.option]) step.optIn.skipped(ctx);
            else await step.run(ctx);
            collectGarbage(); // what the step left behind, before the next one allocates (decision 0070)
            out(`  (${Math.round(performance.now() - t0)} ms)\n`);
          }
          if (opts.store) {
            const t0 = performance.now();
            out('store\n');
            // Loaded here: only a build with --store needs the pg client.
            const { isStoreUrl, loadStore, storeContent } = await import('../../store/postgres.js');
            if (!isStoreUrl(opts.store)) throw new UsageError(`--store must be a postgres:// URL (got "${opts.store}")`);
            const r = await loadStore(opts.store, storeContent(analysis), progress.onProgress);
            ctx.log(`${r.documents} documents, ${r.articles} articles, ${r.words} word postings loaded`);
            out(`  (${Math.round(performance.now() - t0)} ms)\n`);
          }
          progress.onProgress('build: done', BUILD_STEPS.length, BUILD_STEPS.length);
        } finally {
          progress.end();
        }
        if (failed) process.exitCode = EXIT.failed;
      }),
    );
}

