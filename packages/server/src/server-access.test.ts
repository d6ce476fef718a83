// Access over real HTTP: every write refused to anonymous callers and to viewers, tokens
// kept to their scope, CSRF on session writes, the one-time setup link, login rate limit,
// and no secret in the logs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, projectFiles, startFixture, PASSWORD, type Fixture } from '../test/server-fixture.js';

let f: Fixture;

/** Every write of the API with a valid body (so a refusal can only be about access). */
const WRITES: readonly [string, string, string, unknown][] = [
  ['POST', '/api/users', '/api/users', { email: 'x@example.com', password: PASSWORD }],
  ['POST', '/api/datasets/web_sessions/import', '/api/datasets/{name}/import', null],
  [
    'POST',
    '/api/datasets/web_sessions/rows',
    '/api/datasets/{name}/rows',
    [{ date: '2026-02-01', source: 'x', sessions: 1 }],
  ],
  [
    'POST',
    '/api/goals',
    '/api/goals',
    { name: 'g2', title: 'G', period: { start: '2026-01-01', end: '2026-02-01' } },
  ],
  ['PATCH', '/api/goals/grow_signups', '/api/goals/{name}', { title: 'changed' }],
  ['POST', '/api/kpis', '/api/kpis', { name: 'k2', metric: 'sessions', goal: 'grow_signups' }],
  ['PATCH', '/api/kpis/conversion_rate', '/api/kpis/{name}', { owner: 'someone' }],
  ['POST', '/api/annotations', '/api/annotations', { date: '2026-01-01', title: 'x' }],
  ['POST', '/api/kpis/conversion_rate/reviews', '/api/kpis/{name}/reviews', { decision: 'keep', note: 'n' }],
  ['POST', '/api/reviews', '/api/reviews', { decision: 'keep', note: 'n' }],
  [
    'POST',
    '/api/datasets/web_sessions/sentiment-corrections',
    '/api/datasets/{name}/sentiment-corrections',
    { key: ['2026-01-05'], label: 'negative' },
  ],
  // The alert routes write the delivery log and the alert's state (editors only).
  ['POST', '/api/alerts/any_alert/test', '/api/alerts/{name}/test', {}],
  ['POST', '/api/alerts/any_alert/snooze', '/api/alerts/{name}/snooze', { until: null }],
  // Share links: editors and admins make and revoke them.
  ['POST', '/api/shares', '/api/shares', { goal: 'grow_signups' }],
  ['DELETE', '/api/shares/abcdefabcdef', '/api/shares/{id}', {}],
  // The users page: admins only.
  ['POST', '/api/accounts', '/api/accounts', { email: 'y@example.com' }],
  ['PATCH', '/api/accounts/viewer@example.com', '/api/accounts/{email}', { role: 'admin' }],
  ['POST', '/api/accounts/viewer@example.com/password', '/api/accounts/{email}/password', {}],
];

const send = (
  method: string,
  path: string,
  body: unknown,
  token?: string,
  headers: Record<string, string> = {},
) =>
  body === null
    ? call(f, method, path, {
        token,
        raw: 'Date,Source,Sessions\n2026-02-01,x,1\n',
        type: 'text/csv',
        headers,
      })
    : call(f, method, path, { token, body, headers });

const rowCount = async (): Promise<number> =>
  (await call(f, 'GET', '/api/datasets', { token: f.tokens.admin })).body[0].stats.rows;

