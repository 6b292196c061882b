/**
 * Defects a reliability audit found, each reproduced as a user meets it: a bad entry in a corpus
 * directory, a reader racing a writer, a repeated 一、 article, raw HTML and spreadsheet formulas in
 * documents, an index of another corpus.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, symlinkSync, writeFileSync, existsSync, fstatSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeText } from '../../src/io/write.js';
import { analyse } from '../../src/pipeline.js';
import { renderReports } from '../../src/report/index.js';
import { CORPUS_DIR, docFromText } from '../helpers/docs.js';
import { ROOT, runCli } from '../helpers/cli.js';

const oneLine = (s: string) => s.trim().split('\n').every((l) => l.startsWith('rulecmp: '));

/** A copy of two seeds plus a dangling link and a link loop. */
function brokenCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rulecmp-audit-'));
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  for (const f of ['huairou-2021.txt', 'tongzhou-2022.txt']) copyFileSync(join(CORPUS_DIR, f), join(corpus, f));
  symlinkSync(join(corpus, 'gone.txt'), join(corpus, 'dangling.txt'));
  symlinkSync(join(corpus, 'loop-b.txt'), join(corpus, 'loop-a.txt'));
  symlinkSync(join(corpus, 'loop-a.txt'), join(corpus, 'loop-b.txt'));
  return corpus;
}

describe('a bad entry in a --corpus directory names the file, the rest is processed, exit 1', () => {
  it('build writes every output for the good files', () => {
    const corpus = brokenCorpus();
    const out = join(corpus, '..', 'out');
    const r = runCli(['build', '--corpus', corpus, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dangling\.txt: dangling symbolic link/);
    expect(r.stderr).toMatch(/loop-a\.txt: symbolic link loop/);
    expect(r.stderr).toMatch(/loop-b\.txt: symbolic link loop/);
    expect(oneLine(r.stderr)).toBe(true);
    for (const f of ['search-index/meta.json', 'alignment.json', 'facts.json', 'overview.md', 'documents/huairou-2021.json', 'documents/tongzhou-2022.json']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'facts.json'), 'utf8')).documents).toHaveLength(2);
  });

  it('search prints its hits and names the bad files', () => {
    const corpus = brokenCorpus();
    const r = runCli(['search', '--corpus', corpus, '--index', join(corpus, '..', 'index.json'), '常务会议'], { env: { XDG_CACHE_HOME: join(corpus, '..', 'cache') } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/怀柔区/);
    expect(r.stdout).toMatch(/通州区/);
    expect(r.stderr).toMatch(/dangling\.txt: dangling symbolic link/);
    expect(r.stderr).toMatch(/loop-a\.txt: symbolic link loop/);
  });
});

describe('outputs are written to a temporary name and renamed into place', () => {
  it('a reader holding the old file reads it whole while a new one is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulecmp-write-'));
    const path = join(dir, 'index.json');
    const old = 'x'.repeat(100_000);
    writeText(path, old);
    const fd = openSync(path, 'r');
    writeText(path, 'y'.repeat(50));
    // written in place, the old descriptor would now see the truncated new bytes
    const buf = Buffer.alloc(fstatSync(fd).size);
    readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    expect(buf.toString()).toBe(old);
    expect(readFileSync(path, 'utf8')).toBe('y'.repeat(50));
    expect(readdirSync(dir)).toEqual(['index.json']); // no temporary file left behind
  });
});

describe('a repeated 一、-style article', () => {
  it('stays an article of its own and is reported, as in the 第N条 style', () => {
    const doc = docFromText(['某县人民政府工作规则', '', '一、为规范县政府工作，制定本规则。', '二、县政府常务会议一般每周召开一次。', '二、县政府常务会议一般每周召开一次。', '三、本规则自印发之日起施行。', ''].join('\n'));
    expect(doc.articles.map((a) => a.label)).toEqual(['一、', '二、', '二、', '三、']);
    expect(doc.articles[0]!.text).not.toContain('常务会议');
    expect(doc.diagnostics.filter((d) => d.code === 'numbering-duplicate')).toHaveLength(1);
  });
});

