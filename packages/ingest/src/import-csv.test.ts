// importFile on CSV: value parsing, header mapping, delimiters, file-level problems.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IoError, ProblemsError } from '@kpi/core';
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
});
after(async () => ws.close());

const fresh = (): Promise<void> => resetAds(ws.engine, project);
const ads = () => rows(ws.engine, 'SELECT * FROM ads ORDER BY date, campaign');

describe('values', () => {
  test('currency, thousands separators, percent and parentheses', async () => {
    await fresh();
    const f = ws.file(
      'money.csv',
      'Day,Campaign name,Cost,clicks,active\n' +
        '2025-01-01,a,"$1,234.50",1,yes\n2025-01-02,a,3.2%,2,no\n2025-01-03,a,(12.50),3,1\n2025-01-04,a,"1,000,000",4,0\n2025-01-05,a,,5,TRUE\n',
    );
    const s = await importFile(ws.engine, project, 'ads', f);
    assert.equal(s.inserted, 5);
    assert.deepEqual(
      (await ads()).map((r) => [r['spend'], r['active']]),
      [
        [1234.5, true],
        [0.032, false],
        [-12.5, true],
        [1000000, false],
        [null, true],
      ],
    );
  });

  // Since issue 16 an import without the option tells a decimal comma from the first rows,
  // so the refusal is pinned with decimalComma: false (a decimal point asked for).
  test('"1.234,5" is refused with decimalComma: false and read as 1234.5 with it, or told from the rows', async () => {
    await fresh();
    const f = ws.file(
      'comma.csv',
      'Day;Campaign name;Cost\n2025-01-01;a;1.234,5\n2025-01-02;a;€ 1.234,50\n2025-01-03;a;1 234,5\n',
    );
    const e = await rejectsWith<ProblemsError>(
      importFile(ws.engine, project, 'ads', f, { decimalComma: false }),
      'import.rejected',
    );
    assert.equal(e.issues.length, 3);
    assert.equal(e.issues[0]?.code, 'import.row.not_a_number');
    assert.equal(e.issues[0]?.message, 'column spend: "1.234,5" is not a number');
    assert.deepEqual(e.issues[0]?.position, { file: f, line: 2, column: 3 });
    assert.match(e.issues[0]?.hint ?? '', /decimal comma/);
    assert.equal((await ads()).length, 0);
    const s = await importFile(ws.engine, project, 'ads', f, { decimalComma: true });
    assert.equal(s.inserted, 3);
    assert.deepEqual(
      (await ads()).map((r) => r['spend']),
      [1234.5, 1234.5, 1234.5],
    );
    await fresh();
    assert.equal((await importFile(ws.engine, project, 'ads', f)).inserted, 3);
    assert.deepEqual(
      (await ads()).map((r) => r['spend']),
      [1234.5, 1234.5, 1234.5],
    );
  });

  test('a decimal comma is told from the rows only when no value reads with a decimal point', async () => {
    await fresh();
    // "54,50" reads only with a decimal comma, "1,234" either way: comma decimal.
    const f = ws.file('eu.csv', 'Day;Campaign name;Cost\n2025-01-01;a;€54,50\n2025-01-02;a;1,234\n');
    await importFile(ws.engine, project, 'ads', f);
    assert.deepEqual(
      (await ads()).map((r) => r['spend']),
      [54.5, 1.234],
    );
    await fresh();
    // "2.5" reads only with a decimal point: the file keeps the decimal point, "1,234" is 1234.
    const g = ws.file('us.csv', 'Day;Campaign name;Cost\n2025-01-01;a;2.5\n2025-01-02;a;1,234\n');
    await importFile(ws.engine, project, 'ads', g);
    assert.deepEqual(
      (await ads()).map((r) => r['spend']),
      [2.5, 1234],
    );
    await fresh();
    // Comma-separated: never a decimal comma unless asked ("1,5" stays a bad number).
    const h = ws.file('comma-sep.csv', 'Day,Campaign name,Cost\n2025-01-01,a,"54,50"\n');
    await rejectsWith<ProblemsError>(importFile(ws.engine, project, 'ads', h), 'import.rejected');
  });

  test('bad numbers, fractions in integers, bad booleans and dates are listed with line and column', async () => {
    await fresh();
    const f = ws.file(
      'bad.csv',
      'Day,Campaign name,Cost,clicks,active\n2025-01-01,a,12,1,yes\n2025-01-02,a,"12,5x",2,yes\n2025-01-03,a,1,2.5,maybe\n2025-02-30,a,1,1,no\n',
    );
    const e = await rejectsWith<ProblemsError>(importFile(ws.engine, project, 'ads', f), 'import.rejected');
    assert.match(e.message, /3 of 4 rows have problems/);
    const got = e.issues.map((i) => [i.code, i.position?.line, i.position?.column, i.message]);
    assert.deepEqual(got, [
      ['import.row.not_a_number', 3, 3, 'column spend: "12,5x" is not a number'],
      ['import.row.not_an_integer', 4, 4, 'column clicks: "2.5" is not a whole number'],
      ['import.row.bad_boolean', 4, 5, 'column active: "maybe" is not true or false'],
      ['import.row.bad_date', 5, 1, 'column date: "2025-02-30" is not a date (expected YYYY-MM-DD)'],
    ]);
  });

  test('dates in the column format or the per-file dateFormat; ISO always accepted', async () => {
    await fresh();
    const f = ws.file('us.csv', 'Day,Campaign name\n01/31/2025,a\n2025-02-01,a\n');
    await rejectsWith(importFile(ws.engine, project, 'ads', f), 'import.rejected');
    const s = await importFile(ws.engine, project, 'ads', f, { dateFormat: '%m/%d/%Y' });
    assert.equal(s.inserted, 2);
    assert.deepEqual(
      (await ads()).map((r) => r['date']),
      ['2025-01-31', '2025-02-01'],
    );
  });
});

