// Token expiry and last use on a real DuckDB store, with fixed times (never the wall
// clock): expiresInDays / expiresAt, expiry to the millisecond, bad expiries refused, and
// a store made before expiry existed (its tokens keep working and gain the new columns).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDb } from '@kpi/engines';
import { secretHash } from '../access/secret-token.js';
import { openProject, storePath } from '../project-files.js';
import { initProject } from './init-project.js';
import { addUser } from './manage-users.js';
import { createToken, listTokens, recordTokenUse, resolveToken } from './manage-tokens.js';

const T0 = Date.UTC(2026, 10, 15, 9, 0, 0); // 2026-11-15T09:00:00Z
const DAY = 86_400_000;
let root = '';

const project = async (name: string) => {
  const dir = join(root, name);
  await initProject({ dir, name, timezone: 'UTC', currency: 'EUR' });
  return openProject(dir);
};

before(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-tokens-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('token expiry and last use', () => {
  test('expiresInDays: live until the exact millisecond, then expired', async () => {
    const lp = await project('a');
    await addUser(lp, { email: 'ann@example.com', password: 'long enough password' });
    const c = await createToken(lp, 'ann@example.com', { name: 'nightly', expiresInDays: 30 }, T0);
    assert.equal(c.info.createdAt, '2026-11-15T09:00:00.000Z');
    assert.equal(c.info.expiresAt, '2026-12-15T09:00:00.000Z');
    assert.equal(c.info.lastUsedAt, null);
    const live = await resolveToken(lp, c.token, T0 + 30 * DAY - 1);
    assert.equal(live?.kind, 'live');
    assert.equal(live?.kind === 'live' ? live.principal.token?.expiresAt : '', '2026-12-15T09:00:00.000Z');
    assert.deepEqual(await resolveToken(lp, c.token, T0 + 30 * DAY), {
      kind: 'expired',
      id: c.info.id,
      expiresAt: '2026-12-15T09:00:00.000Z',
    });
    const forever = await createToken(lp, 'ann@example.com', { name: 'forever' }, T0);
    assert.equal(forever.info.expiresAt, null);
    assert.equal((await resolveToken(lp, forever.token, T0 + 3650 * DAY))?.kind, 'live');
    assert.equal(await resolveToken(lp, 'kpi_not-a-token', T0), undefined);
  });

  test('expiresAt: normalised to UTC; in the past, both fields, or 0 days are refused', async () => {
    const lp = await project('b');
    await addUser(lp, { email: 'bo@example.com', password: 'long enough password' });
    const c = await createToken(
      lp,
      'bo@example.com',
      { name: 'x', expiresAt: '2027-01-31T12:00:00+02:00' },
      T0,
    );
    assert.equal(c.info.expiresAt, '2027-01-31T10:00:00.000Z');
    await assert.rejects(
      createToken(lp, 'bo@example.com', { name: 'x', expiresAt: '2026-11-15T09:00:00Z' }, T0),
      (e: Error & { code?: string }) =>
        e.code === 'token.expiry_past' && e.message.includes('now is 2026-11-15T09:00:00.000Z'),
    );
    for (const bad of [
      { name: 'x', expiresInDays: 3, expiresAt: '2027-01-01T00:00:00Z' },
      { name: 'x', expiresInDays: 0 },
      { name: 'x', expiresInDays: 1.5 },
      { name: 'x', expiresAt: 'next week' },
    ])
      await assert.rejects(
        createToken(lp, 'bo@example.com', bad, T0),
        (e: Error & { code?: string }) => e.code === 'input.invalid',
        JSON.stringify(bad),
      );
    assert.equal((await listTokens(lp)).length, 1, 'nothing stored for the refused ones');
  });

  test('recordTokenUse sets lastUsedAt, shown in the list', async () => {
    const lp = await project('c');
    await addUser(lp, { email: 'cy@example.com', password: 'long enough password' });
    const c = await createToken(lp, 'cy@example.com', { name: 'x' }, T0);
    await recordTokenUse(lp, c.info.id, T0 + 90_000);
    const [t] = await listTokens(lp);
    assert.equal(t?.lastUsedAt, '2026-11-15T09:01:30.000Z');
    assert.equal(t?.expiresAt, null);
  });

  test('a store made before token expiry: columns added, old tokens keep working', async () => {
    const lp = await project('old');
    mkdirSync(join(lp.dir, '.kpi'), { recursive: true });
    const secret = 'kpi_an-old-token-secret';
    const e = await openDuckDb(storePath(lp.dir));
    try {
      // The tables as the previous version created them.
      await e.exec(`CREATE TABLE IF NOT EXISTS _kpi_users (email VARCHAR PRIMARY KEY, name VARCHAR,
        role VARCHAR NOT NULL, password_hash VARCHAR NOT NULL, created_at VARCHAR NOT NULL)`);
      await e.exec(`CREATE TABLE IF NOT EXISTS _kpi_tokens (id VARCHAR PRIMARY KEY, token_hash VARCHAR NOT NULL UNIQUE,
        name VARCHAR NOT NULL, email VARCHAR NOT NULL, access VARCHAR NOT NULL, datasets VARCHAR,
        created_at VARCHAR NOT NULL, revoked_at VARCHAR)`);
      await e.exec(
        `INSERT INTO _kpi_users VALUES ('old@example.com', NULL, 'editor', 'x', '2026-01-01T00:00:00.000Z')`,
      );
      await e.exec(
        `INSERT INTO _kpi_tokens VALUES ('t1', $1, 'legacy', 'old@example.com', 'read', NULL,
        '2026-01-01T00:00:00.000Z', NULL)`,
        [secretHash(secret)],
      );
    } finally {
      await e.close();
    }
    const [legacy] = await listTokens(lp);
    assert.deepEqual(
      [legacy?.id, legacy?.name, legacy?.expiresAt, legacy?.lastUsedAt],
      ['t1', 'legacy', null, null],
    );
    const r = await resolveToken(lp, secret, T0);
    assert.equal(r?.kind === 'live' ? r.principal.user.email : r?.kind, 'old@example.com');
    const fresh = await createToken(
      lp,
      'old@example.com',
      { name: 'new', access: 'read', expiresInDays: 1 },
      T0,
    );
    assert.equal(fresh.info.expiresAt, '2026-11-16T09:00:00.000Z');
    assert.deepEqual(
      (await listTokens(lp)).map((t) => [t.id === fresh.info.id ? 'new' : t.id, t.expiresAt]),
      [
        ['t1', null],
        ['new', '2026-11-16T09:00:00.000Z'],
      ],
    );
  });
});
