// Pushes over real HTTP: a retried push with the same Idempotency-Key counted once,
// 20 concurrent clients with no lost or doubled rows, and a graceful stop that lets an
// import in flight finish.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openProject, queryMetrics } from '@kpi/app';
import { call, startFixture, type Fixture } from '../test/server-fixture.js';

let f: Fixture;

const totals = async (): Promise<{ rows: number; sessions: number }> => {
  const ds = await call(f, 'GET', '/api/datasets', { token: f.tokens.admin });
  const q = await call(f, 'POST', '/api/query', { token: f.tokens.admin, body: { metrics: ['sessions'] } });
  return { rows: ds.body[0].stats.rows, sessions: q.body.rows[0].sessions };
};

describe('pushes', () => {
  before(async () => {
    f = await startFixture();
  });
  after(async () => {
    await f.close();
  });

  test('a retried push with the same Idempotency-Key is counted once', async () => {
    const start = await totals();
    const rows = [
      { date: '2026-05-01', source: 'retry', sessions: 10, conversions: 1 },
      { date: '2026-05-02', source: 'retry', sessions: 20, conversions: 2 },
    ];
    const send = () =>
      call(f, 'POST', '/api/datasets/web_sessions/rows', {
        token: f.tokens.push,
        body: rows,
        headers: { 'idempotency-key': 'batch-2026-05-01' },
      });
    const first = await send();
    const second = await send();
    assert.equal(first.status, 201);
    assert.deepEqual([first.body.inserted, first.body.replayed], [2, false]);
    assert.equal(second.status, 201);
    assert.deepEqual([second.body.inserted, second.body.replayed], [2, true]);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await totals(), { rows: start.rows + 2, sessions: start.sessions + 30 });
    // The same key with other data is refused; another caller's key space is separate.
    const other = await call(f, 'POST', '/api/datasets/web_sessions/rows', {
      token: f.tokens.push,
      body: [{ date: '2026-05-03', source: 'retry', sessions: 1 }],
      headers: { 'idempotency-key': 'batch-2026-05-01' },
    });
    assert.deepEqual([other.status, other.body.error.code], [409, 'push.idempotency_key_reused']);
    const concurrentRetries = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(f, 'POST', '/api/datasets/web_sessions/rows', {
          token: f.tokens.pushOther,
          body: [{ date: '2026-05-04', source: 'retry', sessions: 4 }],
          type: 'application/json',
          headers: { 'idempotency-key': 'batch-2026-05-01' },
        }),
      ),
    );
    assert.deepEqual(concurrentRetries.map((r) => r.body.replayed).sort(), [false, true, true, true, true]);
    assert.deepEqual(await totals(), { rows: start.rows + 3, sessions: start.sessions + 34 });
  });

  test('20 concurrent clients: no lost or doubled rows', async () => {
    const start = await totals();
    const clients = Array.from({ length: 20 }, (_, c) => {
      const lines = Array.from({ length: 25 }, (_, i) =>
        JSON.stringify({
          date: `2026-06-${String((i % 28) + 1).padStart(2, '0')}`,
          source: `client_${c}_${i}`,
          sessions: c + 1,
          conversions: 0,
        }),
      );
      const useNdjson = c % 2 === 0;
      return call(f, 'POST', '/api/datasets/web_sessions/rows', {
        token: c % 3 === 0 ? f.tokens.push : f.tokens.editor,
        raw: useNdjson ? lines.join('\n') + '\n' : `[${lines.join(',')}]`,
        type: useNdjson ? 'application/x-ndjson' : 'application/json',
        headers: { 'idempotency-key': `client-${c}` },
      });
    });
    const answers = await Promise.all(clients);
    for (const a of answers) assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.equal(
      answers.reduce((n, a) => n + a.body.inserted, 0),
      500,
    );
    // Hand total: client c pushes 25 rows of c+1 sessions; sum over c of 25 (c + 1) = 25 * 210.
    assert.deepEqual(await totals(), { rows: start.rows + 500, sessions: start.sessions + 25 * 210 });
  });

  test('a graceful stop lets an import in flight finish', async () => {
    const g = await startFixture();
    const lines = Array.from(
      { length: 20_000 },
      (_, i) => `2027-01-${String((i % 28) + 1).padStart(2, '0')},src_${i},1,0`,
    );
    const csv = 'Date,Source,Sessions,Conversions\n' + lines.join('\n') + '\n';
    const importing = call(g, 'POST', '/api/datasets/web_sessions/import', {
      token: g.tokens.editor,
      raw: csv,
      type: 'text/csv',
    });
    // Wait until the server has the request, then stop it.
    while (g.server.inFlight() === 0) await new Promise((r) => setTimeout(r, 2));
    const closed = g.server.close();
    const answer = await importing;
    await closed;
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.inserted, 20_000);
    const q = await queryMetrics(openProject(g.dir), {
      metrics: ['sessions'],
      from: '2027-01-01',
      to: '2027-01-31',
    });
    assert.equal(q.rows[0]?.['sessions'], 20_000);
    await g.close();
  });
});
