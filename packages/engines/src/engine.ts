// The Engine interface: everything the rest of kpi asks of a database. IO.
// Invariant: rows come back as plain JSON-safe values (numbers as number, DATE as
// 'YYYY-MM-DD', TIMESTAMP as 'YYYY-MM-DD HH:MM:SS[.fff]'), whatever the driver returns.

import type { Dialect, SqlValue } from '@kpi/semantic';

export type { SqlValue };
export type Row = Record<string, unknown>;

export interface QueryResult {
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

export interface Engine {
  readonly dialect: Dialect;
  /** Opened read-only (the store's folder is not writable): every write fails with `engine.read_only`. */
  readonly readOnly?: boolean;
  /** Runs one statement with bound parameters ($1, $2, ...) and returns its rows. */
  query(sql: string, params?: readonly SqlValue[]): Promise<QueryResult>;
  /** Runs statements that return nothing (DDL, DML). Parameters bind when given. */
  exec(sql: string, params?: readonly SqlValue[]): Promise<void>;
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws.
   * The transaction is exclusive (see `exclusive`): no other caller's statement runs inside it.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs `fn` with the connection to itself: statements issued from inside `fn` (in its
   * async context) run; every other caller's statements wait until `fn` settles. For work
   * that spans several statements and session state (temp tables, SET), e.g. an import.
   * Nested calls from inside `fn` pass straight through.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Fraction of the running statement done (0..1), or undefined when unknown. */
  progress(): number | undefined;
  close(): Promise<void>;
}
