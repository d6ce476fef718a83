// Imports from the browser over real HTTP: an explicit column map, every rejected row
// listed with its line, column and value (up to the cap), dry runs, and error texts that
// name the uploaded file (never its temporary path).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, startFixture, type Fixture } from '../test/server-fixture.js';

let f: Fixture;

const rowsOf = async (): Promise<number> =>
  (await call(f, 'GET', '/api/datasets', { token: f.tokens.viewer })).body[0].stats.rows;

const importCsv = (csv: string, query = '') =>
  call(f, 'POST', `/api/datasets/web_sessions/import${query}`, {
    token: f.tokens.editor,
    raw: csv,
    type: 'text/csv',
  });

const columns = (map: Record<string, string>): string => `columns=${encodeURIComponent(JSON.stringify(map))}`;

/** Ten February rows; rows 3, 6 and 9 (file lines 4, 7 and 10) carry one bad value each. */
const TEN_ROWS = [
  'Date,Source,Sessions,Conversions',
  ...Array.from({ length: 10 }, (_, i) => {
    const day = `2026-02-${String(i + 1).padStart(2, '0')}`;
    if (i === 2) return `${day},google,lots,1`;
    if (i === 5) return `02/30/2026,google,50,1`;
    if (i === 8) return `${day},google,50,1.5`;
    return `${day},google,${50 + i},1`;
  }),
].join('\n');

