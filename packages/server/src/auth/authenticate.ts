// Who is calling: an API token (Authorization: Bearer) or a session cookie, and the CSRF
// check for browser writes. IO (looks up the store).
// Invariants: a bad, revoked or expired token is a 401 (never silently anonymous), an
// expired one saying when it expired (checked on every request, cached or not, with the
// server's clock); a token's last use is recorded at most once a minute; a write with a
// session cookie must carry the session's CSRF token in X-CSRF-Token and, when the
// browser sends an Origin, come from this server's own origin. Resolved principals are
// cached for a few seconds; revoking a token, logging out or adding a user clears them.

import type { IncomingMessage } from 'node:http';
import {
  recordTokenUse,
  resolveSession,
  resolveToken,
  sameSecret,
  secretHash,
  tokenExpired,
  type Principal,
} from '@kpi/app';
import { parseCookies } from '../http/cookies.js';
import { HttpError } from '../http/http-error.js';
import type { ServerState } from '../server-state.js';

export const SESSION_COOKIE = 'kpi_session';
export const CSRF_COOKIE = 'kpi_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface Caller {
  readonly principal: Principal | undefined;
  readonly sessionId: string | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const checkCsrf = (req: IncomingMessage, csrf: string): void => {
  const origin = req.headers['origin'];
  if (origin !== undefined && origin !== 'null') {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== req.headers['host'])
      throw new HttpError(403, 'auth.cross_origin', 'writes from another site are refused');
  }
  const sent = req.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !sameSecret(sent, csrf))
    throw new HttpError(403, 'auth.csrf', 'missing or wrong CSRF token', {
      hint: `send the csrfToken you got at login (also in the ${CSRF_COOKIE} cookie) in the X-CSRF-Token header`,
    });
};

/** Records a token's use when the last record is a minute old or more; never fails the request. */
const noteTokenUse = async (state: ServerState, id: string): Promise<void> => {
  const now = state.now();
  const last = state.tokenUses.get(id);
  if (last !== undefined && now - last < 60_000 && now >= last) return;
  if (state.tokenUses.size >= 10_000) state.tokenUses.clear();
  state.tokenUses.set(id, now);
  try {
    await recordTokenUse(state.project(), id, now);
  } catch (e) {
    state.log.log('warn', 'token.use_not_recorded', { token: id, message: (e as Error).message });
  }
};

export const authenticate = async (req: IncomingMessage, state: ServerState): Promise<Caller> => {
  const lp = state.project();
  const auth = req.headers['authorization'];
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const secret = m?.[1];
    const seen: { expiredAt?: string } = {};
    const found = secret
      ? await state.principals.get(`t:${secretHash(secret)}`, async () => {
          const r = await resolveToken(lp, secret, state.now());
          if (r?.kind === 'expired') seen.expiredAt = r.expiresAt;
          return r?.kind === 'live' ? { principal: r.principal } : undefined;
        })
      : undefined;
    const principal = found?.principal;
    // Cached principals are checked again: a token may expire while it is cached.
    const expiresAt =
      seen.expiredAt ??
      (principal?.token && tokenExpired(principal.token, state.now())
        ? principal.token.expiresAt
        : undefined);
    if (expiresAt)
      throw new HttpError(
        401,
        'auth.token_expired',
        `the API token expired on ${expiresAt}; create a new one`,
        {
          hint: 'create one with POST /api/tokens or kpi token create (optionally with an expiry)',
          headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        },
      );
    if (!principal)
      throw new HttpError(
        401,
        'auth.bad_token',
        'the API token is not valid (unknown, malformed or revoked)',
        {
          headers: { 'www-authenticate': 'Bearer' },
        },
      );
    if (principal.token) await noteTokenUse(state, principal.token.id);
    return { principal, sessionId: undefined };
  }
  const sid = parseCookies(req.headers['cookie'])[SESSION_COOKIE];
  if (sid === undefined || sid === '') return { principal: undefined, sessionId: undefined };
  const session = await state.principals.get(`s:${secretHash(sid)}`, () => resolveSession(lp, sid));
  if (!session) return { principal: undefined, sessionId: undefined };
  if (!SAFE_METHODS.has(req.method ?? 'GET')) checkCsrf(req, session.csrf ?? '');
  return { principal: session.principal, sessionId: sid };
};
