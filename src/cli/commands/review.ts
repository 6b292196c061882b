import type { Command } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { DEFAULT_CORPUS, fileProblem } from '../../io/files.js';
import { usePeersDictionary } from '../../io/jieba.js';
import { writeText } from '../../io/write.js';
import type { DraftReview } from '../../model.js';
import type { CorpusAnalysis } from '../../pipeline.js';
import { EXIT, guarded, UsageError } from '../errors.js';
import { progressReporter } from '../progress.js';

const FORMATS = ['md', 'html', 'json', 'docx'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = ['deviations', 'missing', 'new'] as const;

export interface ReviewCommandOptions {
  peers?: string[];
  analysis?: string;
  format?: string;
  out?: string;
  failOn?: string;
  quiet?: boolean;
}

/** The peers: a directory (its build output reused when fresh) or files; default the corpus. */

/** What the command needs beyond parsing its options, loaded when it runs (a cold process loads only this). */
async function modules() {
  const [analysis, corpus, pipeline, review, peers] = await Promise.all([import('../../io/analysis.js'), import('../../io/corpus.js'), import('../../pipeline.js'), import('../../review/index.js'), import('../../align/peers.js')]);
  return { readBuiltAnalysis: analysis.readBuiltAnalysis, documentFromBytes: corpus.documentFromBytes, loadDocuments: corpus.loadDocuments, analyse: pipeline.analyse, reviewDraft: review.reviewDraft, slicePeerData: peers.slicePeerData };
}
type Modules = Awaited<ReturnType<typeof modules>>;

function peerAnalysis(m: Modules, peers: string[] | undefined, analysisDir: string | undefined, draftPath: string, draftText: string, log: (m: string) => void): { analysis: CorpusAnalysis; failed: boolean } {
  const { readBuiltAnalysis, analyse, loadDocuments } = m;
  const list = peers?.length ? peers : [DEFAULT_CORPUS];
  const isDir = list.length === 1 && existsSync(list[0]!) && statSync(list[0]!).isDirectory();
  if (isDir) {
    const dir = list[0]!;
    const out = analysisDir ?? (resolve(dir) === resolve(DEFAULT_CORPUS) ? 'reports' : undefined);
    if (out) {
      const { built, why } = readBuiltAnalysis(dir, out);
      if (built) {
        // The draft is cut with the words of the peers' characters (and those around its others); the peers' chapter
        // titles are cut too (the alignment compares them), so they go with it.
        usePeersDictionary(out, [draftText, ...new Set(built.documents.flatMap((d) => d.chapters.map((c) => c.title)))].join('\n'));
        // A draft that sits in the peer directory is not its own peer: leave it out of everything read back.
        const keep = built.documents.map((d) => resolve(d.meta.source.path) !== resolve(draftPath));
        const left = built.documents.filter((_, i) => !keep[i]).map((d) => d.id);
        log(`peers: ${built.documents.length - left.length} documents of ${dir} as built in ${out}${left.length ? ` (${left.join(', ')}, the draft itself, left out)` : ''}${built.note ? `; ${built.note}` : ''}`);
        const documents = built.documents.filter((_, i) => keep[i]);
        const facts = built.facts?.filter((_, i) => keep[i]);
        const peers = built.peers ? m.slicePeerData(built.peers, built.documents.map((d) => d.articles.length), keep.flatMap((k, i) => (k ? [i] : []))) : undefined;
        return { analysis: analyse(documents, { precomputed: { ...(facts ? { facts } : {}), ...(peers ? { peers } : {}) } }), failed: false };
      }
      log(`peers: ${out} not used (${why}); reading ${dir}`);
    }
  }
  const { documents, errors } = loadDocuments(isDir ? [] : list, isDir ? list[0]! : DEFAULT_CORPUS);
  // A draft that sits in the peer directory is not its own peer.
  const peersOnly = documents.filter((d) => resolve(d.meta.source.path) !== resolve(draftPath));
  if (peersOnly.length === 0) {
    if (errors.length) throw new InputError(`no peers to review against: ${errors[0]!.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`);
    throw new InputError(`no peer documents to review against (${list.join(', ')})`);
  }
  for (const e of errors) process.stderr.write(`rulecmp: ${e.message}\n`);
  return { analysis: analyse(peersOnly), failed: errors.length > 0 };
}

function readDraft({ documentFromBytes }: Modules, path: string) {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`${path}: ${fileProblem(e, path)}`, path);
  }
  const id = `draft-${path.replace(/^.*[\\/]/u, '').replace(/\.[^.]+$/u, '')}`;
  return documentFromBytes(bytes, path, id);
}

function findings(r: DraftReview, kinds: string[]): number {
  let n = 0;
  if (kinds.includes('deviations')) n += r.deviations.length;
  if (kinds.includes('missing')) n += r.missingTopics.length + r.omittedFacts.length;
  if (kinds.includes('new')) n += r.newArticles.length;
  return n;
}

