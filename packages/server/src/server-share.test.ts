// Share links over real HTTP with the server's auth clock injected: who may create, list
// and revoke them; the shared page opens without an account and shows the same scorecard
// as the signed-in route; forged tokens (changed signature, changed expiry, another key,
// an unknown id) open nothing; expiry and revocation say so; a PIN is asked, checked and
// its wrong guesses backed off; and a share token is refused (403) by every other route
// of the server's route table, writes and reads alike, changing nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, projectFiles, startFixture, type Fixture } from '../test/server-fixture.js';

const T0 = Date.UTC(2026, 1, 10, 9, 0, 0);
const DAY = 24 * 3600 * 1000;
let clock = T0;
let f: Fixture;

/** The documented token form, signed here independently of the server's code. */
const signed = (key: string, id: string, expiresMs: number): string => {
  const s = Math.floor(expiresMs / 1000);
  const sig = createHmac('sha256', key).update(`share:${id}:${s}`).digest('base64url');
  return `kpis_${id}-${s.toString(36)}-${sig}`;
};

const create = async (body: unknown, token = f.tokens.editor) =>
  call(f, 'POST', '/api/shares', { token, body });

const open = (token: string, headers: Record<string, string> = {}) =>
  call(f, 'GET', `/api/shared/${token}`, { headers });

