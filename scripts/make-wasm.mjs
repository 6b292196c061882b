/**
 * Compiles src/diff/share.wat (the table of commonShare) and src/diff/myers.wat (jsdiff's diff) to WebAssembly with
 * wabt and writes each, base64-encoded, to src/diff/<name>-wasm.ts, which src/diff/ instantiates. Run after editing a .wat:
 *
 *   node scripts/make-wasm.mjs
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import initWabt from 'wabt';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const wabt = await initWabt();
for (const name of ['share', 'myers']) {
  const source = resolve(root, `src/diff/${name}.wat`);
  const module = wabt.parseWat(`${name}.wat`, readFileSync(source, 'utf8'), { bulk_memory: true });
  module.validate();
  const { buffer } = module.toBinary({});
  const out = resolve(root, `src/diff/${name}-wasm.ts`);
  const constant = `${name.toUpperCase()}_WASM`;
  writeFileSync(`${out}.tmp`, `/** src/diff/${name}.wat compiled by scripts/make-wasm.mjs (wabt): do not edit. */\nexport const ${constant} = '${Buffer.from(buffer).toString('base64')}';\n`);
  renameSync(`${out}.tmp`, out);
  console.log(`${out}: ${buffer.length} bytes`);
}
