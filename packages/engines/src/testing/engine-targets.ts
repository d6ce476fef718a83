// Every engine a suite runs on, with its dialect: DuckDB in memory and PostgreSQL on a
// throwaway server started on first use and stopped after the test file. IO, test support.
// Invariant: each open() gives a fresh, empty database.

import { after } from 'node:test';
import type { Dialect } from '@kpi/semantic';
import { duckdbDialect, postgresDialect } from '@kpi/semantic';
import { openDuckDb } from '../duckdb/duckdb-engine.js';
import type { Engine } from '../engine.js';
import { openPostgres } from '../postgres/postgres-engine.js';
import { startTestPostgres, type TestPostgres } from './test-postgres.js';

export interface EngineTarget {
  readonly name: 'duckdb' | 'postgres';
  readonly dialect: Dialect;
  open(): Promise<Engine>;
}

/** Call once at the top of a test file; the PostgreSQL server is stopped after the file. */
export const engineTargets = (): readonly EngineTarget[] => {
  let server: Promise<TestPostgres> | undefined;
  let n = 0;
  after(async () => {
    if (server) await (await server).stop();
  });
  return [
    { name: 'duckdb', dialect: duckdbDialect, open: () => openDuckDb(':memory:') },
    {
      name: 'postgres',
      dialect: postgresDialect,
      open: async () => {
        server ??= startTestPostgres();
        const s = await server;
        return openPostgres(await s.createDatabase(`db_${++n}`));
      },
    },
  ];
};
