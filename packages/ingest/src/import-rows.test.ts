// importFile: duplicate keys, re-imports (update, not duplicate), rejects files, NDJSON
// and JSON arrays, timestamps in the project time zone, dry runs, atomicity.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ProblemsError } from '@kpi/core';
import { ensureDatasetTables, importFile } from '@kpi/ingest';
import {
  dumpTable,
  eventsDataset,
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
});
after(async () => ws.close());

const fresh = (): Promise<void> => resetAds(ws.engine, project);
const ads = () => rows(ws.engine, 'SELECT date, campaign, spend FROM ads ORDER BY date, campaign');

describe('keys', () => {
  test('a repeated key inside one file is rejected as a duplicate of the earlier line', async () => {
    await fresh();
    const f = ws.file(
      'dup.csv',
      'Day,Campaign name,Cost\n2025-01-01,a,1\n2025-01-01,b,2\n2025-01-01,a,3\n2025-01-02,a,4\n2025-01-01,a,5\n',
    );
    const e = await rejectsWith<ProblemsError>(importFile(ws.engine, project, 'ads', f), 'import.rejected');
    assert.deepEqual(
      e.issues.map((i) => [i.code, i.position?.line, i.message]),
      [
        ['import.row.duplicate_key', 4, 'duplicate of line 2: same key (date, campaign)'],
        ['import.row.duplicate_key', 6, 'duplicate of line 2: same key (date, campaign)'],
      ],
    );
  });

  test('rows with an empty key or time are rejected', async () => {
    await fresh();
    const f = ws.file('nokeyval.csv', 'Day,Campaign name,Cost\n,a,1\n2025-01-01,,2\n2025-01-01,b,3\n');
    const e = await rejectsWith<ProblemsError>(importFile(ws.engine, project, 'ads', f), 'import.rejected');
    assert.deepEqual(
      e.issues.map((i) => [i.code, i.position?.line, i.position?.column]),
      [
        ['import.row.missing_key', 2, 1],
        ['import.row.missing_key', 3, 2],
      ],
    );
  });

  test('re-importing overlapping rows updates them instead of adding copies', async () => {
    await fresh();
    const a = ws.file('a.csv', 'Day,Campaign name,Cost\n2025-01-01,a,1\n2025-01-01,b,2\n2025-01-02,a,3\n');
    const b = ws.file('b.csv', 'Day,Campaign name,Cost\n2025-01-02,a,30\n2025-01-03,a,40\n2025-01-01,b,20\n');
    const s1 = await importFile(ws.engine, project, 'ads', a);
    assert.deepEqual([s1.inserted, s1.updated, s1.route], [3, 0, 'fast']);
    const s2 = await importFile(ws.engine, project, 'ads', b);
    assert.deepEqual([s2.rowsRead, s2.inserted, s2.updated], [3, 1, 2]);
    assert.deepEqual(await ads(), [
      { date: '2025-01-01', campaign: 'a', spend: 1 },
      { date: '2025-01-01', campaign: 'b', spend: 20 },
      { date: '2025-01-02', campaign: 'a', spend: 30 },
      { date: '2025-01-03', campaign: 'a', spend: 40 },
    ]);
    // the same through the checked route ("$" forces it)
    const c = ws.file('c.csv', 'Day,Campaign name,Cost\n2025-01-03,a,$41\n2025-01-04,a,$5\n');
    const s3 = await importFile(ws.engine, project, 'ads', c);
    assert.deepEqual([s3.route, s3.inserted, s3.updated], ['checked', 1, 1]);
    assert.equal((await ads()).length, 5);
    const log = await rows(
      ws.engine,
      'SELECT id, rows_read, rows_inserted, rows_updated, rows_rejected FROM _kpi_imports ORDER BY id',
    );
    assert.deepEqual(
      log.map((r) => Object.values(r)),
      [
        [1, 3, 3, 0, 0],
        [2, 3, 1, 2, 0],
        [3, 2, 1, 1, 0],
      ],
    );
  });
});

