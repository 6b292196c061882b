/**
 * The shipped command line as one script: src/cli/run.ts and every module of the project it reaches, bundled by
 * esbuild into dist/cli/rulecmp.cjs (the packages under node_modules stay outside, loaded when a command needs
 * them). Node 20 loads ~85 ES modules one by one for a review (resolve, translate, link, compile each): one script
 * saves that (docs/decisions/0016, addendum 5). The commands still load lazily: each dynamic import() becomes a
 * module initialised on first use inside the script.
 *
 *   node scripts/bundle.mjs          (npm run build runs it after tsc)
 */
import { build } from 'esbuild';
import { chmodSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, 'dist/cli/rulecmp.cjs');
const tmp = `${out}.${process.pid}.tmp`;
await build({
  entryPoints: [resolve(root, 'src/cli/run.ts')],
  outfile: tmp,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // The modules' own URL (createRequire, the server's client and worker files) is the script's: both it and they
  // sit two folders below the project (dist/cli/, dist/src/server/), so their relative fallbacks agree.
  define: { 'import.meta.url': '__rulecmpScriptUrl' },
  banner: { js: '#!/usr/bin/env node\nconst __rulecmpScriptUrl = require("node:url").pathToFileURL(__filename).href;' },
  footer: { js: 'module.exports.main(process.argv);' },
  legalComments: 'none',
  logLevel: 'warning',
});
renameSync(tmp, out);
chmodSync(out, 0o755);