/** The command's options, once: commander is built from them, and so is the fast path's parser (fastReview). */
const OPTIONS: { name: keyof ReviewCommandOptions; flag: string; value?: string; many?: boolean; description: string }[] = [
  { name: 'peers', flag: '--peers', value: '<files-or-dir...>', many: true, description: 'peer documents or a directory of them (default: the corpus)' },
  { name: 'analysis', flag: '--analysis', value: '<dir>', description: 'what `rulecmp build` wrote for the peer directory (default: reports for ./corpus); used when fresh' },
  { name: 'format', flag: '--format', value: '<fmt>', description: `output format: ${FORMATS.join(', ')} (default md)` },
  { name: 'out', flag: '--out', value: '<file>', description: 'write to this file (needed for docx on a terminal)' },
  { name: 'failOn', flag: '--fail-on', value: '<kinds>', description: `exit 4 when findings of these kinds exist: ${FAIL_ON.join(', ')} (comma-separated)` },
  { name: 'quiet', flag: '--quiet', description: 'no progress on stderr' },
];

export function register(program: Command, action: (draft: string, opts: ReviewCommandOptions) => Promise<void> = runReview): void {
  const command = program
    .command('review')
    .description('review a draft (征求意见稿) against its peers: articles copied, modified or new; topics left out; facts that depart from peer practice; a 对照表')
    .argument('<draft>', 'the draft: .txt (any encoding the ingest reads), .html or .md');
  for (const o of OPTIONS) command.option(`${o.flag}${o.value ? ` ${o.value}` : ''}`, o.description);
  command.action(action === runReview ? guarded(runReview) : action);
}

/**
 * `rulecmp review …` without commander (~11 ms of a cold start, as for search: docs/decisions/0006). The same
 * options read as commander reads them (--peers takes every word up to the next option; --flag=value too). False when
 * it cannot tell (help asked, an unknown option, a missing value or draft, two drafts): commander then parses the
 * command line and gives its usual answer.
 */
export async function fastReview(args: string[]): Promise<boolean> {
  const parsed = parseReviewArgs(args);
  if (!parsed) return false;
  await guarded(runReview)(parsed.draft, parsed.opts);
  return true;
}

/** The draft and options of a plain review command line, as commander reads them; null when it cannot tell. */
export function parseReviewArgs(args: string[]): { draft: string; opts: ReviewCommandOptions } | null {
  const opts: Partial<Record<keyof ReviewCommandOptions, string | string[] | boolean>> = {};
  const positionals: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const o = OPTIONS.find((x) => x.flag === flag);
    if (!o) return null;
    if (!o.value) {
      if (eq > 0) return null;
      opts[o.name] = true;
    } else if (o.many) {
      const values = eq > 0 ? [arg.slice(eq + 1)] : [];
      while (k + 1 < args.length && !args[k + 1]!.startsWith('-')) values.push(args[++k]!);
      if (!values.length) return null;
      opts[o.name] = [...((opts[o.name] as string[] | undefined) ?? []), ...values];
    } else {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++k];
      if (value === undefined || (eq < 0 && value.startsWith('-'))) return null;
      opts[o.name] = value;
    }
  }
  return positionals.length === 1 ? { draft: positionals[0]!, opts: opts as ReviewCommandOptions } : null;
}

async function runReview(draftPath: string, opts: ReviewCommandOptions): Promise<void> {
  const format = (opts.format ?? (opts.out?.match(/\.(md|html|json|docx)$/u)?.[1] ?? 'md')) as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${opts.format}")`);
  const failOn = opts.failOn ? opts.failOn.split(',').map((s) => s.trim()).filter(Boolean) : [];
  for (const k of failOn) if (!(FAIL_ON as readonly string[]).includes(k)) throw new UsageError(`--fail-on must list ${FAIL_ON.join(', ')} (got "${k}")`);
  if (format === 'docx' && !opts.out && process.stdout.isTTY) throw new UsageError('--format docx writes a Word file: give --out file.docx');
  const log = (m: string) => (opts.quiet ? undefined : process.stderr.write(`rulecmp: ${m}\n`));
  const m = await modules();
  const draft = readDraft(m, draftPath);
  const { analysis, failed } = peerAnalysis(m, opts.peers, opts.analysis, draftPath, draft.text, log);
  const t0 = performance.now();
  const progress = progressReporter({ quiet: opts.quiet });
  let review: DraftReview;
  try {
    review = m.reviewDraft(analysis, draft, { onProgress: progress.onProgress });
  } finally {
    progress.end();
  }
  log(`reviewed ${draft.articles.length} articles against ${analysis.documents.length} peers in ${Math.round(performance.now() - t0)} ms`);
  const render = await import('../../report/review.js');
  const content: string | Uint8Array =
    format === 'json' ? render.reviewJson(review) : format === 'html' ? render.reviewHtml(review) : format === 'docx' ? await (await import('../../report/review-docx.js')).reviewDocx(review) : render.reviewMarkdown(review);
  if (opts.out) {
    writeText(opts.out, content);
    const s = review.summary;
    process.stdout.write(
      `wrote ${opts.out}: ${Object.entries(s.byStatus).map(([k, v]) => `${k} ${v}`).join(', ')}; ${s.deviations} deviations, ${s.missingTopics} missing topics, ${s.omittedFacts} omitted facts\n`,
    );
  } else process.stdout.write(content);
  if (failed) process.exitCode = EXIT.failed;
  else if (failOn.length && findings(review, failOn) > 0) {
    process.exitCode = EXIT.findings;
    const s = review.summary;
    const said = { deviations: `${s.deviations} deviations`, missing: `${s.missingTopics} missing topics, ${s.omittedFacts} omitted facts`, new: `${review.newArticles.length} new articles` } as Record<string, string>;
    log(`exit 4 (--fail-on ${failOn.join(',')}): ${failOn.map((k) => said[k]).join('; ')}`);
  }
}
