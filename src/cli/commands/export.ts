import { mkdirSync } from 'node:fs';
import type { Command } from 'commander';
import { join } from 'node:path';
import { toAkomaNtoso } from '../../export/akn.js';
import { writeText } from '../../io/write.js';
import { EXIT, guarded, UsageError } from '../errors.js';
import { loadForCommand } from '../load.js';

export const EXPORT_FORMATS = ['akn'] as const;

interface ExportOptions {
  corpus: string;
  format: string;
  out?: string;
}

const reason = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' ? 'permission denied' : code === 'ENOTDIR' ? 'not a directory' : code === 'ENOSPC' ? 'no space left' : ((e as Error).message ?? String(e)).split('\n')[0]!;
};

export function register(program: Command): void {
  program
    .command('export')
    .description('export documents as Akoma Ntoso 3.0 XML (OASIS LegalDocML): one <act> per document')
    .argument('[files...]', 'documents (.txt or .html); default: every document in --corpus')
    .option('--corpus <dir>', 'corpus directory', 'corpus')
    .option('--format <fmt>', `output format: ${EXPORT_FORMATS.join(', ')} (Akoma Ntoso 3.0)`, 'akn')
    .option('--out <dir>', 'write <id>.xml per document into this directory; without it, one file is printed to standard output')
    .action(
      guarded((files: string[], opts: ExportOptions) => {
        if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')} (got "${opts.format}")`);
        if (!opts.out && files.length !== 1) {
          throw new UsageError(files.length ? `${files.length} files: give --out <dir> to write one XML file each` : 'no file named: name one file to print it, or give --out <dir> to export the corpus');
        }
        // A folder that cannot be made is said once, before any document is read (not once per file).
        if (opts.out) mkdirSync(opts.out, { recursive: true });
        const { documents, failed } = loadForCommand(files, opts);
        let bad = failed;
        let written = 0;
        for (const doc of documents) {
          let xml: string;
          try {
            xml = toAkomaNtoso(doc);
          } catch (e) {
            process.stderr.write(`rulecmp: ${doc.meta.source.path}: ${reason(e)}\n`);
            bad = true;
            continue;
          }
          if (!opts.out) {
            process.stdout.write(xml);
            continue;
          }
          const path = join(opts.out, `${doc.id}.xml`);
          try {
            writeText(path, xml);
            written++;
          } catch (e) {
            process.stderr.write(`rulecmp: ${path}: ${reason(e)}\n`);
            bad = true;
          }
        }
        if (opts.out) process.stdout.write(`wrote ${written} Akoma Ntoso document${written === 1 ? '' : 's'} to ${opts.out}\n`);
        if (bad) process.exitCode = EXIT.failed;
      }),
    );
}
