// Use-cases: API tokens for scripts (create, list, revoke, resolve). IO.
// Invariants: the secret is returned once by createToken and stored only as SHA-256; a
// revoked token (or one of a deactivated user) resolves to nothing, an expired one to `expired` (never to a principal);
// a token's scope never exceeds its user's role (checked again on every request by
// `may`). Times come from the caller's clock (`now`, ms), Date.now by default.

import { KpiError, NotFoundError, UsageError, ownGet } from '@kpi/core';
import { newTokenSchema, type NewToken, type Role, type TokenAccess } from '../access/access-schema.js';
import { ensureAccessTables, nowIso } from '../access/access-tables.js';
import { newId, newSecret, secretHash } from '../access/secret-token.js';
import { tokenExpired, type Principal, type TokenGrant, type UserInfo } from '../access/principal.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { parseInput } from './manage-users.js';

export interface TokenInfo extends TokenGrant {
  readonly email: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly expiresAt: string | null;
  /** The last time the token was used (recorded at most once a minute by the server). */
  readonly lastUsedAt: string | null;
}

/** What a token secret stands for: a principal, an expired token, or nothing (unknown, revoked). */
export type TokenLookup =
  | { readonly kind: 'live'; readonly principal: Principal }
  | { readonly kind: 'expired'; readonly id: string; readonly expiresAt: string }
  | undefined;

const optText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export interface CreatedToken {
  /** The secret to send as `Authorization: Bearer <token>`; shown this once only. */
  readonly token: string;
  readonly info: TokenInfo;
}

const toInfo = (r: Record<string, unknown>): TokenInfo => ({
  id: String(r['id']),
  name: String(r['name']),
  email: String(r['email']),
  access: String(r['access']) as TokenAccess,
  datasets: r['datasets'] === null ? null : (JSON.parse(String(r['datasets'])) as string[]),
  createdAt: String(r['created_at']),
  revokedAt: r['revoked_at'] === null ? null : String(r['revoked_at']),
  expiresAt: optText(r['expires_at']),
  lastUsedAt: optText(r['last_used_at']),
});

const DAY_MS = 24 * 3600 * 1000;

/** The expiry of a new token, checked against `now`. */
const expiryOf = (t: NewToken, now: number): string | null => {
  if (t.expiresInDays !== undefined) return new Date(now + t.expiresInDays * DAY_MS).toISOString();
  if (t.expiresAt === undefined) return null;
  const at = Date.parse(t.expiresAt);
  if (at <= now)
    throw new UsageError(
      'token.expiry_past',
      `expiresAt ${t.expiresAt} is not in the future (now is ${new Date(now).toISOString()})`,
      'give a later date-time, or expiresInDays',
    );
  return new Date(at).toISOString();
};

/** Creates a token for `email` (who must exist). */
export const createToken = (
  lp: LoadedProject,
  email: string,
  input: unknown,
  now: number = Date.now(),
): Promise<CreatedToken> =>
  withStore(lp, async (engine) => {
    const t: NewToken = parseInput(newTokenSchema, input, 'new token');
    const expiresAt = expiryOf(t, now);
    for (const ds of t.datasets ?? [])
      if (!ownGet(lp.project.datasets, ds))
        throw new UsageError('token.dataset_unknown', `dataset "${ds}" is not defined in the project`);
    await ensureAccessTables(engine);
    const user = await engine.query('SELECT 1 AS x FROM _kpi_users WHERE email = $1', [email.toLowerCase()]);
    if (user.rows.length === 0)
      throw new NotFoundError('user.not_found', `no user ${email}`, 'add it with `kpi user add`');
    const token = newSecret('kpi_');
    const info: TokenInfo = {
      id: newId(),
      name: t.name,
      email: email.toLowerCase(),
      access: t.access,
      datasets: t.datasets ?? null,
      createdAt: new Date(now).toISOString(),
      revokedAt: null,
      expiresAt,
      lastUsedAt: null,
    };
    await engine.exec(
      `INSERT INTO _kpi_tokens (id, token_hash, name, email, access, datasets, created_at, revoked_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8)`,
      [
        info.id,
        secretHash(token),
        info.name,
        info.email,
        info.access,
        info.datasets ? JSON.stringify(info.datasets) : null,
        info.createdAt,
        info.expiresAt,
      ],
    );
    return { token, info };
  });

/** Tokens of one user, or of everyone when `email` is undefined. */
export const listTokens = (lp: LoadedProject, email?: string): Promise<TokenInfo[]> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    const r =
      email === undefined
        ? await engine.query('SELECT * FROM _kpi_tokens ORDER BY created_at, id')
        : await engine.query('SELECT * FROM _kpi_tokens WHERE email = $1 ORDER BY created_at, id', [email]);
    return r.rows.map(toInfo);
  });

/** Revokes token `id`; only its user or an admin may. */
export const revokeToken = (lp: LoadedProject, id: string, by: Principal): Promise<TokenInfo> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    const r = await engine.query('SELECT * FROM _kpi_tokens WHERE id = $1', [id]);
    const row = r.rows[0];
    const info = row ? toInfo(row) : undefined;
    if (!info || (info.email !== by.user.email && by.user.role !== 'admin'))
      throw new NotFoundError('token.not_found', `no token ${id} of yours`);
    if (info.revokedAt !== null)
      throw new KpiError('token.already_revoked', `token ${id} was revoked at ${info.revokedAt}`, {
        kind: 'conflict',
      });
    const at = nowIso();
    await engine.exec('UPDATE _kpi_tokens SET revoked_at = $1 WHERE id = $2', [at, id]);
    return { ...info, revokedAt: at };
  });

/** What a token secret stands for at `now`: its principal, `expired`, or undefined. */
export const resolveToken = (
  lp: LoadedProject,
  secret: string,
  now: number = Date.now(),
): Promise<TokenLookup> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    const r = await engine.query(
      `SELECT t.*, u.name AS user_name, u.role, u.created_at AS user_created
         FROM _kpi_tokens t JOIN _kpi_users u ON u.email = t.email
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM _kpi_deactivated d WHERE d.email = u.email)`,
      [secretHash(secret)],
    );
    const row = r.rows[0];
    if (!row) return undefined;
    const info = toInfo(row);
    const grant: TokenGrant = {
      id: info.id,
      name: info.name,
      access: info.access,
      datasets: info.datasets,
      expiresAt: info.expiresAt,
    };
    if (info.expiresAt !== null && tokenExpired(grant, now))
      return { kind: 'expired', id: info.id, expiresAt: info.expiresAt };
    const user: UserInfo = {
      email: info.email,
      name: row['user_name'] === null ? null : String(row['user_name']),
      role: String(row['role']) as Role,
      createdAt: String(row['user_created']),
    };
    return { kind: 'live', principal: { user, token: grant } };
  });

/** Records that token `id` was used at `now` (the server calls it at most once a minute per token). */
export const recordTokenUse = (lp: LoadedProject, id: string, now: number): Promise<void> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    await engine.exec('UPDATE _kpi_tokens SET last_used_at = $1 WHERE id = $2', [
      new Date(now).toISOString(),
      id,
    ]);
  });
