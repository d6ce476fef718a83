// A full disk during an edit, on a real small tmpfs (root only; skipped with the reason
// otherwise): the edit is refused as io.no_space naming the folder, kpi.yaml is byte for
// byte unchanged, no temp file or journal entry is left, no history row is written, and
// the same edit goes through once space is freed.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isKpiError } from '@kpi/core';
import { editKpi, initProject, listChanges, openProject } from '@kpi/app';
import { mountSmallDisk } from '../../test/small-disk.js';

const leftovers = (dir: string): string[] => {
  const journal = join(dir, '.kpi', 'journal');
  return [
    ...readdirSync(dir).filter((n) => n.endsWith('.tmp')),
    ...(existsSync(journal) ? readdirSync(journal) : []),
  ];
};

test('an edit on a full disk says what is full and leaves the file, the folder and the history as they were', async (t) => {
  const disk = mountSmallDisk('24m');
  if (typeof disk === 'string') {
    t.skip(disk);
    return;
  }
  try {
    const dir = join(disk.dir, 'project');
    await initProject({ dir, name: 'Full disk', timezone: 'UTC', currency: 'EUR' });
    const lp = openProject(dir);
    await editKpi(lp, 'ed@example.com', 'conversion_rate', { target: { value: 0.04 }, reason: 'first' });
    const before = readFileSync(join(dir, 'kpi.yaml'));
    disk.fill();
    const change = { target: { value: 0.05 }, reason: 'on a full disk' };
    await assert.rejects(editKpi(lp, 'ed@example.com', 'conversion_rate', change), (e: unknown) => {
      assert.ok(isKpiError(e), String(e));
      t.diagnostic(`refused: ${e.code}: ${e.message}`);
      assert.equal(e.code, 'io.no_space');
      assert.equal(e.kind, 'io');
      assert.match(e.message, /^no space left on the device holding \/.+; free space and retry$/);
      assert.ok(e.message.includes(disk.dir), `the message names a folder on the full disk: ${e.message}`);
      return true;
    });
    assert.deepEqual(readFileSync(join(dir, 'kpi.yaml')), before, 'kpi.yaml is unchanged');
    assert.deepEqual(leftovers(dir), [], 'no temp file and no journal entry is left');
    disk.free();
    const rows = await listChanges(lp, { entity: 'kpi', name: 'conversion_rate' });
    assert.deepEqual(
      rows.map((r) => r.reason),
      ['first'],
      'the refused edit left no history row',
    );
    await editKpi(lp, 'ed@example.com', 'conversion_rate', change);
    assert.match(readFileSync(join(dir, 'kpi.yaml'), 'utf8'), /value: 0\.05 \}/);
    assert.deepEqual(leftovers(dir), []);
  } finally {
    disk.unmount();
  }
});
