/**
 * Traditional characters read as simplified, character by character (OpenCC's t → cn character table, through
 * opencc-js): 第一條 → 第一条, 常務會議 → 常务会议, 萬元 → 万元. One UTF-16 unit stays one unit, so an offset into the
 * reading is the same offset into the original text: stages match their patterns on the reading and quote the
 * original (RuleDocument.text). No phrase table is used: a phrase may change the length, and the genre's patterns
 * need characters only. A character whose simplified form has another length is kept as written.
 */
import CJK_COMPATIBILITY from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';

/**
 * OpenCC's two character tables that its t → cn converter applies to a single character: compatibility ideographs
 * to their unified form, then traditional to simplified (the first choice). Read from opencc-js's own dictionary
 * data ("src dst|src dst…") rather than through its Converter, whose phrase trie costs ~10 ms to build and is never
 * used for one character; the same answer for every character (tests/segment/script.test.ts).
 */
let TABLE: Uint16Array | null = null;

/**
 * Each entry "src dst[ dst…]" of a dictionary string whose source and first target are one UTF-16 unit each, in
 * order: f(source unit, target unit). Read a unit at a time, making no strings.
 */
function forEachUnitPair(dict: string, f: (src: number, dst: number) => void): void {
  const BAR = 0x7c;
  const SPACE = 0x20;
  let at = 0;
  const n = dict.length;
  while (at < n) {
    // src: the units up to the first space; dst: from there to the next space or bar.
    let sp = at;
    while (sp < n && dict.charCodeAt(sp) !== SPACE && dict.charCodeAt(sp) !== BAR) sp++;
    let end = sp;
    if (sp < n && dict.charCodeAt(sp) === SPACE) {
      end = sp + 1;
      while (end < n && dict.charCodeAt(end) !== SPACE && dict.charCodeAt(end) !== BAR) end++;
      if (sp - at === 1 && end - sp - 1 === 1) f(dict.charCodeAt(at), dict.charCodeAt(sp + 1));
    }
    while (end < n && dict.charCodeAt(end) !== BAR) end++;
    at = end + 1;
  }
}

/**
 * The character table: for a character of one UTF-16 unit, its simplified unit (0: none of one unit). Characters
 * outside the BMP are never changed (the texts are read a unit at a time). A typed table, not a map of strings:
 * every character of every document is looked up (the map and its 4,000 strings were most of reading a script).
 */
function table(): Uint16Array {
  if (TABLE) return TABLE;
  // Traditional to simplified (the first choice), then compatibility ideographs to their unified form and on.
  const ts = new Uint16Array(0x10000);
  forEachUnitPair(TS_CHARACTERS, (a, b) => {
    if (ts[a] === 0) ts[a] = b;
  });
  const bmp = ts.slice();
  forEachUnitPair(CJK_COMPATIBILITY, (a, b) => {
    bmp[a] = ts[b] || b;
  });
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
