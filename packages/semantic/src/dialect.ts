// The SQL dialect hooks: the only place where DuckDB, PostgreSQL and ClickHouse differ.
// Pure. Invariant: every identifier goes through quoteIdent, which refuses anything that
// is not a validated identifier; every user value is a bound parameter.

export type DialectName = 'duckdb' | 'postgres' | 'clickhouse';

export interface Dialect {
  readonly name: DialectName;
  /** Quotes a validated identifier; throws on anything else. */
  quoteIdent(name: string): string;
}
