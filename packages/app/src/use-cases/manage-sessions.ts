// Use-cases: browser sessions (log in, resolve, log out). IO.
// Invariants: the store keeps only the SHA-256 of a session id; each session has its own
// CSRF token; an expired session resolves to nothing and is deleted; so does any session
// of a deactivated user.

import { ensureAccessTables } from '../access/access-tables.js';
import { newSecret, secretHash } from '../access/secret-token.js';
import type { Principal, UserInfo } from '../access/principal.js';
import type { Role } from '../access/access-schema.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';

export interface NewSession {
  /** The session id for the cookie: shown once, stored hashed. */
  readonly id: string;
  readonly csrf: string;
  readonly expiresAt: string;
}

export const DEFAULT_SESSION_MS = 12 * 3600 * 1000;

export const createSession = (
  lp: LoadedProject,
  user: UserInfo,
  ttlMs: number = DEFAULT_SESSION_MS,
): Promise<NewSession> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    const id = newSecret('s_');
    const csrf = newSecret();
    const expiresAt = new Date(Date.now() + ttlMs).toISOString();
    await engine.exec('INSERT INTO _kpi_sessions VALUES ($1, $2, $3, $4)', [
      secretHash(id),
      user.email,
      csrf,
      expiresAt,
    ]);
    return { id, csrf, expiresAt };
  });

/** The principal and CSRF token of a live session, or undefined. */
export const resolveSession = (
  lp: LoadedProject,
  id: string,
): Promise<{ readonly principal: Principal; readonly csrf: string } | undefined> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    const r = await engine.query(
      `SELECT u.email, u.name, u.role, u.created_at, s.csrf, s.expires_at, s.id_hash
         FROM _kpi_sessions s JOIN _kpi_users u ON u.email = s.email WHERE s.id_hash = $1
          AND NOT EXISTS (SELECT 1 FROM _kpi_deactivated d WHERE d.email = u.email)`,
      [secretHash(id)],
    );
    const row = r.rows[0];
    if (!row) return undefined;
    if (String(row['expires_at']) <= new Date().toISOString()) {
      await engine.exec('DELETE FROM _kpi_sessions WHERE id_hash = $1', [String(row['id_hash'])]);
      return undefined;
    }
    const user: UserInfo = {
      email: String(row['email']),
      name: row['name'] === null ? null : String(row['name']),
      role: String(row['role']) as Role,
      createdAt: String(row['created_at']),
    };
    return { principal: { user }, csrf: String(row['csrf']) };
  });

export const endSession = (lp: LoadedProject, id: string): Promise<void> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    await engine.exec('DELETE FROM _kpi_sessions WHERE id_hash = $1', [secretHash(id)]);
  });
