import { statSync } from 'node:fs';
import type { Command } from 'commander';
import type { PostgresStore } from '../../store/postgres.js';
import { EXIT, fail, guarded, UsageError } from '../errors.js';

interface ServeCommandOptions {
  corpus: string;
  port: string;
  host: string;
  maxBody: string;
  store?: string;
}

function wholeNumber(value: string, option: string, min: number, max: number): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) throw new UsageError(`${option} must be a whole number from ${min} to ${max} (got "${value}")`);
  return Number(value);
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('a local web app over the corpus: search, documents, side-by-side comparison, fact tables, draft review, and a JSON API')
    .option('--corpus <dir>', 'corpus directory (read again when a file changes)', 'corpus')
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option('--host <addr>', 'address to listen on; anything but loopback makes the app reachable from other machines', '127.0.0.1')
    .option('--max-body <KiB>', 'largest request body accepted (a draft sent for review), in KiB', '4096')
    .option('--store <url>', 'answer searches from a PostgreSQL store loaded by rulecmp build --store (postgres://user@host:port/db); the rest comes from --corpus')
    .action(
      guarded(async (opts: ServeCommandOptions) => {
        const port = wholeNumber(opts.port, '--port', 0, 65535);
        const bodyLimit = wholeNumber(opts.maxBody, '--max-body', 1, 1024 * 1024) * 1024;
        // Loaded here, not at start-up: the other commands do not need the server.
        const { startServer } = await import('../../server/index.js');
        const log = (line: string) => process.stderr.write(`rulecmp serve: ${line}\n`);
        // A corpus that is not a folder is said once, before anything is started.
        let isDir = false;
        try {
          isDir = statSync(opts.corpus).isDirectory();
        } catch {
          fail(`${opts.corpus}: no such folder (--corpus names the folder of documents to serve)`);
        }
        if (!isDir) fail(`${opts.corpus}: not a folder (--corpus names the folder of documents to serve)`);
        let running;
        let store: PostgresStore | undefined;
        try {
          if (opts.store !== undefined) {
            const { isStoreUrl, PostgresStore } = await import('../../store/postgres.js');
            if (!isStoreUrl(opts.store)) throw new UsageError(`--store must be a postgres:// URL (got "${opts.store}")`);
            store = await PostgresStore.open(opts.store);
          }
          const s = store;
          running = await startServer({ dir: opts.corpus, port, host: opts.host, bodyLimit, log, search: s && ((q, o) => s.search(q, o)) });
        } catch (e) {
          if (e instanceof UsageError) throw e;
          process.stderr.write(`rulecmp: ${(e as Error).message.split('\n')[0]}\n`);
          process.exit(EXIT.failed);
        }
        process.stdout.write(`rulecmp serve: ${running.url} (${running.state.current().analysis.documents.length} documents from ${opts.corpus}${store ? '; searches from the PostgreSQL store' : ''}; Ctrl-C stops)\n`);
        const stop = () => {
          void running
            .close()
            .then(() => store?.close())
            .then(() => process.exit(EXIT.ok));
          setTimeout(() => process.exit(EXIT.ok), 2000).unref();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }),
    );
}
