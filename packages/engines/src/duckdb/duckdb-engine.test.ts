// The DuckDB engine under concurrent callers: a transaction or an exclusive section is
// never entered by another caller's statement, and the query timeout stops long reads.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDuckDb } from './duckdb-engine.js';

const count = async (e: Awaited<ReturnType<typeof openDuckDb>>): Promise<number> =>
  Number((await e.query('SELECT count(*) AS n FROM t')).rows[0]?.['n']);

describe('duckdb engine concurrency', () => {
  test('a statement from another caller never lands inside a rolled-back transaction', async () => {
    const e = await openDuckDb(':memory:');
    try {
      await e.exec('CREATE TABLE t (id INTEGER, who VARCHAR)');
      const tx = e
        .transaction(async () => {
          await e.exec(`INSERT INTO t VALUES (1, 'tx')`);
          await sleep(20);
          await e.exec(`INSERT INTO t VALUES (2, 'tx')`);
          throw new Error('abort');
        })
        .catch((err: Error) => err.message);
      // Issued while the transaction is open (its first insert has been queued).
      const outside = e.exec(`INSERT INTO t VALUES (3, 'outside')`);
      const seen = e.query('SELECT count(*) AS n FROM t');
      assert.equal(await tx, 'abort');
      await outside;
      assert.equal(Number((await seen).rows[0]?.['n']), 1); // the outsider's row, none of the transaction's
      const rows = (await e.query('SELECT id, who FROM t ORDER BY id')).rows;
      assert.deepEqual(rows, [{ id: 3, who: 'outside' }]);
    } finally {
      await e.close();
    }
  });

  test('concurrent transactions and reads: every read sees whole transactions only', async () => {
    const e = await openDuckDb(':memory:');
    try {
      await e.exec('CREATE TABLE t (id INTEGER)');
      const writers = Array.from({ length: 10 }, (_, w) =>
        e.transaction(async () => {
          for (let i = 0; i < 5; i++) {
            await e.exec('INSERT INTO t VALUES ($1)', [w * 100 + i]);
            await sleep(1);
          }
        }),
      );
      const readers = Array.from({ length: 30 }, () => count(e));
      await Promise.all(writers);
      const counts = await Promise.all(readers);
      for (const n of counts) assert.equal(n % 5, 0, `a read saw ${n} rows: half a transaction`);
      assert.equal(await count(e), 50);
    } finally {
      await e.close();
    }
  });

  test('an exclusive section keeps its session state (temp tables, settings) to itself', async () => {
    const e = await openDuckDb(':memory:');
    try {
      const section = e.exclusive(async () => {
        await e.exec(`SET TimeZone = 'Asia/Tokyo'`);
        await e.exec('CREATE TEMP TABLE stage AS SELECT 1 AS x');
        await sleep(20);
        const tz = (await e.query(`SELECT current_setting('TimeZone') AS tz`)).rows[0]?.['tz'];
        await e.exec('DROP TABLE stage');
        await e.exec(`SET TimeZone = 'UTC'`);
        return tz;
      });
      const outsider = e.query(`SELECT current_setting('TimeZone') AS tz`);
      const nested = e.exclusive(() => e.exclusive(() => e.query('SELECT 42 AS v')));
      assert.equal(await section, 'Asia/Tokyo');
      assert.equal((await outsider).rows[0]?.['tz'], 'UTC');
      assert.equal((await nested).rows[0]?.['v'], 42);
    } finally {
      await e.close();
    }
  });

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