describe('imports from the browser', () => {
  before(async () => {
    f = await startFixture();
  });
  after(async () => {
    await f.close();
  });

  test('every rejected row is listed: line, column and value; a dry run answers the same', async () => {
    const before = await rowsOf();
    const r = await importCsv(TEN_ROWS, '?filename=feb.csv');
    assert.equal(r.status, 422, JSON.stringify(r.body));
    const e = r.body.error;
    assert.equal(e.code, 'import.rejected');
    assert.deepEqual(
      [e.details.rejected, e.details.rowsRead, e.details.listed, e.details.problems],
      [3, 10, 3, 3],
    );
    assert.deepEqual(
      e.details.issues.map((i: { position: { line: number }; path: unknown[] }) => [i.position.line, i.path]),
      [
        [4, [4, 'sessions']],
        [7, [7, 'date']],
        [10, [10, 'conversions']],
      ],
    );
    assert.match(e.details.issues[0].message, /"lots"/);
    assert.match(e.details.issues[1].message, /"02\/30\/2026"/);
    assert.match(e.details.issues[2].message, /"1\.5"/);
    assert.ok(e.details.issues.every((i: { position: { file: string } }) => i.position.file === 'feb.csv'));
    const dry = await importCsv(TEN_ROWS, '?filename=feb.csv&dryRun=true');
    assert.equal(dry.status, 422);
    assert.deepEqual({ ...dry.body.error, requestId: undefined }, { ...e, requestId: undefined });
    assert.equal(await rowsOf(), before, 'nothing stored');
  });

  test('a dry run of a good file: 201 with dryRun true, nothing stored', async () => {
    const before = await rowsOf();
    const good = TEN_ROWS.replace('lots', '52').replace('02/30/2026', '2026-02-06').replace('1.5', '1');
    const r = await importCsv(good, '?dryRun=true');
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual([r.body.dryRun, r.body.rowsRead, r.body.inserted, r.body.rejected], [true, 10, 10, 0]);
    assert.equal(await rowsOf(), before);
  });

  test('a row with two problems: two issues, one rejected row, nothing cut', async () => {
    const r = await importCsv('Date,Source,Sessions,Conversions\n2026-02-01,google,x,y\n');
    const d = r.body.error.details;
    assert.deepEqual([d.rejected, d.listed, d.problems], [1, 2, 2]);
    assert.deepEqual(
      d.issues.map((i: { path: unknown[] }) => i.path),
      [
        [2, 'sessions'],
        [2, 'conversions'],
      ],
    );
  });

  test('more bad rows than the cap: 1000 listed, the true total counted', async () => {
    const lines = ['Date,Source,Sessions,Conversions'];
    for (let i = 0; i < 1200; i++) lines.push(`2026-03-01,s${i},x${i},1`);
    const r = await importCsv(lines.join('\n'));
    assert.equal(r.status, 422);
    const d = r.body.error.details;
    assert.deepEqual([d.rejected, d.listed, d.problems], [1200, 1000, 1200]);
    assert.equal(r.body.error.details.issues.length, 1000);
    assert.equal(r.body.error.details.issues[999].position.line, 1001);
  });

  test('the uploaded file is named once, never as "upload.csv/upload.csv"', async () => {
    const bad = 'Date,Source,Sessions,Conversions\n2026-02-01,google,many,1\n';
    for (const [query, label] of [
      ['', 'upload.csv'],
      ['?filename=jan.csv', 'jan.csv'],
    ] as const) {
      const r = await importCsv(bad, query);
      assert.equal(r.status, 422);
      const text = JSON.stringify(r.body);
      assert.ok(r.body.error.message.startsWith(`${label}: 1 of 1 rows`), r.body.error.message);
      assert.ok(!text.includes(`${label}/`) && !text.includes('kpi-upload-'), text);
      assert.equal(r.body.error.details.file, label);
    }
  });

  test('a column map: mapped headers win over matching by name', async () => {
    // "Day" is a source name of `date` and "Sessions" matches `sessions`: the map overrides both.
    const csv = [
      'Day,Traffic Source,Sessions,Visits,Key Conversions',
      '2025-12-31,google,1,70,7',
      '2026-01-01,google,2,30,3',
    ].join('\n');
    const map = { date: 'Day', source: 'Traffic Source', sessions: 'Visits', conversions: 'Key Conversions' };
    const r = await importCsv(csv, `?filename=mapped.csv&${columns(map)}`);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual([r.body.inserted, r.body.ignoredColumns], [2, ['Sessions']]);
    const q = await call(f, 'POST', '/api/query', {
      token: f.tokens.viewer,
      body: { metrics: ['sessions', 'conversions'], from: '2025-12-31', to: '2026-01-01', grain: 'day' },
    });
    assert.deepEqual(q.body.rows, [
      { period: '2025-12-31', sessions: 70, conversions: 7 },
      { period: '2026-01-01', sessions: 30, conversions: 3 },
    ]);
    // A partial map: the other columns are still matched by name.
    const partial = await importCsv(
      'Date,Source,Hits,Conversions\n2025-12-30,bing,5,0\n',
      `?${columns({ sessions: 'Hits' })}`,
    );
    assert.equal(partial.status, 201, JSON.stringify(partial.body));
    assert.equal(partial.body.inserted, 1);
    // "" = not in the file: the Conversions header is left alone and the column stays empty.
    const without = await importCsv(
      'Date,Source,Sessions,Conversions\n2025-12-28,duck,4,9\n',
      `?${columns({ conversions: '' })}`,
    );
    assert.equal(without.status, 201, JSON.stringify(without.body));
    assert.deepEqual(
      [without.body.ignoredColumns, without.body.missingColumns],
      [['Conversions'], ['conversions']],
    );
    const day = await call(f, 'POST', '/api/query', {
      token: f.tokens.viewer,
      body: { metrics: ['sessions', 'conversions'], from: '2025-12-28', to: '2025-12-28', grain: 'day' },
    });
    assert.deepEqual(day.body.rows, [{ period: '2025-12-28', sessions: 4, conversions: null }]);
    // A required column cannot be declared absent.
    const noDate = await importCsv('Date,Source,Sessions\n2025-12-27,duck,1\n', `?${columns({ date: '' })}`);
    assert.equal(noDate.status, 422);
    assert.match(JSON.stringify(noDate.body), /date/);
  });

  test('a column map that does not fit is refused with a clear 422', async () => {
    const csv = 'Day,Source,Visits,Conversions\n2025-12-29,google,5,1\n';
    const unknown = await importCsv(csv, `?${columns({ date: 'Day', visits: 'Visits' })}`);
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.error.code, 'import.column_map.unknown_column');
    assert.match(
      unknown.body.error.message,
      /no column.*visits|visits.*\(its columns are date, source, sessions, conversions\)/,
    );
    assert.deepEqual(unknown.body.error.details.issues[0].path, ['columns', 'visits']);
    const absent = await importCsv(csv, `?${columns({ sessions: 'Sessions count' })}`);
    assert.equal(absent.status, 422);
    assert.equal(absent.body.error.code, 'import.column_map.header_missing');
    assert.match(
      absent.body.error.details.issues[0].message,
      /"Sessions count".*headers found: "Day", "Source", "Visits", "Conversions"/,
    );
    const shared = await importCsv(csv, `?${columns({ sessions: 'Visits', conversions: 'Visits' })}`);
    assert.equal(shared.body.error.code, 'import.column_map.header_shared');
    for (const bad of [
      'columns=%7Bnot%20json',
      columns({ 'Bad Name': 'Day' }),
      columns({ date: 'x'.repeat(201) }),
      'columns=%5B%5D',
    ])
      assert.equal((await importCsv(csv, `?${bad}`)).status, 422, bad);
  });
});
