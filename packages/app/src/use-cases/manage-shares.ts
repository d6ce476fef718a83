// Use-cases: read-only share links for a goal dashboard or a report (create, list,
// revoke, open). IO. The one module that stores share links (table _kpi_shares beside the
// accounts; another store may take it over with the same functions).
// Invariants: a link is a signed token (see share-signature) returned once by createShare
// and never stored — only its id is; every link expires (1..365 days); a revoked or
// expired link opens nothing and says which; a PIN is kept as a scrypt hash only; only the
// link's creator or an admin lists or revokes it; times come from the caller's `now` (ms).

import { z } from 'zod';
import { KpiError, NotFoundError, nameSchema, ownGet } from '@kpi/core';
import { ensureAccessTables } from '../access/access-tables.js';
import { hashPassword, verifyPassword } from '../access/password-hash.js';
import type { Principal } from '../access/principal.js';
import { newId } from '../access/secret-token.js';
import { shareKey, shareToken, verifyShareToken } from '../access/share-signature.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { parseInput } from './manage-users.js';

export const SHARE_VIEWS = ['dashboard', 'report'] as const;
export type ShareView = (typeof SHARE_VIEWS)[number];

export const newShareSchema = z
  .strictObject({
    view: z
      .enum(SHARE_VIEWS)
      .default('dashboard')
      .describe('What the link opens: a goal dashboard, or the stakeholder report.'),
    goal: nameSchema
      .optional()
      .describe('The goal shown (a dashboard needs one; a report without one covers every goal).'),
    expiresInDays: z
      .int({ error: 'must be a whole number of days' })
      .min(1, { error: 'must be at least 1 day' })
      .max(365, { error: 'must be at most 365 days' })
      .default(30)
      .describe('The link stops working this many days from now (default 30).'),
    pin: z
      .string()
      .regex(/^\d{4,12}$/, { error: 'must be 4 to 12 digits' })
      .optional()
      .describe('Asked before the shared page opens; stored only as a hash.'),
    label: z.string().min(1).max(200).optional().describe('Who or what the link is for, e.g. "board deck".'),
  })
  .refine((s) => s.view === 'report' || s.goal !== undefined, {
    error: 'a dashboard link names its goal',
    path: ['goal'],
  });
export type NewShare = z.infer<typeof newShareSchema>;

export interface ShareInfo {
  readonly id: string;
  readonly view: ShareView;
  readonly goal: string | null;
  readonly label: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly hasPin: boolean;
}

export interface CreatedShare {
  /** The link's secret part; the page is `/s/<token>`. Shown this once only. */
  readonly token: string;
  readonly path: string;
  readonly info: ShareInfo;
}

/** What a share token opens at `now`. */
export type ShareLookup =
  | { readonly kind: 'live'; readonly info: ShareInfo }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'expired'; readonly expiresAt: string }
  | { readonly kind: 'revoked'; readonly revokedAt: string }
  | { readonly kind: 'pin_required'; readonly id: string }
  | { readonly kind: 'pin_wrong'; readonly id: string };

const DAY_MS = 24 * 3600 * 1000;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const toInfo = (r: Record<string, unknown>): ShareInfo => ({
  id: String(r['id']),
  view: String(r['view']) as ShareView,
  goal: text(r['goal']),
  label: text(r['label']),
  createdBy: String(r['created_by']),
  createdAt: String(r['created_at']),
  expiresAt: String(r['expires_at']),
  revokedAt: text(r['revoked_at']),
  hasPin: r['pin_hash'] !== null && r['pin_hash'] !== undefined,
});

