/**
 * Reading documents from disk (an edge of the pipeline): files given by the user or a
 * corpus directory with an optional manifest.json. One bad file never stops the others:
 * it comes back as a one-line error naming the file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { fileProblem } from './files.js';

export { fileProblem };
import { ingest, IngestError } from '../ingest/index.js';
import type { RuleDocument } from '../model.js';
import { segment } from '../segment/index.js';

export { DEFAULT_CORPUS } from './files.js';
import { DEFAULT_CORPUS } from './files.js';
const DOCUMENT_EXT = new Set(['.txt', '.text', '.htm', '.html', '.xhtml', '.md', '.markdown']);

export interface LoadError {
  path: string;
  message: string;
}

export interface LoadResult {
  documents: RuleDocument[];
  errors: LoadError[];
}

interface ManifestEntry {
  file: string;
  id: string;
}

/** Id of a document: from the manifest, else the file name without its extension. */
export function idFor(path: string, manifest: Map<string, string>): string {
  return manifest.get(resolve(path)) ?? basename(path, extname(path));
}

export function readManifest(dir: string): Map<string, string> {
  const path = join(dir, 'manifest.json');
  const map = new Map<string, string>();
  if (!existsSync(path)) return map;
  let m: { documents?: ManifestEntry[] };
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as { documents?: ManifestEntry[] };
  } catch (e) {
    throw new InputError(`${path}: not a readable manifest (${(e as Error).message.split('\n')[0]})`, path);
  }
  for (const e of Array.isArray(m.documents) ? m.documents : []) if (e && typeof e.file === 'string' && typeof e.id === 'string') map.set(resolve(dir, e.file), e.id);
  return map;
}

/** Document files of a corpus directory, sorted by name. */
export function corpusFiles(dir: string): string[] {
  return listCorpus(dir).documents;
}

/**
 * A corpus directory's files: documents (.txt, .html …) and the others, which are reported, not
 * silently passed over (a PDF or Word file the user put there is not read). Hidden files,
 * sub-directories and manifest.json are not documents and not reported.
 */
export function listCorpus(dir: string): { documents: string[]; others: string[]; unreadable: LoadError[] } {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    names = readdirSync(dir).sort();
  } catch {
    throw new InputError(`${dir}: not a directory`, dir);
  }
  const out = { documents: [] as string[], others: [] as string[], unreadable: [] as LoadError[] };
  for (const f of names) {
    const path = join(dir, f);
    if (f.startsWith('.') || f === 'manifest.json') continue;
    let isFile: boolean;
    try {
      isFile = statSync(path).isFile();
    } catch (e) {
      // A dangling link or a link loop is named, not passed over and not a reason to stop.
      out.unreadable.push({ path, message: `${path}: ${fileProblem(e, path)}` });
      continue;
    }
    if (!isFile) continue;
    (DOCUMENT_EXT.has(extname(f).toLowerCase()) ? out.documents : out.others).push(path);
  }
  return out;
}

/** Read and segment one file; throws an Error whose message is one line naming the file. */
export function loadDocument(path: string, id?: string, manifest = new Map<string, string>()): RuleDocument {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`${path}: ${fileProblem(e, path)}`, path);
  }
  return documentFromBytes(bytes, path, id ?? idFor(path, manifest));
}

/** Ingest and segment bytes as the file `name` (a draft pasted or uploaded has no file): an InputError when it is not a document. */
export function documentFromBytes(bytes: Uint8Array, name: string, id: string): RuleDocument {
  let doc: RuleDocument;
  try {
    doc = segment(ingest(bytes, name), id);
  } catch (e) {
    if (e instanceof IngestError) throw new InputError(`${name}: ${e.message}`, name);
    throw e;
  }
  if (doc.articles.length === 0) throw new InputError(`${name}: no articles found (no 第一条 / 一、 numbering)`, name);
  return doc;
}

/** Load files (if any are given) or every document of the corpus directory. */
export function loadDocuments(files: string[], corpusDir = DEFAULT_CORPUS): LoadResult {
  const result: LoadResult = { documents: [], errors: [] };
  let paths = files;
  let manifest = new Map<string, string>();
  if (paths.length === 0) {
    try {
      const listing = listCorpus(corpusDir);
      paths = listing.documents;
      result.errors.push(...listing.unreadable);
      for (const other of listing.others) {
        result.errors.push({ path: other, message: `${other}: not a text or HTML document (${extname(other) || 'no extension'})` });
      }
      manifest = readManifest(corpusDir);
    } catch (e) {
      result.errors.push({ path: corpusDir, message: (e as Error).message });
      return result;
    }
  } else {
    // Files named on the command line still take their ids from a manifest beside them.
    for (const dir of new Set(paths.map((p) => resolve(p, '..')))) for (const [k, v] of readManifest(dir)) manifest.set(k, v);
  }
  const seen = new Set<string>();
  for (const path of paths) {
    try {
      const doc = loadDocument(path, undefined, manifest);
      // Two files with the same stem in different folders must not collide.
      let id = doc.id;
      for (let n = 2; seen.has(id); n++) id = `${doc.id}-${n}`;
      seen.add(id);
      doc.id = id;
      result.documents.push(doc);
    } catch (e) {
      result.errors.push({ path, message: (e as Error).message });
    }
  }
  return result;
}
