/** `rulecmp facts` and `rulecmp report` as a user runs them (the built CLI: npm test compiles first). */
import * as cheerio from 'cheerio';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const oneLine = (s: string) => s.trim().split('\n').length === 1 && !/\n\s+at /.test(s);

describe('rulecmp facts', () => {
  it('prints one line per fact with its article, then the exact quote', () => {
    const r = runCli(['facts', 'corpus/chaoyang-2015.txt', '--kind', 'meetings']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('朝阳区 (chaoyang-2015): 8 facts');
    expect(r.stdout).toMatch(/三十四\s+meeting\s+常务会议: 频次 每季度2次（8次\/年）；一般 · 主持 区长 · 例会 星期一上午/);
    expect(r.stdout).toContain('«区政府常务会议一般每季度召开2次，星期一上午为例会时间»');
  });
  it('--json gives the facts.json schema', () => {
    const r = runCli(['facts', 'corpus/huairou-2021.txt', '--kind', 'thresholds', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.schema).toBe('rulecmp/facts@1');
    expect(json.thresholds).toHaveLength(12);
    expect(json.meetings).toEqual([]);
  });
  it('bad input: one line naming the input, non-zero exit', () => {
    const kind = runCli(['facts', '--kind', 'money']);
    expect(kind.code).toBe(2);
    expect(oneLine(kind.stderr)).toBe(true);
    expect(kind.stderr).toContain('--kind must be one of meetings, thresholds, deadlines, leave');
    const missing = runCli(['facts', 'corpus/nowhere.txt']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('rulecmp: corpus/nowhere.txt: no such file');
  });
});

describe('rulecmp report', () => {
  it('--topic --districts --format html --out: one side-by-side page for two districts, left <del>, right <ins>', () => {
    const out = mkdtempSync(join(tmpdir(), 'rulecmp-report-'));
    const r = runCli(['report', '--topic', 'executive-meeting', '--districts', '怀柔区,tongzhou-2022', '--format', 'html', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote 1 file to');
    const page = join(out, 'topics/executive-meeting.html');
    expect(existsSync(page)).toBe(true);
    const $ = cheerio.load(readFileSync(page, 'utf8'));
    expect($('table.side').first().find('thead th').map((_, th) => $(th).text()).get()).toEqual(['怀柔区 2021', '通州区 2022']);
    expect($('table.side').first().find('td').first().find('del').length).toBeGreaterThan(0);
    expect($('table.side').first().find('td').last().find('ins').length).toBeGreaterThan(0);
  });
  it('bad --topic, --districts or --format: one line, exit 2', () => {
    for (const args of [['--topic', 'weather'], ['--districts', '海淀区'], ['--format', 'pdf']]) {
      const r = runCli(['report', ...args, '--out', '-']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(oneLine(r.stderr), r.stderr).toBe(true);
      expect(r.stderr).toMatch(/^rulecmp: --(topic|districts|format)/);
    }
  });
});
