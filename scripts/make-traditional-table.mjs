/**
 * Writes data/traditional-simplified.json, the table src/text/script.ts reads traditional characters with: every
 * character of one UTF-16 unit that OpenCC's t → cn converter changes into one unit, applied to a single character —
 * its compatibility-ideograph table (to the unified form), then its traditional → simplified table (the first choice)
 * — read from opencc-js's own dictionary data ("src dst|src dst…"), as pairs of units ("條条區区…").
 * tests/segment/script.test.ts checks the table against OpenCC's converter for every character.
 *
 *   node scripts/make-traditional-table.mjs     (after updating opencc-js)
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TS_CHARACTERS = (await import('opencc-js/dict/TSCharacters')).default;
const CJK_COMPATIBILITY = (await import('opencc-js/dict/CJK_Compatibility_Ideographs')).default;
const { version } = JSON.parse(readFileSync(new URL('../node_modules/opencc-js/package.json', import.meta.url), 'utf8'));

/** Each entry "src dst[ dst…]" whose source and first target are one UTF-16 unit each, in order: f(source, target). */
function forEachUnitPair(dict, f) {
  for (const entry of dict.split('|')) {
    const [src, dst] = entry.split(' ');
    if (src?.length === 1 && dst?.length === 1) f(src.charCodeAt(0), dst.charCodeAt(0));
  }
}

const ts = new Uint16Array(0x10000);
forEachUnitPair(TS_CHARACTERS, (a, b) => {
  if (ts[a] === 0) ts[a] = b;
});
const bmp = ts.slice();
forEachUnitPair(CJK_COMPATIBILITY, (a, b) => {
  bmp[a] = ts[b] || b;
});
let pairs = '';
for (let c = 0; c < 0x10000; c++) if (bmp[c] !== 0 && bmp[c] !== c) pairs += String.fromCharCode(c, bmp[c]);

const out = resolve(dirname(fileURLToPath(import.meta.url)), '../data/traditional-simplified.json');
const data = {
  $source: `OpenCC (Apache-2.0) through opencc-js ${version}: its t → cn converter's character tables applied to one character, CJK_Compatibility_Ideographs then TSCharacters (the first choice), each a character of one UTF-16 unit to one unit; made by scripts/make-traditional-table.mjs`,
  $format: 'pairs: each traditional (or compatibility) character followed by its simplified form',
  pairs,
};
writeFileSync(`${out}.tmp`, `${JSON.stringify(data, null, 2)}\n`);
renameSync(`${out}.tmp`, out);
console.log(`${out}: ${pairs.length / 2} characters`);
