// importFile on exports as marketers have them: CR-only and mixed line endings, UTF-16
// TSV (LE and BE, with a BOM, and LE without one), and year-less date formats refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProblemsError, UsageError } from '@kpi/core';
import { importFile } from '@kpi/ingest';
import {
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
const ads = () =>
  rows(ws.engine, 'SELECT date::VARCHAR AS d, campaign, spend, clicks FROM ads ORDER BY date, campaign');
const expected = [
  { d: '2025-01-01', campaign: 'a', spend: 10.5, clicks: 3 },
  { d: '2025-01-02', campaign: 'b', spend: 2, clicks: 4 },
  { d: '2025-01-03', campaign: 'c', spend: 7.25, clicks: 5 },
];

const utf16be = (s: string): Buffer => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
  return le;
};

describe('line endings', () => {
  test('a CR-only file (old Excel / Mac) imports every row', async () => {
    await fresh();
    const f = ws.file(
      'cr.csv',
      'Day,Campaign name,Cost,clicks\r2025-01-01,a,10.5,3\r2025-01-02,b,2,4\r2025-01-03,c,7.25,5\r',
    );
    const s = await importFile(ws.engine, project, 'ads', f);
    assert.equal(s.inserted, 3);
    assert.deepEqual(await ads(), expected);
  });

  test('mixed CRLF, LF and CR line endings import every row', async () => {
    await fresh();
    const f = ws.file(
      'mixed.csv',
      'Day,Campaign name,Cost,clicks\r\n2025-01-01,a,10.5,3\n2025-01-02,b,2,4\r2025-01-03,c,7.25,5\r\n',
    );
    const s = await importFile(ws.engine, project, 'ads', f);
    assert.equal(s.inserted, 3);
    assert.deepEqual(await ads(), expected);
  });

  test('a bad row in a CR-only file is reported on its own line of the original file', async () => {
    await fresh();
    const f = ws.file(
      'cr-bad.csv',
      'Day,Campaign name,Cost,clicks\r2025-01-01,a,10.5,3\r2025-01-02,b,lots,4\r',
    );
    const e = await rejectsWith<ProblemsError>(importFile(ws.engine, project, 'ads', f), 'import.rejected');
    assert.deepEqual(e.issues[0]?.position, { file: f, line: 3, column: 3 });
    assert.equal((await ads()).length, 0);
  });
});

describe('UTF-16 (Google Ads exports tab-separated UTF-16)', () => {
  const tsv =
    'Day\tCampaign name\tCost\tclicks\r\n2025-01-01\ta\t10.5\t3\r\n2025-01-02\tb\t2\t4\r\n2025-01-03\tc\t7.25\t5\r\n';
  test('UTF-16 LE with a BOM', async () => {
    await fresh();
    const f = ws.file('le.tsv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]));
    assert.equal((await importFile(ws.engine, project, 'ads', f)).inserted, 3);
    assert.deepEqual(await ads(), expected);
  });
  test('UTF-16 BE with a BOM', async () => {
    await fresh();
    const f = ws.file('be.tsv', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(tsv)]));
    assert.equal((await importFile(ws.engine, project, 'ads', f)).inserted, 3);
    assert.deepEqual(await ads(), expected);
  });
  test('UTF-16 LE without a BOM, with non-ASCII text', async () => {
    await fresh();
    const f = ws.file('nobom.tsv', Buffer.from(tsv.replace('\ta\t', '\tété\t'), 'utf16le'));
    assert.equal((await importFile(ws.engine, project, 'ads', f)).inserted, 3);
    assert.deepEqual(
      (await ads()).map((r) => r['campaign']),
      ['été', 'b', 'c'],
    );
  });
});

describe('date formats without a year', () => {
  test('a year-less --date-format is refused with a hint, before anything is read', async () => {
    await fresh();
    const f = ws.file('months.csv', 'Day,Campaign name\n01,a\n02,b\n');
    const e = await rejectsWith<UsageError>(
      importFile(ws.engine, project, 'ads', f, { dateFormat: '%m' }),
      'import.date_format.no_year',
    );
    assert.match(e.message, /"%m" has no year/);
    assert.match(e.hint ?? '', /add %Y/);
    assert.equal((await ads()).length, 0);
  });
  test('formats with a year still import (%d/%m/%y, %b %Y style)', async () => {
    await fresh();
    const f = ws.file('dmy.csv', 'Day,Campaign name\n31/01/25,a\n');
    await importFile(ws.engine, project, 'ads', f, { dateFormat: '%d/%m/%y' });
    assert.deepEqual(
      (await ads()).map((r) => r['d']),
      ['2025-01-31'],
    );
  });
});

describe('report shapes: title rows above the header, totals rows at the end', () => {
  test('a title and a date range above the header are skipped; totals rows are left out', async () => {
    await fresh();
    const f = ws.file(
      'report.csv',
      'Campaign report\n"November 1, 2026 - November 30, 2026"\n\nDay,Campaign name,Cost,clicks\n' +
        '2025-01-01,a,10.5,3\n2025-01-02,b,2,4\n2025-01-03,c,7.25,5\nTotal: Account,--,19.75,12\nTotal: Campaigns,,19.75,12\n',
    );
    const s = await importFile(ws.engine, project, 'ads', f);
    assert.deepEqual([s.rowsRead, s.inserted, s.totalsSkipped], [3, 3, 2]);
    assert.deepEqual(await ads(), expected);
  });

  test('a bad row below a title is reported on its line of the original file', async () => {
    await fresh();
    const f = ws.file(
      'report-bad.csv',
      '# ----------\n# Start date: 20250101\n\nDay,Campaign name,Cost,clicks\n2025-01-01,a,10.5,3\n2025-01-02,b,lots,4\nGrand total,,12.5,7\n',
    );
    const e = await rejectsWith<ProblemsError>(importFile(ws.engine, project, 'ads', f), 'import.rejected');
    assert.equal(e.issues.length, 1);
    assert.deepEqual(e.issues[0]?.position, { file: f, line: 6, column: 3 });
  });

  test('a campaign that only starts with "Total" is a row like any other', async () => {
    await fresh();
    const f = ws.file(
      'recall.csv',
      'Day,Campaign name,Cost\n2025-01-01,Total Recall,1\n2025-01-02,Totals,2\n',
    );
    const s = await importFile(ws.engine, project, 'ads', f);
    // "Totals" has a valid date: a real row, kept.
    assert.deepEqual([s.inserted, s.totalsSkipped], [2, undefined]);
  });
});
