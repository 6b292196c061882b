/**
 * The tokenizer's edge: the engine chosen by RULECMP_TOKENIZER, and the user dictionary as a file for
 * cppjieba (nodejieba), written once under the OS temp directory, named by its hash, renamed into place.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { charsetCutter, charsetDictionary, peersDictWords, prepareSortedDict, queryCutter } from './querydict.js';
import { configureTokenizer, normalise, userDictHash, userDictText, type TokenizerEngine } from '../tokenize/index.js';

function userDictFile(): string {
  const path = join(tmpdir(), `rulecmp-user-dict-${userDictHash()}.utf8`);
  if (!existsSync(path)) {
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, userDictText());
    renameSync(partial, path); // atomic: a concurrent process never reads half a file
  }
  return path;
}

/** Set the process's tokenizer from the environment (RULECMP_TOKENIZER=nodejieba) and give cppjieba its dictionary file. */
export function configureTokenizerFromEnv(env: NodeJS.ProcessEnv = process.env): void {
  const engine = env.RULECMP_TOKENIZER as TokenizerEngine | undefined;
  // An unknown name is passed on: getTokenizer says which engines exist.
  configureTokenizer({ userDictFile, queryCutter, prepareQueryCutter: prepareSortedDict, ...(engine ? { engine } : {}) });
}

/** The file `rulecmp build` writes beside its other output: the dictionary its documents are cut with (querydict.ts). */
export const PEERS_DICTIONARY = 'peers-dict.bin';

/** The peers' dictionary for these texts, as build writes it to OUT/peers-dict.bin, and how many words it holds. */
export function peersDictionary(texts: Iterable<string>): { bytes: Buffer; words: number } {
  const bytes = charsetDictionary(texts, userDictText());
  return { bytes, words: peersDictWords(bytes, userDictText()) };
}

/**
 * Cut with the peers' dictionary in `outDir` (written by build) instead of jieba's whole dictionary: the same cuts
 * (querydict.ts charsetCutter), ~20 ms to load instead of 70–140 ms. A missing, stale or unreadable file leaves the
 * full dictionary in use. Only for the node-rs engine. `prime`: the text the cuts will come from (the draft), whose
 * words around characters the peers do not use are looked up once, as the dictionary is built, and whose pieces —
 * as written and normalised, the two forms the stages cut — are cut from the few words that can occur in them.
 */
export function usePeersDictionary(outDir: string, prime = ''): boolean {
  let file: Buffer;
  try {
    file = readFileSync(join(outDir, PEERS_DICTIONARY));
  } catch {
    return false;
  }
  configureTokenizer({ fullCutter: (user, full) => charsetCutter(file, user, full, prime && `${prime}\n${normalise(prime)}`) });
  return true;
}
