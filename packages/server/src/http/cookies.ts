// Reading and writing cookies. Pure. Invariant: cookie values written here are
// base64url secrets, so they never need escaping; a cookie named like an Object.prototype
// member (constructor, __proto__) is an ordinary cookie.

import { hasOwn, ownRecord } from '@kpi/core';

export const parseCookies = (header: string | undefined): Record<string, string> => {
  const out = ownRecord<string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!hasOwn(out, name)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
};

export interface CookieOptions {
  readonly httpOnly: boolean;
  readonly secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  readonly maxAge: number;
}

export const serializeCookie = (name: string, value: string, o: CookieOptions): string =>
  [
    `${name}=${value}`,
    'Path=/',
    'SameSite=Strict',
    `Max-Age=${o.maxAge}`,
    ...(o.httpOnly ? ['HttpOnly'] : []),
    ...(o.secure ? ['Secure'] : []),
  ].join('; ');
