// The embedded default engine: one DuckDB file per project, no server. IO.
// Invariants: one connection per engine, statements run one at a time in call order;
// numbers and dates are converted once here (DuckDB returns BigInt and value objects);
// no extension is ever downloaded (autoinstall off: this machine has no internet).

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBResultReader } from '@duckdb/node-api';
import { EngineError } from '@kpi/core';
import { duckdbDialect } from '@kpi/semantic';
import type { Engine, QueryResult, Row, SqlValue } from '../engine.js';

const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|DECIMAL.*)$/;

const toResult = (r: DuckDBResultReader): QueryResult => {
  const columns = r.columnNames();
  const numeric = r.columnTypes().map((t) => NUMERIC_TYPE.test(t.toString()));
  const rows = r.getRowObjectsJson().map((raw) => {
    const row: Row = {};
    columns.forEach((c, i) => {
      const v = raw[c];
      row[c] = numeric[i] && typeof v === 'string' ? Number(v) : v;
    });
    return row;
  });
  return { columns, rows };
};

const engineError = (e: unknown, sql: string): EngineError => {
  const msg = e instanceof Error ? e.message : String(e);
  return new EngineError('engine.query_failed', `database error: ${msg.split('\n')[0]}`, {
    cause: e,
    details: { statement: sql.slice(0, 200) },
  });
};

class DuckDbEngine implements Engine {
  readonly dialect = duckdbDialect;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  /** Serialises statements on the single connection. */
  private run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  query(sql: string, params: readonly SqlValue[] = []): Promise<QueryResult> {
    return this.run(async () => {
      try {
        return toResult(await this.conn.runAndReadAll(sql, params.length ? [...params] : undefined));
      } catch (e) {
        throw engineError(e, sql);
      }
    });
  }

  exec(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    return this.run(async () => {
      try {
        await this.conn.run(sql, params.length ? [...params] : undefined);
      } catch (e) {
        throw engineError(e, sql);
      }
    });
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.exec('BEGIN TRANSACTION');
    try {
      const value = await fn();
      await this.exec('COMMIT');
      return value;
    } catch (e) {
      await this.exec('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  progress(): number | undefined {
    try {
      const p = this.conn.progress;
      return p.percentage >= 0 ? p.percentage / 100 : undefined;
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** Opens (and creates on first use) a DuckDB file; ':memory:' for a throwaway database. */
export const openDuckDb = async (path: string, opts: { threads?: number } = {}): Promise<Engine> => {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
    };
    if (opts.threads) config['threads'] = String(opts.threads);
    const instance = await DuckDBInstance.create(path, config);
    const conn = await instance.connect();
    return new DuckDbEngine(instance, conn);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new EngineError('engine.open_failed', `cannot open the database ${path}: ${msg.split('\n')[0]}`, {
      cause: e,
      hint: /lock/i.test(msg)
        ? 'another kpi process is using this project; wait for it or stop it'
        : 'check that the folder is writable',
    });
  }
};
