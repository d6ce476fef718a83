// The start-up sweep of upload folders, on real folders: a dead process's folder goes, a
// live one's stays (unless stale by its age), this process's own stays, and nothing that
// is not a kpi upload folder is touched. Times are fixed (the age comes from the name).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STALE_UPLOAD_MS, makeUploadFolder, processAlive, sweepStaleUploads } from './upload-folders.js';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
let tmp = '';
let dead = 0;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'kpi-sweep-test-'));
  // A process that has exited: its pid is not running any more.
  const r = spawnSync(process.execPath, ['-e', '']);
  dead = r.pid ?? 0;
});
after(() => rmSync(tmp, { recursive: true, force: true }));

const folder = (name: string): string => {
  const p = join(tmp, name);
  mkdirSync(p);
  writeFileSync(join(p, 'rows.ndjson'), '{"secret":"pushed data"}\n');
  return name;
};

test('dead and stale folders are removed; live, own and foreign entries are kept', () => {
  assert.equal(processAlive(dead), false);
  assert.equal(processAlive(process.ppid), true);
  const deadFresh = folder(`kpi-upload-${dead}-${NOW - 1000}-abc123`);
  const liveFresh = folder(`kpi-upload-${process.ppid}-${NOW - 60_000}-abc123`);
  const liveStale = folder(`kpi-upload-${process.ppid}-${NOW - STALE_UPLOAD_MS - 1}-abc123`);
  const ownStale = folder(`kpi-upload-${process.pid}-${NOW - 10 * STALE_UPLOAD_MS}-abc123`);
  const legacyOld = folder('kpi-upload-Ab3xYz');
  utimesSync(join(tmp, legacyOld), new Date('2001-01-01T00:00:00Z'), new Date('2001-01-01T00:00:00Z'));
  const other = folder(`other-${dead}-1-x`);
  writeFileSync(join(tmp, `kpi-upload-${dead}-1-file`), 'a file, not a folder');
  const target = folder('target');
  symlinkSync(join(tmp, target), join(tmp, `kpi-upload-${dead}-2-link`));

  const removed = sweepStaleUploads(tmp, { now: NOW });
  assert.deepEqual(removed.sort(), [deadFresh, legacyOld, liveStale].sort());
  assert.deepEqual(
    readdirSync(tmp).sort(),
    [liveFresh, ownStale, other, `kpi-upload-${dead}-1-file`, `kpi-upload-${dead}-2-link`, target].sort(),
  );
  assert.deepEqual(readdirSync(join(tmp, target)), ['rows.ndjson'], 'a link is not followed');
});

test('an upload folder is private and named with this pid and the given time', async () => {
  const own = join(tmp, 'own');
  mkdirSync(own);
  const dir = await makeUploadFolder(own, NOW);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.match(dir, new RegExp(`/kpi-upload-${process.pid}-${NOW}-[A-Za-z0-9]{6}$`));
  assert.deepEqual(sweepStaleUploads(own, { now: NOW + 100 * STALE_UPLOAD_MS }), [], 'own folders stay');
  // Seen by another process, once this one is gone, it is stale.
  assert.equal(sweepStaleUploads(own, { now: NOW, ownPid: 1, alive: () => false }).length, 1);
  assert.deepEqual(readdirSync(own), []);
});
