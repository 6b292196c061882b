import type { Command } from 'commander';
import { UnknownDistrictError } from '../../errors.js';
import type { CorpusAnalysis } from '../../pipeline.js';
import { renderReports, REPORT_FORMATS, type ReportFormat } from '../../report/index.js';
import { writeReports } from '../build.js';
import { EXIT, guarded, UsageError } from '../errors.js';
import { analysisForCommand } from '../load.js';

interface ReportCommandOptions {
  corpus: string;
  topic?: string;
  districts?: string;
  format?: string;
  out: string;
}

function formatsOf(format: string | undefined): ReportFormat[] {
  if (format === undefined) return REPORT_FORMATS;
  if (!(REPORT_FORMATS as string[]).includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${format}")`);
  return [format as ReportFormat];
}

/** --districts: the documents named, in the order given (an unknown name is a usage error listing the documents). */
function selected(analysis: CorpusAnalysis, list: string) {
  try {
    return analysis.select(list.split(/[,，]/u).map((s) => s.trim()).filter(Boolean));
  } catch (e) {
    if (e instanceof UnknownDistrictError) throw new UsageError(`--districts: ${e.message}`);
    throw e;
  }
}

export function register(program: Command): void {
  program
    .command('report')
    .description('write the comparison reports (overview, meetings, thresholds, deadlines, leave, topics side by side, facts.json)')
    .option('--corpus <dir>', 'corpus directory', 'corpus')
    .option('--topic <topic>', 'only this topic (id or name: executive-meeting, 常务会议), its aligned articles side by side')
    .option('--districts <list>', 'only these documents, in this order: ids or district names, comma-separated (huairou-2021,通州区)')
    .option('--format <fmt>', `only this format: ${REPORT_FORMATS.join(', ')} (default: all)`)
    .option('--out <dir>', 'output directory; - prints to standard output', 'reports')
    .action(
      guarded((opts: ReportCommandOptions) => {
        const formats = formatsOf(opts.format);
        const { analysis: all, failed } = analysisForCommand([], opts);
        // A topic by id or name, as search and align take it (an unknown or ambiguous one: exit 2, naming the choices).
        if (opts.topic !== undefined) {
          try {
            opts.topic = all.topic(opts.topic).id;
          } catch (e) {
            throw new UsageError(`--topic: ${(e as Error).message}`);
          }
        }
        if (all.documents.length === 0) return void (process.exitCode = EXIT.failed);
        const analysis = opts.districts ? all.subset(selected(all, opts.districts)) : all;
        const files = renderReports(analysis, { topic: opts.topic, formats, base: opts.districts ? 'first' : 'medoid' });
        if (opts.out === '-') {
          for (const f of files) process.stdout.write((files.length > 1 ? `==> ${f.path} <==\n` : '') + f.content + (f.content.endsWith('\n') ? '' : '\n'));
        } else {
          writeReports(opts.out, files);
          process.stdout.write(`wrote ${files.length} file${files.length === 1 ? '' : 's'} to ${opts.out} (${[...new Set(files.map((f) => f.path.split('.').pop()))].sort().join(', ')}) for ${analysis.documents.map((d) => d.meta.jurisdiction.name ?? d.id).join(', ')}\n`);
        }
        if (failed) process.exitCode = EXIT.failed;
      }),
    );
}
