// The import route's options over real HTTP: decimalComma, dateFormat (a year-less one is
// refused), keepRejects (the good rows load, the bad ones come back as CSV), and a hint
// that names no CLI flag.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, startFixture, type Fixture } from '../test/server-fixture.js';

let f: Fixture;
const importCsv = (csv: string, query = '') =>
  call(f, 'POST', `/api/datasets/web_sessions/import${query}`, {
    token: f.tokens.editor,
    raw: csv,
    type: 'text/csv',
  });
const sessionsOn = async (from: string, to: string): Promise<number> => {
  const r = await call(f, 'POST', '/api/query', {
    token: f.tokens.viewer,
    body: { metrics: ['sessions'], from, to },
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return Number(r.body.rows[0]?.sessions ?? 0);
};

describe('import options from the browser', () => {
  before(async () => {
    f = await startFixture();
  });
  after(async () => {
    await f.close();
  });

  test('decimal comma and a date format: "1.234,0" sessions on 03.04.2031 load as 1234 on April 3', async () => {
    const csv = 'Date,Source,Sessions,Conversions\n"03.04.2031",web,"1.234,0",1\n"04.04.2031",web,"10,0",2\n';
    const refused = await importCsv(csv, '?filename=eu.csv&decimalComma=false');
    assert.equal(refused.status, 422);
    assert.doesNotMatch(JSON.stringify(refused.body), /--[a-z]/, 'no CLI flag in a web answer');
    const r = await importCsv(
      csv,
      `?filename=eu.csv&decimalComma=true&dateFormat=${encodeURIComponent('%d.%m.%Y')}`,
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.inserted, 2);
    assert.equal(await sessionsOn('2031-04-03', '2031-04-03'), 1234);
    assert.equal(await sessionsOn('2031-04-01', '2031-04-30'), 1244);
  });

  test('a date format without a year is refused with a hint', async () => {
    const r = await importCsv('Date,Source,Sessions\n04,web,1\n', '?dateFormat=%25m');
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'import.date_format.no_year');
  });

  test('keepRejects: the good rows load, the bad ones come back as CSV with their reasons', async () => {
    const csv =
      'Date,Source,Sessions,Conversions\n2031-05-01,web,10,1\n2031-05-02,web,lots,1\n2031-05-03,web,30,1\n';
    const r = await importCsv(csv, '?filename=may.csv&keepRejects=true');
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual([r.body.inserted, r.body.rejected], [2, 1]);
    assert.equal(r.body.rejectsPath, undefined, 'no temporary path in the answer');
    const lines = String(r.body.rejectsCsv).trim().split('\n');
    assert.equal(lines[0], 'line,column,reason,Date,Source,Sessions,Conversions');
    assert.equal(lines[1], '3,sessions,"column sessions: ""lots"" is not a number",2031-05-02,web,lots,1');
    assert.equal(await sessionsOn('2031-05-01', '2031-05-31'), 40);
  });
});
