/**
 * Traditional characters read as simplified, character by character (OpenCC's t → cn character table, through
 * opencc-js): 第一條 → 第一条, 常務會議 → 常务会议, 萬元 → 万元. One UTF-16 unit stays one unit, so an offset into the
 * reading is the same offset into the original text: stages match their patterns on the reading and quote the
 * original (RuleDocument.text). No phrase table is used: a phrase may change the length, and the genre's patterns
 * need characters only. A character whose simplified form has another length is kept as written.
 */
import { Converter } from 'opencc-js/t2cn';

let convert: ((s: string) => string) | null = null;
const CHARS = new Map<string, string>();

/** Han characters (and compatibility forms) are the only ones the table changes. */
const HAN_RE = /[\u3400-\u9fff\uf900-\ufaff]/u;

function simplifiedChar(ch: string): string {
  const known = CHARS.get(ch);
  if (known !== undefined) return known;
  const c = (convert ??= Converter({ from: 't', to: 'cn' }))(ch);
  const out = c.length === ch.length ? c : ch;
  CHARS.set(ch, out);
  return out;
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