describe('share links', () => {
  before(async () => {
    f = await startFixture({ serve: { authClock: () => clock } });
  });
  after(async () => {
    await f.close();
  });

  test('editors create a link; viewers cannot; bad input is named', async () => {
    const made = await create({ goal: 'grow_signups', label: 'board' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.match(made.body.token, /^kpis_[0-9a-f]{12}-[0-9a-z]+-[\w-]{43}$/);
    assert.equal(made.body.path, `/s/${made.body.token}`);
    assert.equal(made.body.url, `${f.url}/s/${made.body.token}`);
    assert.deepEqual(
      [made.body.info.view, made.body.info.goal, made.body.info.createdBy, made.body.info.hasPin],
      ['dashboard', 'grow_signups', 'editor@example.com', false],
    );
    // Default 30 days from the server's clock.
    assert.equal(made.body.info.expiresAt, new Date(T0 + 30 * DAY).toISOString());
    assert.equal((await create({ goal: 'grow_signups' }, f.tokens.viewer)).status, 403);
    assert.equal((await call(f, 'POST', '/api/shares', { body: { goal: 'grow_signups' } })).status, 401);
    const noGoal = await create({ view: 'dashboard' });
    assert.equal(noGoal.status, 422);
    assert.match(JSON.stringify(noGoal.body), /goal: a dashboard link names its goal/);
    const badPin = await create({ goal: 'grow_signups', pin: '12ab' });
    assert.equal(badPin.status, 422);
    assert.match(JSON.stringify(badPin.body), /pin: must be 4 to 12 digits/);
    assert.equal((await create({ goal: 'grow_signups', expiresInDays: 366 })).status, 422);
    const unknown = await create({ goal: 'no_such_goal' });
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.error.message, /goal "no_such_goal" is not defined/);
  });

  test('the link opens without an account and shows the signed-in scorecard of the goal', async () => {
    const made = await create({ goal: 'grow_signups' });
    const shared = await open(made.body.token);
    assert.equal(shared.status, 200, JSON.stringify(shared.body));
    assert.deepEqual(
      [shared.body.kind, shared.body.view, shared.body.goal],
      ['shared', 'dashboard', 'grow_signups'],
    );
    const own = await call(f, 'GET', '/api/goals/grow_signups/scorecard', { token: f.tokens.viewer });
    assert.equal(own.status, 200);
    assert.deepEqual(shared.body.scorecard.goals, own.body.goals);
    assert.equal(shared.body.scorecard.asOf, own.body.asOf);
    assert.equal(shared.body.report, null);
    // The report of the shared goal, too, in the format asked for.
    const md = await call(f, 'GET', `/api/shared/${made.body.token}/report?format=md`);
    assert.equal(md.status, 200);
    assert.match(md.headers.get('content-type') ?? '', /^text\/markdown/);
    assert.match(String(md.body), /Grow sign-ups from the website/);
  });

  test('a report link carries the report model of its goal, or of every goal', async () => {
    const made = await create({ view: 'report' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const shared = await open(made.body.token);
    assert.equal(shared.status, 200, JSON.stringify(shared.body));
    assert.equal(shared.body.scorecard, null);
    const own = await call(f, 'GET', '/api/report?format=json', { token: f.tokens.viewer });
    assert.deepEqual(
      shared.body.report.goals.map((g: { title: string }) => g.title),
      own.body.goals.map((g: { title: string }) => g.title),
    );
    assert.deepEqual(
      shared.body.report.goals[0].kpis.map((k: { kpi: string }) => k.kpi),
      ['conversion_rate'],
    );
  });

  test('forged tokens open nothing', async () => {
    const made = await create({ goal: 'grow_signups', expiresInDays: 2 });
    const token: string = made.body.token;
    const key = readFileSync(join(f.dir, '.kpi', 'share-secret'), 'utf8').trim();
    const { id, expiresAt } = made.body.info as { id: string; expiresAt: string };
    // The documented scheme, computed here, gives the server's token: the key is what signs.
    assert.equal(signed(key, id, Date.parse(expiresAt)), token);
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    const forged = [
      token.slice(0, -1) + last, // one character of the signature changed
      signed(key, id, Date.parse(expiresAt) + 365 * DAY).slice(0, -43) + token.slice(-43), // later expiry, old signature
      signed(randomBytes(32).toString('base64url'), id, Date.parse(expiresAt)), // another key
      signed(key, id, Date.parse(expiresAt) + DAY), // the real key, but not the expiry on record
      signed(key, 'abcdefabcdef', Date.parse(expiresAt)), // the real key, an id never issued
      'kpis_' + 'x'.repeat(60),
    ];
    for (const t of forged) {
      const r = await open(t);
      assert.equal(r.status, 404, t);
      assert.equal(r.body.error.code, 'share.invalid');
      assert.match(r.body.error.hint, /ask whoever sent it/);
    }
    assert.equal((await open(token)).status, 200);
  });

  test('a link works until its expiry by the server clock, then answers 410 saying when', async () => {
    const made = await create({ goal: 'grow_signups', expiresInDays: 1 });
    clock = T0 + DAY - 1000;
    assert.equal((await open(made.body.token)).status, 200);
    clock = T0 + DAY;
    const gone = await open(made.body.token);
    assert.equal(gone.status, 410);
    assert.equal(gone.body.error.code, 'share.expired');
    assert.equal(gone.body.error.message, 'this share link expired on 2026-02-11');
    assert.equal((await call(f, 'GET', `/api/shared/${made.body.token}/report`)).status, 410);
    clock = T0;
  });

  test('creators and admins revoke; editors list their own links, admins every link', async () => {
    const mine = await create({ goal: 'grow_signups', label: 'mine' });
    const admins = await create({ goal: 'grow_signups', label: 'admins' }, f.tokens.admin);
    const editorList = await call(f, 'GET', '/api/shares', { token: f.tokens.editor });
    const adminList = await call(f, 'GET', '/api/shares', { token: f.tokens.admin });
    const ids = (r: typeof editorList): string[] => r.body.map((s: { id: string }) => s.id);
    assert.ok(ids(editorList).includes(mine.body.info.id));
    assert.ok(!ids(editorList).includes(admins.body.info.id));
    assert.ok(ids(adminList).includes(mine.body.info.id) && ids(adminList).includes(admins.body.info.id));
    assert.ok(editorList.body.every((s: { createdBy: string }) => s.createdBy === 'editor@example.com'));
    assert.ok(!JSON.stringify(adminList.body).includes('kpis_'), 'no secret in a list');
    assert.equal((await call(f, 'GET', '/api/shares', { token: f.tokens.viewer })).status, 403);
    // An editor cannot revoke the admin's link; the admin can revoke the editor's.
    const other = await call(f, 'DELETE', `/api/shares/${admins.body.info.id}`, { token: f.tokens.editor });
    assert.equal(other.status, 404);
    assert.equal((await open(admins.body.token)).status, 200);
    clock = T0 + 3600_000;
    const revoked = await call(f, 'DELETE', `/api/shares/${mine.body.info.id}`, { token: f.tokens.admin });
    assert.equal(revoked.status, 200);
    assert.equal(revoked.body.revokedAt, new Date(T0 + 3600_000).toISOString());
    const gone = await open(mine.body.token);
    assert.deepEqual([gone.status, gone.body.error.code], [410, 'share.revoked']);
    assert.equal(gone.body.error.message, 'this share link was turned off on 2026-02-10');
    const again = await call(f, 'DELETE', `/api/shares/${mine.body.info.id}`, { token: f.tokens.editor });
    assert.equal(again.status, 409);
    clock = T0;
  });

  test('a PIN is asked for, checked, and wrong guesses back off', async () => {
    const made = await create({ goal: 'grow_signups', pin: '4321' });
    assert.equal(made.body.info.hasPin, true);
    const t: string = made.body.token;
    assert.deepEqual((await open(t)).body.error.code, 'share.pin_required');
    // Five free wrong guesses, then a wait that also holds the right PIN back.
    for (let i = 0; i < 5; i++) {
      const r = await open(t, { 'x-share-pin': `000${i}` });
      assert.deepEqual([r.status, r.body.error.code], [401, 'share.pin_wrong'], `guess ${i}`);
    }
    const held = await open(t, { 'x-share-pin': '4321' });
    assert.deepEqual([held.status, held.body.error.code], [429, 'share.pin_backoff']);
    const wait = Number(held.headers.get('retry-after'));
    assert.ok(wait >= 1, `retry-after ${wait}`);
    clock = T0 + wait * 1000;
    const ok = await open(t, { 'x-share-pin': '4321' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.goal, 'grow_signups');
    // The stored PIN is a hash.
    const list = await call(f, 'GET', '/api/shares', { token: f.tokens.editor });
    assert.ok(!JSON.stringify(list.body).includes('4321'));
    clock = T0;
  });

  test('a share token is refused by every other route, and nothing changes', async () => {
    const made = await create({ goal: 'grow_signups' });
    const token: string = made.body.token;
    const files = projectFiles(f.dir);
    const rows = (await call(f, 'GET', '/api/datasets', { token: f.tokens.admin })).body[0].stats.rows;
    const shareRoutes = f.server.routes.filter((r) => r.shareLink === true);
    assert.deepEqual(
      shareRoutes.map((r) => `${r.method} ${r.path}`),
      ['GET /api/shared/{token}', 'GET /api/shared/{token}/report'],
    );
    const values: Record<string, string> = { name: 'grow_signups', id: made.body.info.id, token };
    let refused = 0;
    for (const r of f.server.routes) {
      if (r.shareLink === true) continue;
      const path = r.path.replace(/\{(\w+)\}/g, (_m, p: string) => values[p] ?? 'x');
      const body = r.method === 'GET' ? undefined : {};
      const ways: Record<string, string>[] = [
        { authorization: `Bearer ${token}` },
        { 'x-share-token': token },
      ];
      for (const headers of ways) {
        const res = await call(f, r.method, path, { headers, ...(body ? { body } : {}) });
        assert.equal(res.status, 403, `${r.method} ${r.path} with ${Object.keys(headers)[0]}`);
        assert.equal(res.body.error.code, 'auth.share_read_only');
        refused += 1;
      }
    }
    assert.ok(refused >= 2 * 50, `${refused} refusals`);
    assert.equal(projectFiles(f.dir), files);
    assert.equal((await call(f, 'GET', '/api/datasets', { token: f.tokens.admin })).body[0].stats.rows, rows);
    assert.equal((await open(token)).status, 200, 'the link still opens its own page');
    // A write method on the shared page itself is not a route.
    assert.equal((await call(f, 'POST', `/api/shared/${token}`, { body: {} })).status, 405);
  });
});
