/**
 * Writing outputs (an edge): directories created as needed, stable JSON, LF line ends. Every file is
 * written to a temporary name beside it and renamed into place, so a reader (a search running while
 * `build` writes the index) sees the old file or the new one, never half of one.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FORMAT_VERSION, type RuleDocument } from '../model.js';
import { encodeDocument } from './document-json.js';

let counter = 0;

export function writeText(path: string, text: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const partial = join(dir, `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    writeFileSync(partial, text);
    renameSync(partial, path);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}

/** JSON for people to read (two-space indent). */
export function writeJson(path: string, value: unknown): void {
  writeText(path, JSON.stringify(value, null, 2) + '\n');
}

/** A segmented document as `rulecmp segment --out` writes it: the whole model with its format version first, compact. */
export function documentJson(doc: object): string {
  return JSON.stringify({ formatVersion: FORMAT_VERSION, ...doc }) + '\n';
}

/**
 * A segmented document as `rulecmp build` writes it to documents/<id>.json, read back by programs only
 * (readBuiltAnalysis, src/io/analysis.ts): compact, and without the texts that are slices of the source text
 * (src/io/document-json.ts; indented and with every text it was 4.8× the input text at 500 documents, decision 0070).
 */
export function storedDocumentJson(doc: RuleDocument): string {
  return documentJson(encodeDocument(doc));
}

/**
 * A folder of files written as one: into a temporary folder beside it, then renamed into place (the old folder moved
 * aside first and removed after). A reader that has opened the old folder's files keeps reading them whole; one that
 * comes between the two renames finds no folder (and a search then rebuilds the index it wanted).
 */
export function writeFolder(path: string, files: Map<string, Uint8Array | string>): number {
  const parent = dirname(path);
  mkdirSync(parent, { recursive: true });
  const tag = `${process.pid}.${counter++}`;
  const partial = join(parent, `.${basename(path)}.${tag}.tmp`);
  const old = join(parent, `.${basename(path)}.${tag}.old`);
  let bytes = 0;
  try {
    mkdirSync(partial);
    for (const [name, content] of files) {
      writeFileSync(join(partial, name), content);
      bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    }
    let moved = false;
    try {
      renameSync(path, old);
      moved = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    try {
      renameSync(partial, path);
    } catch (e) {
      if (moved) renameSync(old, path); // the old folder back where it was
      throw e;
    }
    if (moved) rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
  return bytes;
}
