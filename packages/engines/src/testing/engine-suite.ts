// The one engine suite: what every Engine must do, registered as node:test cases and run by
// each engine's test file on a real database (DuckDB in memory, a throwaway PostgreSQL
// server). IO, test support (exported as @kpi/engines/testing). The expected values are
// written by hand here, once, for every engine alike.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import type { Engine } from '../engine.js';

/** Opens a fresh, empty database for one test; the suite closes it. */
export type OpenEngine = () => Promise<Engine>;

const withEngine = async (open: OpenEngine, fn: (e: Engine) => Promise<void>): Promise<void> => {
  const e = await open();
  try {
    await fn(e);
  } finally {
    await e.close();
  }
};

const count = async (e: Engine, table = 't'): Promise<number> =>
  Number((await e.query(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.['n']);

export const engineSuite = (name: string, open: OpenEngine): void => {
  describe(`engine suite: ${name}`, () => {
    test('values come back plain: counts and sums as numbers, dates and timestamps as text', async () => {
      await withEngine(open, async (e) => {
        await e.exec(
          'CREATE TABLE v (n BIGINT, x DOUBLE PRECISION, d DATE, ts TIMESTAMP, s VARCHAR, b BOOLEAN)',
        );
        await e.exec(
          `INSERT INTO v VALUES (9007199254740, 1.25, DATE '2021-01-02', TIMESTAMP '2021-01-01 10:00:00', 'é ✓', true),
                                (1, 0.5, DATE '2020-12-31', TIMESTAMP '2021-01-01 10:00:00.5', NULL, false)`,
        );
        const r = await e.query(
          `SELECT sum(n) AS total, count(*) AS rows, avg(x) AS mean, min(d) AS first_day, max(ts) AS last_ts,
                  max(s) AS text, CAST(12.34 AS DECIMAL(10,2)) AS dec, NULL AS nothing FROM v`,
        );
        assert.deepEqual(r.columns, [
          'total',
          'rows',
          'mean',
          'first_day',
          'last_ts',
          'text',
          'dec',
          'nothing',
        ]);
        assert.deepEqual(r.rows, [
          {
            total: 9007199254741,
            rows: 2,
            mean: 0.875,
            first_day: '2020-12-31',
            last_ts: '2021-01-01 10:00:00.5',
            text: 'é ✓',
            dec: 12.34,
            nothing: null,
          },
        ]);
        const tz = await e.query(
          `SELECT CAST(TIMESTAMP '2021-01-01 10:00:00' AS DATE) AS day, b FROM v ORDER BY n`,
        );
        assert.deepEqual(tz.rows, [
          { day: '2021-01-01', b: false },
          { day: '2021-01-01', b: true },
        ]);
        const utc = await e.query(`SELECT CAST('2021-01-01 10:00:00+02' AS TIMESTAMPTZ) AS at`);
        assert.equal(utc.rows[0]?.['at'], '2021-01-01 08:00:00+00'); // every session runs in UTC
      });
    });

    test('bound parameters are values, never SQL: quotes and a statement in a value are stored verbatim', async () => {
      await withEngine(open, async (e) => {
        await e.exec('CREATE TABLE t (id INTEGER, who VARCHAR)');
        const hostile = `x'); DROP TABLE t; --`;
        await e.exec('INSERT INTO t VALUES ($1, $2)', [1, hostile]);
        await e.exec('INSERT INTO t VALUES ($1, $2)', [2, null]);
        const r = await e.query('SELECT id, who FROM t WHERE who = $1 OR who IS NULL ORDER BY id', [hostile]);
        assert.deepEqual(r.rows, [
          { id: 1, who: hostile },
          { id: 2, who: null },
        ]);
      });
    });

    test('a failed statement is engine.query_failed with the statement; the engine stays usable', async () => {
      await withEngine(open, async (e) => {
        await assert.rejects(
          e.query('SELECT * FROM no_such_table'),
          (err: Error & { code?: string; details?: Record<string, unknown> }) => {
            assert.equal(err.code, 'engine.query_failed');
            assert.match(String(err.details?.['statement']), /no_such_table/);
            return true;
          },
        );
        assert.equal((await e.query('SELECT 1 AS one')).rows[0]?.['one'], 1);
      });
    });

    test('a transaction that throws leaves nothing; another caller never writes inside it', async () => {
      await withEngine(open, async (e) => {
        await e.exec('CREATE TABLE t (id INTEGER, who VARCHAR)');
        const tx = e
          .transaction(async () => {
            await e.exec(`INSERT INTO t VALUES (1, 'tx')`);
            await sleep(20);
            await e.exec(`INSERT INTO t VALUES (2, 'tx')`);
            throw new Error('abort');
          })
          .catch((err: Error) => err.message);
        await sleep(5);
        await e.exec(`INSERT INTO t VALUES (3, 'outside')`);
        assert.equal(await tx, 'abort');
        const rows = (await e.query('SELECT id, who FROM t ORDER BY id')).rows;
        assert.deepEqual(rows, [{ id: 3, who: 'outside' }]);
      });
    });

    test('a transaction that resolves is committed whole; concurrent reads see whole transactions only', async () => {
      await withEngine(open, async (e) => {
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
        const sum = (await e.query('SELECT sum(id) AS s FROM t')).rows[0]?.['s'];
        assert.equal(sum, 22_600); // ids 100w + i: 5·100·(0+…+9) + 10·(0+…+4) = 22,500 + 100
      });
    });

    test('an exclusive section keeps its session state (settings, temp tables) to itself while it runs', async () => {
      await withEngine(open, async (e) => {
        const before = (await e.query(`SELECT current_setting('TimeZone') AS tz`)).rows[0]?.['tz'];
        const section = e.exclusive(async () => {
          await e.exec(`SET TimeZone = 'Asia/Tokyo'`);
          await e.exec('CREATE TEMP TABLE stage AS SELECT 1 AS x');
          await sleep(20);
          const tz = (await e.query(`SELECT current_setting('TimeZone') AS tz`)).rows[0]?.['tz'];
          const staged = await count(e, 'stage');
          await e.exec('DROP TABLE stage');
          await e.exec(`SET TimeZone = '${String(before)}'`);
          return { tz, staged };
        });
        const outsider = e.query(`SELECT current_setting('TimeZone') AS tz`);
        const nested = e.exclusive(() => e.exclusive(() => e.query('SELECT 42 AS v')));
        assert.deepEqual(await section, { tz: 'Asia/Tokyo', staged: 1 });
        assert.equal((await outsider).rows[0]?.['tz'], before);
        assert.equal((await nested).rows[0]?.['v'], 42);
      });
    });
  });
};
