/** `rulecmp segment` as a user runs it: outlines, JSON, and one-line errors for bad input. */
import { FORMAT_VERSION } from '../../src/model.js';
import { mkdtempSync, writeFileSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../helpers/html-render.js';
import { ROOT, runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'rulecmp-cli-'));
const bad = {
  missing: join(tmp, 'missing.txt'),
  binary: join(tmp, 'scan.txt'),
  empty: join(tmp, 'empty.txt'),
  noArticles: join(tmp, 'notice.txt'),
};
writeFileSync(bad.binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 4]));
writeFileSync(bad.empty, '');
writeFileSync(bad.noArticles, '关于做好节日期间值班工作的通知\n各单位：请认真做好值班工作。\n区政府办公室\n');

const oneLine = (s: string) => s.trim().split('\n').length === 1 && !/\n\s+at /.test(s);

describe('rulecmp segment', () => {
  it('prints an outline with metadata, chapters with article ranges', () => {
    const r = runCli(['segment', 'corpus/tongzhou-2022.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('通政发〔2022〕1号');
    expect(r.stdout).toContain('18 chapters, 85 articles');
    expect(r.stdout).toMatch(/第四章 坚持依法行政\s+15–十八/);
    expect(r.stdout).toMatch(/第5章 实行科学民主决策\s+19–二十一/);
  });

  it('prints the JSON model with --json: one array, also for several documents; --jsonl one document per line', () => {
    const many = runCli(['segment', 'corpus/chenggong-2022.txt', 'corpus/tongzhou-2022.txt', '--json']);
    const docs = JSON.parse(many.stdout);
    expect(docs.map((d: { id: string }) => d.id)).toEqual(['chenggong-2022', 'tongzhou-2022']);
    expect(docs.every((d: { formatVersion: number }) => d.formatVersion === FORMAT_VERSION)).toBe(true);
    const lines = runCli(['segment', 'corpus/chenggong-2022.txt', 'corpus/tongzhou-2022.txt', '--jsonl']).stdout.trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(['chenggong-2022', 'tongzhou-2022']);
    const r = runCli(['segment', 'corpus/chenggong-2022.txt', '--json']);
    const [doc] = JSON.parse(r.stdout);
    expect(doc.articles).toHaveLength(78);
    expect(doc.articles[40].label).toBe('第四十一条');
    expect(doc.meta.jurisdiction.district).toBe('呈贡区');
  });

  for (const [what, path, words] of [
    ['a missing file', bad.missing, /no such file/],
    ['a binary file', bad.binary, /binary/],
    ['an empty file', bad.empty, /empty/],
    ['a text with no articles', bad.noArticles, /no articles/],
  ] as const) {
    it(`rejects ${what} with one line naming it and a non-zero exit`, () => {
      const r = runCli(['segment', path]);
      expect(r.code).not.toBe(0);
      expect(oneLine(r.stderr)).toBe(true);
      expect(r.stderr).toContain(path);
      expect(r.stderr).toMatch(words);
    });
  }

  it('still processes the good files of a batch with bad ones, and exits non-zero', () => {
    const r = runCli(['segment', bad.missing, 'corpus/huairou-2021.txt', bad.empty]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('17 chapters, 79 articles');
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
  });

  it('reads a corpus directory with --corpus, including HTML pages and GB18030 text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulecmp-corpus-'));
    writeFileSync(join(dir, 'page.html'), renderHtml(readFileSync(join(ROOT, 'corpus/chaoyang-2015.txt'), 'utf8')));
    const iconv = (await import('iconv-lite')).default;
    writeFileSync(join(dir, 'gbk.txt'), iconv.encode(readFileSync(join(ROOT, 'corpus/taobei-2020.txt'), 'utf8'), 'gb18030'));
    copyFileSync(join(ROOT, 'corpus/huairou-2021.txt'), join(dir, 'huairou.txt'));
    const r = runCli(['segment', '--corpus', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/page .*\n[\s\S]*\(html, utf-8/);
    expect(r.stdout).toContain('gb18030');
    expect(r.stdout.match(/articles/g)).toHaveLength(3);
  });

  it('names a file in --corpus that is no text or HTML document instead of passing over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulecmp-corpus-'));
    copyFileSync(join(ROOT, 'corpus/chenggong-2022.txt'), join(dir, 'chenggong.txt'));
    writeFileSync(join(dir, 'scan.pdf'), '%PDF-1.7\n');
    const r = runCli(['segment', '--corpus', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('13 chapters, 78 articles');
    expect(r.stderr.trim()).toBe(`rulecmp: ${join(dir, 'scan.pdf')}: not a text or HTML document (.pdf)`);
  });

  it('answers an unknown option with a usage error (exit 2), not a stack trace', () => {
    const r = runCli(['segment', '--no-such-option']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
