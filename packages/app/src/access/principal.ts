// Who is calling, and what they may do: pure checks over a resolved principal.
// Pure. Invariants: a token never does more than its user's role allows; a read token
// never writes; a push token only pushes rows into its named datasets.

import type { Role, TokenAccess } from './access-schema.js';
import { atLeast } from './access-schema.js';

export interface UserInfo {
  readonly email: string;
  readonly name: string | null;
  readonly role: Role;
  readonly createdAt: string;
}

export interface TokenGrant {
  readonly id: string;
  readonly name: string;
  readonly access: TokenAccess;
  readonly datasets: readonly string[] | null;
  /** When the token stops working (ISO timestamp); null or absent: never. */
  readonly expiresAt?: string | null;
}

/** Whether token `t` has expired at `now` (ms since the epoch). */
export const tokenExpired = (t: TokenGrant, now: number): boolean =>
  t.expiresAt !== undefined && t.expiresAt !== null && Date.parse(t.expiresAt) <= now;

export interface Principal {
  readonly user: UserInfo;
  /** Set when the caller authenticated with an API token rather than a session. */
  readonly token?: TokenGrant;
}

/** Actions the API checks; `push` carries the dataset pushed into. */
export type Action =
  | { readonly kind: 'read' }
  | { readonly kind: 'edit' }
  | { readonly kind: 'admin' }
  | { readonly kind: 'push'; readonly dataset: string }
  | { readonly kind: 'manage_own_tokens' }
  | { readonly kind: 'review'; readonly kpiOwner: string | undefined };

const roleAllows = (p: Principal, action: Action): boolean => {
  const role = p.user.role;
  switch (action.kind) {
    case 'read':
    case 'manage_own_tokens':
      return true;
    case 'edit':
    case 'push':
      return atLeast(role, 'editor');
    case 'admin':
      return atLeast(role, 'admin');
    case 'review':
      return atLeast(role, 'editor') || isOwner(p.user, action.kpiOwner);
  }
};

/** A KPI owner is written as a name or an email; both match, ignoring case. */
export const isOwner = (user: UserInfo, owner: string | undefined): boolean => {
  if (owner === undefined) return false;
  const o = owner.trim().toLowerCase();
  return o === user.email || (user.name !== null && o === user.name.trim().toLowerCase());
};

const tokenAllows = (t: TokenGrant, action: Action): boolean => {
  if (t.access === 'full') return action.kind !== 'manage_own_tokens';
  if (t.access === 'read') return action.kind === 'read';
  return action.kind === 'push' && (t.datasets ?? []).includes(action.dataset);
};

export const may = (p: Principal, action: Action): boolean =>
  roleAllows(p, action) && (p.token === undefined || tokenAllows(p.token, action));
