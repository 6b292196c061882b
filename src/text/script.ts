/**
 * Traditional characters read as simplified, character by character (OpenCC's t → cn character table, through
 * opencc-js): 第一條 → 第一条, 常務會議 → 常务会议, 萬元 → 万元. One UTF-16 unit stays one unit, so an offset into the
 * reading is the same offset into the original text: stages match their patterns on the reading and quote the
 * original (RuleDocument.text). No phrase table is used: a phrase may change the length, and the genre's patterns
 * need characters only. A character whose simplified form has another length is kept as written.
 */
import traditional from '../../data/traditional-simplified.json' with { type: 'json' };

/**
 * The character table: for a character of one UTF-16 unit, its simplified unit (0: none of one unit). Characters
 * outside the BMP are never changed (the texts are read a unit at a time). A typed table, not a map of strings:
 * every character of every document is looked up (the map and its 4,000 strings were most of reading a script).
 * Made from data/traditional-simplified.json: OpenCC's two character tables that its t → cn converter applies to a
 * single character (compatibility ideographs to their unified form, then traditional to simplified, the first
 * choice), as pairs of units — written by scripts/make-traditional-table.mjs from opencc-js's own dictionary data,
 * which took ~6 ms to load and read in every process that reads a document; the same answer as OpenCC's converter
 * for every character (tests/segment/script.test.ts).
 */
let TABLE: Uint16Array | null = null;
function table(): Uint16Array {
  if (TABLE) return TABLE;
  const bmp = new Uint16Array(0x10000);
  const pairs = traditional.pairs;
  for (let i = 0; i + 1 < pairs.length; i += 2) bmp[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
  return (TABLE = bmp);
}

/** Han characters (and compatibility forms) of one UTF-16 unit are the only ones the table changes. */
const isHanUnit = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);

/** The text with every traditional character replaced by its simplified form; same length, same offsets. */
export function toSimplified(text: string): string {
  const bmp = table();
  let out: string[] | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A unit of one BMP Han character. (A surrogate is not a Han unit: the table's characters outside the BMP —
    // none of CJK Extension B and beyond is in the u-flagged ranges tested — are never changed, as before.)
    if (!isHanUnit(c)) continue;
    const s = bmp[c]!;
    if (s !== 0 && s !== c) {
      out ??= text.split('');
      out[i] = String.fromCharCode(s);
    }
  }
  return out === null ? text : out.join('');
}

/** How many characters of the text are written in traditional form (change when read as simplified). */
export function traditionalCount(text: string): number {
  const bmp = table();
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHanUnit(c) && bmp[c] !== 0 && bmp[c] !== c) n++;
  }
  return n;
}
