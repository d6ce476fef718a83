// The server's clock: every default date (the scorecard's as-of day, the checks' today)
// comes from the clock given to startServer, never from the wall clock, and it survives a
// reload of the project after an edit. Real HTTP, a real DuckDB project.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '@kpi/app';
import { call, startFixture, type Fixture } from '../test/server-fixture.js';

// 23:30 in UTC on 14 January: in the fixture's time zone (UTC) today is the 14th, so
// yesterday, the last complete day, is the 13th.
const NOW = '2026-01-14T23:30:00Z';

describe('server clock', () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture({ clock: fixedClock(NOW) });
  });
  after(async () => {
    await f.close();
  });

  test('the scorecard defaults to the day before the clock, the same as asking for that day', async () => {
    const plain = await call(f, 'GET', '/api/scorecard', { token: f.tokens.viewer });
    assert.equal(plain.status, 200);
    assert.equal(plain.body.asOf, '2026-01-13');
    const explicit = await call(f, 'GET', '/api/scorecard?asOf=2026-01-13', { token: f.tokens.viewer });
    assert.deepEqual(plain.body, explicit.body);
  });

  test("the checks run for the clock's today", async () => {
    const checks = await call(f, 'GET', '/api/checks', { token: f.tokens.viewer });
    assert.equal(checks.status, 200);
    assert.equal(checks.body.today, '2026-01-14');
  });

  test('after an edit reloads the project, the default date still comes from the clock', async () => {
    const edit = await call(f, 'PATCH', '/api/goals/grow_signups', {
      token: f.tokens.editor,
      body: { title: 'Grow sign-ups (clock test)' },
    });
    assert.equal(edit.status, 200, JSON.stringify(edit.body));
    const plain = await call(f, 'GET', '/api/scorecard', { token: f.tokens.viewer });
    assert.equal(plain.body.asOf, '2026-01-13');
  });
});
