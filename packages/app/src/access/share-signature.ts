// Share-link tokens: `kpis_<id>-<expires>-<signature>` (no dot: the web app's routes
// have no file extension), signed with HMAC-SHA256 under the
// server's share secret (a random key in the project's git-ignored state folder, .kpi/,
// never in the YAML). IO (reads or creates the key file).
// Invariants: a token whose signature does not verify is refused before the store is
// read; the signature covers the id and the expiry, so neither can be changed; the key
// file is created once, readable by its owner only; comparison is constant-time.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { IoError } from '@kpi/core';

export const SHARE_PREFIX = 'kpis_';

/** Where a project's share key lives: beside its store, in the git-ignored .kpi/ folder. */
export const shareKeyPath = (dir: string): string => join(dir, '.kpi', 'share-secret');

const keys = new Map<string, Buffer>();

/** The project's share key, made on first use (32 random bytes). */
export const shareKey = (dir: string): Buffer => {
  const path = shareKeyPath(dir);
  const known = keys.get(path);
  if (known) return known;
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    text = undefined;
  }
  if (text === undefined || text.length < 40) {
    text = randomBytes(32).toString('base64url');
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // Another process made it first: use theirs.
      try {
        text = readFileSync(path, 'utf8').trim();
      } catch {
        throw new IoError('share.key_unwritable', `cannot create the share-link key ${path}`, {
          cause: e,
          hint: 'make the project’s .kpi/ folder writable by kpi',
        });
      }
    }
  }
  const key = Buffer.from(text, 'utf8');
  keys.set(path, key);
  return key;
};

const sign = (key: Buffer, id: string, expiresS: number): string =>
  createHmac('sha256', key).update(`share:${id}:${expiresS}`).digest('base64url');

/** A share token for link `id` that expires at `expiresMs`. */
export const shareToken = (key: Buffer, id: string, expiresMs: number): string => {
  const s = Math.floor(expiresMs / 1000);
  return `${SHARE_PREFIX}${id}-${s.toString(36)}-${sign(key, id, s)}`;
};

/** True when `text` looks like a share token (it may still be forged). */
export const looksLikeShareToken = (text: string): boolean => text.startsWith(SHARE_PREFIX);

/** The link id and expiry of a token whose signature verifies; undefined otherwise. */
export const verifyShareToken = (
  key: Buffer,
  token: string,
): { readonly id: string; readonly expiresMs: number } | undefined => {
  const m = /^kpis_([0-9a-f]{12})-([0-9a-z]{1,12})-([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return undefined;
  const id = m[1] ?? '';
  const s = parseInt(m[2] ?? '', 36);
  if (!Number.isSafeInteger(s)) return undefined;
  const expected = Buffer.from(sign(key, id, s));
  const given = Buffer.from(m[3] ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return { id, expiresMs: s * 1000 };
};
