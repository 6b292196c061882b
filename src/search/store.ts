/**
 * The persisted search index (an edge: this file reads and writes files).
 *
 * `npm start` (rulecmp build) writes reports/search-index.json with the SHA-256 of every
 * file of the corpus directory it was built from. A command that searches hashes those
 * files again (milliseconds) and loads the index as it is when nothing changed: no
 * article is cut again. When a file changed, appeared or went away, or the index was
 * made by another format or user dictionary, it rebuilds the index from the corpus and
 * writes it back.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { BuildStep } from '../cli/build.js';
import type { RuleDocument } from '../model.js';
import { writeText } from '../io/write.js';
import { userDictHash, type TokenizerEngine } from '../tokenize/index.js';
import { INDEX_FORMAT, SearchIndex, type BuildIndexOptions, type CorpusSnapshot, type SearchIndexData, type SearchIndexMeta } from './searchIndex.js';

export const DEFAULT_INDEX_PATH = 'reports/search-index.json';

/** SHA-256 of every regular, non-hidden file of the directory (not recursive). */
export function snapshotCorpus(dir: string): CorpusSnapshot {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    files[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return { dir, files };
}

/** Why an index no longer answers for this corpus, or null when it does. */
export function staleReason(meta: SearchIndexMeta, current: CorpusSnapshot, engine?: TokenizerEngine): string | null {
  if (meta.format !== INDEX_FORMAT) return `index format ${meta.format}, expected ${INDEX_FORMAT}`;
  if (meta.userDict !== userDictHash()) return 'the user dictionary changed';
  if (engine && meta.tokenizer !== engine) return `built with tokenizer ${meta.tokenizer}, ${engine} asked for`;
  if (!meta.corpus) return 'built from a list of files, not from the corpus directory';
  const was = meta.corpus.files;
  const now = current.files;
  for (const name of Object.keys(now)) {
    if (!(name in was)) return `${join(current.dir, name)} was added`;
    if (was[name] !== now[name]) return `${join(current.dir, name)} changed`;
  }
  for (const name of Object.keys(was)) if (!(name in now)) return `${join(current.dir, name)} was removed`;
  return null;
}

/** The bytes of the persisted index: the same index gives the same bytes. */
export function serialiseIndex(index: SearchIndex): string {
  return JSON.stringify(index.toData()) + '\n';
}

export function writeIndex(path: string, index: SearchIndex): number {
  const text = serialiseIndex(index);
  writeText(path, text);
  return Buffer.byteLength(text);
}

export function readIndexData(path: string): SearchIndexData | null {
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as SearchIndexData;
}

export interface OpenIndexOptions {
  indexPath?: string;
  corpusDir?: string;
  /** Write a rebuilt index back to indexPath (default true). */
  persist?: boolean;
  build?: Omit<BuildIndexOptions, 'corpus'>;
  /** Documents of the corpus (and the files that failed), when the index must be rebuilt (default: load and segment the corpus directory). */
  loadDocuments?: (dir: string) => Promise<{ documents: RuleDocument[]; skipped: { path: string; message: string }[] }>;
}

export interface OpenedIndex {
  index: SearchIndex;
  /** Why it was rebuilt, or null when the persisted index was used as it is. */
  rebuilt: string | null;
  /** Set when a rebuilt index could not be written back. */
  writeError?: string;
}

async function loadCorpus(dir: string): Promise<{ documents: RuleDocument[]; skipped: { path: string; message: string }[] }> {
  // Imported here: ingest and segmentation are needed only to rebuild.
  const { loadDocuments } = await import('../io/corpus.js');
  const { documents, errors } = loadDocuments([], dir);
  if (errors.length && !documents.length) throw new Error(errors[0]!.message);
  return { documents, skipped: errors };
}

/**
 * Topics of each article for the --topic filter: the classifier's topics of the article and of its
 * paragraphs, with their ancestors (so 会议 finds 常务会议 articles). Loaded only when an index is built.
 */
export async function classifierTopics(): Promise<NonNullable<BuildIndexOptions['topicsOf']>> {
  const { ancestry, classifyDocument, loadTaxonomy } = await import('../classify/index.js');
  const taxonomy = loadTaxonomy();
  const byDoc = new WeakMap<RuleDocument, string[][]>();
  return (doc, article) => {
    let perArticle = byDoc.get(doc);
    if (!perArticle) {
      perArticle = classifyDocument(doc, taxonomy).map((a) => {
        const ids = [...a.topics, ...a.paragraphs.flatMap((p) => p.topics)].flatMap((t) => ancestry(taxonomy, t.topic));
        return [...new Set(ids)].sort();
      });
      byDoc.set(doc, perArticle);
    }
    return perArticle[article.index] ?? [];
  };
}

/** The persisted index when it is fresh; else a new one built from the corpus (and written back). */
export async function openIndex(opts: OpenIndexOptions = {}): Promise<OpenedIndex> {
  const indexPath = opts.indexPath ?? DEFAULT_INDEX_PATH;
  const corpusDir = opts.corpusDir ?? 'corpus';
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) throw new Error(`${corpusDir}: not a directory`);
  const current = snapshotCorpus(corpusDir);
  let data: SearchIndexData | null = null;
  let reason: string;
  try {
    data = readIndexData(indexPath);
    reason = data ? (staleReason(data.meta, current, opts.build?.tokenizer?.engine) ?? '') : `${indexPath} does not exist`;
  } catch (e) {
    reason = `${indexPath} is unreadable (${(e as Error).message.split('\n')[0]})`;
  }
  if (data && !reason) return { index: SearchIndex.fromData(data, opts.build?.tokenizer), rebuilt: null };

  const { documents, skipped } = await (opts.loadDocuments ?? loadCorpus)(corpusDir);
  const index = SearchIndex.build(documents, { topicsOf: await classifierTopics(), ...opts.build, corpus: skipped.length ? { ...current, skipped } : current });
  const opened: OpenedIndex = { index, rebuilt: reason };
  if (opts.persist ?? true) {
    try {
      writeIndex(indexPath, index);
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
async function snapshotOf(documents: RuleDocument[], skipped: { path: string; message: string }[], dir: string): Promise<CorpusSnapshot | null> {
  const { corpusFiles } = await import('../io/corpus.js');
  const snapshot = snapshotCorpus(dir);
  const names = corpusFiles(dir).map((p) => basename(p));
  const covered = documents.every((d) => snapshot.files[basename(d.meta.source.path)] === d.meta.source.sha256 && resolve(dirname(d.meta.source.path)) === resolve(dir));
  if (!covered || names.length !== documents.length + skipped.filter((s) => names.includes(basename(s.path))).length) return null;
  return skipped.length ? { ...snapshot, skipped } : snapshot;
}

/** `npm start` step: reports/search-index.json. */
export const searchIndexStep: BuildStep = {
  name: 'search index',
  async run(ctx) {
    const index = SearchIndex.build(ctx.documents, { topicsOf: await classifierTopics(), corpus: await snapshotOf(ctx.documents, ctx.errors, ctx.corpusDir) });
    const bytes = writeIndex(join(ctx.outDir, 'search-index.json'), index);
    ctx.log(`search-index.json: ${index.articles.length} articles, ${index.termCount} terms, ${(bytes / 1e6).toFixed(2)} MB`);
  },
};
