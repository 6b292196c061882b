import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ingest, IngestError } from '../../src/ingest/index.js';
import { renderHtml } from '../helpers/html-render.js';

const CORPUS = new URL('../../corpus/', import.meta.url);
const corpus = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, CORPUS))) }));

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const norm = (line: string) => line.replace(/[ \t\u00a0]+/g, ' ').trim();
const nonBlankLines = (text: string) => text.split(/\r?\n/).map(norm).filter((l) => l !== '');

describe('ingest', () => {
  it.each(corpus)('$name: text file in, text and provenance out', ({ name, bytes }) => {
    const path = `corpus/${name}`;
    const out = ingest(bytes, path);
    expect(out.text).toBe(Buffer.from(bytes).toString('utf8'));
    expect(out.source).toEqual({
      path,
      format: 'text',
      encoding: 'utf-8',
      bom: false,
      sha256: sha256(bytes),
      bytes: bytes.length,
    });
  });

  it('records the hash and size of the raw bytes, not of the decoded text', () => {
    const text = Buffer.from(corpus[0]!.bytes).toString('utf8');
    const gb = new Uint8Array(iconv.encode(text, 'gb18030'));
    const out = ingest(gb, 'rules.txt');
    expect(out.text).toBe(text);
    expect(out.source.encoding).toBe('gb18030');
    expect(out.source.bytes).toBe(gb.length);
    expect(out.source.sha256).toBe(sha256(gb));
    expect(out.source.sha256).not.toBe(sha256(corpus[0]!.bytes));
  });

  it('never alters line ends', () => {
    const text = Buffer.from(corpus[1]!.bytes).toString('utf8').replace(/\n/g, '\r\n');
    expect(ingest(new Uint8Array(Buffer.from(text, 'utf8')), 'a.txt').text).toBe(text);
  });

  it.each(['page.htm', 'page.html', 'PAGE.HTML', 'page.xhtml'])('%s is converted from HTML by its extension', (path) => {
    const out = ingest(new Uint8Array(Buffer.from('<p>第一条 总则</p>')), path);
    expect(out.text).toBe('第一条 总则\n');
    expect(out.source.format).toBe('html');
  });

  it('an HTML page saved as .txt is recognised by its content', () => {
    const seed = Buffer.from(corpus[2]!.bytes).toString('utf8');
    const out = ingest(new Uint8Array(Buffer.from(renderHtml(seed), 'utf8')), 'saved-page.txt');
    expect(out.source.format).toBe('html');
    expect(nonBlankLines(out.text)).toEqual(nonBlankLines(seed));
  });

  it('a GB18030 web page with a BOM-less meta charset decodes and converts', () => {
    const seed = Buffer.from(corpus[3]!.bytes).toString('utf8');
    const html = renderHtml(seed).replace('charset="utf-8"', 'charset="gb2312"');
    const bytes = new Uint8Array(iconv.encode(html, 'gb18030'));
    const out = ingest(bytes, 'http-www.example.gov.cn-art.html');
    expect(out.source).toMatchObject({ format: 'html', encoding: 'gb18030', bom: false, bytes: bytes.length });
    expect(nonBlankLines(out.text)).toEqual(nonBlankLines(seed));
  });

  it('a UTF-16 web page with BOM decodes and converts', () => {
    const seed = Buffer.from(corpus[4]!.bytes).toString('utf8');
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(renderHtml(seed), 'utf16le')]);
    const out = ingest(bytes, 'page.htm');
    expect(out.source).toMatchObject({ format: 'html', encoding: 'utf-16le', bom: true });
    expect(nonBlankLines(out.text)).toEqual(nonBlankLines(seed));
  });

  it('plain text mentioning a tag or two stays text', () => {
    const text = '第一条 金额<1000万元的，由区长审批。\n';
    expect(ingest(new Uint8Array(Buffer.from(text)), 'a.txt')).toMatchObject({ text, source: { format: 'text' } });
  });

  it.each([
    ['empty.txt', new Uint8Array(0), 'empty'],
    ['blank.txt', new Uint8Array(Buffer.from('  \r\n\u3000\n')), 'empty'],
    ['chrome-only.html', new Uint8Array(Buffer.from('<nav>首页</nav><script>x()</script>')), 'empty'],
    ['scan.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'binary'],
    ['rules.pdf', new Uint8Array(Buffer.from('%PDF-1.4\n')), 'binary'],
  ] as const)('%s fails with IngestError code %s, message without the path', (path, bytes, code) => {
    let caught: unknown;
    try {
      ingest(bytes, `/data/${path}`);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(IngestError);
    expect(caught).toBeInstanceOf(Error);
    const err = caught as IngestError;
    expect(err.code).toBe(code);
    expect(err.name).toBe('IngestError');
    expect(err.message).not.toContain(path);
    expect(err.message).toBe(err.message.toLowerCase());
  });
});
