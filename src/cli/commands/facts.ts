import type { Command } from 'commander';
import { extractDocumentFacts, KIND_NAMES, type DocumentFacts, type KindName } from '../../extract/index.js';
import type { Fact, RuleDocument } from '../../model.js';
import { shortLabel } from '../../report/articles.js';
import { factLine } from '../../report/facts-text.js';
import { factsJson } from '../../report/index.js';
import { EXIT, guarded, UsageError } from '../errors.js';
import { loadForCommand } from '../load.js';

interface FactsCommandOptions {
  corpus: string;
  kind?: string;
  json?: boolean;
}

function printText(docs: RuleDocument[], facts: DocumentFacts[], kinds: KindName[]): number {
  let n = 0;
  docs.forEach((doc, i) => {
    const list = kinds.flatMap((k) => facts[i]![k] as Fact[]);
    process.stdout.write(`${doc.meta.jurisdiction.name ?? doc.id} (${doc.id}): ${list.length} facts\n`);
    for (const f of list) {
      n++;
      process.stdout.write(`  ${shortLabel(f.citation.label).padEnd(6, '\u3000')} ${f.kind.padEnd(9)} ${factLine(f)}\n`);
      process.stdout.write(`  ${''.padEnd(6, '\u3000')} ${''.padEnd(9)} «${f.citation.quote}»\n`);
    }
  });
  return n;
}

export function register(program: Command): void {
  program
    .command('facts')
    .description('extract normative facts (meetings, money thresholds, deadlines, leave rules), each with its article and exact quote')
    .argument('[files...]', 'documents (.txt or .html); default: every document in --corpus')
    .option('--corpus <dir>', 'corpus directory', 'corpus')
    .option('--kind <kind>', `only one kind: ${Object.keys(KIND_NAMES).join(', ')}`)
    .option('--json', 'print the facts as JSON (the facts.json schema, docs/facts-schema.md)')
    .action(
      guarded((files: string[], opts: FactsCommandOptions) => {
        const all = Object.keys(KIND_NAMES) as KindName[];
        if (opts.kind !== undefined && !(all as string[]).includes(opts.kind)) throw new UsageError(`--kind must be one of ${all.join(', ')} (got "${opts.kind}")`);
        const kinds = opts.kind ? [opts.kind as KindName] : all;
        const { documents, failed } = loadForCommand(files, opts);
        const facts = documents.map(extractDocumentFacts).map((f) => ({ ...f, ...Object.fromEntries(all.filter((k) => !kinds.includes(k)).map((k) => [k, []])) }) as DocumentFacts);
        let n: number;
        if (opts.json) {
          process.stdout.write(factsJson(documents, facts));
          n = facts.reduce((s, f) => s + kinds.reduce((t, k) => t + f[k].length, 0), 0);
        } else n = printText(documents, facts, kinds);
        if (failed) process.exitCode = EXIT.failed;
        else if (n === 0 && documents.length > 0) process.exitCode = EXIT.noResult;
      }),
    );
}
