/**
 * A throwaway PostgreSQL cluster for the tests: initdb into a fresh directory under the system temp dir, started
 * with pg_ctl on a free port of 127.0.0.1 (and a unix socket in that directory), stopped and removed by `stop`.
 * initdb and postgres refuse to run as root: as root, they run as the `postgres` user (runuser), which owns the
 * directory. Debian's postgresql-15 binaries are looked for in /usr/lib/postgresql/15/bin (PG_BIN overrides).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export function postgresAvailable(): boolean {
  return existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));
}

const inCI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Whether the PostgreSQL store tests run: when the binaries are there, and always in CI (where a missing PostgreSQL
 * fails them). Otherwise they are skipped, and a line on stderr says they did not run and why.
 */
export function postgresTestsRun(): boolean {
  if (postgresAvailable() || inCI) return true;
  process.stderr.write(`postgres: PostgreSQL store tests skipped, they did not run — ${PG_BIN}/initdb not found (apt-get install postgresql-15, or PG_BIN=<dir>; with CI=true they fail instead)\n`);
  return false;
}

export interface Cluster {
  url: string;
  dir: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function uidOf(user: string): { uid: number; gid: number } {
  return { uid: Number(execFileSync('id', ['-u', user]).toString().trim()), gid: Number(execFileSync('id', ['-g', user]).toString().trim()) };
}

export async function startCluster(): Promise<Cluster> {
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'rulecmp-pg-'));
  const data = join(dir, 'data');
  const as = (cmd: string, args: string[]) => (root ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' }));
  if (root) {
    const { uid, gid } = uidOf('postgres');
    chownSync(dir, uid, gid);
  }
  as(join(PG_BIN, 'initdb'), ['-D', data, '-U', 'rulecmp', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '-N']);
  const port = await freePort();
  const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  as(join(PG_BIN, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  return {
    url: `postgres://rulecmp@127.0.0.1:${port}/postgres`,
    dir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        as(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A new database in the cluster; its URL. */
export async function createDatabase(cluster: Cluster, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return cluster.url.replace(/\/postgres$/u, `/${name}`);
}
