/**
 * Bytes → text. Chinese government rules reach us as UTF-8, as GBK/GB2312 saved
 * by Windows tools, or as UTF-16 exported from Word. We detect which, decode
 * without altering anything (line ends included), and refuse input that is not
 * text at all, so later stages never have to wonder what they were given.
 */
import { createRequire } from 'node:module';
import { InputError } from '../errors.js';

/** iconv-lite, loaded on the first file that is not UTF-8 or UTF-16 (most are: a process reading them never loads it). */
let iconv: typeof import('iconv-lite') | null = null;
const gb18030 = (bytes: Buffer) => (iconv ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite')).decode(bytes, 'gb18030');

export type IngestErrorCode = 'empty' | 'binary' | 'encoding';

/** A file that cannot become text. The message omits the path: the caller knows it. */
export class IngestError extends InputError {
  readonly code: IngestErrorCode;
  constructor(code: IngestErrorCode, message: string) {
    super(message);
    this.name = 'IngestError';
    this.code = code;
  }
}

export interface Decoded {
  text: string;
  /** 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' */
  encoding: string;
  bom: boolean;
}

/** Formats users drop into a folder of rules by mistake (a PDF, a .docx, a scan). */
const MAGIC: ReadonlyArray<[name: string, bytes: number[]]> = [
  ['pdf', [0x25, 0x50, 0x44, 0x46]], // %PDF
  ['zip or office document', [0x50, 0x4b, 0x03, 0x04]], // PK\3\4 (.docx, .xlsx too)
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['ole2 office document', [0xd0, 0xcf, 0x11, 0xe0]], // legacy .doc, common on government sites
  ['gzip', [0x1f, 0x8b]],
  ['rar', [0x52, 0x61, 0x72, 0x21]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf]],
];

/** Enough bytes to judge a file by; decoding always uses the whole file. */
const SAMPLE = 8192;
/** Share of code units a real UTF-16 text sample must decode into plausible text. */
const UTF16_PLAUSIBLE = 0.9;
/** Above this share of stray control characters the "text" is really binary. */
const CONTROL_SHARE = 0.02;

const GB18030_REPLACEMENT = [0x84, 0x31, 0xa4, 0x37]; // U+FFFD written in GB18030

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new IngestError('empty', 'empty file');

  for (const [name, magic] of MAGIC) {
    if (startsWith(bytes, magic)) throw new IngestError('binary', `binary file (${name})`);
  }

  const decoded = decodeText(bytes);
  // Checked after decoding so a UTF-16 'A' (41 00) is not mistaken for a control.
  if (controlShare(decoded.text) > CONTROL_SHARE) {
    throw new IngestError('binary', 'binary file (control characters)');
  }
  if (decoded.text.trim() === '') throw new IngestError('empty', 'no text (only whitespace)');
  return decoded;
}

function decodeText(bytes: Uint8Array): Decoded {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { text: strict('utf-8', bytes.subarray(3)), encoding: 'utf-8', bom: true };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: strict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: strict('utf-16be', bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  }

  // Neither UTF-8 nor GB18030 text ever contains NUL; UTF-16 almost always does
  // (the high byte of every ASCII character, newlines included).
  if (bytes.includes(0)) {
    const utf16 = guessUtf16(bytes);
    if (!utf16) throw new IngestError('binary', 'binary file (nul bytes)');
    return { text: strict(utf16, bytes), encoding: utf16, bom: false };
  }

  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', bom: false };

  // GB18030 is a superset of GBK and GB2312, so one decoder covers all three.
  const text = gb18030(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  // iconv-lite replaces invalid sequences with U+FFFD; any replacement not written
  // as such in the file means bytes were lost, which would corrupt every citation.
  if (count(text, '\uFFFD') > countBytes(bytes, GB18030_REPLACEMENT)) {
    if (controlShare(text) > CONTROL_SHARE) throw new IngestError('binary', 'binary file (control characters)');
    throw new IngestError('encoding', 'not valid utf-8 or gb18030 text');
  }
  return { text, encoding: 'gb18030', bom: false };
}

/**
 * UTF-16 without a BOM: decode a sample both ways and keep the byte order that
 * reads as text. Reading CJK in the wrong order scatters it over the whole BMP,
 * so the right order wins clearly; only for ASCII-heavy text do both orders look
 * plausible (ASCII swapped lands in the CJK block), and there the side the NULs
 * fall on decides: 'A' is 41 00 in little-endian.
 */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length % 2 !== 0) return null;
  const sample = bytes.subarray(0, Math.min(bytes.length, SAMPLE) & ~1);
  const le = plausibility(sample, true);
  const be = plausibility(sample, false);
  if (le < UTF16_PLAUSIBLE && be < UTF16_PLAUSIBLE) return null;
  if (le >= UTF16_PLAUSIBLE && be >= UTF16_PLAUSIBLE) {
    let even = 0;
    let odd = 0;
    for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? even++ : odd++;
    return odd >= even ? 'utf-16le' : 'utf-16be';
  }
  return le >= be ? 'utf-16le' : 'utf-16be';
}

/** Share of UTF-16 code units in the sample that fall in ranges rules documents use. */
function plausibility(sample: Uint8Array, littleEndian: boolean): number {
  let good = 0;
  const units = sample.length / 2;
  for (let i = 0; i < sample.length; i += 2) {
    const u = littleEndian ? sample[i]! | (sample[i + 1]! << 8) : (sample[i]! << 8) | sample[i + 1]!;
    if (isTextUnit(u)) good++;
  }
  return units === 0 ? 0 : good / units;
}

function isTextUnit(u: number): boolean {
  return (
    u === 0x09 || u === 0x0a || u === 0x0c || u === 0x0d ||
    (u >= 0x20 && u <= 0x7e) ||
    (u >= 0xa0 && u <= 0x24f) || // Latin-1, Latin Extended
    (u >= 0x370 && u <= 0x4ff) || // Greek, Cyrillic
    (u >= 0x2000 && u <= 0x27bf) || // punctuation, Ⅰ, ①, arrows, shapes
    (u >= 0x3000 && u <= 0x30ff) || // CJK punctuation, kana
    (u >= 0x3400 && u <= 0x4dbf) || // CJK extension A
    (u >= 0x4e00 && u <= 0x9fff) || // CJK unified ideographs
    (u >= 0xd800 && u <= 0xdfff) || // surrogates (pairing is checked by the strict decode)
    (u >= 0xfe30 && u <= 0xfe4f) || // CJK compatibility forms
    (u >= 0xff00 && u <= 0xffef) || // full-width forms
    u === 0xfeff
  );
}

/** Share of characters that no text file contains: C0 controls other than \t \n \f \r, DEL, C1. */
function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) bad++;
  }
  return bad / text.length;
}

function strict(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): string {
  const text = tryDecode(encoding, bytes);
  if (text === null) throw new IngestError('encoding', `not valid ${encoding} text`);
  return text;
}

function tryDecode(encoding: string, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: the BOM (if any) was already stripped; a second one is content.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function countBytes(bytes: Uint8Array, seq: readonly number[]): number {
  let n = 0;
  for (let i = 0; i + seq.length <= bytes.length; i++) {
    if (bytes[i] === seq[0] && seq.every((b, j) => bytes[i + j] === b)) n++;
  }
  return n;
}
