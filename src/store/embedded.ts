/**
 * The embedded search-index store (an edge: this file reads and writes files).
 *
 * `rulecmp build` writes OUT/search-index/, the index as a folder a search opens without reading it whole
 * (src/search/layout.ts, src/store/disk-index.ts; docs/decisions/0090), with the SHA-256 of every file of the corpus
 * directory it was built from. A command that searches checks those files again and opens the index as it is when
 * nothing changed. When a file changed, appeared or went away, or the index was made by another format, user
 * dictionary or for another corpus directory, it rebuilds the index from the corpus and writes it back — to the
 * index that belongs to that corpus: reports/search-index belongs to ./corpus; any other corpus directory gets its
 * own folder in the user's cache directory, so searching another corpus never overwrites the default. An index
 * named as a .json file (the single-file form of earlier versions) is read and written as one JSON file.
 *
 * Checking the corpus hashes each file, through the size+mtime cache of src/io/corpus-hashes.ts (shared with the
 * review's freshness check of the build output).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { DEFAULT_CORPUS } from '../io/files.js';
import type { RuleDocument } from '../model.js';
import { LAYOUT_VERSION, layoutFiles } from '../search/layout.js';
import type { Searchable } from '../search/search.js';
import { INDEX_FORMAT, SearchIndex, type BuildIndexOptions, type CorpusSnapshot, type SearchIndexData, type SearchIndexMeta } from '../search/searchIndex.js';
import { userDictHash, type TokenizerEngine } from '../tokenize/index.js';
import { DiskIndex } from './disk-index.js';
import { cacheDir, snapshotCorpus } from '../io/corpus-hashes.js';

export { snapshotCorpus };

export const DEFAULT_INDEX_PATH = 'reports/search-index';

/**
 * The index that belongs to a corpus directory when none is named: reports/search-index for the project's
 * ./corpus, else one per directory under $XDG_CACHE_HOME/rulecmp (~/.cache/rulecmp).
 */
export function defaultIndexPath(corpusDir: string = DEFAULT_CORPUS): string {
  if (resolve(corpusDir) === resolve(DEFAULT_CORPUS)) return DEFAULT_INDEX_PATH;
  const id = createHash('sha256').update(resolve(corpusDir)).digest('hex').slice(0, 16);
  return join(cacheDir(), `search-index-${basename(resolve(corpusDir))}-${id}`);
}

/** True when the path names the single-file JSON form of the index. */
export const isJsonIndexPath = (path: string): boolean => path.endsWith('.json');

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

/** The bytes of the persisted index as one JSON file: the same index gives the same bytes. */
export function serialiseIndex(index: SearchIndex): string {
  return JSON.stringify(index.toData()) + '\n';
}

/** The files of the index folder (the same index gives the same bytes). */
export function indexFolderFiles(index: SearchIndex): Map<string, Uint8Array> {
  return layoutFiles(index.layoutInput());
}

/** Write the index (atomically: io/write.ts, loaded only to write — a search that does not rebuild does not load it): a folder, or one JSON file for a .json path. */
export async function writeIndex(path: string, index: SearchIndex): Promise<number> {
  const { writeFolder, writeText } = await import('../io/write.js');
  if (!isJsonIndexPath(path)) return writeFolder(path, indexFolderFiles(index));
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
  /** The index folder opened as it is (read as queries need it), a JSON index, or the index just rebuilt. */
  index: Searchable & { readonly documentCount: number };
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
  let reason: string;
  let current: CorpusSnapshot | null = null;
  const check = (meta: SearchIndexMeta) => staleReason(meta, (current = snapshotCorpus(corpusDir, true)), opts.build?.tokenizer?.engine);
  try {
    if (isJsonIndexPath(indexPath)) {
      const data = readIndexData(indexPath);
      reason = data ? (check(data.meta) ?? '') : `${indexPath} does not exist`;
      if (data && !reason) return { index: SearchIndex.fromData(data, opts.build?.tokenizer), indexPath, rebuilt: null };
    } else {
      const layout = DiskIndex.readLayout(indexPath);
      reason = !layout ? `${indexPath} does not exist` : layout.layout !== LAYOUT_VERSION ? `index layout ${layout.layout}, expected ${LAYOUT_VERSION}` : (check(layout.meta) ?? '');
      if (layout && !reason) return { index: DiskIndex.open(indexPath, layout, opts.build?.tokenizer), indexPath, rebuilt: null };
    }
  } catch (e) {
    reason = `${indexPath} is unreadable (${(e as Error).message.split('\n')[0]})`;
  }
  const now: CorpusSnapshot = (current as CorpusSnapshot | null) ?? snapshotCorpus(corpusDir, true);

  const { documents, skipped } = await (opts.loadDocuments ?? loadCorpus)(corpusDir);
  const unreadable = [...(now.skipped ?? []), ...skipped.filter((s) => !(now.skipped ?? []).some((c) => c.path === s.path))];
  const corpus: CorpusSnapshot = unreadable.length ? { ...now, skipped: unreadable } : { dir: now.dir, files: now.files };
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
