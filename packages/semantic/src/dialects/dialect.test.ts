// One suite for every dialect: identifier safety and the hooks' SQL; each dialect's hooks are
// also executed on its real engine (DuckDB; a PostgreSQL server started for this file) and
// checked against the pure calendar of @kpi/core.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { GRAINS, addDays, periodStart, type Weekday } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import { engineTargets } from '@kpi/engines/testing';
import type { Dialect } from '../dialect.js';
import { duckdbDialect } from './duckdb-dialect.js';
import { postgresDialect } from './postgres-dialect.js';

interface Expected {
  readonly weekMonday: string;
  readonly weekSunday: string;
  readonly month: string;
  readonly local: string;
  readonly latest: string;
  readonly latestFiltered: string;
  readonly divide: string;
  readonly dateParam: string;
}

const suites: readonly [Dialect, Expected][] = [
  [
    duckdbDialect,
    {
      weekMonday: `CAST(date_trunc('week', "d") AS DATE)`,
      weekSunday: `(CAST(date_trunc('week', "d" - INTERVAL '6 days') AS DATE) + 6)`,
      month: `CAST(date_trunc('month', "d") AS DATE)`,
      local: `timezone($1, "ts")`,
      latest: `arg_max("v", "t")`,
      latestFiltered: `arg_max("v", "t") FILTER (WHERE "p" IN ($1))`,
      divide: `("a" / NULLIF("b", 0))`,
      dateParam: `CAST($2 AS DATE)`,
    },
  ],
  [
    postgresDialect,
    {
      weekMonday: `CAST(date_trunc('week', CAST("d" AS timestamp)) AS date)`,
      weekSunday: `(CAST(date_trunc('week', CAST("d" AS timestamp) - INTERVAL '6 days') AS date) + 6)`,
      month: `CAST(date_trunc('month', CAST("d" AS timestamp)) AS date)`,
      local: `("ts" AT TIME ZONE CAST($1 AS text))`,
      latest: `(array_agg("v" ORDER BY "t" DESC NULLS LAST))[1]`,
      latestFiltered: `(array_agg("v" ORDER BY "t" DESC NULLS LAST) FILTER (WHERE "p" IN ($1)))[1]`,
      divide: `(CAST("a" AS double precision) / NULLIF("b", 0))`,
      dateParam: `CAST($2 AS date)`,
    },
  ],
];

for (const [d, e] of suites) {
  describe(`dialect ${d.name}`, () => {
    test('quotes validated identifiers and refuses anything else', () => {
      assert.equal(d.quoteIdent('platform'), '"platform"');
      for (const bad of ['platform; DROP TABLE x', 'a"b', 'Platform', '', '1abc', 'a b', "o'neil"])
        assert.throws(() => d.quoteIdent(bad), /invalid SQL identifier/);
    });
    test('compiler aliases start upper-case and never look like a user identifier', () => {
      assert.equal(d.quoteAlias('M1'), '"M1"');
      for (const bad of ['m1', 'M"1', 'P; --', ''])
        assert.throws(() => d.quoteAlias(bad), /invalid SQL alias/);
    });
    test('numbers placeholders from 1', () => {
      assert.equal(d.placeholder(1), '$1');
      assert.equal(d.placeholder(12), '$12');
    });
    test('renders the hooks', () => {
      const dcol = d.quoteIdent('d');
      assert.equal(d.truncateToDate(dcol, 'week', 'monday'), e.weekMonday);
      assert.equal(d.truncateToDate(dcol, 'week', 'sunday'), e.weekSunday);
      assert.equal(d.truncateToDate(dcol, 'month', 'sunday'), e.month);
      assert.equal(d.toLocalTimestamp('"ts"', '$1'), e.local);
      assert.equal(d.latestValue('"v"', '"t"'), e.latest);
      assert.equal(d.latestValue('"v"', '"t"', '"p" IN ($1)'), e.latestFiltered);
      assert.equal(d.safeDivide('"a"', '"b"'), e.divide);
      assert.equal(d.castParamToDate('$2'), e.dateParam);
      assert.equal(d.countDistinct('"c"'), 'count(DISTINCT "c")');
      assert.equal(d.filterAggregate('sum("x")', '"p" IN ($1)'), 'sum("x") FILTER (WHERE "p" IN ($1))');
    });
  });
}

