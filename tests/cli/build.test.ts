/** `rulecmp build` (npm start): every output, deterministic, and its error paths. */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION } from '../../src/model.js';
import { CORPUS_DIR } from '../helpers/docs.js';
import { runCli } from '../helpers/cli.js';

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('rulecmp build', () => {
  it('run twice on the corpus gives the same bytes, and every JSON output carries the format version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulecmp-build-'));
    const a = runCli(['build', '--corpus', CORPUS_DIR, '--out', join(dir, 'a')]);
    const b = runCli(['build', '--corpus', CORPUS_DIR, '--out', join(dir, 'b')]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code).toBe(0);
    const ha = hashes(join(dir, 'a'));
    expect(Object.keys(ha).length).toBeGreaterThan(50);
    expect(ha).toEqual(hashes(join(dir, 'b')));
    for (const f of ['alignment.json', 'facts.json', ...readdirSync(join(dir, 'a', 'documents')).map((f) => `documents/${f}`)]) {
      expect(JSON.parse(readFileSync(join(dir, 'a', f), 'utf8')).formatVersion, f).toBe(FORMAT_VERSION);
    }
    expect(a.stdout).toMatch(/^segment$/mu);
    expect(a.stdout).toMatch(/^report$/mu);
  });

  it('akn/*.xml only with --akn (what rulecmp export writes); a build without it removes those of an earlier build and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulecmp-build-'));
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    copyFileSync(join(CORPUS_DIR, 'chenggong-2022.txt'), join(corpus, 'chenggong-2022.txt'));
    copyFileSync(join(CORPUS_DIR, 'taobei-2020.txt'), join(corpus, 'taobei-2020.txt'));
    const out = join(dir, 'out');
    const withAkn = runCli(['build', '--corpus', corpus, '--out', out, '--akn']);
    expect(withAkn.code, withAkn.stderr).toBe(0);
    expect(readdirSync(join(out, 'akn')).sort()).toEqual(['chenggong-2022.xml', 'taobei-2020.xml']);
    const exported = runCli(['export', join(corpus, 'taobei-2020.txt'), '--format', 'akn']);
    expect(readFileSync(join(out, 'akn', 'taobei-2020.xml'), 'utf8')).toBe(exported.stdout);
    const without = runCli(['build', '--corpus', corpus, '--out', out]);
    expect(without.code, without.stderr).toBe(0);
    expect(without.stdout).toContain('akn/: not written (build --akn, or rulecmp export); 2 files of an earlier build removed');
    expect(existsSync(join(out, 'akn'))).toBe(false); // the emptied folder is not left behind
    expect(readdirSync(join(out, 'documents')).sort()).toEqual(['chenggong-2022.json', 'taobei-2020.json']);
  });

  it('a corpus directory that does not exist: one line naming it, exit 1, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulecmp-build-'));
    const r = runCli(['build', '--corpus', join(dir, 'nowhere'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`rulecmp: ${join(dir, 'nowhere')}: not a directory`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a file that is not a document among good ones: named, the rest built, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulecmp-build-'));
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    copyFileSync(join(CORPUS_DIR, 'chenggong-2022.txt'), join(corpus, 'chenggong-2022.txt'));
    writeFileSync(join(corpus, 'notes.txt'), '这里只有一段说明文字，没有条文。\n');
    const r = runCli(['build', '--corpus', corpus, '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(corpus, 'notes.txt')}: no articles found`);
    expect(readdirSync(join(dir, 'out', 'documents'))).toEqual(['chenggong-2022.json']);
  });
});
