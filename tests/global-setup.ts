/**
 * Every temporary file and folder of a test run in one folder, removed when the run ends: the tests (and the CLI
 * processes they start, which inherit the environment) make theirs with os.tmpdir(), which reads TMPDIR. The folder
 * can be traversed by other users: the PostgreSQL tests give a data folder inside it to the `postgres` user.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'rulecmp-test-run-'));
  chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
