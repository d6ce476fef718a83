// `kpi review --decision retire` (a YAML edit) on a full disk, through the real `kpi`
// process on a real small tmpfs (root only; skipped with the reason otherwise): exit 3,
// the message says which device is full and what to do, kpi.yaml is unchanged and no
// temp file is left.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { mountSmallDisk } from '../../app/test/small-disk.js';
import { runKpi } from '../test/run-kpi.js';

test('a YAML edit from the CLI on a full disk exits 3 saying what is full', (t) => {
  const disk = mountSmallDisk('24m');
  if (typeof disk === 'string') {
    t.skip(disk);
    return;
  }
  try {
    const dir = join(disk.dir, 'project');
    assert.equal(runKpi(['init', dir], disk.dir).code, 0);
    // The store exists before the disk fills (as in a project in use).
    assert.equal(runKpi(['history', 'conversion_rate'], dir).code, 0);
    const before = readFileSync(join(dir, 'kpi.yaml'));
    disk.fill();
    const r = runKpi(
      ['review', 'conversion_rate', '--decision', 'retire', '--note', 'n', '--author', 'Ana'],
      dir,
    );
    assert.equal(r.code, 3, r.err);
    assert.match(r.err, /error io\.no_space: no space left on the device holding \/.+; free space and retry/);
    assert.match(r.err, /hint: nothing was changed/);
    assert.deepEqual(readFileSync(join(dir, 'kpi.yaml')), before);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.endsWith('.tmp')),
      [],
    );
  } finally {
    disk.unmount();
  }
});
