// ensureDatasetTables and datasetStats against a real DuckDB file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatasetDef, KpiError } from '@kpi/core';
import { datasetStats, ensureDatasetTables, importFile } from '@kpi/ingest';
import {
  adsDataset,
  makeProject,
  rejectsWith,
  rows,
  workspace,
  type Workspace,
} from '../test/import-fixtures.js';

let ws: Workspace;
before(async () => {
  ws = await workspace();
});
after(async () => ws.close());

const columnsOf = async (table: string) =>
  rows(
    ws.engine,
    `SELECT column_name AS c, data_type AS t FROM duckdb_columns() WHERE table_name = '${table}' ORDER BY column_index`,
  );

const withColumns = (columns: DatasetDef['columns']): DatasetDef => ({ ...adsDataset, columns });

test('creates the tables with the shared type mapping, then adds new columns and widens losslessly', async () => {
  const p1 = makeProject({
    ads: withColumns({ date: { type: 'date' }, campaign: { type: 'string' }, clicks: { type: 'integer' } }),
  });
  await ensureDatasetTables(ws.engine, p1);
  await ws.engine.exec(`INSERT INTO ads VALUES ('2025-01-01', 'a', 3)`);
  const p2 = makeProject({
    ads: withColumns({
      date: { type: 'date' },
      campaign: { type: 'string' },
      clicks: { type: 'number' },
      at: { type: 'timestamp' },
      ok: { type: 'boolean' },
    }),
  });
  await ensureDatasetTables(ws.engine, p2);
  assert.deepEqual(
    (await columnsOf('ads')).map((r) => [r['c'], r['t']]),
    [
      ['date', 'DATE'],
      ['campaign', 'VARCHAR'],
      ['clicks', 'DOUBLE'],
      ['at', 'TIMESTAMP WITH TIME ZONE'],
      ['ok', 'BOOLEAN'],
    ],
  );
  assert.deepEqual(await rows(ws.engine, 'SELECT clicks, ok FROM ads'), [{ clicks: 3, ok: null }]);
  assert.equal((await columnsOf('_kpi_imports')).length, 10);
});

test('refuses a type change that could lose data, and changes nothing', async () => {
  const p = makeProject({
    ads: withColumns({ date: { type: 'date' }, campaign: { type: 'integer' }, clicks: { type: 'number' } }),
  });
  const e = await rejectsWith<KpiError>(ensureDatasetTables(ws.engine, p), 'dataset.column.type_change');
  assert.match(e.message, /campaign \(string -> integer\)/);
  assert.ok(e.hint);
  assert.equal((await columnsOf('ads')).find((r) => r['c'] === 'campaign')?.['t'], 'VARCHAR');
});

test('datasetStats: rows, time range and the last import', async () => {
  await ws.engine.exec('DROP TABLE ads');
  const p = makeProject();
  await ensureDatasetTables(ws.engine, p);
  assert.deepEqual(await datasetStats(ws.engine, p), [
    { dataset: 'ads', rows: 0, from: null, to: null, lastImport: null },
  ]);
  const f = ws.file('s.csv', 'Day,Campaign name\n2025-03-02,a\n2025-01-05,b\n2025-02-01,c\n');
  await importFile(ws.engine, p, 'ads', f);
  const [s] = await datasetStats(ws.engine, p);
  assert.deepEqual(
    [s?.rows, s?.from, s?.to, s?.lastImport?.file, s?.lastImport?.rows],
    [3, '2025-01-05', '2025-03-02', f, 3],
  );
});