for (const target of engineTargets())
  describe(`${target.name} hooks executed on ${target.name}`, () => {
    let db: Engine;
    before(async () => {
      db = await target.open();
    });
    after(async () => {
      await db.close();
    });
    const d = target.dialect;

    test('truncation matches the calendar for every grain and several week starts', async () => {
      const dates = Array.from({ length: 30 }, (_, i) => addDays('2020-12-20', i)).concat([
        '2024-02-29',
        '2024-03-31',
        '2024-12-31',
        '2025-07-01',
      ]);
      const starts: Weekday[] = ['monday', 'sunday', 'wednesday', 'saturday'];
      for (const weekStart of starts) {
        for (const grain of GRAINS) {
          const values = dates.map((x) => `(DATE '${x}')`).join(', ');
          const { rows } = await db.query(
            `SELECT d, ${d.truncateToDate('d', grain, weekStart)} AS p FROM (VALUES ${values}) AS x(d) ORDER BY d`,
          );
          const expected = [...dates].sort().map((x) => ({ d: x, p: periodStart(x, grain, weekStart) }));
          assert.deepEqual(rows, expected, `${grain} ${weekStart}`);
        }
      }
    });

    test('truncates a local timestamp too', async () => {
      const { rows } = await db.query(
        `SELECT ${d.truncateToDate(`TIMESTAMP '2021-01-03 23:59:59'`, 'week', 'monday')} AS w, ${d.truncateToDate(`TIMESTAMP '2021-01-03 23:59:59'`, 'week', 'sunday')} AS s`,
      );
      assert.deepEqual(rows, [{ w: '2020-12-28', s: '2021-01-03' }]);
    });

    test('converts an instant to the local date of a bound time zone', async () => {
      const local = d.toLocalTimestamp(`TIMESTAMPTZ '2025-01-01 02:30:00+00'`, '$1');
      const { rows } = await db.query(`SELECT ${d.timestampToDate(local)} AS day`, ['America/New_York']);
      assert.deepEqual(rows, [{ day: '2024-12-31' }]);
      const tokyo = await db.query(`SELECT ${d.timestampToDate(local)} AS day`, ['Asia/Tokyo']);
      assert.deepEqual(tokyo.rows, [{ day: '2025-01-01' }]);
    });

    test('latest value, safe division, distinct count and filters', async () => {
      const { rows } = await db.query(
        `SELECT ${d.latestValue('v', 't')} AS last, ${d.latestValue('v', 't', 'p = 1')} AS last_p,
        ${d.safeDivide('sum(n)', 'sum(z)')} AS by_zero, ${d.safeDivide('CAST(1 AS BIGINT)', 'CAST(2 AS BIGINT)')} AS half,
        ${d.countDistinct('p')} AS ps, ${d.filterAggregate('sum(v)', 'p = 1')} AS sum_p
       FROM (VALUES (1, 10, 1, 3, 0), (2, 30, 1, 4, 0), (3, 20, 2, 5, 0)) AS x(t, v, p, n, z)`,
      );
      assert.deepEqual(rows, [{ last: 20, last_p: 30, by_zero: null, half: 0.5, ps: 2, sum_p: 40 }]);
    });

    test('reads a bound text parameter as a date', async () => {
      const { rows } = await db.query(`SELECT ${d.castParamToDate('$1')} + 1 AS next`, ['2024-02-28']);
      assert.deepEqual(rows, [{ next: '2024-02-29' }]);
    });
  });