describe('rejects file', () => {
  test('writes exactly the bad lines with their reasons and loads the rest', async () => {
    await fresh();
    const f = ws.file(
      'mixed.csv',
      'Day,Campaign name,Cost\n2025-01-01,a,1\n2025-01-02,a,oops\n2025-01-03,a,3\n2025-01-01,a,9\n2025-13-01,b,"1,5"\n',
    );
    const rejectsPath = `${ws.dir}/mixed.rejects.csv`;
    const s = await importFile(ws.engine, project, 'ads', f, { rejectsPath });
    assert.deepEqual(
      [s.rowsRead, s.inserted, s.updated, s.rejected, s.rejectsPath],
      [5, 2, 0, 3, rejectsPath],
    );
    assert.deepEqual(await ads(), [
      { date: '2025-01-01', campaign: 'a', spend: 1 },
      { date: '2025-01-03', campaign: 'a', spend: 3 },
    ]);
    assert.equal(
      readFileSync(rejectsPath, 'utf8'),
      [
        'line,column,reason,Day,Campaign name,Cost',
        '3,spend,"column spend: ""oops"" is not a number",2025-01-02,a,oops',
        '5,"date,campaign","duplicate of line 2: same key (date, campaign)",2025-01-01,a,9',
        '6,date;spend,"column date: ""2025-13-01"" is not a date (expected YYYY-MM-DD); column spend: ""1,5"" is not a number",2025-13-01,b,"1,5"',
        '',
      ].join('\n'),
    );
    const log = await rows(ws.engine, 'SELECT rows_read, rows_inserted, rows_rejected FROM _kpi_imports');
    assert.deepEqual(log, [{ rows_read: 5, rows_inserted: 2, rows_rejected: 3 }]);
  });
});

describe('JSON', () => {
  test('NDJSON: keys map like headers, numbers as JSON numbers or strings, lines reported', async () => {
    await fresh();
    const f = ws.file(
      'rows.ndjson',
      '{"Day":"2025-01-01","Campaign name":"a","Cost":1.5,"clicks":"3"}\n{"Day":"2025-01-02","Campaign name":"b","Cost":"$2,000","other":1}\n\n{"Day":"2025-01-03","Campaign name":"c","Cost":"x"}\n',
    );
    const e = await rejectsWith<ProblemsError>(importFile(ws.engine, project, 'ads', f), 'import.rejected');
    assert.deepEqual(
      e.issues.map((i) => [i.position?.line, i.message]),
      [[4, 'column spend: "x" is not a number']],
    );
    const g = ws.file(
      'ok.ndjson',
      '{"Day":"2025-01-01","Campaign name":"a","Cost":1.5,"clicks":"3"}\n{"Day":"2025-01-02","Campaign name":"b","Cost":"$2,000","clicks":4}\n',
    );
    const s = await importFile(ws.engine, project, 'ads', g);
    assert.deepEqual([s.format, s.inserted], ['ndjson', 2]);
    assert.deepEqual(await rows(ws.engine, 'SELECT spend, clicks FROM ads ORDER BY date'), [
      { spend: 1.5, clicks: 3 },
      { spend: 2000, clicks: 4 },
    ]);
  });

  test('JSON arrays: element numbers in problems; an empty array is an empty file', async () => {
    await fresh();
    const f = ws.file(
      'rows.json',
      '[{"Day":"2025-01-01","Campaign name":"a","Cost":1},\n {"Day":"2025-01-02","Campaign name":"a","Cost":2},\n {"Day":"2025-01-01","Campaign name":"a","Cost":{"x":1}}]',
    );
    const e = await rejectsWith<ProblemsError>(importFile(ws.engine, project, 'ads', f), 'import.rejected');
    assert.deepEqual(
      e.issues.map((i) => [i.position?.line, i.code]),
      [
        [3, 'import.row.not_a_number'],
        [3, 'import.row.duplicate_key'],
      ],
    );
    assert.match(e.issues[1]?.message ?? '', /duplicate of element 1/);
    await rejectsWith(
      importFile(ws.engine, project, 'ads', ws.file('empty.json', ' [ ] ')),
      'import.file.empty',
    );
    await rejectsWith(
      importFile(ws.engine, project, 'ads', ws.file('broken.json', '[{"Day": ')),
      'import.file.bad_json',
    );
  });
});

