// Use-cases: user accounts of a project (add, list, check a login). IO.
// Invariants: emails are unique and lower-case; passwords are stored as scrypt hashes
// only; a login check takes as long for an unknown email as for a wrong password, and
// refuses a deactivated user the same way.

import { KpiError, ProblemsError, safeParseInput, zodIssueCode, type Issue } from '@kpi/core';
import type { z } from 'zod';
import { newUserSchema, type NewUser, type Role } from '../access/access-schema.js';
import { ensureAccessTables, nowIso } from '../access/access-tables.js';
import { hashPassword, verifyPassword } from '../access/password-hash.js';
import type { UserInfo } from '../access/principal.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';

/** zod issues as kpi Issues, for input validated at an edge (HTTP body, CLI flags). */
export const inputIssues = (error: z.ZodError, prefix: readonly (string | number)[] = []): Issue[] =>
  error.issues.map((zi) => {
    const path = [...prefix, ...zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    // A refused record key says why (its own issue), not only "Invalid key in record".
    const message = zi.code === 'invalid_key' ? (zi.issues[0]?.message ?? zi.message) : zi.message;
    return {
      code: `input.${zodIssueCode(zi)}`,
      severity: 'error',
      message: `${path.length ? path.join('.') + ': ' : ''}${message}`,
      path,
    };
  });

/**
 * Parses `input` with `schema` or throws ProblemsError (HTTP 422, CLI exit 1); a
 * `__proto__` key anywhere in `input` is refused (zod would drop it).
 */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> => {
  const r = safeParseInput(schema, input);
  if (!r.success) throw new ProblemsError('input.invalid', `the ${what} is not valid`, inputIssues(r.error));
  return r.data;
};

const toUser = (r: Record<string, unknown>): UserInfo => ({
  email: String(r['email']),
  name: r['name'] === null || r['name'] === undefined ? null : String(r['name']),
  role: String(r['role']) as Role,
  createdAt: String(r['created_at']),
});

export const addUser = (lp: LoadedProject, input: unknown): Promise<UserInfo> =>
  withStore(lp, async (engine) => {
    const u: NewUser = parseInput(newUserSchema, input, 'new user');
    await ensureAccessTables(engine);
    const hash = await hashPassword(u.password);
    return engine.exclusive(async () => {
      const existing = await engine.query('SELECT 1 AS x FROM _kpi_users WHERE email = $1', [u.email]);
      if (existing.rows.length > 0)
        throw new KpiError('user.exists', `a user ${u.email} already exists`, { kind: 'conflict' });
      const created = nowIso();
      await engine.exec('INSERT INTO _kpi_users VALUES ($1, $2, $3, $4, $5)', [
        u.email,
        u.name ?? null,
        u.role,
        hash,
        created,
      ]);
      return { email: u.email, name: u.name ?? null, role: u.role, createdAt: created };
    });
  });

export const listUsers = (lp: LoadedProject): Promise<UserInfo[]> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    const r = await engine.query('SELECT email, name, role, created_at FROM _kpi_users ORDER BY email');
    return r.rows.map(toUser);
  });

export const countUsers = (lp: LoadedProject): Promise<number> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    return Number((await engine.query('SELECT count(*) AS n FROM _kpi_users')).rows[0]?.['n'] ?? 0);
  });

export const findUser = (lp: LoadedProject, email: string): Promise<UserInfo | undefined> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    const r = await engine.query('SELECT email, name, role, created_at FROM _kpi_users WHERE email = $1', [
      email.toLowerCase(),
    ]);
    return r.rows[0] ? toUser(r.rows[0]) : undefined;
  });

/** A hash of a password nobody has, checked when the email is unknown (same cost). */
let decoy: Promise<string> | undefined;

/** The user when email and password match, else undefined. */
export const checkLogin = (
  lp: LoadedProject,
  email: string,
  password: string,
): Promise<UserInfo | undefined> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    const r = await engine.query(
      `SELECT email, name, role, created_at, password_hash FROM _kpi_users u WHERE email = $1
          AND NOT EXISTS (SELECT 1 FROM _kpi_deactivated d WHERE d.email = u.email)`,
      [email.toLowerCase()],
    );
    const row = r.rows[0];
    decoy ??= hashPassword('decoy password that nobody has');
    const matches = await verifyPassword(password, row ? String(row['password_hash']) : await decoy);
    return row && matches ? toUser(row) : undefined;
  });
