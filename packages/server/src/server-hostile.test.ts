// Hostile inputs over real HTTP: each a clear 4xx with the error shape, and nothing
// changed (project files and stored rows compared before and after).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, projectFiles, startFixture, type Fixture } from '../test/server-fixture.js';

let f: Fixture;

const rowCount = async (): Promise<number> =>
  (await call(f, 'GET', '/api/datasets', { token: f.tokens.admin })).body[0].stats.rows;

describe('hostile inputs', () => {
  before(async () => {
    f = await startFixture({ limits: { jsonBytes: 4096, uploadBytes: 64 * 1024 } });
  });
  after(async () => {
    await f.close();
  });

  const cases: readonly {
    name: string;
    method: string;
    path: string;
    c: Parameters<typeof call>[3];
    status: number;
    code: string;
  }[] = [
    {
      name: 'SQL in a metric name (query)',
      method: 'POST',
      path: '/api/query',
      c: { body: { metrics: ['sessions; DROP TABLE web_sessions'] } },
      status: 422,
      code: 'input.invalid',
    },
    {
      name: 'SQL in a metric name (path)',
      method: 'GET',
      path: `/api/metrics/${encodeURIComponent("sessions' OR 1=1 --")}/values`,
      c: {},
      status: 422,
      code: 'input.invalid',
    },
    {
      name: 'SQL in a dimension name',
      method: 'POST',
      path: '/api/query',
      c: { body: { metrics: ['sessions'], groupBy: ['source"; DELETE FROM web_sessions; --'] } },
      status: 422,
      code: 'input.invalid',
    },
    {
      name: 'SQL in a filter dimension',
      method: 'POST',
      path: '/api/query',
      c: { body: { metrics: ['sessions'], where: { '1=1 OR source': ['x'] } } },
      status: 422,
      code: 'input.invalid',
    },
    {
      name: 'unknown dimension',
      method: 'POST',
      path: '/api/query',
      c: { body: { metrics: ['sessions'], groupBy: ['campaign'] } },
      status: 422,
      code: 'query.invalid',
    },
    {
      name: 'SQL in a by= dimension',
      method: 'GET',
      path: '/api/metrics/sessions/values?by=source%3BDROP',
      c: {},
      status: 422,
      code: 'input.invalid',
    },
    {
      name: 'oversized JSON body',
      method: 'POST',
      path: '/api/reviews',
      c: { body: { decision: 'note', note: 'x'.repeat(10_000) } },
      status: 413,
      code: 'request.too_large',
    },
    {
      name: 'oversized upload',
      method: 'POST',
      path: '/api/datasets/web_sessions/import',
      c: { raw: 'Date,Source,Sessions\n' + '2026-01-01,a,1\n'.repeat(10_000), type: 'text/csv' },
      status: 413,
      code: 'request.too_large',
    },
    {
      name: 'malformed JSON',
      method: 'PATCH',
      path: '/api/kpis/conversion_rate',
      c: { raw: '{"owner": "x",', type: 'application/json' },
      status: 400,
      code: 'request.malformed_json',
    },
    {
      name: 'malformed JSON push',
      method: 'POST',
      path: '/api/datasets/web_sessions/rows',
      c: { raw: '[{"date": ', type: 'application/json' },
      status: 400,
      code: 'request.malformed_json',
    },
    {
      name: 'malformed NDJSON push',
      method: 'POST',
      path: '/api/datasets/web_sessions/rows',
      c: {
        raw: '{"date":"2026-04-01","source":"a","sessions":1}\n{"date": nope}\n',
        type: 'application/x-ndjson',
      },
      status: 422,
      code: 'import.file.bad_json',
    },
    {
      name: 'path traversal in a file name',
      method: 'POST',
      path: '/api/datasets/web_sessions/import?filename=..%2F..%2Fkpi.yaml',
      c: { raw: 'Date,Source,Sessions\n2026-04-01,a,1\n', type: 'text/csv' },
      status: 400,
      code: 'import.bad_filename',
    },
    {
      name: 'path traversal in a dataset name',
      method: 'POST',
      path: '/api/datasets/..%2F..%2Fetc/import',
      c: { raw: 'a\n1\n', type: 'text/csv' },
      status: 404,
      code: 'route.not_found',
    },
    {
      name: 'path traversal in a KPI name',
      method: 'GET',
      path: '/api/kpis/..%5C..%5Ckpi',
      c: {},
      status: 404,
      code: 'route.not_found',
    },
    { name: 'dotted name', method: 'GET', path: '/api/kpis/.env', c: {}, status: 422, code: 'input.invalid' },
    {
      name: 'wrong content type (form)',
      method: 'PATCH',
      path: '/api/kpis/conversion_rate',
      c: { raw: 'owner=x', type: 'application/x-www-form-urlencoded' },
      status: 415,
      code: 'request.unsupported_media_type',
    },
    {
      name: 'wrong content type (upload)',
      method: 'POST',
      path: '/api/datasets/web_sessions/import',
      c: { raw: '<xml/>', type: 'application/xml' },
      status: 415,
      code: 'request.unsupported_media_type',
    },
    {
      name: 'multipart upload',
      method: 'POST',
      path: '/api/datasets/web_sessions/rows',
      c: { raw: '--x--', type: 'multipart/form-data; boundary=x' },
      status: 415,
      code: 'request.unsupported_media_type',
    },
    {
      name: 'unknown field in an edit',
      method: 'PATCH',
      path: '/api/kpis/conversion_rate',
      c: { body: { targett: { value: 1 } } },
      status: 422,
      code: 'input.invalid',
    },
    {
      name: 'edit that breaks the project',
      method: 'PATCH',
      path: '/api/kpis/conversion_rate',
      c: { body: { metric: 'no_such_metric' } },
      status: 422,
      code: 'edit.invalid',
    },
    {
      name: 'target kind that does not exist',
      method: 'PATCH',
      path: '/api/kpis/conversion_rate',
      c: { body: { target: { kind: 'maximise' } } },
      status: 422,
      code: 'input.invalid',
    },
    {
      name: 'duplicate KPI',
      method: 'POST',
      path: '/api/kpis',
      c: { body: { name: 'conversion_rate', metric: 'sessions', goal: 'grow_signups' } },
      status: 409,
      code: 'kpis.exists',
    },
    {
      name: 'push rows that are not objects',
      method: 'POST',
      path: '/api/datasets/web_sessions/rows',
      c: { body: [1, 2, 3] },
      status: 422,
      code: 'push.invalid_rows',
    },
    {
      name: 'push with a bad row',
      method: 'POST',
      path: '/api/datasets/web_sessions/rows',
      c: { body: [{ date: '2026-04-01', source: 'a', sessions: 'many' }] },
      status: 422,
      code: 'import.rejected',
    },
    {
      name: 'bad idempotency key',
      method: 'POST',
      path: '/api/datasets/web_sessions/rows',
      c: {
        body: [{ date: '2026-04-01', source: 'a', sessions: 1 }],
        headers: { 'idempotency-key': 'a b\u00e9' },
      },
      status: 400,
      code: 'push.bad_idempotency_key',
    },
    {
      name: 'unknown dataset',
      method: 'POST',
      path: '/api/datasets/nope/rows',
      c: { body: [{ a: 1 }] },
      status: 404,
      code: 'dataset.not_found',
    },
    {
      name: 'unknown route',
      method: 'GET',
      path: '/api/../../etc/passwd',
      c: {},
      status: 404,
      code: 'route.not_found',
    },
    {
      name: 'wrong method',
      method: 'DELETE',
      path: '/api/kpis',
      c: {},
      status: 405,
      code: 'route.method_not_allowed',
    },
  ];

  test('each hostile input is a clear 4xx and changes nothing', async () => {
    const files = projectFiles(f.dir);
    const rows = await rowCount();
    for (const k of cases) {
      const r = await call(f, k.method, k.path, { token: f.tokens.admin, ...k.c });
      assert.equal(r.status, k.status, `${k.name}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, k.code, k.name);
      assert.equal(typeof r.body.error.message, 'string');
      assert.ok(!JSON.stringify(r.body).includes('/tmp/'), `${k.name}: a temporary path leaked`);
    }
    assert.equal(projectFiles(f.dir), files);
    assert.equal(await rowCount(), rows);
  });

  test('an edit that breaks the project lists the issues', async () => {
    const r = await call(f, 'PATCH', '/api/kpis/conversion_rate', {
      token: f.tokens.admin,
      body: { metric: 'no_such_metric' },
    });
    assert.ok(r.body.error.details.issues.some((i: { path: string[] }) => i.path.includes('metric')));
  });

  test('SQL in a filter value is only a value: bound, no rows, table intact', async () => {
    const r = await call(f, 'POST', '/api/query', {
      token: f.tokens.admin,
      body: {
        metrics: ['sessions'],
        groupBy: ['source'],
        where: { source: ["google' OR '1'='1", 'x"); DROP TABLE web_sessions; --'] },
      },
    });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.rows, []);
    assert.equal(await rowCount(), 4);
  });

  test('an error carries the request id of its response', async () => {
    const r = await call(f, 'POST', '/api/query', {
      token: f.tokens.admin,
      body: { metrics: ['sessions'], from: '2026-02-01', to: '2026-01-01' },
    });
    assert.ok(r.status === 422 || r.status === 400, JSON.stringify(r.body));
    assert.equal(typeof r.body.error.requestId, 'string');
    assert.equal(r.headers.get('x-request-id'), r.body.error.requestId);
  });
});
