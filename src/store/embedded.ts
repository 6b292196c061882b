/**
 * The embedded search-index store (an edge: this file reads and writes files).
 *
 * `rulecmp build` writes OUT/search-index.json with the SHA-256 of every file of the corpus
 * directory it was built from. A command that searches hashes those files again (milliseconds)
 * and loads the index as it is when nothing changed. When a file changed, appeared or went away,
 * or the index was made by another format, user dictionary or for another corpus directory, it
 * rebuilds the index from the corpus and writes it back — to the index that belongs to that
 * corpus: reports/search-index.json belongs to ./corpus; any other corpus directory gets its own
 * file in the user's cache directory, so searching another corpus never overwrites the default.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { DEFAULT_CORPUS, fileProblem } from '../io/files.js';
import type { RuleDocument } from '../model.js';
import { INDEX_FORMAT, SearchIndex, type BuildIndexOptions, type CorpusSnapshot, type SearchIndexData, type SearchIndexMeta } from '../search/searchIndex.js';
import { userDictHash, type TokenizerEngine } from '../tokenize/index.js';

export const DEFAULT_INDEX_PATH = 'reports/search-index.json';

/**
 * The index file that belongs to a corpus directory when none is named: reports/search-index.json for
 * the project's ./corpus, else one per directory under $XDG_CACHE_HOME/rulecmp (~/.cache/rulecmp).
 */
export function defaultIndexPath(corpusDir: string = DEFAULT_CORPUS): string {
  if (resolve(corpusDir) === resolve(DEFAULT_CORPUS)) return DEFAULT_INDEX_PATH;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const id = createHash('sha256').update(resolve(corpusDir)).digest('hex').slice(0, 16);
  return join(cache, 'rulecmp', `search-index-${basename(resolve(corpusDir))}-${id}.json`);
}

/**
 * SHA-256 of every regular, non-hidden file of the directory (not recursive). A file that cannot be
 * read (dangling symlink, symlink loop, no permission) is named in `skipped`, not a reason to stop.
 */
export function snapshotCorpus(dir: string): CorpusSnapshot {
  const files: Record<string, string> = {};
  const skipped: { path: string; message: string }[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    try {
      if (!statSync(path).isFile()) continue;
      files[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
    } catch (e) {
      skipped.push({ path, message: `${path}: ${fileProblem(e, path)}` });
    }
  }
  return skipped.length ? { dir, files, skipped } : { dir, files };
}

/** Why an index no longer answers for this corpus, or null when it does. */
export function staleReason(meta: SearchIndexMeta, current: CorpusSnapshot, engine?: TokenizerEngine): string | null {
  if (meta.format !== INDEX_FORMAT) return `index format ${meta.format}, expected ${INDEX_FORMAT}`;
  if (meta.userDict !== userDictHash()) return 'the user dictionary changed';
  if (engine && meta.tokenizer !== engine) return `built with tokenizer ${meta.tokenizer}, ${engine} asked for`;
  if (!meta.corpus) return 'built from a list of files, not from the corpus directory';
  if (resolve(meta.corpus.dir) !== resolve(current.dir)) return `built for another corpus (${meta.corpus.dir})`;
  const was = meta.corpus.files;
  const now = current.files;
  for (const name of Object.keys(now)) {
    if (!(name in was)) return `${join(current.dir, name)} was added`;
    if (was[name] !== now[name]) return `${join(current.dir, name)} changed`;
  }
  for (const name of Object.keys(was)) if (!(name in now)) return `${join(current.dir, name)} was removed`;
  const skippedWas = new Set((meta.corpus.skipped ?? []).map((s) => s.path));
  for (const s of current.skipped ?? []) if (!skippedWas.has(s.path)) return `${s.path} can no longer be read`;
  return null;
}

/** The bytes of the persisted index: the same index gives the same bytes. */
export function serialiseIndex(index: SearchIndex): string {
  return JSON.stringify(index.toData()) + '\n';
}

/** Write the index (atomically: io/write.ts, loaded only to write — a search that does not rebuild does not load it). */
export async function writeIndex(path: string, index: SearchIndex): Promise<number> {
  const { writeText } = await import('../io/write.js');
  const text = serialiseIndex(index);
  writeText(path, text);
  return Buffer.byteLength(text);
}

export function readIndexData(path: string): SearchIndexData | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return JSON.parse(text) as SearchIndexData;
}

