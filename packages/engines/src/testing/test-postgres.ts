// A throwaway PostgreSQL server for tests: initdb in a temporary folder, started on a free
// port on 127.0.0.1 only, removed when stopped. IO, test support (exported as
// @kpi/engines/testing, never used by the product).
// Invariants: Debian's server binaries (/usr/lib/postgresql/<v>/bin, or pg_ctl on PATH);
// run as root, the cluster belongs to the unprivileged `postgres` user (or `nobody`), since
// PostgreSQL refuses to run as root; trust authentication on the loopback only; durability
// settings off (fsync) because the data is thrown away; a missing server names the package.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPostgres {
  /** postgres://kpi@127.0.0.1:<port>/postgres */
  readonly url: string;
  readonly port: number;
  /** A new empty database on this server; its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const findBin = (): string => {
  const fromEnv = process.env['KPI_PG_BIN'];
  if (fromEnv && existsSync(join(fromEnv, 'pg_ctl'))) return fromEnv;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  const path = which.stdout.trim();
  if (which.status === 0 && path) return path.replace(/\/pg_ctl$/, '');
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) were not found: install Debian\'s "postgresql" package (apt install postgresql), or set KPI_PG_BIN to their folder',
  );
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });

/** The uid/gid to run the server as: ourselves, or an unprivileged user when we are root. */
const runAs = (): { uid: number; gid: number } | undefined => {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  for (const user of ['postgres', 'nobody']) {
    const r = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (r.status === 0 && g.status === 0)
      return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
  }
  throw new Error(
    'running as root and no unprivileged user (postgres or nobody) exists to own the test cluster',
  );
};

/** Starts a fresh cluster; call stop() when done (also on failure paths). */
export const startTestPostgres = async (): Promise<TestPostgres> => {
  const bin = findBin();
  const owner = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'kpi-pg-'));
  const data = join(dir, 'data');
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chmodSync(dir, 0o700);
  }
  // The server runs on the real clock even when the tests run under faketime (CI's second
  // run): libfaketime in the server breaks its timers (statement_timeout never fires), and
  // the server's clock is not what the tests fix — every date kpi sends is a bound value.
  const env: Record<string, string | undefined> = { ...process.env, LC_ALL: 'C' };
  for (const k of Object.keys(env)) if (k === 'LD_PRELOAD' || k.startsWith('FAKETIME')) delete env[k];
  const opts = { stdio: 'pipe' as const, ...(owner ?? {}), env };
  execFileSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'kpi', '--auth=trust', '-E', 'UTF8', '--locale=C', '-N'],
    opts,
  );
  const port = await freePort();
  const serverOpts = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=60',
  ].join(' ');
  execFileSync(
    join(bin, 'pg_ctl'),
    ['-D', data, '-o', serverOpts, '-l', join(dir, 'server.log'), '-w', 'start'],
    opts,
  );
  const url = `postgres://kpi@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    async createDatabase(name: string): Promise<string> {
      if (!/^[a-z][a-z0-9_]{0,40}$/.test(name)) throw new Error(`not a test database name: ${name}`);
      execFileSync(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'kpi', name], opts);
      return `postgres://kpi@127.0.0.1:${port}/${name}`;
    },
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      try {
        execFileSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], opts);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
};
