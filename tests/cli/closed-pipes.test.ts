/**
 * A reader that stops reading: `rulecmp search … | head -1` ends quietly with exit 0; `rulecmp review … 2>&1 >out |
 * head -1` (the reader of the messages gone) still writes the whole output and exits as it would.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const MAIN = join(ROOT, 'dist/cli/rulecmp.cjs');
const sh = (script: string) => execFileSync('bash', ['-c', `set -o pipefail; ${script}`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('closed pipes', () => {
  it('stops quietly when the reader of standard output goes', () => {
    const out = sh(`node ${MAIN} search 会议 --limit 50 | head -1; echo "exit \${PIPESTATUS[0]}"`);
    expect(out).toMatch(/^\d+ articles match 会议/u);
    expect(out).toMatch(/exit 0\n$/u);
  });

  it('writes the whole review when the reader of its messages goes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulecmp-pipes-'));
    const file = join(dir, 'review.json');
    const said = sh(`node ${MAIN} review corpus/huairou-2021.txt --peers corpus --format json 2>&1 >${file} | head -1; echo "exit \${PIPESTATUS[0]}"`);
    expect(said).toMatch(/^rulecmp: peers: 4 documents/u);
    expect(said).toMatch(/exit 0\n$/u);
    const whole = runCli(['review', 'corpus/huairou-2021.txt', '--peers', 'corpus', '--format', 'json', '--quiet']);
    expect(readFileSync(file, 'utf8')).toBe(whole.stdout);
    expect(JSON.parse(whole.stdout).articles).toHaveLength(79);
  });
});
