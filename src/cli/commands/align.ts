import type { Command } from 'commander';
import { familiesForTopic, restrictToFamilies } from '../../align/index.js';
import { findTopic, loadTaxonomy, subtree } from '../../classify/index.js';
import { FORMAT_VERSION, type Alignment, type RuleDocument } from '../../model.js';
import { formatFamily, formatPair, lookup } from '../../report/alignment-text.js';
import { EXIT, guarded, UsageError } from '../errors.js';
import { analysisForCommand } from '../load.js';
import { progressReporter } from '../progress.js';

interface AlignCommandOptions {
  corpus: string;
  topic?: string;
  json?: boolean;
  links?: boolean;
  pairs?: boolean;
  budget?: string;
  topK?: string;
  quiet?: boolean;
  store?: string;
}

function positiveInt(value: string, option: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`${option} must be a positive whole number (got "${value}")`);
  return Number(value);
}


export function register(program: Command): void {
  program
    .command('align')
    .description('align articles across documents: clause families per topic, links with pass, score and reason')
    .argument('[files...]', 'documents to align; default: every document in --corpus')
    .option('--corpus <dir>', 'corpus directory', 'corpus')
    .option('--topic <topic>', 'only the families of this topic and the topics below it (id or name: executive-meeting, 常务会议)')
    .option('--links', 'also print the links inside each family (pass, score, confidence, reason)')
    .option('--pairs', 'print, for every pair of documents, each article of the first with its counterparts (default for two documents)')
    .option('--budget <n>', 'stop after comparing this many article pairs (the output says when it stopped early)')
    .option('--top-k <n>', 'candidate neighbours per article and other document', '4')
    .option('--json', 'print the alignment as JSON (links, families, classification, budget)')
    .option('--quiet', 'no progress on stderr')
    .option('--store <url>', 'align the documents of a PostgreSQL store (rulecmp build --store), the candidates looked up in the database')
    .action(
      guarded(async (files: string[], opts: AlignCommandOptions) => {
        const taxonomy = loadTaxonomy();
        const topic = opts.topic === undefined ? undefined : findTopic(taxonomy, opts.topic);
        const maxComparisons = opts.budget === undefined ? undefined : positiveInt(opts.budget, '--budget');
        const topK = positiveInt(opts.topK ?? '4', '--top-k');
        const progress = progressReporter({ quiet: opts.quiet });
        let documents: RuleDocument[];
        let alignment: Alignment;
        let failed = false;
        if (opts.store) {
          if (files.length) throw new UsageError('--store aligns the documents of the store: give no files with it');
          // Loaded here: only a command with --store needs the pg client.
          const { alignWithStore, isStoreUrl } = await import('../../store/postgres.js');
          if (!isStoreUrl(opts.store)) throw new UsageError(`--store must be a postgres:// URL (got "${opts.store}")`);
          try {
            ({ documents, alignment } = await alignWithStore(opts.store, { taxonomy, maxComparisons, topK, onProgress: progress.onProgress }));
          } finally {
            progress.end();
          }
        } else {
          const loaded = analysisForCommand(files, opts, { taxonomy, align: { maxComparisons, topK }, onProgress: progress.onProgress });
          failed = loaded.failed;
          documents = loaded.analysis.documents;
          if (documents.length === 0) return void (process.exitCode = EXIT.failed);
          try {
            alignment = loaded.analysis.alignment;
          } finally {
            progress.end();
          }
        }
        if (documents.length === 1) process.stderr.write(`rulecmp: only one document (${documents[0]!.id}): nothing to align it with\n`);
        if (topic) alignment = restrictToFamilies(alignment, new Set(familiesForTopic(alignment, topic.id, taxonomy).map((f) => f.id)));
        if (opts.json) process.stdout.write(JSON.stringify({ formatVersion: FORMAT_VERSION, ...alignment }, null, 2) + '\n');
        else {
          const L = lookup(documents);
          const out: string[] = [];
          if (topic) {
            const ids = subtree(taxonomy, topic.id);
            const covered = new Set(alignment.families.flatMap((f) => f.members.map((m) => m.docId)));
            out.push(`${topic.name} (${topic.id})${ids.size > 1 ? ' and the topics below it' : ''}: ${alignment.families.length} families; documents without such an article: ${alignment.documents.filter((d) => !covered.has(d)).map((d) => L.heading(d)).join(', ') || 'none'}`, '');
          }
          if (opts.pairs || (documents.length === 2 && !topic)) {
            for (let i = 0; i < documents.length; i++)
              for (let j = i + 1; j < documents.length; j++) out.push(formatPair(alignment, documents[i]!.id, documents[j]!.id, documents, taxonomy), '');
          } else {
            for (const f of alignment.families) out.push(formatFamily(f, alignment, L, !!opts.links), '');
            if (!topic && alignment.classification.unclassified.length)
              out.push(`unclassified articles: ${alignment.classification.unclassified.map((r) => `${L.heading(r.docId)} ${L.label(r)}`).join(', ')}`, '');
          }
          out.push(`${alignment.links.length} links, ${alignment.families.length} families; ${alignment.budget.message}`);
          process.stdout.write(out.join('\n') + '\n');
        }
        if (alignment.budget.exhausted) process.stderr.write(`rulecmp: ${alignment.budget.message}\n`);
        if (topic && alignment.families.length === 0) process.exitCode = EXIT.noResult;
        if (failed) process.exitCode = EXIT.failed;
      }),
    );
}
