// Token expiry and last use over real HTTP, with the server's auth clock injected: a token
// works until its expiry, then answers 401 saying when it expired (also while its
// principal is cached); its last use is recorded at most once a minute.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, call, startFixture, type Fixture } from '../test/server-fixture.js';

const T0 = Date.UTC(2026, 10, 15, 9, 0, 0);
let clock = T0;
let f: Fixture;
let session: Record<string, string> = {};

const tokens = async () =>
  (await call(f, 'GET', '/api/tokens', { headers: session })).body as {
    id: string;
    expiresAt: string | null;
    lastUsedAt: string | null;
  }[];

describe('token expiry and last use', () => {
  before(async () => {
    f = await startFixture({ serve: { authClock: () => clock } });
    const r = await fetch(`${f.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'editor@example.com', password: PASSWORD }),
    });
    const body = (await r.json()) as { csrfToken: string };
    const cookie = r.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    session = { cookie, 'x-csrf-token': body.csrfToken };
  });
  after(async () => {
    await f.close();
  });

  test('expiresInDays: works until then, then 401 "expired on ..."; last use once a minute', async () => {
    const made = await call(f, 'POST', '/api/tokens', {
      headers: session,
      body: { name: 'two days', access: 'read', expiresInDays: 2 },
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.info.expiresAt, '2026-11-17T09:00:00.000Z');
    assert.equal(made.body.info.lastUsedAt, null);
    const id: string = made.body.info.id;
    const token: string = made.body.token;
    const mine = () => tokens().then((ts) => ts.find((t) => t.id === id));

    clock = T0 + 5_000;
    assert.equal((await call(f, 'GET', '/api/auth/me', { token })).status, 200);
    assert.equal((await mine())?.lastUsedAt, '2026-11-15T09:00:05.000Z');
    clock = T0 + 50_000; // 45 s later: not recorded again
    assert.equal((await call(f, 'GET', '/api/datasets', { token })).status, 200);
    assert.equal((await mine())?.lastUsedAt, '2026-11-15T09:00:05.000Z');
    clock = T0 + 65_000; // a minute after the last record
    assert.equal((await call(f, 'GET', '/api/datasets', { token })).status, 200);
    assert.equal((await mine())?.lastUsedAt, '2026-11-15T09:01:05.000Z');

    clock = Date.UTC(2026, 10, 17, 8, 59, 59, 999);
    assert.equal((await call(f, 'GET', '/api/auth/me', { token })).status, 200);
    clock = Date.UTC(2026, 10, 17, 9, 0, 0); // the principal is still cached: checked again
    const expired = await call(f, 'GET', '/api/auth/me', { token });
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error.code, 'auth.token_expired');
    assert.equal(
      expired.body.error.message,
      'the API token expired on 2026-11-17T09:00:00.000Z; create a new one',
    );
    assert.match(expired.body.error.hint, /POST \/api\/tokens or kpi token create/);
    // A token that was never used: the stored lastUsedAt stays null.
    const other = await call(f, 'POST', '/api/tokens', { headers: session, body: { name: 'unused' } });
    assert.equal(other.body.info.expiresAt, null);
    assert.equal((await tokens()).find((t) => t.id === other.body.info.id)?.lastUsedAt, null);
  });

  test('an expiry not in the future is refused, saying so', async () => {
    clock = T0;
    const r = await call(f, 'POST', '/api/tokens', {
      headers: session,
      body: { name: 'late', expiresAt: '2026-11-14T00:00:00Z' },
    });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'token.expiry_past');
    const both = await call(f, 'POST', '/api/tokens', {
      headers: session,
      body: { name: 'both', expiresAt: '2027-01-01T00:00:00Z', expiresInDays: 3 },
    });
    assert.equal(both.status, 422);
    assert.match(JSON.stringify(both.body.error.details), /expiresInDays or expiresAt, not both/);
  });
});
