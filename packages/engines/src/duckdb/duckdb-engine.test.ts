// The DuckDB engine: the one engine suite on an in-memory database, and what only DuckDB
// does (its query timeout interrupts the connection).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engineSuite } from '../testing/engine-suite.js';
import { openDuckDb } from './duckdb-engine.js';

engineSuite('duckdb', () => openDuckDb(':memory:'));

describe('duckdb engine', () => {
  test('a read running past queryTimeoutMs is stopped with engine.timeout; the engine stays usable', async () => {
    const e = await openDuckDb(':memory:', { queryTimeoutMs: 50 });
    try {
      await assert.rejects(
        e.query('SELECT sum(a.range * b.range) AS s FROM range(100000000) a, range(100000) b'),
        (err: Error & { code?: string }) => err.code === 'engine.timeout',
      );
      assert.equal((await e.query('SELECT 1 AS one')).rows[0]?.['one'], 1);
    } finally {
      await e.close();
    }
  });
});