describe('timestamps, dry runs and atomicity', () => {
  test('timestamps without an offset are local times in the project time zone; with one they are instants', async () => {
    const p = makeProject({ events: eventsDataset }, 'Europe/Berlin');
    await ensureDatasetTables(ws.engine, p);
    const f = ws.file(
      'ev.csv',
      'id,at,amount\n1,2025-01-05 10:00:00,1\n2,2025-07-05T10:00:00,2\n3,2025-01-05T10:00:00Z,3\n4,2025-01-05 10:00:00+02:00,4\n',
    );
    await importFile(ws.engine, p, 'events', f);
    const got = await rows(
      ws.engine,
      `SELECT id, strftime(timezone('UTC', "at"), '%Y-%m-%d %H:%M') AS utc FROM events ORDER BY id`,
    );
    assert.deepEqual(
      got.map((r) => r['utc']),
      ['2025-01-05 09:00', '2025-07-05 08:00', '2025-01-05 10:00', '2025-01-05 08:00'],
    );
    const tz = await rows(ws.engine, `SELECT current_setting('TimeZone') AS tz`);
    assert.notEqual(tz[0]?.['tz'], 'Europe/Berlin', 'the session time zone is restored');
  });

  test('a dry run reports the counts and changes nothing', async () => {
    await fresh();
    await importFile(
      ws.engine,
      project,
      'ads',
      ws.file('base.csv', 'Day,Campaign name,Cost\n2025-01-01,a,1\n'),
    );
    const before = [await dumpTable(ws.engine, 'ads'), await dumpTable(ws.engine, '_kpi_imports')];
    const f = ws.file('dry.csv', 'Day,Campaign name,Cost\n2025-01-01,a,5\n2025-01-02,a,6\n');
    const s = await importFile(ws.engine, project, 'ads', f, { dryRun: true });
    assert.deepEqual([s.dryRun, s.inserted, s.updated], [true, 1, 1]);
    assert.deepEqual([await dumpTable(ws.engine, 'ads'), await dumpTable(ws.engine, '_kpi_imports')], before);
  });

  test('a bad import leaves the table and the import log exactly as before', async () => {
    await fresh();
    await importFile(
      ws.engine,
      project,
      'ads',
      ws.file('good.csv', 'Day,Campaign name,Cost,note\n2025-01-01,a,1,x\n2025-01-02,b,2,y\n'),
    );
    const before = [await dumpTable(ws.engine, 'ads'), await dumpTable(ws.engine, '_kpi_imports')];
    // the bad row comes last, after rows that update and insert
    const f = ws.file(
      'late-bad.csv',
      'Day,Campaign name,Cost,note\n2025-01-01,a,100,changed\n2025-01-03,c,3,z\n2025-01-04,c,bad,z\n',
    );
    await rejectsWith(importFile(ws.engine, project, 'ads', f), 'import.rejected');
    assert.deepEqual([await dumpTable(ws.engine, 'ads'), await dumpTable(ws.engine, '_kpi_imports')], before);
  });

  test('a problem past the sampled head falls back from the fast route and is reported with its line', async () => {
    await fresh();
    const good = Array.from({ length: 1500 }, (_, i) => `2025-01-01,c${i},${i}`);
    const f = ws.file(
      'late.csv',
      ['Day,Campaign name,Cost', ...good, '2025-01-02,a,1.5.5', '2025-01-01,c7,1'].join('\n'),
    );
    const e = await rejectsWith<ProblemsError>(importFile(ws.engine, project, 'ads', f), 'import.rejected');
    assert.deepEqual(
      e.issues.map((i) => [i.code, i.position?.line]),
      [
        ['import.row.not_a_number', 1502],
        ['import.row.duplicate_key', 1503],
      ],
    );
    assert.equal(await dumpTable(ws.engine, 'ads'), '[]');
    const ok = ws.file('late-ok.csv', ['Day,Campaign name,Cost', ...good, '2025-01-01,c7,1'].join('\n'));
    await rejectsWith(importFile(ws.engine, project, 'ads', ok), 'import.rejected');
    const s = await importFile(
      ws.engine,
      project,
      'ads',
      ws.file('all-ok.csv', ['Day,Campaign name,Cost', ...good].join('\n')),
    );
    assert.deepEqual([s.route, s.inserted], ['fast', 1500]);
  });
});
