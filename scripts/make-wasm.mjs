/**
 * Compiles src/diff/share.wat (the table of commonShare) to WebAssembly with wabt and writes it, base64-encoded, to
 * src/diff/share-wasm.ts, which src/diff/index.ts instantiates. Run after editing the .wat:
 *
 *   node scripts/make-wasm.mjs
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import initWabt from 'wabt';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(root, 'src/diff/share.wat');
const wabt = await initWabt();
const module = wabt.parseWat('share.wat', readFileSync(source, 'utf8'), { bulk_memory: true });
module.validate();
const { buffer } = module.toBinary({});
const out = resolve(root, 'src/diff/share-wasm.ts');
writeFileSync(`${out}.tmp`, `/** src/diff/share.wat compiled by scripts/make-wasm.mjs (wabt): do not edit. */\nexport const SHARE_WASM = '${Buffer.from(buffer).toString('base64')}';\n`);
renameSync(`${out}.tmp`, out);
console.log(`${out}: ${buffer.length} bytes`);
