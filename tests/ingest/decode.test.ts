import { readdirSync, readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes, IngestError } from '../../src/ingest/index.js';

const CORPUS = new URL('../../corpus/', import.meta.url);
const corpus = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, text: readFileSync(new URL(name, CORPUS), 'utf8') }));

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const cat = (...parts: ArrayLike<number>[]) => new Uint8Array(parts.flatMap((p) => Array.from(p)));
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  return new Uint8Array(le.swap16());
};
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const gb18030 = (s: string) => new Uint8Array(iconv.encode(s, 'gb18030'));

/** Runs decodeBytes and returns the IngestError it throws (fails the test otherwise). */
function rejection(bytes: Uint8Array): IngestError {
  try {
    decodeBytes(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    return e as IngestError;
  }
  throw new Error('expected decodeBytes to throw');
}

/** A small deterministic PRNG so the "random binary" case is the same on every run. */
function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('corpus files decode to exactly the original text', () => {
  it('the corpus is present', () => {
    expect(corpus.length).toBe(5);
  });

  const cases: Array<[string, (s: string) => Uint8Array, string, boolean]> = [
    ['utf-8', utf8, 'utf-8', false],
    ['utf-8 with BOM', (s) => cat([0xef, 0xbb, 0xbf], utf8(s)), 'utf-8', true],
    ['gb18030', gb18030, 'gb18030', false],
    ['utf-16le with BOM', (s) => cat([0xff, 0xfe], utf16le(s)), 'utf-16le', true],
    ['utf-16be with BOM', (s) => cat([0xfe, 0xff], utf16be(s)), 'utf-16be', true],
    ['utf-16le without BOM', utf16le, 'utf-16le', false],
    ['utf-16be without BOM', utf16be, 'utf-16be', false],
  ];

  for (const { name, text } of corpus) {
    describe(name, () => {
      it.each(cases)('%s', (_label, encode, encoding, bom) => {
        const out = decodeBytes(encode(text));
        expect(out.text).toBe(text);
        expect(out.encoding).toBe(encoding);
        expect(out.bom).toBe(bom);
      });

      it('CRLF line ends are kept as they are (utf-8, gb18030, utf-16le)', () => {
        const crlf = text.replace(/\n/g, '\r\n');
        expect(crlf).toContain('\r\n');
        expect(decodeBytes(utf8(crlf)).text).toBe(crlf);
        expect(decodeBytes(gb18030(crlf)).text).toBe(crlf);
        expect(decodeBytes(cat([0xff, 0xfe], utf16le(crlf))).text).toBe(crlf);
      });
    });
  }

  it('GBK files (GB18030 subset) decode as gb18030', () => {
    // Only documents without U+00A0, which GBK cannot encode.
    const plain = corpus.filter(({ text }) => !text.includes('\u00a0'));
    expect(plain.length).toBeGreaterThan(0);
    for (const { text } of plain) {
      const out = decodeBytes(new Uint8Array(iconv.encode(text, 'gbk')));
      expect(out).toEqual({ text, encoding: 'gb18030', bom: false });
    }
  });

  it('any mix of corpus lines survives gb18030 and every BOM encoding', () => {
    const lines = corpus.flatMap(({ text }) => text.split('\n')).filter((l) => l.trim().length > 10);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (picked, eol) => {
        const text = picked.join(eol) + eol;
        expect(decodeBytes(gb18030(text)).text).toBe(text);
        expect(decodeBytes(cat([0xef, 0xbb, 0xbf], utf8(text))).text).toBe(text);
        expect(decodeBytes(cat([0xff, 0xfe], utf16le(text))).text).toBe(text);
        expect(decodeBytes(cat([0xfe, 0xff], utf16be(text))).text).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});

describe('edge cases of detection', () => {
  it('the BOM is not part of the text, but a second U+FEFF is content', () => {
    const out = decodeBytes(cat([0xef, 0xbb, 0xbf], utf8('\ufeff第一条')));
    expect(out.text).toBe('\ufeff第一条');
    expect(out.bom).toBe(true);
  });

  it('ASCII-only UTF-16 without BOM is read in the right byte order', () => {
    const text = 'Article 1. Rules of procedure\n';
    expect(decodeBytes(utf16le(text))).toEqual({ text, encoding: 'utf-16le', bom: false });
    expect(decodeBytes(utf16be(text))).toEqual({ text, encoding: 'utf-16be', bom: false });
  });

  it('UTF-16 without BOM full of 一 and U+3000 (zero low bytes) is still read right', () => {
    const text = '第一章\u3000总\u3000则\n第一条\u3000一一一一一一\n';
    expect(decodeBytes(utf16le(text)).text).toBe(text);
    expect(decodeBytes(utf16be(text)).text).toBe(text);
  });

  it('a U+FFFD written in GB18030 is content, not a decoding failure', () => {
    const text = '第一条 区政府\ufffd工作规则\n';
    expect(decodeBytes(gb18030(text)).text).toBe(text);
  });

  it('plain ASCII is utf-8', () => {
    expect(decodeBytes(utf8('hello\n'))).toEqual({ text: 'hello\n', encoding: 'utf-8', bom: false });
  });

  it('tabs, form feeds and CR are ordinary text', () => {
    const text = '第一条\t总则\f\r\n第二条\n';
    expect(decodeBytes(utf8(text)).text).toBe(text);
  });
});

describe('input that is not text is refused with the right code', () => {
  it('empty file → empty', () => {
    const e = rejection(new Uint8Array(0));
    expect(e.code).toBe('empty');
    expect(e.message).toBe('empty file');
  });

  it.each([
    ['ascii whitespace', utf8(' \n\r\n\t  \n')],
    ['full-width spaces and nbsp', utf8('\u3000\u3000\u00a0\n')],
    ['a BOM only', new Uint8Array([0xef, 0xbb, 0xbf])],
    ['utf-16 whitespace', cat([0xff, 0xfe], utf16le('  \r\n\u3000'))],
  ])('whitespace only (%s) → empty', (_label, bytes) => {
    expect(rejection(bytes).code).toBe('empty');
  });

  it.each([
    ['png', cat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], randomBytes(200, 1))],
    ['pdf', utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')],
    ['docx (zip)', cat([0x50, 0x4b, 0x03, 0x04], utf8('word/document.xml'))],
    ['gif', utf8('GIF89a')],
    ['jpeg', cat([0xff, 0xd8, 0xff, 0xe0], randomBytes(64, 2))],
    ['legacy doc', cat([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], randomBytes(64, 3))],
  ])('known binary header (%s) → binary', (name, bytes) => {
    const e = rejection(bytes);
    expect(e.code).toBe('binary');
    expect(e.message).toMatch(/^binary file/);
  });

  it.each([1, 2, 3, 42, 2024])('random binary bytes (seed %i) → binary', (seed) => {
    expect(rejection(randomBytes(4096, seed)).code).toBe('binary');
  });

  it('random bytes without NUL → binary (control characters)', () => {
    const bytes = randomBytes(4096, 7).map((b) => (b === 0 ? 1 : b));
    expect(rejection(bytes).code).toBe('binary');
  });

  it('a NUL inside utf-8 text → binary', () => {
    expect(rejection(utf8('第一条 总则\u0000\u0000\u0000第二条\n')).code).toBe('binary');
  });

  it('invalid gb18030 sequences → encoding', () => {
    const good = gb18030('第一条 为规范区政府工作制定本规则。\n');
    const e = rejection(cat(good, [0xff, 0x80, 0xff], good));
    expect(e.code).toBe('encoding');
    expect(e.message).toBe('not valid utf-8 or gb18030 text');
  });

  it('odd-length utf-16 with BOM → encoding', () => {
    expect(rejection(cat([0xff, 0xfe], utf16le('第一条'), [0x41])).code).toBe('encoding');
  });

  it('utf-8 BOM followed by invalid utf-8 → encoding', () => {
    expect(rejection(cat([0xef, 0xbb, 0xbf], gb18030('第一条 总则'))).code).toBe('encoding');
  });

  it('any bytes either decode or fail with an IngestError, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        try {
          const out = decodeBytes(bytes);
          expect(out.text.trim()).not.toBe('');
        } catch (e) {
          expect(e).toBeInstanceOf(IngestError);
          expect(['empty', 'binary', 'encoding']).toContain((e as IngestError).code);
        }
      }),
      { numRuns: 500 },
    );
  });
});
