/** `rulecmp review`: formats, exit codes for a drafting office's checks, drafts in any encoding and as Markdown, errors. */
import iconv from 'iconv-lite';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const DRAFT = join(ROOT, 'tests/fixtures/review/xinhe-draft.txt');
const tmp = () => mkdtempSync(join(tmpdir(), 'rulecmp-review-'));

describe('rulecmp review', () => {
  it('prints the Markdown review: summary first, then deviations, omissions and the 对照表', () => {
    const r = runCli(['review', DRAFT, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const heads = [...r.stdout.matchAll(/^## (.+)$/gmu)].map((m) => m[1]);
    expect(heads).toEqual(['摘要', '与同类地区做法不一致的规定', '多数同类地区规定而草案未规定的事项', '对照表']);
    expect(r.stdout).toContain('| 草案条文 | 同类地区条文 | 差异 / 说明 |');
    expect(r.stdout).toMatch(/常务会议召开频次：草案 每月1次/u);
  });

  it('writes JSON with the documented shape, and a .docx Word opens (A4 landscape, header row repeated, tracked changes)', () => {
    const dir = tmp();
    const j = runCli(['review', DRAFT, '--format', 'json', '--out', join(dir, 'r.json'), '--quiet']);
    expect(j.code, j.stderr).toBe(0);
    expect(j.stdout).toMatch(/^wrote .*r\.json: identical \d+, moved \d+/u);
    const review = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(review.schema).toBe('rulecmp/review@1');
    expect(Object.keys(review)).toEqual(['schema', 'formatVersion', 'draft', 'peers', 'summary', 'articles', 'missingTopics', 'newArticles', 'deviations', 'omittedFacts']);
    const d = review.deviations[0];
    expect(Object.keys(d)).toEqual(expect.arrayContaining(['kind', 'subject', 'draft', 'peers', 'distribution', 'measure']));
    expect(d.draft.citation.docId).toBe(review.draft.id);
    const w = runCli(['review', DRAFT, '--out', join(dir, 'r.docx'), '--quiet']);
    expect(w.code, w.stderr).toBe(0);
    const files = unzipSync(readFileSync(join(dir, 'r.docx')));
    const xml = new TextDecoder().decode(files['word/document.xml']);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/u);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="rulecmp"/u);
    expect(xml).toMatch(/<w:del w:id="\d+" w:author="rulecmp"/u);
    expect(xml).toContain('w:eastAsia="仿宋"');
    expect(xml).toContain('草案条文');
  });

  it('--fail-on: exit 4 when the named findings exist, 0 when they do not', () => {
    expect(runCli(['review', DRAFT, '--fail-on', 'deviations', '--quiet']).code).toBe(4);
    expect(runCli(['review', DRAFT, '--fail-on', 'missing,new', '--quiet']).code).toBe(4);
    // a seed reviewed against the seeds that include itself is not its own peer; an identical copy of a peer has no new article
    const dir = tmp();
    writeFileSync(join(dir, 'copy.txt'), readFileSync(join(ROOT, 'corpus/chenggong-2022.txt')));
    const r = runCli(['review', join(dir, 'copy.txt'), '--fail-on', 'new', '--format', 'json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).newArticles).toEqual([]);
  });

  it('reads a GBK draft, an HTML draft and a Markdown draft like the text', () => {
    const dir = tmp();
    const text = readFileSync(DRAFT, 'utf8');
    writeFileSync(join(dir, 'gbk.txt'), iconv.encode(text, 'gbk'));
    writeFileSync(join(dir, 'draft.md'), text.replace(/^(第.+章.*)$/gmu, '## $1').replace(/^(第.+条)/gmu, '**$1**'));
    const json = (f: string) => JSON.parse(runCli(['review', f, '--format', 'json', '--quiet']).stdout);
    const a = json(DRAFT);
    for (const f of ['gbk.txt', 'draft.md']) {
      const b = json(join(dir, f));
      expect(b.summary.byStatus, f).toEqual(a.summary.byStatus);
      expect(b.deviations.length, f).toBe(a.deviations.length);
    }
  });

  it('peers read back from the build output (documents, facts, peers.bin) give the same review as peers read afresh', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'corpus'));
    for (const f of readdirSync(join(ROOT, 'corpus'))) copyFileSync(join(ROOT, 'corpus', f), join(dir, 'corpus', f));
    const built = runCli(['review', DRAFT, '--format', 'json']);
    expect(built.stderr).toMatch(/as built in reports/u);
    const fresh = runCli(['review', DRAFT, '--format', 'json', '--peers', join(dir, 'corpus')]);
    expect(fresh.stderr).not.toMatch(/as built/u);
    const strip = (j: string) => JSON.stringify({ ...JSON.parse(j), draft: null });
    expect(strip(fresh.stdout)).toBe(strip(built.stdout));
  });

  it('bad input: one line naming it and a non-zero exit', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'notes.txt'), '这里没有条文。\n');
    for (const [args, code, words] of [
      [['review', join(dir, 'missing.txt')], 1, /missing\.txt: no such file/u],
      [['review', join(dir, 'notes.txt')], 1, /notes\.txt: no articles found/u],
      [['review', DRAFT, '--format', 'pdf'], 2, /--format must be one of md, html, json, docx/u],
      [['review', DRAFT, '--fail-on', 'typos'], 2, /--fail-on must list/u],
      [['review', DRAFT, '--peers', join(dir, 'nowhere')], 1, /nowhere/u],
    ] as const) {
      const r = runCli([...args, '--quiet']);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(words);
    }
  });
});