describe('headers and delimiters', () => {
  test('headers map case-insensitively and through source; extra columns are ignored, optional missing ones are NULL', async () => {
    await fresh();
    const f = ws.file('map.csv', ' DATE ,campaign NAME,COST,Extra Stuff\n2025-01-01,a,1.5,zz\n');
    const s = await importFile(ws.engine, project, 'ads', f);
    assert.deepEqual(s.ignoredColumns, ['Extra Stuff']);
    assert.deepEqual(s.missingColumns, ['clicks', 'active', 'note']);
    assert.deepEqual(await ads(), [
      { date: '2025-01-01', campaign: 'a', spend: 1.5, clicks: null, active: null, note: null },
    ]);
  });

  test('a missing required column rejects the file, naming it and listing the headers found', async () => {
    await fresh();
    const f = ws.file('nokey.csv', 'Day,Cost\n2025-01-01,1\n');
    const e = await rejectsWith<ProblemsError>(
      importFile(ws.engine, project, 'ads', f),
      'import.file.missing_column',
    );
    assert.equal(e.issues.length, 1);
    assert.equal(
      e.issues[0]?.message,
      'required column campaign is missing: no header named "campaign" or "Campaign name"; headers found: "Day", "Cost"',
    );
  });

  test('delimiters are detected: semicolon, tab, pipe', async () => {
    for (const [d, name] of [
      [';', 'semi.csv'],
      ['\t', 'tab.tsv'],
      ['|', 'pipe.csv'],
    ] as const) {
      await fresh();
      const f = ws.file(name, [`Day${d}Campaign name${d}Cost`, `2025-01-01${d}a,b${d}2`].join('\n'));
      const s = await importFile(ws.engine, project, 'ads', f);
      assert.equal(s.inserted, 1, name);
      assert.deepEqual(
        (await ads()).map((r) => [r['campaign'], r['spend']]),
        [['a,b', 2]],
      );
    }
  });

  test('a wrong delimiter gives a precise message suggesting the right one', async () => {
    await fresh();
    const f = ws.file('semi2.csv', 'Day;Campaign name;Cost\n2025-01-01;a;2\n');
    const e = await rejectsWith<ProblemsError>(
      importFile(ws.engine, project, 'ads', f, { delimiter: ',' }),
      'import.file.wrong_delimiter',
    );
    assert.match(e.message, /does not look comma \(,\)-separated/);
    assert.match(e.issues[0]?.hint ?? '', /use the delimiter ";"/);
  });

  test('BOM, CRLF, quoted fields with delimiters, quotes and newlines inside', async () => {
    await fresh();
    const f = ws.file(
      'quoted.csv',
      Buffer.from(
        '\uFEFFDay,Campaign name,Cost,note\r\n2025-01-01,"a, ""b""",1,"line1\r\nline2"\r\n2025-01-02,c,2,plain\r\n2025-01-03,d,zz,x\r\n',
      ),
    );
    const e = await rejectsWith<ProblemsError>(importFile(ws.engine, project, 'ads', f), 'import.rejected');
    assert.deepEqual(
      e.issues[0]?.position,
      { file: f, line: 5, column: 3 },
      'line counts the newline inside quotes',
    );
    const g = ws.file(
      'quoted-ok.csv',
      Buffer.from(
        '\uFEFFDay,Campaign name,Cost,note\r\n2025-01-01,"a, ""b""",1,"line1\r\nline2"\r\n2025-01-02,c,2,plain\r\n',
      ),
    );
    const s = await importFile(ws.engine, project, 'ads', g);
    assert.equal(s.inserted, 2);
    assert.deepEqual(
      (await ads()).map((r) => [r['date'], r['campaign'], r['note']]),
      [
        ['2025-01-01', 'a, "b"', 'line1\r\nline2'],
        ['2025-01-02', 'c', 'plain'],
      ],
    );
  });

  test('empty and header-only files are refused; a missing file is an IoError with the path', async () => {
    await fresh();
    const empty = ws.file('empty.csv', '');
    const e1 = await rejectsWith<ProblemsError>(
      importFile(ws.engine, project, 'ads', empty),
      'import.file.empty',
    );
    assert.match(e1.message, /is empty/);
    const headerOnly = ws.file('header.csv', 'Day,Campaign name,Cost\r\n');
    const e2 = await rejectsWith<ProblemsError>(
      importFile(ws.engine, project, 'ads', headerOnly),
      'import.file.empty',
    );
    assert.match(e2.message, /header but no data rows/);
    const e3 = await rejectsWith<IoError>(
      importFile(ws.engine, project, 'ads', `${ws.dir}/nope.csv`),
      'import.file.not_found',
    );
    assert.match(e3.message, /nope\.csv/);
    await rejectsWith(
      importFile(ws.engine, project, 'ads', empty, { maxFileBytes: -1 }),
      'import.file.too_large',
    );
    assert.equal(await dumpTable(ws.engine, '_kpi_imports'), '[]');
  });

  test('a row with too many fields is reported with its line', async () => {
    await fresh();
    const f = ws.file('ragged.csv', 'Day,Campaign name,Cost\n2025-01-01,a,1\n2025-01-02,b,2,3\n');
    const e = await rejectsWith<ProblemsError>(
      importFile(ws.engine, project, 'ads', f),
      'import.file.bad_csv',
    );
    assert.equal(e.issues[0]?.position?.line, 3);
  });
});