describe('HTTP API access', () => {
  before(async () => {
    f = await startFixture({ limits: { loginPerMinute: 5 } });
  });
  after(async () => {
    await f.close();
  });

  test('the write list covers every data write of the API', () => {
    // Not data writes: logging in and out, your own tokens, and POST /api/query (a read with a body).
    const own = new Set([
      'POST /api/query',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'POST /api/setup',
      'POST /api/tokens',
      'DELETE /api/tokens/{id}',
    ]);
    const writes = f.server.routes.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(writes.filter((w) => !own.has(w)).sort(), WRITES.map(([m, , t]) => `${m} ${t}`).sort());
  });

  test('anonymous callers and viewers are refused every write, and nothing changes', async () => {
    const files = projectFiles(f.dir);
    const rows = await rowCount();
    for (const [method, path, , body] of WRITES) {
      const anon = await send(method, path, body);
      assert.equal(anon.status, 401, `${method} ${path} anonymous`);
      assert.equal(anon.body.error.code, 'auth.required');
      const viewer = await send(method, path, body, f.tokens.viewer);
      assert.equal(viewer.status, 403, `${method} ${path} viewer`);
      assert.equal(viewer.body.error.code, 'auth.forbidden');
    }
    assert.equal(projectFiles(f.dir), files);
    assert.equal(await rowCount(), rows);
  });

  test('reads need a login too; a bad or malformed token is a 401', async () => {
    assert.equal((await call(f, 'GET', '/api/kpis')).status, 401);
    assert.equal((await call(f, 'GET', '/api/kpis', { token: 'kpi_nope' })).status, 401);
    assert.equal(
      (await call(f, 'GET', '/api/kpis', { headers: { authorization: 'Basic abc' } })).status,
      401,
    );
  });

  test('tokens keep to their scope', async () => {
    const read = f.tokens.read;
    assert.equal((await call(f, 'GET', '/api/kpis', { token: read })).status, 200);
    assert.equal(
      (await send('PATCH', '/api/kpis/conversion_rate', { owner: 'x' }, read)).status,
      403,
      'read token writes',
    );
    assert.equal(
      (await call(f, 'GET', '/api/users', { token: read })).status,
      403,
      'read token of an admin is not admin',
    );
    const push = f.tokens.push;
    assert.equal((await call(f, 'GET', '/api/kpis', { token: push })).status, 403, 'push token reads');
    assert.equal((await send('PATCH', '/api/kpis/conversion_rate', { owner: 'x' }, push)).status, 403);
    const ok = await send(
      'POST',
      '/api/datasets/web_sessions/rows',
      [{ date: '2026-03-01', source: 'p', sessions: 2 }],
      push,
    );
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    // Tokens cannot mint tokens.
    assert.equal((await send('POST', '/api/tokens', { name: 'x' }, f.tokens.admin)).status, 403);
    // Only the owner of a KPI (or an editor) may review it: another viewer may not.
    assert.equal(
      (
        await send(
          'POST',
          '/api/kpis/conversion_rate/reviews',
          { decision: 'keep', note: 'n' },
          f.tokens.owner,
        )
      ).status,
      201,
    );
    assert.equal(
      (
        await send(
          'POST',
          '/api/kpis/conversion_rate/reviews',
          { decision: 'keep', note: 'n' },
          f.tokens.viewer,
        )
      ).status,
      403,
    );
  });

  test('session writes need the CSRF token and a same-site origin', async () => {
    const login = await call(f, 'POST', '/api/auth/login', {
      body: { email: 'editor@example.com', password: PASSWORD },
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const body = { decision: 'note', note: 'csrf' };
    const noCsrf = await send('POST', '/api/reviews', body, undefined, { cookie });
    assert.deepEqual([noCsrf.status, noCsrf.body.error.code], [403, 'auth.csrf']);
    const wrong = await send('POST', '/api/reviews', body, undefined, {
      cookie,
      'x-csrf-token': 'x'.repeat(43),
    });
    assert.equal(wrong.status, 403);
    const foreign = await send('POST', '/api/reviews', body, undefined, {
      cookie,
      'x-csrf-token': login.body.csrfToken,
      origin: 'https://evil.example',
    });
    assert.deepEqual([foreign.status, foreign.body.error.code], [403, 'auth.cross_origin']);
    const good = await send('POST', '/api/reviews', body, undefined, {
      cookie,
      'x-csrf-token': login.body.csrfToken,
    });
    assert.equal(good.status, 201);
  });

  test('wrong passwords are refused, then rate-limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (
          await call(f, 'POST', '/api/auth/login', {
            body: { email: 'admin@example.com', password: 'wrong password!' },
          })
        ).status,
      );
    // Two logins above (CSRF test) count in the same minute: 5 allowed in all.
    assert.ok(statuses.includes(401));
    assert.equal(statuses.at(-1), 429);
  });

  test('no password, token or session id in the logs', () => {
    const text = f.logs.join('');
    assert.ok(f.logs.length > 20);
    for (const secret of [PASSWORD, ...Object.values(f.tokens)]) assert.ok(!text.includes(secret));
    for (const line of f.logs) JSON.parse(line);
  });
});

describe('first start: the one-time setup link', () => {
  let g: Fixture;
  before(async () => {
    g = await startFixture({ users: false });
  });
  after(async () => {
    await g.close();
  });

  test('creates the first admin once, and never with a wrong secret', async () => {
    assert.ok(g.server.setupUrl);
    const secret = new URL(g.server.setupUrl).hash.slice(1);
    const body = { email: 'boss@example.com', password: PASSWORD };
    assert.equal(
      (await call(g, 'POST', '/api/setup', { body: { ...body, setupToken: 'guess' } })).status,
      403,
    );
    const ok = await call(g, 'POST', '/api/setup', { body: { ...body, setupToken: secret } });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.user.role, 'admin');
    assert.equal(
      (await call(g, 'POST', '/api/setup', { body: { ...body, email: 'b@example.com', setupToken: secret } }))
        .status,
      403,
    );
    assert.ok(!g.logs.join('').includes(secret));
  });
});
