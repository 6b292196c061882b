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
let TABLE: Map<string, string> | null = null;

function table(): Map<string, string> {
  if (TABLE) return TABLE;
  const pairs = (dict: string) => dict.split('|').map((e) => e.split(' ') as [string, string, ...string[]]);
  const compat = new Map(pairs(CJK_COMPATIBILITY).map(([a, b]) => [a, b]));
  const ts = new Map<string, string>();
  for (const [a, b] of pairs(TS_CHARACTERS)) if (!ts.has(a)) ts.set(a, b);
  TABLE = new Map();
  for (const [a, b] of compat) TABLE.set(a, ts.get(b) ?? b);
  for (const [a, b] of ts) if (!TABLE.has(a)) TABLE.set(a, b);
  return TABLE;
}

/** Han characters (and compatibility forms) are the only ones the table changes. */
const HAN_RE = /[\u3400-\u9fff\uf900-\ufaff]/u;

function simplifiedChar(ch: string): string {
  const c = table().get(ch);
  return c !== undefined && c.length === ch.length ? c : ch;
}

/** The text with every traditional character replaced by its simplified form; same length, same offsets. */
export function toSimplified(text: string): string {
  let out: string[] | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (!HAN_RE.test(ch)) continue;
    const s = simplifiedChar(ch);
    if (s !== ch) {
      out ??= text.split('');
      out[i] = s;
    }
  }
  return out === null ? text : out.join('');
}

/** How many characters of the text are written in traditional form (change when read as simplified). */
export function traditionalCount(text: string): number {
  let n = 0;
  for (const ch of text) if (HAN_RE.test(ch) && simplifiedChar(ch) !== ch) n++;
  return n;
}
