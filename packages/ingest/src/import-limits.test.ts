// Structural limits on import files, on a real DuckDB store: a 30,000-level NDJSON row,
// a 100,000-column CSV and an over-long field are refused before DuckDB reads them, with
// the limit, the place and the setting named, and the table unchanged; raising the
// limit in the project settings lets the same file in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProblemsError } from '@kpi/core';
import { importFile } from '@kpi/ingest';
import {
  dumpTable,
  makeProject,
  rejectsWith,
  resetAds,
  rows,
  workspace,
  type Workspace,
} from '../test/import-fixtures.js';

const project = makeProject();
let ws: Workspace;
before(async () => {
  ws = await workspace();
  await resetAds(ws.engine, project);
  await importFile(
    ws.engine,
    project,
    'ads',
    ws.file('seed.csv', 'Day,Campaign name,Cost\n2025-01-01,a,1\n'),
  );
});
after(async () => ws.close());

const nested = (levels: number): string => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

test('an NDJSON row nested 30,000 levels deep is refused at level 65 and nothing changes', async () => {
  const before = await dumpTable(ws.engine, 'ads');
  const f = ws.file(
    'deep.ndjson',
    `{"date":"2025-01-02","campaign":"b","spend":2}\n{"date": ${nested(30_000)}, "campaign":"c"}\n`,
  );
  for (const dryRun of [true, false]) {
    const e = await rejectsWith<ProblemsError>(
      importFile(ws.engine, project, 'ads', f, { dryRun }),
      'limit.json_depth',
    );
    assert.equal(
      e.message,
      `${f}, line 2, column 73: the data nests deeper than 64 levels; nothing was imported`,
    );
    assert.deepEqual(e.issues[0]?.position, { file: f, line: 2, column: 73 });
    assert.match(e.issues[0]?.hint ?? '', /raise project\.limits\.json_depth in kpi\.yaml \(at most 1,000\)/);
    assert.deepEqual([e.details['limit'], e.details['value'], e.details['max']], ['json_depth', 65, 64]);
  }
  assert.equal(await dumpTable(ws.engine, 'ads'), before);
});

test('a JSON array with a deep value: refused by default, imported once project.limits.json_depth is raised', async () => {
  const f = ws.file('deep.json', `[{"date":"2025-01-03","campaign":"d","spend":3,"extra":${nested(80)}}]`);
  await rejectsWith(importFile(ws.engine, project, 'ads', f), 'limit.json_depth');
  const raised = makeProject();
  const withLimit = { ...raised, settings: { ...raised.settings, limits: { json_depth: 100 } } };
  const s = await importFile(ws.engine, withLimit, 'ads', f);
  assert.equal(s.inserted, 1);
  assert.deepEqual(await rows(ws.engine, "SELECT spend FROM ads WHERE campaign = 'd'"), [{ spend: 3 }]);
});

test('a CSV with 100,000 columns is refused as 100,000 columns, not as a missing header', async () => {
  const before = await dumpTable(ws.engine, 'ads');
  const names = ['Day', 'Campaign name', 'Cost', ...Array.from({ length: 99_997 }, (_, i) => `x${i}`)];
  const f = ws.file('wide.csv', `${names.join(',')}\n${names.map(() => '1').join(',')}\n`);
  const e = await rejectsWith<ProblemsError>(importFile(ws.engine, project, 'ads', f), 'limit.csv_columns');
  assert.equal(
    e.message,
    `${f}, line 1, column 1: the header has 100,000 columns (separated by comma (,)); the limit is 4,096; nothing was imported`,
  );
  assert.match(e.issues[0]?.hint ?? '', /project\.limits\.csv_columns/);
  assert.equal(await dumpTable(ws.engine, 'ads'), before);
});

test('a data record wider than the limit, and a field longer than field_bytes, name their line', async () => {
  const limited = makeProject();
  const p = { ...limited, settings: { ...limited.settings, limits: { csv_columns: 4, field_bytes: 15 } } };
  const wide = ws.file('wide-row.csv', 'Day,Campaign name,Cost\n2025-01-04,e,1\n2025-01-05,f,1,2,3\n');
  const e = await rejectsWith<ProblemsError>(importFile(ws.engine, p, 'ads', wide), 'limit.csv_columns');
  assert.deepEqual([e.issues[0]?.position?.line, e.details['value']], [3, 5]);
  const long = ws.file('long.csv', 'Day,Campaign name,Cost\n2025-01-04,"a quoted, long name",1\n');
  const l = await rejectsWith<ProblemsError>(importFile(ws.engine, p, 'ads', long), 'limit.field_bytes');
  assert.equal(
    l.message,
    `${long}, line 2, column 28: field 2 is longer than 15 bytes; nothing was imported`,
  );
});

test('flat rows: a nested value in a pushed row is refused with its row', async () => {
  const f = ws.file(
    'nested.json',
    '[{"date":"2025-01-06","campaign":"g","spend":1},{"date":"2025-01-06","campaign":{"x":1}}]',
  );
  const e = await rejectsWith<ProblemsError>(
    importFile(ws.engine, project, 'ads', f, { flatRows: true }),
    'import.file.not_rows',
  );
  assert.match(e.message, /row 2 has a value that is an object/);
});
