// The tables behind accounts, sessions, tokens, share links, idempotent pushes, change
// history and reviews, kept in the project's store (.kpi/, git-ignored: no credentials in git). IO.
// Invariants: created once per engine, before any access use-case runs; a read-only store
// is never changed — a table it lacks is stood in for by an empty temporary one (in memory,
// gone at close), so reading finds "none yet" instead of an error.

import type { Engine } from '@kpi/engines';

export const ACCESS_TABLES = {
  users: '_kpi_users',
  sessions: '_kpi_sessions',
  tokens: '_kpi_tokens',
  idempotency: '_kpi_idempotency',
  changes: '_kpi_changes',
  reviews: '_kpi_reviews',
  shares: '_kpi_shares',
  deactivated: '_kpi_deactivated',
} as const;

const DDL = [
  `CREATE TABLE IF NOT EXISTS _kpi_users (email VARCHAR PRIMARY KEY, name VARCHAR, role VARCHAR NOT NULL,
     password_hash VARCHAR NOT NULL, created_at VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS _kpi_sessions (id_hash VARCHAR PRIMARY KEY, email VARCHAR NOT NULL,
     csrf VARCHAR NOT NULL, expires_at VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS _kpi_tokens (id VARCHAR PRIMARY KEY, token_hash VARCHAR NOT NULL UNIQUE,
     name VARCHAR NOT NULL, email VARCHAR NOT NULL, access VARCHAR NOT NULL, datasets VARCHAR,
     created_at VARCHAR NOT NULL, revoked_at VARCHAR)`,
  // Added later: stores made before token expiry get the columns (NULL: never expires, not used yet).
  `ALTER TABLE _kpi_tokens ADD COLUMN IF NOT EXISTS expires_at VARCHAR`,
  `ALTER TABLE _kpi_tokens ADD COLUMN IF NOT EXISTS last_used_at VARCHAR`,
  `CREATE TABLE IF NOT EXISTS _kpi_idempotency (scope VARCHAR NOT NULL, key VARCHAR NOT NULL,
     request_hash VARCHAR NOT NULL, response VARCHAR NOT NULL, created_at VARCHAR NOT NULL,
     PRIMARY KEY (scope, key))`,
  `CREATE SEQUENCE IF NOT EXISTS _kpi_changes_seq`,
  `CREATE TABLE IF NOT EXISTS _kpi_changes (id BIGINT PRIMARY KEY DEFAULT nextval('_kpi_changes_seq'),
     changed_at VARCHAR NOT NULL, actor VARCHAR NOT NULL, entity VARCHAR NOT NULL, name VARCHAR NOT NULL,
     action VARCHAR NOT NULL, before VARCHAR, after VARCHAR, reason VARCHAR, file VARCHAR)`,
  `CREATE SEQUENCE IF NOT EXISTS _kpi_reviews_seq`,
  `CREATE TABLE IF NOT EXISTS _kpi_reviews (id BIGINT PRIMARY KEY DEFAULT nextval('_kpi_reviews_seq'),
     reviewed_at VARCHAR NOT NULL, author VARCHAR NOT NULL, kpi VARCHAR, decision VARCHAR NOT NULL,
     note VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS _kpi_shares (id VARCHAR PRIMARY KEY, view VARCHAR NOT NULL, goal VARCHAR,
     label VARCHAR, created_by VARCHAR NOT NULL, created_at VARCHAR NOT NULL, expires_at VARCHAR NOT NULL,
     revoked_at VARCHAR, pin_hash VARCHAR)`,
  // A user listed here cannot log in, and their sessions and tokens stop working.
  `CREATE TABLE IF NOT EXISTS _kpi_deactivated (email VARCHAR PRIMARY KEY, deactivated_at VARCHAR NOT NULL,
     deactivated_by VARCHAR NOT NULL)`,
];

const ready = new WeakMap<Engine, Promise<void>>();

const CREATE_TABLE = /^CREATE TABLE IF NOT EXISTS (\w+)/;

/** Empty temporary stand-ins for the tables a read-only store lacks. */
const standIns = async (engine: Engine): Promise<void> => {
  const r = await engine.query(
    `SELECT table_name AS name FROM duckdb_tables()
      WHERE database_name = current_database() AND schema_name = 'main'`,
  );
  const present = new Set(r.rows.map((row) => String(row['name'])));
  for (const sql of DDL) {
    const table = CREATE_TABLE.exec(sql)?.[1];
    if (table === undefined || present.has(table)) continue;
    await engine.exec(
      sql.replace('CREATE TABLE', 'CREATE TEMP TABLE').replace(/ DEFAULT nextval\('\w+'\)/, ''),
    );
  }
};

export const ensureAccessTables = (engine: Engine): Promise<void> => {
  let p = ready.get(engine);
  if (!p) {
    p = engine.exclusive(async () => {
      if (engine.readOnly) return standIns(engine);
      for (const sql of DDL) await engine.exec(sql);
    });
    ready.set(engine, p);
    p.catch(() => ready.delete(engine));
  }
  return p;
};

export const nowIso = (): string => new Date().toISOString();