describe('document text in reports', () => {
  const doc = docFromText(
    [
      '某县人民政府工作规则',
      '',
      '一、为规范县政府工作，制定本规则。',
      '二、=HYPERLINK("http://x") 县政府常务会议<script>alert(1)</script>一般每周召开一次<img src=x onerror=alert(2)>，由县长召集和主持。',
      '三、副县长离县外出，应当事先向县长请假。',
      '四、@SUM(1) 县级财政预算安排的项目资金支出，50万元以下的由分管副县长审批，超过50万元的提交县政府常务会议研究决定。',
      '',
    ].join('\n'),
    'hostile',
  );
  const peer = docFromText(
    ['某区人民政府工作规则', '', '一、为规范区政府工作，制定本规则。', '二、区政府常务会议一般每周召开一次，由区长召集和主持。', '三、副区长离区外出，应当事先向区长请假。', ''].join('\n'),
    'peer',
  );
  const files = renderReports(analyse([doc, peer]));

  it('Markdown shows raw HTML of a document as text (escaped)', () => {
    const md = files.filter((f) => f.path.endsWith('.md'));
    expect(md.length).toBeGreaterThan(3);
    for (const f of md) {
      expect(f.content, f.path).not.toMatch(/<script|<img/iu);
    }
    expect(md.some((f) => f.content.includes('&lt;script&gt;'))).toBe(true);
  });

  it('CSV cells that begin with = + - @ are neutralised against spreadsheet formulas', () => {
    const csv = files.filter((f) => f.path.endsWith('.csv'));
    const cells = csv.flatMap((f) => f.content.replace(/^\uFEFF/u, '').split('\r\n').flatMap((line) => line.split(',').map((c) => c.replace(/^"/u, ''))));
    expect(cells.some((c) => c.startsWith("'=") || c.startsWith("'@"))).toBe(true);
    expect(cells.filter((c) => /^[=+@]/u.test(c))).toEqual([]);
  });
});

describe('an index belongs to its corpus', () => {
  it('search --corpus other-dir leaves reports/search-index alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulecmp-other-'));
    const other = join(dir, 'corpus');
    mkdirSync(other);
    copyFileSync(join(CORPUS_DIR, 'chenggong-2022.txt'), join(other, 'chenggong-2022.txt'));
    const main = join(ROOT, 'reports', 'search-index');
    const hash = () => {
      const h = createHash('sha256');
      for (const f of readdirSync(main).sort()) h.update(f).update(readFileSync(join(main, f)));
      return h.digest('hex');
    };
    const before = hash();
    const cache = join(dir, 'cache');
    const r = runCli(['search', '--corpus', other, '常务会议'], { env: { XDG_CACHE_HOME: cache } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/呈贡区/);
    expect(r.stdout).not.toMatch(/怀柔区/);
    expect(hash()).toBe(before);
    expect(readdirSync(join(cache, 'rulecmp')).filter((f) => f.startsWith('search-index-'))).toHaveLength(1);
    // the second search uses the corpus's own index as it is
    const again = runCli(['search', '--corpus', other, '常务会议'], { env: { XDG_CACHE_HOME: cache } });
    expect(again.stderr).not.toMatch(/rebuilt/);
    writeFileSync(join(dir, 'unused'), '');
  });
});

describe('an --out that cannot be written (a new user, README check)', () => {
  it('is one line that says what could not be done to which path and why, not the system call\'s code; exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulecmp-out-'));
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const cases: [string[], RegExp][] = [
      [['segment', join(CORPUS_DIR, 'huairou-2021.txt'), '--out', join(file, 'x')], /^rulecmp: cannot create the folder \S+a-file\/x: a part of the path is a file, not a folder$/u],
      [['review', join(ROOT, 'tests/fixtures/review/xinhe-draft.txt'), '--out', join(file, 'r.md'), '--quiet'], /^rulecmp: cannot create the folder \S+a-file: a file of that name is in the way$/u],
      [['export', '--out', join(file, 'akn')], /^rulecmp: cannot create the folder \S+a-file\/akn: a part of the path is a file, not a folder$/u],
    ];
    for (const [args, line] of cases) {
      const r = runCli(args);
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr.trim(), args[0]).toMatch(line);
      expect(r.stderr, args[0]).not.toMatch(/ENOTDIR|EEXIST|mkdir '/u);
    }
  }, 60_000);
});
