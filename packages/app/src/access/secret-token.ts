// Random secrets (session ids, API tokens, CSRF tokens, setup links) and their stored
// form. IO (randomness). Invariant: only the SHA-256 of a secret is ever stored; the
// secret itself is shown once to whoever it was made for.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret: `prefix` + 32 random bytes in base64url (256 bits). */
export const newSecret = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');

/** A short random id for rows that are shown (token ids): 12 hex characters. */
export const newId = (): string => randomBytes(6).toString('hex');

export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
