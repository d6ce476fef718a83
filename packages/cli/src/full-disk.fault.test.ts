// Fault suite: a full disk on import. The project lives on a small tmpfs (root only:
// `mount -t tmpfs -o size=8m`, unmounted in teardown; skipped with the reason otherwise);
// an import that does not fit, through `kpi import` and through a real `kpi serve`, must
// end in a clean error that says the disk is full (exit 3 / HTTP 507, code
// engine.disk_full), with the store's rows and import log unchanged, no temporary file
// left beside it, and the store still usable afterwards: readable at once, and writable
// again once space is freed (DuckDB keeps its file at the size the failed import grew it
// to, so the disk stays full until something else is removed — here a 4 MB ballast file).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storePath } from '@kpi/app';
import { openDuckDb } from '@kpi/engines';
import { BIN, makeProject, serveChild, type TestProject } from '../test/serve-child.js';

const ROWS = 250_000;
/** Filled beside the project, so a modest import fills the rest; removed to free space. */
const BALLAST = 4 * 1024 * 1024;

let root = '';
let mnt = '';
let mounted = false;
let why = '';

before(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-full-disk-'));
  mnt = join(root, 'disk');
  mkdirSync(mnt);
  if (process.getuid?.() !== 0) {
    why = 'not root: cannot mount a small tmpfs to fill';
    return;
  }
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt], { encoding: 'utf8' });
  if (r.status === 0) mounted = true;
  else why = `mount -t tmpfs failed: ${(r.stderr || r.error?.message || '').trim()}`;
});
after(() => {
  if (mounted) {
    const r = spawnSync('umount', [mnt], { encoding: 'utf8' });
    assert.equal(r.status, 0, `umount ${mnt}: ${r.stderr}`);
  }
  rmSync(root, { recursive: true, force: true });
});

/** Rows by count and a sum of row hashes, and the import log's length. */
const stateOf = async (dir: string): Promise<string> => {
  const engine = await openDuckDb(storePath(dir));
  try {
    const r = await engine.query(
      `SELECT count(*) AS n, CAST(coalesce(sum(hash(date, source, sessions, conversions) % 1000000007), 0) AS BIGINT) AS h,
              (SELECT count(*) FROM _kpi_imports) AS log
       FROM web_sessions`,
    );
    return JSON.stringify(r.rows[0]);
  } finally {
    await engine.close();
  }
};

/** A CSV far larger than the disk once stored (random 64-bit sources do not compress). */
const writeBigCsv = (path: string): void => {
  let x = 0x2545f491n;
  const lines = ['Date,Source,Sessions,Conversions'];
  for (let i = 0; i < ROWS; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    const day = new Date(Date.UTC(2000, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${day},${x.toString(16).padStart(16, '0')},${Number(x >> 34n)},${Number(x & 0xfffffn)}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
};

const kpi = (p: TestProject, args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    cwd: p.dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });

test('full disk on import: a clean "disk is full" error, the store unchanged and usable, no temp files', async (t) => {
  if (!mounted) return t.skip(why);
  const p = await makeProject('kpi-full-disk-p-', join(mnt, 'p'));
  const big = join(root, 'big.csv');
  writeBigCsv(big);
  const ballast = join(mnt, 'ballast');
  writeFileSync(ballast, Buffer.alloc(BALLAST, 1));
  const kpiDir = join(p.dir, '.kpi');
  const filesBefore = readdirSync(kpiDir).sort();
  const stateBefore = await stateOf(p.dir);

  // kpi import
  const r = kpi(p, ['import', 'web_sessions', big]);
  assert.equal(r.status, 3, `exit ${r.status}: ${r.stdout}${r.stderr}`);
  assert.match(r.stderr, /engine\.disk_full/);
  assert.match(r.stderr, /disk .*is full/);
  assert.deepEqual(readdirSync(kpiDir).sort(), filesBefore, 'no temporary file left beside the store');
  assert.equal(await stateOf(p.dir), stateBefore, 'rows and import log unchanged');

  // the same through a real server
  const s = await serveChild(p.dir);
  try {
    const res = await fetch(`${s.url}/api/datasets/web_sessions/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${p.admin}`, 'content-type': 'text/csv' },
      body: await import('node:fs/promises').then((fs) => fs.readFile(big)),
    });
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    assert.equal(res.status, 507, JSON.stringify(body));
    assert.equal(body.error?.code, 'engine.disk_full');
    assert.match(body.error?.message ?? '', /disk .*is full/);
    assert.doesNotMatch(body.error?.message ?? '', new RegExp(mnt), 'no path in the answer');
    assert.equal((await fetch(`${s.url}/api/health`)).status, 200, 'the server is up');
  } finally {
    await s.stop();
  }
  // The server recorded the token's last use (a write of its own, kept in the store's
  // write-ahead log while the disk is full): the WAL may stay; nothing else may.
  assert.deepEqual(
    readdirSync(kpiDir)
      .filter((n) => n !== 'kpi.duckdb.wal')
      .sort(),
    filesBefore,
    'no temporary file left beside the store',
  );
  assert.equal(await stateOf(p.dir), stateBefore, 'rows and import log unchanged');

  // still usable: readable now; writable again once space is freed
  const list = kpi(p, ['datasets']);
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, /web_sessions\s+3\b/);
  rmSync(ballast);
  const small = join(root, 'small.csv');
  writeFileSync(small, 'Date,Source,Sessions\n2026-02-01,after_full,7\n');
  const ok = kpi(p, ['import', 'web_sessions', small]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.notEqual(await stateOf(p.dir), stateBefore);
  console.log(`# full disk: tmpfs of 8 MB, ${ROWS} rows refused by kpi import (exit 3) and the server (507)`);
});
