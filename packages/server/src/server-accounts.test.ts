// The admin's user management over real HTTP: invite gives a password that logs in; a role
// change holds at once (also for the user's cached token); deactivating stops the user's
// login, session and tokens, reactivating restores login; a reset password replaces the old
// one and ends sessions; the last active admin stays; only admins may do any of it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, call, startFixture, type Fixture } from '../test/server-fixture.js';

let f: Fixture;

const login = async (email: string, password: string) => {
  const r = await fetch(`${f.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { status: r.status, cookie };
};

const admin = (method: string, path: string, body?: unknown) =>
  call(f, method, path, { token: f.tokens.admin, ...(body === undefined ? {} : { body }) });

describe('user management (admins)', () => {
  before(async () => {
    f = await startFixture();
  });
  after(async () => {
    await f.close();
  });

  test('only admins list, invite, change or reset', async () => {
    for (const who of ['editor', 'viewer'] as const) {
      const t = f.tokens[who];
      assert.equal((await call(f, 'GET', '/api/accounts', { token: t })).status, 403);
      assert.equal(
        (await call(f, 'POST', '/api/accounts', { token: t, body: { email: 'x@example.com' } })).status,
        403,
      );
      assert.equal(
        (await call(f, 'PATCH', '/api/accounts/viewer@example.com', { token: t, body: { role: 'admin' } }))
          .status,
        403,
      );
      assert.equal(
        (await call(f, 'POST', '/api/accounts/viewer@example.com/password', { token: t })).status,
        403,
      );
    }
    const list = await admin('GET', '/api/accounts');
    assert.deepEqual(
      list.body.map((u: { email: string; role: string; active: boolean }) => [u.email, u.role, u.active]),
      [
        ['admin@example.com', 'admin', true],
        ['editor@example.com', 'editor', true],
        ['viewer@example.com', 'viewer', true],
        ['you@example.com', 'viewer', true],
      ],
    );
  });

  test('an invitation creates the user with a password shown once that logs in', async () => {
    const made = await admin('POST', '/api/accounts', { email: 'New@Example.com', name: 'Nia New' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual(
      [made.body.user.email, made.body.user.name, made.body.user.role, made.body.user.active],
      ['new@example.com', 'Nia New', 'viewer', true],
    );
    assert.match(made.body.password, /^[\w-]{20}$/);
    assert.equal((await login('new@example.com', made.body.password)).status, 200);
    const again = await admin('POST', '/api/accounts', { email: 'new@example.com' });
    assert.equal(again.status, 409);
    const bad = await admin('POST', '/api/accounts', { email: 'not an email', role: 'owner' });
    assert.equal(bad.status, 422);
    assert.match(JSON.stringify(bad.body), /email/);
    assert.match(JSON.stringify(bad.body), /role/);
    assert.ok(!JSON.stringify((await admin('GET', '/api/accounts')).body).includes(made.body.password));
  });

  test('a role change holds at once, for a token already used', async () => {
    const t = f.tokens.viewer;
    assert.equal((await call(f, 'GET', '/api/alerts', { token: t })).status, 403);
    const up = await admin('PATCH', '/api/accounts/viewer@example.com', { role: 'editor' });
    assert.deepEqual([up.status, up.body.role], [200, 'editor']);
    assert.equal((await call(f, 'GET', '/api/alerts', { token: t })).status, 200);
    await admin('PATCH', '/api/accounts/viewer@example.com', { role: 'viewer' });
    assert.equal((await call(f, 'GET', '/api/alerts', { token: t })).status, 403);
    assert.equal((await admin('PATCH', '/api/accounts/nobody@example.com', { role: 'editor' })).status, 404);
    assert.equal((await admin('PATCH', '/api/accounts/viewer@example.com', {})).status, 422);
  });

  test('deactivating stops login, the session and the tokens; reactivating restores login', async () => {
    const s = await login('editor@example.com', PASSWORD);
    assert.equal(s.status, 200);
    const headers = { cookie: s.cookie };
    assert.equal((await call(f, 'GET', '/api/auth/me', { headers })).status, 200);
    assert.equal((await call(f, 'GET', '/api/kpis', { token: f.tokens.editor })).status, 200);
    const off = await admin('PATCH', '/api/accounts/editor@example.com', { active: false });
    assert.deepEqual([off.status, off.body.active], [200, false]);
    assert.match(off.body.deactivatedAt, /^\d{4}-\d\d-\d\dT/);
    assert.equal((await call(f, 'GET', '/api/auth/me', { headers })).status, 401);
    assert.equal((await call(f, 'GET', '/api/kpis', { token: f.tokens.editor })).status, 401);
    assert.equal((await login('editor@example.com', PASSWORD)).status, 401);
    const on = await admin('PATCH', '/api/accounts/editor@example.com', { active: true });
    assert.deepEqual([on.body.active, on.body.deactivatedAt], [true, null]);
    assert.equal((await login('editor@example.com', PASSWORD)).status, 200);
    assert.equal((await call(f, 'GET', '/api/kpis', { token: f.tokens.editor })).status, 200);
  });

  test('a reset password replaces the old one and ends the sessions', async () => {
    const s = await login('you@example.com', PASSWORD);
    const reset = await admin('POST', '/api/accounts/you@example.com/password');
    assert.equal(reset.status, 200);
    assert.notEqual(reset.body.password, PASSWORD);
    assert.equal((await call(f, 'GET', '/api/auth/me', { headers: { cookie: s.cookie } })).status, 401);
    assert.equal((await login('you@example.com', PASSWORD)).status, 401);
    assert.equal((await login('you@example.com', reset.body.password)).status, 200);
  });

  test('the last active admin cannot be demoted or deactivated', async () => {
    for (const change of [{ role: 'editor' }, { active: false }]) {
      const r = await admin('PATCH', '/api/accounts/admin@example.com', change);
      assert.equal(r.status, 409);
      assert.equal(r.body.error.code, 'user.last_admin');
    }
    await admin('PATCH', '/api/accounts/new@example.com', { role: 'admin' });
    const ok = await admin('PATCH', '/api/accounts/admin@example.com', { role: 'editor' });
    assert.equal(ok.status, 200);
    const back = await call(f, 'PATCH', '/api/accounts/admin@example.com', {
      token: f.tokens.admin,
      body: { role: 'admin' },
    });
    assert.equal(back.status, 403, 'the demoted admin’s token is no longer admin');
  });
});
