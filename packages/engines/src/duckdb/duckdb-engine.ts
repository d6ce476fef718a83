// The embedded default engine: one DuckDB file per project, no server. IO.
// Invariants: one connection per engine, statements run one at a time in call order;
// an exclusive section (a transaction, an import) holds the connection: statements of
// other callers wait at the gate until it settles, so they never interleave with it;
// with `queryTimeoutMs`, a statement from outside a section is interrupted when it runs
// longer (time spent waiting for the connection does not count);
// numbers and dates are converted once here (DuckDB returns BigInt and value objects);
// no extension is ever downloaded (autoinstall off: this machine has no internet); a
// full disk is `engine.disk_full`, whatever statement met it.

import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBResultReader } from '@duckdb/node-api';
import { EngineError } from '@kpi/core';
import { duckdbDialect } from '@kpi/semantic';
import type { Engine, QueryResult, Row, SqlValue } from '../engine.js';
import { runTransaction } from '../run-transaction.js';

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

const engineError = (e: unknown, sql: string, timedOutAfter?: number): EngineError => {
  const msg = e instanceof Error ? e.message : String(e);
  if (timedOutAfter !== undefined && /interrupt/i.test(msg)) {
    return new EngineError(
      'engine.timeout',
      `the query took longer than ${timedOutAfter} ms and was stopped`,
      {
        cause: e,
        hint: 'ask for fewer metrics, a shorter range or a coarser grain',
      },
    );
  }
  if (/read-only mode/i.test(msg))
    return new EngineError(
      'engine.read_only',
      'this command writes to the project store, which is open read-only (the project folder or its .kpi/ folder is not writable)',
      {
        cause: e,
        hint: 'run it as a user who may write the project folder (reading commands work without)',
        details: { statement: sql.slice(0, 200) },
      },
    );
  if (/no space left on device|disk is full|ENOSPC/i.test(msg)) {
    return new EngineError(
      'engine.disk_full',
      "the disk that holds the project's database is full (no space left on device); the change was not made",
      {
        cause: e,
        hint: 'free space on that disk (or move the project to a larger one) and try again',
        details: { statement: sql.slice(0, 200) },
      },
    );
  }
  return new EngineError('engine.query_failed', `database error: ${msg.split('\n')[0]}`, {
    cause: e,
    details: { statement: sql.slice(0, 200) },
  });
};

class DuckDbEngine implements Engine {
  readonly dialect = duckdbDialect;
  private queue: Promise<unknown> = Promise.resolve();
  /** Settles when the last section that entered has left; sections enter in call order. */
  private gate: Promise<void> = Promise.resolve();
  /** The section holding the connection, and the async context its statements carry. */
  private holder: symbol | undefined;
  private readonly context = new AsyncLocalStorage<symbol>();
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly queryTimeoutMs: number | undefined,
    readonly readOnly: boolean,
  ) {}

  private holds(): boolean {
    return this.holder !== undefined && this.context.getStore() === this.holder;
  }

  /** Waits for the connection, holds it while `fn` runs, then lets the next section in. */
  private async section<T>(fn: () => Promise<T>): Promise<T> {
    const token = Symbol('section');
    const prev = this.gate;
    let release: () => void = () => undefined;
    this.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    await prev;
    this.holder = token;
    try {
      return await this.context.run(token, fn);
    } finally {
      this.holder = undefined;
      release();
    }
  }

  /** Serialises statements on the single connection; outsiders wait for the section. */
  private run<T>(fn: (timeoutMs: number | undefined) => Promise<T>): Promise<T> {
    const enqueue = (timeoutMs: number | undefined): Promise<T> => {
      const go = (): Promise<T> => fn(timeoutMs);
      const next = this.queue.then(go, go);
      this.queue = next.catch(() => undefined);
      return next;
    };
    return this.holds() ? enqueue(undefined) : this.section(() => enqueue(this.queryTimeoutMs));
  }

  /** Runs one driver call, interrupting it after `timeoutMs` when given. */
  private async timed<T>(sql: string, timeoutMs: number | undefined, call: () => Promise<T>): Promise<T> {
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => this.conn.interrupt(), timeoutMs);
    try {
      return await call();
    } catch (e) {
      throw engineError(e, sql, timeoutMs);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  query(sql: string, params: readonly SqlValue[] = []): Promise<QueryResult> {
    return this.run((timeoutMs) =>
      this.timed(sql, timeoutMs, async () =>
        toResult(await this.conn.runAndReadAll(sql, params.length ? [...params] : undefined)),
      ),
    );
  }

  exec(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    return this.run((timeoutMs) =>
      this.timed(sql, timeoutMs, async () => {
        await this.conn.run(sql, params.length ? [...params] : undefined);
      }),
    );
  }

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.holds() ? fn() : this.section(fn);
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return runTransaction(this, 'BEGIN TRANSACTION', fn);
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
    await this.gate;
    await this.queue.catch(() => undefined);
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

export interface DuckDbOptions {
  readonly threads?: number;
  /** Stop a statement issued outside an exclusive section after this long (ms). */
  readonly queryTimeoutMs?: number;
  /** Open an existing file read-only: no folder is created, nothing is written, writes fail. */
  readonly readOnly?: boolean;
}

/** Opens (and creates on first use) a DuckDB file; ':memory:' for a throwaway database. */
export const openDuckDb = async (path: string, opts: DuckDbOptions = {}): Promise<Engine> => {
  try {
    if (path !== ':memory:' && !opts.readOnly) mkdirSync(dirname(path), { recursive: true });
    const config: Record<string, string> = {
      ...(opts.readOnly ? { access_mode: 'READ_ONLY' } : {}),
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
    };
    if (opts.threads) config['threads'] = String(opts.threads);
    const instance = await DuckDBInstance.create(path, config);
    const conn = await instance.connect();
    // Progress is tracked for engine.progress(), but never printed by DuckDB itself.
    await conn.run(
      'SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 0',
    );
    return new DuckDbEngine(instance, conn, opts.queryTimeoutMs, opts.readOnly === true);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new EngineError('engine.open_failed', `cannot open the database ${path}: ${msg.split('\n')[0]}`, {
      cause: e,
      hint: /lock/i.test(msg)
        ? 'another kpi process is using this project; wait for it or stop it'
        : opts.readOnly
          ? 'the store cannot be read (does it exist? may you read it?); kpi import creates it'
          : 'check that the folder is writable',
    });
  }
};
