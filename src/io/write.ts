/**
 * Writing outputs (an edge): directories created as needed, stable JSON, LF line ends. Every file is
 * written to a temporary name beside it and renamed into place, so a reader (a search running while
 * `build` writes the index) sees the old file or the new one, never half of one.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FORMAT_VERSION } from '../model.js';

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

/**
 * A segmented document as written to documents/<id>.json: the model with its format version first, compact (read
 * back by programs, src/io/analysis.ts; indented it was 4.8× the input text at 500 documents, decision 0070).
 */
export function documentJson(doc: object): string {
  return JSON.stringify({ formatVersion: FORMAT_VERSION, ...doc }) + '\n';
}
