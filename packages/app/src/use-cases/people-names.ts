// Display names for people: owners in the YAML may be emails, but cards, tables and
// sentences show a name — the account's name when an account has that email, else the
// part before @ turned into words ("anna.berg@x.io" -> "Anna Berg"). IO only in
// `readAccountNames` (one statement); `displayName` is pure.

import type { Engine } from '@kpi/engines';
import { ensureAccessTables } from '../access/access-tables.js';

/** Account emails (lower case) -> their names, for the accounts that have one. */
export const readAccountNames = async (engine: Engine): Promise<ReadonlyMap<string, string>> => {
  await ensureAccessTables(engine);
  const r = await engine.query('SELECT email, name FROM _kpi_users WHERE name IS NOT NULL');
  return new Map(r.rows.map((row) => [String(row['email']).toLowerCase(), String(row['name'])]));
};

const EMAIL = /^([^@\s]+)@[^@\s]+$/;

/** The name to show for an owner as written in the YAML: a name stays, an email becomes a name. */
export const displayName = (owner: string, accounts: ReadonlyMap<string, string>): string => {
  const m = EMAIL.exec(owner.trim());
  if (!m) return owner;
  const known = accounts.get(owner.trim().toLowerCase());
  if (known) return known;
  const words = (m[1] ?? '')
    .split(/[._+-]+/)
    .filter((w) => w.length > 0)
    .map((w) => (w[0] ?? '').toUpperCase() + w.slice(1));
  return words.length > 0 ? words.join(' ') : owner;
};
