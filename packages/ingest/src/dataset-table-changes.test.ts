// datasetTableChanges lists what ensureDatasetTables would change — and changes nothing —
// so a read-only store can be used when the list is empty. Against a real DuckDB file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDuckDb } from '@kpi/engines';
import { datasetTableChanges, ensureDatasetTables } from '@kpi/ingest';
import { adsDataset, makeProject, workspace } from '../test/import-fixtures.js';

test('lists missing tables and columns, differently typed columns; empty once ensured', async () => {
  const ws = await workspace();
  try {
    const visits = {
      ...adsDataset,
      columns: { date: { type: 'date' as const }, n: { type: 'integer' as const } },
    };
    const p = makeProject({ ads: adsDataset, visits });
    assert.deepEqual(await datasetTableChanges(ws.engine, p), ['_kpi_imports', 'ads', 'visits']);
    await ensureDatasetTables(ws.engine, p);
    assert.deepEqual(await datasetTableChanges(ws.engine, p), []);
    const wider = makeProject({
      ads: adsDataset,
      visits: { ...visits, columns: { ...visits.columns, n: { type: 'number' } } },
    });
    const more = makeProject({
      ads: { ...adsDataset, columns: { ...adsDataset.columns, extra: { type: 'string' } } },
      visits,
    });
    assert.deepEqual(await datasetTableChanges(ws.engine, wider), ['visits']);
    assert.deepEqual(await datasetTableChanges(ws.engine, more), ['ads']);
    assert.deepEqual(await datasetTableChanges(ws.engine, p), [], 'asking changed nothing');
    await ws.engine.close();
    // Read-only: the same answer, and a write is refused as engine.read_only.
    const ro = await openDuckDb(join(ws.dir, 'store.duckdb'), { readOnly: true });
    try {
      assert.equal(ro.readOnly, true);
      assert.deepEqual(await datasetTableChanges(ro, more), ['ads']);
      await assert.rejects(
        ensureDatasetTables(ro, more),
        (e: Error & { code?: string }) => e.code === 'engine.read_only',
      );
      await ro.exec('CREATE TEMP TABLE scratch AS SELECT 1 AS x');
      assert.deepEqual((await ro.query('SELECT x FROM scratch')).rows, [{ x: 1 }]);
    } finally {
      await ro.close();
    }
  } finally {
    await ws.close();
  }
});

test('read-only open of a missing file fails without creating anything', async () => {
  const ws = await workspace();
  try {
    const path = join(ws.dir, 'nothing', 'here.duckdb');
    await assert.rejects(
      openDuckDb(path, { readOnly: true }),
      (e: Error & { code?: string; hint?: string }) =>
        e.code === 'engine.open_failed' && /kpi import creates it/.test(e.hint ?? ''),
    );
    assert.equal(existsSync(join(ws.dir, 'nothing')), false);
  } finally {
    await ws.close();
  }
});
