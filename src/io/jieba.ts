/**
 * The tokenizer's edge: the engine chosen by RULECMP_TOKENIZER, and the user dictionary as a file for
 * cppjieba (nodejieba), written once under the OS temp directory, named by its hash, renamed into place.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureTokenizer, userDictHash, userDictText, type TokenizerEngine } from '../tokenize/index.js';

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
  configureTokenizer({ userDictFile, ...(engine ? { engine } : {}) });
}
