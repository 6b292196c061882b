import type { Command } from 'commander';
import { join } from 'node:path';
import { documentJson, writeText } from '../../io/write.js';
import { FORMAT_VERSION, type RuleDocument } from '../../model.js';
import { outline } from '../../report/outline.js';
import { EXIT, guarded } from '../errors.js';
import { loadForCommand } from '../load.js';

export function register(program: Command): void {
  program
    .command('segment')
    .description('segment documents into metadata, chapters, articles, paragraphs and items')
    .argument('[files...]', 'documents (.txt or .html); default: every document in --corpus')
    .option('--corpus <dir>', 'corpus directory', 'corpus')
    .option('--json', 'print the document models as one JSON array (one element per document)')
    .option('--jsonl', 'print the document models as JSON Lines (one document per line)')
    .option('--out <dir>', 'write <id>.json per document into this directory')
    .action(
      guarded((files: string[], opts: { corpus: string; json?: boolean; jsonl?: boolean; out?: string }) => {
        const { documents, failed } = loadForCommand(files, opts);
        const versioned = (d: RuleDocument) => ({ formatVersion: FORMAT_VERSION, ...d });
        if (opts.out) for (const doc of documents) writeText(join(opts.out, `${doc.id}.json`), documentJson(doc));
        else if (opts.json) process.stdout.write(JSON.stringify(documents.map(versioned), null, 2) + '\n');
        else if (opts.jsonl) for (const doc of documents) process.stdout.write(JSON.stringify(versioned(doc)) + '\n');
        else for (const doc of documents) process.stdout.write(outline(doc) + '\n');
        if (opts.out) process.stdout.write(`wrote ${documents.length} documents to ${opts.out}\n`);
        if (failed) process.exitCode = EXIT.failed;
      }),
    );
}
