import type { Command } from 'commander';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadTaxonomy } from '../../classify/index.js';
import { writeText } from '../../io/write.js';
import type { RuleDocument } from '../../model.js';
import { renderReports, REPORT_FORMATS, type ReportFile, type ReportFormat } from '../../report/index.js';
import type { BuildStep } from '../build.js';
import { EXIT, guarded, UsageError } from '../errors.js';
import { loadForCommand } from '../load.js';

interface ReportCommandOptions {
  corpus: string;
  topic?: string;
  districts?: string;
  format?: string;
  out: string;
}

/** Documents named in --districts (id, district name, or the name without 区/县), in the order given. */
export function selectDistricts(docs: RuleDocument[], list: string | undefined): RuleDocument[] {
  if (!list) return docs;
  const wanted = list.split(/[,，]/u).map((s) => s.trim()).filter(Boolean);
  return wanted.map((w) => {
    const d = docs.find((x) => x.id === w || x.meta.jurisdiction.name === w || x.meta.jurisdiction.name?.replace(/[区县市旗]$/u, '') === w || x.id.split('-')[0] === w);
    if (!d) throw new UsageError(`--districts: no document "${w}" (have ${docs.map((x) => `${x.id} ${x.meta.jurisdiction.name ?? ''}`.trim()).join(', ')})`);
    return d;
  });
}

function formatsOf(format: string | undefined): ReportFormat[] {
  if (format === undefined) return REPORT_FORMATS;
  if (!(REPORT_FORMATS as string[]).includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${format}")`);
  return [format as ReportFormat];
}

/** Write report files under a directory; topic pages no longer produced are removed. */
export function writeReports(outDir: string, files: ReportFile[], pruneTopics: boolean): void {
  for (const f of files) writeText(join(outDir, f.path), f.content);
  const topicsDir = join(outDir, 'topics');
  if (pruneTopics && existsSync(topicsDir)) {
    const keep = new Set(files.map((f) => f.path));
    for (const name of readdirSync(topicsDir)) if (/\.(md|html)$/u.test(name) && !keep.has(`topics/${name}`)) rmSync(join(topicsDir, name));
  }
}

export function register(program: Command): void {
  program
    .command('report')
    .description('write the comparison reports (overview, meetings, thresholds, deadlines, leave, topics side by side, facts.json)')
    .option('--corpus <dir>', 'corpus directory', 'corpus')
    .option('--topic <id>', 'only this topic, its aligned articles side by side (e.g. executive-meeting, meetings)')
    .option('--districts <list>', 'only these documents, in this order: ids or district names, comma-separated (huairou-2021,通州区)')
    .option('--format <fmt>', `only this format: ${REPORT_FORMATS.join(', ')} (default: all)`)
    .option('--out <dir>', 'output directory; - prints to standard output', 'reports')
    .action(
      guarded((opts: ReportCommandOptions) => {
        const formats = formatsOf(opts.format);
        if (opts.topic !== undefined && !loadTaxonomy().byId.has(opts.topic)) {
          throw new UsageError(`--topic: unknown topic "${opts.topic}" (e.g. ${loadTaxonomy().topics.slice(0, 6).map((t) => t.id).join(', ')}; all in data/topics.json)`);
        }
        const { documents, failed } = loadForCommand([], opts);
        if (documents.length === 0) return void (process.exitCode = EXIT.failed);
        const docs = selectDistricts(documents, opts.districts);
        const files = renderReports(docs, { topic: opts.topic, formats, base: opts.districts ? 'first' : 'medoid' });
        if (opts.out === '-') {
          for (const f of files) process.stdout.write((files.length > 1 ? `==> ${f.path} <==\n` : '') + f.content + (f.content.endsWith('\n') ? '' : '\n'));
        } else {
          writeReports(opts.out, files, false);
          process.stdout.write(`wrote ${files.length} files to ${opts.out} (${[...new Set(files.map((f) => f.path.split('.').pop()))].sort().join(', ')}) for ${docs.map((d) => d.meta.jurisdiction.name ?? d.id).join(', ')}\n`);
        }
        if (failed) process.exitCode = EXIT.failed;
      }),
    );
}

/** `npm start`: every report of the corpus into the output directory. */
export const reportBuildStep: BuildStep = {
  name: 'report',
  run(ctx) {
    const files = renderReports(ctx.documents, ctx.alignment ? { alignment: ctx.alignment } : {});
    writeReports(ctx.outDir, files, true);
    const topics = files.filter((f) => f.path.startsWith('topics/') && f.path.endsWith('.html')).length;
    ctx.log(`index, overview, meetings, thresholds, deadlines, leave, topics (+${topics} topic pages) as md/html/csv, facts.json: ${files.length} files`);
  },
};
