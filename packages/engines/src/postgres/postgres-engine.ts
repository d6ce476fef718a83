// The PostgreSQL engine: kpi's facts (and, in server mode, everything else) on a
// PostgreSQL server, for a team that outgrows one machine. IO.
// Invariants: rows come back in the Engine's plain shape (int8 and numeric as number, DATE
// as 'YYYY-MM-DD', TIMESTAMP as 'YYYY-MM-DD HH:MM:SS[.ffffff]', TIMESTAMPTZ as 'YYYY-MM-DD HH:MM:SS+00'), whatever
// the driver returns; every session runs in one time zone (UTC unless given); a transaction or an exclusive section holds
// one pooled connection and every statement issued from inside it (its async context) runs
// there; other callers use other connections and never see its uncommitted work; session
// state set inside a section (SET, temp tables) is discarded before the connection goes back
// to the pool; with `queryTimeoutMs`, statements outside a section are cancelled by the
// server after that long (engine.timeout); user values are always bound ($1, $2, ...).

import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { EngineError } from '@kpi/core';
import { postgresDialect } from '@kpi/semantic';
import type { Engine, QueryResult, Row, SqlValue } from '../engine.js';
import { runTransaction } from '../run-transaction.js';

const { Pool, types } = pg;

// Type OIDs (pg_type): int8, numeric, float4/8 come back as strings or numbers by driver
// default; dates and timestamps as JS Dates at local midnight, which would shift a day.
const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

const toNumber = (v: string): number => Number(v);
const keepText = (v: string): string => v;

const typeParsers = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): ((v: string) => unknown) => {
    if (oid === OID.int8 || oid === OID.numeric) return toNumber;
    // TIMESTAMPTZ reads '2021-01-01 08:00:00+00' (the session runs in UTC), as DuckDB's does.
    if (oid === OID.date || oid === OID.timestamp || oid === OID.timestamptz) return keepText;
    return types.getTypeParser(oid, format ?? 'text') as (v: string) => unknown;
  },
};

interface PgError {
  readonly code?: string;
  readonly message?: string;
}

const engineError = (e: unknown, sql: string, timeoutMs?: number): EngineError => {
  const err = (typeof e === 'object' && e !== null ? e : {}) as PgError;
  const msg = err.message ?? String(e);
  const details = { statement: sql.slice(0, 200), ...(err.code ? { sqlstate: err.code } : {}) };
  if (err.code === '57014' && timeoutMs !== undefined)
    return new EngineError('engine.timeout', `the query took longer than ${timeoutMs} ms and was stopped`, {
      cause: e,
      hint: 'ask for fewer metrics, a shorter range or a coarser grain',
    });
  if (err.code === '25006')
    return new EngineError('engine.read_only', 'this command writes to a database that is read-only', {
      cause: e,
      hint: 'connect as a role that may write, or to the primary server',
      details,
    });
  if (err.code === '53100')
    return new EngineError(
      'engine.disk_full',
      'the disk that holds the database is full (no space left on device); the change was not made',
      { cause: e, hint: 'free space on the database server and try again', details },
    );
  return new EngineError('engine.query_failed', `database error: ${msg.split('\n')[0]}`, {
    cause: e,
    details,
  });
};

class PostgresEngine implements Engine {
  readonly dialect = postgresDialect;
  readonly readOnly = false;
  private readonly context = new AsyncLocalStorage<pg.PoolClient>();
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly queryTimeoutMs: number | undefined,
  ) {}

  private async run(sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult> {
    const held = this.context.getStore();
    try {
      if (held) return await held.query({ text: sql, values: [...params], types: typeParsers });
      return await this.pool.query({ text: sql, values: [...params], types: typeParsers });
    } catch (e) {
      throw engineError(e, sql, held ? undefined : this.queryTimeoutMs);
    }
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<QueryResult> {
    const r = await this.run(sql, params);
    const columns = (r.fields ?? []).map((f) => f.name);
    return { columns, rows: (r.rows ?? []) as Row[] };
  }

  async exec(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    await this.run(sql, params);
  }

  /** Holds one connection for `fn`; its session state is discarded before it goes back. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.context.getStore()) return fn();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw engineError(e, '(connect)');
    }
    try {
      // No statement timeout inside a section: an import or a migration may run long.
      await client.query('SET statement_timeout = 0');
      return await this.context.run(client, fn);
    } finally {
      try {
        await client.query('DISCARD ALL');
        client.release();
      } catch (e) {
        // A connection that cannot be reset is destroyed, never handed to another caller.
        client.release(e instanceof Error ? e : true);
      }
    }
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return runTransaction(this, 'BEGIN', fn);
  }

  progress(): number | undefined {
    return undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

export interface PostgresOptions {
  /** Stop a statement issued outside an exclusive section after this long (ms). */
  readonly queryTimeoutMs?: number;
  /** Connections in the pool (default 4). */
  readonly poolSize?: number;
  /** The session time zone of every connection (an IANA name; default UTC): how TIMESTAMPTZ values read as text. */
  readonly timeZone?: string;
}

/** A URL with its password replaced, for messages. */
const redact = (url: string): string => url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');

/** Connects to a PostgreSQL server (`postgres://user:pass@host:port/db`) and checks it answers. */
export const openPostgres = async (url: string, opts: PostgresOptions = {}): Promise<Engine> => {
  const tz = opts.timeZone ?? 'UTC';
  if (!/^[A-Za-z0-9_+\-/]+$/.test(tz))
    throw new EngineError('engine.open_failed', `not a time zone name: ${tz}`, {
      hint: 'use an IANA name such as Europe/Berlin',
    });
  const settings = [`-c TimeZone=${tz}`, '-c client_encoding=UTF8'];
  if (opts.queryTimeoutMs !== undefined)
    settings.push(`-c statement_timeout=${Math.round(opts.queryTimeoutMs)}`);
  const pool = new Pool({
    connectionString: url,
    max: opts.poolSize ?? 4,
    options: settings.join(' '),
    application_name: 'kpi',
  });
  // An idle connection that the server drops must not crash the process.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    const msg = e instanceof Error ? e.message : String(e);
    throw new EngineError(
      'engine.open_failed',
      `cannot connect to the database ${redact(url)}: ${msg.split('\n')[0]}`,
      {
        cause: e,
        hint: 'check the URL (host, port, database, user, password) and that the server accepts connections',
      },
    );
  }
  return new PostgresEngine(pool, opts.queryTimeoutMs);
};
