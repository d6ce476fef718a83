// Use-cases: the admin's users page — invite (a user with an initial password shown
// once), change a role, deactivate or reactivate, reset a password. IO. Kept beside the
// accounts (tables _kpi_users and _kpi_deactivated); another store may take it over.
// Invariants: a generated password is returned once and stored only as a scrypt hash; a
// deactivated user cannot log in and their sessions and tokens stop at once (sessions are
// deleted; token and session lookups skip them); a reset ends the user's sessions; the
// project always keeps one active admin (the last one cannot be demoted or deactivated).

import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { KpiError, NotFoundError } from '@kpi/core';
import { ROLES, emailSchema, type Role } from '../access/access-schema.js';
import { ensureAccessTables } from '../access/access-tables.js';
import { hashPassword } from '../access/password-hash.js';
import type { Principal, UserInfo } from '../access/principal.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { addUser, parseInput } from './manage-users.js';

export const inviteSchema = z.strictObject({
  email: emailSchema,
  name: z.string().min(1).max(200).optional().describe('Display name (shown instead of the email).'),
  role: z.enum(ROLES).default('viewer'),
});

export const accountChangeSchema = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    active: z
      .boolean()
      .optional()
      .describe('false deactivates the user (their sessions and tokens stop); true reactivates.'),
  })
  .refine((c) => c.role !== undefined || c.active !== undefined, { error: 'give role, active, or both' });

export interface AccountInfo extends UserInfo {
  readonly active: boolean;
  readonly deactivatedAt: string | null;
}

export interface WithPassword {
  readonly user: AccountInfo;
  /** The initial (or new) password: shown this once, to pass on to the user. */
  readonly password: string;
}

/** A password for someone to type once and then change: 20 characters, 120 bits. */
const generatedPassword = (): string => randomBytes(15).toString('base64url');

const toAccount = (r: Record<string, unknown>): AccountInfo => {
  const at = r['deactivated_at'];
  return {
    email: String(r['email']),
    name: r['name'] === null || r['name'] === undefined ? null : String(r['name']),
    role: String(r['role']) as Role,
    createdAt: String(r['created_at']),
    active: at === null || at === undefined,
    deactivatedAt: at === null || at === undefined ? null : String(at),
  };
};

const SELECT = `SELECT u.email, u.name, u.role, u.created_at, d.deactivated_at
  FROM _kpi_users u LEFT JOIN _kpi_deactivated d ON d.email = u.email`;

/** Every user with whether they are active. */
export const listAccounts = (lp: LoadedProject): Promise<AccountInfo[]> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    return (await engine.query(`${SELECT} ORDER BY u.email`)).rows.map(toAccount);
  });

/** Creates a user with a generated password, returned once. */
export const inviteUser = async (lp: LoadedProject, input: unknown): Promise<WithPassword> => {
  const i = parseInput(inviteSchema, input, 'invitation');
  const password = generatedPassword();
  const u = await addUser(lp, { ...i, password });
  return { user: { ...u, active: true, deactivatedAt: null }, password };
};

/** Changes a user's role and/or active state; `now` (ms) dates a deactivation. */
export const changeAccount = (
  lp: LoadedProject,
  email: string,
  input: unknown,
  by: Principal,
  now: number = Date.now(),
): Promise<AccountInfo> =>
  withStore(lp, async (engine) => {
    const c = parseInput(accountChangeSchema, input, 'change of user');
    await ensureAccessTables(engine);
    return engine.exclusive(async () => {
      const who = email.toLowerCase();
      const row = (await engine.query(`${SELECT} WHERE u.email = $1`, [who])).rows[0];
      if (!row)
        throw new NotFoundError('user.not_found', `no user ${who}`, 'see the users page for who exists');
      const before = toAccount(row);
      const role = c.role ?? before.role;
      const active = c.active ?? before.active;
      if (before.role === 'admin' && before.active && (role !== 'admin' || !active)) {
        const admins = await engine.query(
          `SELECT count(*) AS n FROM _kpi_users u WHERE role = 'admin'
             AND NOT EXISTS (SELECT 1 FROM _kpi_deactivated d WHERE d.email = u.email)`,
        );
        if (Number(admins.rows[0]?.['n'] ?? 0) <= 1)
          throw new KpiError('user.last_admin', `${who} is the only active admin; the project needs one`, {
            kind: 'conflict',
            hint: 'make another user admin first',
          });
      }
      if (role !== before.role)
        await engine.exec('UPDATE _kpi_users SET role = $1 WHERE email = $2', [role, who]);
      let deactivatedAt = before.deactivatedAt;
      if (!active && before.active) {
        deactivatedAt = new Date(now).toISOString();
        await engine.exec('INSERT INTO _kpi_deactivated VALUES ($1, $2, $3)', [
          who,
          deactivatedAt,
          by.user.email,
        ]);
        await engine.exec('DELETE FROM _kpi_sessions WHERE email = $1', [who]);
      }
      if (active && !before.active) {
        deactivatedAt = null;
        await engine.exec('DELETE FROM _kpi_deactivated WHERE email = $1', [who]);
      }
      return { ...before, role, active, deactivatedAt };
    });
  });

/** Gives a user a new generated password (returned once) and ends their sessions. */
export const resetPassword = (lp: LoadedProject, email: string): Promise<WithPassword> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    const who = email.toLowerCase();
    const row = (await engine.query(`${SELECT} WHERE u.email = $1`, [who])).rows[0];
    if (!row)
      throw new NotFoundError('user.not_found', `no user ${who}`, 'see the users page for who exists');
    const password = generatedPassword();
    const hash = await hashPassword(password);
    await engine.exec('UPDATE _kpi_users SET password_hash = $1 WHERE email = $2', [hash, who]);
    await engine.exec('DELETE FROM _kpi_sessions WHERE email = $1', [who]);
    return { user: toAccount(row), password };
  });
