import type { Command } from 'commander';
import { EXIT, guarded, UsageError } from '../errors.js';

interface SearchCommandOptions {
  district?: string;
  year?: string;
  chapter?: string;
  topic?: string;
  limit: string;
  json?: boolean;
  byDistrict?: boolean;
  color: string;
  corpus: string;
  index?: string;
  store?: string;
}

function positiveInt(value: string, option: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`${option} must be a positive whole number (got "${value}")`);
  return Number(value);
}

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
function useColor(when: string): boolean {
  if (when === 'always') return true;
  if (when === 'never') return false;
  if (when !== 'auto') throw new UsageError(`--color must be auto, always or never (got "${when}")`);
  return !!process.stdout.isTTY && !process.env.NO_COLOR;
}

/** The command's options, once: commander is built from them, and so is the fast path's parser (fastSearch). */
const OPTIONS: { name: keyof SearchCommandOptions; flag: string; value?: string; description: string; default?: string }[] = [
  { name: 'district', flag: '--district', value: '<name>', description: 'only this district (怀柔区, 怀柔) or document id (huairou-2021)' },
  { name: 'year', flag: '--year', value: '<year>', description: 'only documents of this year' },
  { name: 'chapter', flag: '--chapter', value: '<title>', description: 'only chapters whose title contains this (会议制度), or a chapter label / number' },
  { name: 'topic', flag: '--topic', value: '<topic>', description: 'only articles of this topic or its subtopics: a name (常务会议) or id (executive-meeting); see rulecmp topics' },
  { name: 'limit', flag: '--limit', value: '<n>', description: 'number of hits to show', default: '10' },
  { name: 'byDistrict', flag: '--by-district', description: 'for each document its best article(s) for the query, and the documents with no match' },
  { name: 'json', flag: '--json', description: 'print the hits as JSON (citation, score, snippet with highlight offsets)' },
  { name: 'color', flag: '--color', value: '<when>', description: 'colour the matches: auto (on a terminal, unless NO_COLOR is set), always, never', default: 'auto' },
  { name: 'corpus', flag: '--corpus', value: '<dir>', description: 'corpus directory the index answers for', default: 'corpus' },
  {
    name: 'index',
    flag: '--index',
    value: '<file>',
    description: 'persisted index (rebuilt when the corpus changed); default: reports/search-index for ./corpus, else a folder of its own per corpus directory in ~/.cache/rulecmp; a .json path is the single-file form',
  },
  { name: 'store', flag: '--store', value: '<url>', description: 'answer from a PostgreSQL store loaded by rulecmp build --store (postgres://user@host:port/db) instead of the index file' },
];

export function register(program: Command): void {
  const command = program
    .command('search')
    .description('search articles across the corpus: ranked hits with citation, highlighted snippet and score')
    .argument('[query...]', 'words to find (all of them); a "quoted phrase" must occur as contiguous text');
  for (const o of OPTIONS) command.option(`${o.flag}${o.value ? ` ${o.value}` : ''}`, o.description, o.default);
  command.action(guarded(runSearch));
}

/**
 * `rulecmp search …` without commander (~10 ms of a cold start, docs/decisions/0006): the same options parsed by
 * node's util.parseArgs. False when it cannot tell (help asked, an unknown option, a missing value): then commander
 * parses the command line and gives its usual answer.
 */
export async function fastSearch(args: string[]): Promise<boolean> {
  if (args.some((a) => a === '-h' || a === '--help')) return false;
  const { parseArgs } = await import('node:util');
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(OPTIONS.map((o) => [o.flag.slice(2), { type: o.value ? ('string' as const) : ('boolean' as const) }])),
    });
  } catch {
    return false;
  }
  const opts: Record<string, unknown> = {};
  for (const o of OPTIONS) opts[o.name] = parsed.values[o.flag.slice(2)] ?? o.default;
  await guarded(runSearch)(parsed.positionals, opts as unknown as SearchCommandOptions);
  return true;
}

