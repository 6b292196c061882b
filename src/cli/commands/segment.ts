import type { Command } from 'commander';
import { join } from 'node:path';
import { writeJson } from '../../io/write.js';
import { outline } from '../../report/outline.js';
import { EXIT, guarded } from '../errors.js';
import { loadForCommand } from '../load.js';

export function register(program: Command): void {
  program
    .command('segment')
    .description('segment documents into metadata, chapters, articles, paragraphs and items')
    .argument('[files...]', 'documents (.txt or .html); default: every document in --corpus')
    .option('--corpus <dir>', 'corpus directory', 'corpus')
    .option('--json', 'print the document model as JSON')
    .option('--out <dir>', 'write <id>.json per document into this directory')
    .action(
      guarded((files: string[], opts: { corpus: string; json?: boolean; out?: string }) => {
        const { documents, failed } = loadForCommand(files, opts);
        for (const doc of documents) {
          if (opts.out) writeJson(join(opts.out, `${doc.id}.json`), doc);
          else if (opts.json) process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
          else process.stdout.write(outline(doc) + '\n');
        }
        if (opts.out) process.stdout.write(`wrote ${documents.length} documents to ${opts.out}\n`);
        if (failed) process.exitCode = EXIT.failed;
      }),
    );
}