/** Creates a share link by `email` (the signed-in editor or admin). */
export const createShare = (
  lp: LoadedProject,
  email: string,
  input: unknown,
  now: number = Date.now(),
): Promise<CreatedShare> =>
  withStore(lp, async (engine) => {
    const s: NewShare = parseInput(newShareSchema, input, 'new share link');
    if (s.goal !== undefined && !ownGet(lp.project.goals, s.goal))
      throw new NotFoundError(
        'share.goal_unknown',
        `goal "${s.goal}" is not defined in the project`,
        `goals: ${Object.keys(lp.project.goals).join(', ') || 'none'}`,
      );
    await ensureAccessTables(engine);
    // Whole seconds: the token carries the expiry in seconds and must match the row.
    const expiresMs = Math.floor((now + s.expiresInDays * DAY_MS) / 1000) * 1000;
    const info: ShareInfo = {
      id: newId(),
      view: s.view,
      goal: s.goal ?? null,
      label: s.label ?? null,
      createdBy: email.toLowerCase(),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(expiresMs).toISOString(),
      revokedAt: null,
      hasPin: s.pin !== undefined,
    };
    const pinHash = s.pin === undefined ? null : await hashPassword(s.pin);
    await engine.exec(
      `INSERT INTO _kpi_shares (id, view, goal, label, created_by, created_at, expires_at, revoked_at, pin_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8)`,
      [info.id, info.view, info.goal, info.label, info.createdBy, info.createdAt, info.expiresAt, pinHash],
    );
    const token = shareToken(shareKey(lp.dir), info.id, expiresMs);
    return { token, path: `/s/${token}`, info };
  });

/** Share links made by `email`, or every link when `email` is undefined (admins). */
export const listShares = (lp: LoadedProject, email?: string): Promise<ShareInfo[]> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    const r =
      email === undefined
        ? await engine.query('SELECT * FROM _kpi_shares ORDER BY created_at, id')
        : await engine.query('SELECT * FROM _kpi_shares WHERE created_by = $1 ORDER BY created_at, id', [
            email.toLowerCase(),
          ]);
    return r.rows.map(toInfo);
  });

/** Revokes link `id`; only its creator or an admin may. */
export const revokeShare = (
  lp: LoadedProject,
  id: string,
  by: Principal,
  now: number = Date.now(),
): Promise<ShareInfo> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    const row = (await engine.query('SELECT * FROM _kpi_shares WHERE id = $1', [id])).rows[0];
    const info = row ? toInfo(row) : undefined;
    if (!info || (info.createdBy !== by.user.email && by.user.role !== 'admin'))
      throw new NotFoundError('share.not_found', `no share link ${id} of yours`, 'see kpi share list');
    if (info.revokedAt !== null)
      throw new KpiError('share.already_revoked', `share link ${id} was revoked at ${info.revokedAt}`, {
        kind: 'conflict',
      });
    const at = new Date(now).toISOString();
    await engine.exec('UPDATE _kpi_shares SET revoked_at = $1 WHERE id = $2', [at, id]);
    return { ...info, revokedAt: at };
  });

/**
 * What `token` opens at `now`, given the PIN the visitor typed (if any). A forged token
 * is `invalid` without a store read; the PIN is checked only on a live link.
 */
export const openShare = (
  lp: LoadedProject,
  token: string,
  pin: string | undefined,
  now: number = Date.now(),
): Promise<ShareLookup> => {
  const signed = verifyShareToken(shareKey(lp.dir), token);
  if (!signed) return Promise.resolve({ kind: 'invalid' });
  return withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    const row = (await engine.query('SELECT * FROM _kpi_shares WHERE id = $1', [signed.id])).rows[0];
    if (!row) return { kind: 'invalid' };
    const info = toInfo(row);
    if (Date.parse(info.expiresAt) !== signed.expiresMs) return { kind: 'invalid' };
    if (info.revokedAt !== null) return { kind: 'revoked', revokedAt: info.revokedAt };
    if (signed.expiresMs <= now) return { kind: 'expired', expiresAt: info.expiresAt };
    const pinHash = text(row['pin_hash']);
    if (pinHash !== null) {
      if (pin === undefined || pin === '') return { kind: 'pin_required', id: info.id };
      if (!(await verifyPassword(pin, pinHash))) return { kind: 'pin_wrong', id: info.id };
    }
    return { kind: 'live', info };
  });
};

/** Refuses a share link's goal that the project no longer defines. */
export const sharedGoal = (lp: LoadedProject, info: ShareInfo): string | undefined => {
  if (info.goal === null) return undefined;
  if (!ownGet(lp.project.goals, info.goal))
    throw new NotFoundError(
      'share.goal_gone',
      `the shared goal "${info.goal}" is no longer in the project`,
      'ask whoever sent the link for a new one',
    );
  return info.goal;
};