async function runSearch(words: string[], opts: SearchCommandOptions): Promise<void> {
  const query = words.join(' ');
  if (!query.trim()) throw new UsageError('empty query: give words to search for, e.g. rulecmp search 常务会议 每周');
  const limit = positiveInt(opts.limit, '--limit');
  const year = opts.year === undefined ? undefined : positiveInt(opts.year, '--year');
  const color = opts.json ? false : useColor(opts.color);
  if (opts.store !== undefined) return searchStore(query, opts.store, { limit, year, color, opts });
  // Loaded here, not at start-up: the other commands do not need the index or jieba.
  const { openIndex } = await import('../../store/embedded.js');
  const { search } = await import('../../search/search.js');
  const { formatByDistrict, formatResponse } = await import('../../search/render.js');

  const t0 = performance.now();
  const opened = await openIndex({ indexPath: opts.index, corpusDir: opts.corpus });
  if (opened.rebuilt) {
    const where = opened.writeError ? `not saved: ${opened.writeError}` : `saved to ${opened.indexPath}`;
    process.stderr.write(`rulecmp: search index rebuilt (${opened.rebuilt}; ${opened.index.articles.length} articles, ${Math.round(performance.now() - t0)} ms, ${where})\n`);
  }
  // Files of the corpus that could not be read: said on every search, not only when the index is rebuilt.
  const skipped = opened.index.meta.corpus?.skipped ?? [];
  for (const s of skipped) process.stderr.write(`rulecmp: ${s.message.startsWith(s.path) ? s.message : `${s.path}: ${s.message}`} (skipped)\n`);
  if (skipped.length) process.exitCode = EXIT.failed;
  const topic = opts.topic === undefined ? undefined : await topicId(opts.topic);
  const response = search(opened.index, query, { limit, filters: { district: opts.district, year, chapter: opts.chapter, topic }, byDistrict: opts.byDistrict });
  if (opts.json) process.stdout.write(JSON.stringify(response, null, 2) + '\n');
  else if (response.total > 0) process.stdout.write(opts.byDistrict ? formatByDistrict(response, color) : formatResponse(response, color));
  if (response.total === 0) {
    process.stderr.write(`rulecmp: no article matches ${query.trim()} (searched ${opened.index.articles.length} articles in ${opened.index.documentCount} documents)\n`);
    process.exitCode = EXIT.noResult;
  }
}

/** The same search answered from a PostgreSQL store (rulecmp build --store): the same output, exit codes and errors. */
async function searchStore(query: string, url: string, o: { limit: number; year?: number; color: boolean; opts: SearchCommandOptions }): Promise<void> {
  const { opts } = o;
  const { isStoreUrl, PostgresStore } = await import('../../store/postgres.js');
  if (!isStoreUrl(url)) throw new UsageError(`--store must be a postgres:// URL (got "${url}")`);
  const { formatByDistrict, formatResponse } = await import('../../search/render.js');
  const topic = opts.topic === undefined ? undefined : await topicId(opts.topic);
  const store = await PostgresStore.open(url);
  try {
    const response = await store.search(query, { limit: o.limit, filters: { district: opts.district, year: o.year, chapter: opts.chapter, topic }, byDistrict: opts.byDistrict });
    if (opts.json) process.stdout.write(JSON.stringify(response, null, 2) + '\n');
    else if (response.total > 0) process.stdout.write(opts.byDistrict ? formatByDistrict(response, o.color) : formatResponse(response, o.color));
    if (response.total === 0) {
      const { articles, documents } = await store.counts();
      process.stderr.write(`rulecmp: no article matches ${query.trim()} (searched ${articles} articles in ${documents} documents)\n`);
      process.exitCode = EXIT.noResult;
    }
  } finally {
    await store.close();
  }
}

/** A topic name or id as the user typed it → its id (UnknownTopicError / AmbiguousTopicError: exit 2). */
async function topicId(query: string): Promise<string> {
  const { findTopic, loadTaxonomy } = await import('../../classify/index.js');
  return findTopic(loadTaxonomy(), query).id;
}