export interface OpenIndexOptions {
  /** Index file; default: the one that belongs to the corpus (defaultIndexPath). */
  indexPath?: string;
  corpusDir?: string;
  /** Write a rebuilt index back to indexPath (default true). */
  persist?: boolean;
  build?: Omit<BuildIndexOptions, 'corpus' | 'topicsOf' | 'taxonomy'>;
  /** Documents of the corpus (and the files that failed), when the index must be rebuilt (default: load and segment the corpus directory). */
  loadDocuments?: (dir: string) => Promise<{ documents: RuleDocument[]; skipped: { path: string; message: string }[] }>;
}

export interface OpenedIndex {
  index: SearchIndex;
  indexPath: string;
  /** Why it was rebuilt, or null when the persisted index was used as it is. */
  rebuilt: string | null;
  /** Set when a rebuilt index could not be written back. */
  writeError?: string;
}

async function loadCorpus(dir: string): Promise<{ documents: RuleDocument[]; skipped: { path: string; message: string }[] }> {
  // Imported here: ingest and segmentation are needed only to rebuild.
  const { loadDocuments } = await import('../io/corpus.js');
  const { documents, errors } = loadDocuments([], dir);
  if (errors.length && !documents.length) throw new InputError(errors[0]!.message, errors[0]!.path);
  return { documents, skipped: errors };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The persisted index when it is fresh; else a new one built from the corpus (and written back). */
export async function openIndex(opts: OpenIndexOptions = {}): Promise<OpenedIndex> {
  const corpusDir = opts.corpusDir ?? DEFAULT_CORPUS;
  const indexPath = opts.indexPath ?? defaultIndexPath(corpusDir);
  if (!isDirectory(corpusDir)) throw new InputError(`${corpusDir}: not a directory`, corpusDir);
  const current = snapshotCorpus(corpusDir);
  let data: SearchIndexData | null = null;
  let reason: string;
  try {
    data = readIndexData(indexPath);
    reason = data ? (staleReason(data.meta, current, opts.build?.tokenizer?.engine) ?? '') : `${indexPath} does not exist`;
  } catch (e) {
    reason = `${indexPath} is unreadable (${(e as Error).message.split('\n')[0]})`;
  }
  if (data && !reason) return { index: SearchIndex.fromData(data, opts.build?.tokenizer), indexPath, rebuilt: null };

  const { documents, skipped } = await (opts.loadDocuments ?? loadCorpus)(corpusDir);
  const unreadable = [...(current.skipped ?? []), ...skipped.filter((s) => !(current.skipped ?? []).some((c) => c.path === s.path))];
  const corpus: CorpusSnapshot = unreadable.length ? { ...current, skipped: unreadable } : { dir: current.dir, files: current.files };
  const { analyse } = await import('../pipeline.js');
  const index = analyse(documents, { corpus, index: opts.build }).searchIndex;
  const opened: OpenedIndex = { index, indexPath, rebuilt: reason };
  if (opts.persist ?? true) {
    try {
      await writeIndex(indexPath, index);
    } catch (e) {
      opened.writeError = (e as Error).message;
    }
  }
  return opened;
}

/**
 * The corpus snapshot an index built from these documents may claim: the directory's,
 * when the documents are exactly its document files as they are now; else null (the
 * index then counts as stale for any corpus, and a search rebuilds it).
 */
export async function snapshotOf(documents: RuleDocument[], skipped: { path: string; message: string }[], dir: string): Promise<CorpusSnapshot | null> {
  if (!isDirectory(dir)) return null;
  const { corpusFiles } = await import('../io/corpus.js');
  const snapshot = snapshotCorpus(dir);
  const names = corpusFiles(dir).map((p) => basename(p));
  const covered = documents.every((d) => snapshot.files[basename(d.meta.source.path)] === d.meta.source.sha256 && resolve(dirname(d.meta.source.path)) === resolve(dir));
  if (!covered || names.length !== documents.length + skipped.filter((s) => names.includes(basename(s.path))).length) return null;
  const unreadable = [...(snapshot.skipped ?? []), ...skipped.filter((s) => !(snapshot.skipped ?? []).some((c) => c.path === s.path))];
  return unreadable.length ? { ...snapshot, skipped: unreadable } : { dir: snapshot.dir, files: snapshot.files };
}
