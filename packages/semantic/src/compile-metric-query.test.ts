// The compiled SQL and parameters, asserted in full for both dialects.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject, type Project } from '@kpi/core';
import { compileMetricQuery } from './compile-metric-query.js';
import type { Dialect } from './dialect.js';
import { duckdbDialect } from './dialects/duckdb-dialect.js';
import { postgresDialect } from './dialects/postgres-dialect.js';
import type { CompiledQuery, MetricQueryRequest } from './query/metric-query.js';

const YAML = `
version: 1
project:
  name: sql
  timezone: Europe/Berlin
  week_start: sunday
datasets:
  ads:
    time: day
    key: [day, platform]
    dimensions: [platform]
    columns:
      day: {type: date}
      platform: {type: string}
      impressions: {type: integer}
      clicks: {type: integer}
      spend: {type: number}
  social:
    time: measured_at
    key: [measured_at, platform, account]
    dimensions: [platform, account]
    columns:
      measured_at: {type: timestamp}
      platform: {type: string}
      account: {type: string}
      followers: {type: integer}
metrics:
  impressions: {kind: simple, dataset: ads, agg: sum, column: impressions}
  clicks: {kind: simple, dataset: ads, agg: sum, column: clicks}
  ig_clicks: {kind: simple, dataset: ads, agg: sum, column: clicks, filter: {platform: [instagram]}}
  ctr: {kind: ratio, numerator: clicks, denominator: impressions}
  followers: {kind: snapshot, dataset: social, column: followers}
  reach_cost: {kind: derived, expr: "-spend / (followers * 2.5)"}
  spend: {kind: simple, dataset: ads, agg: sum, column: spend}
`;

const loaded = loadProject([{ path: 'kpi.yaml', text: YAML }]);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
const project: Project = loaded.value;

const compile = (request: MetricQueryRequest, dialect: Dialect): CompiledQuery => {
  const r = compileMetricQuery(project, request, dialect);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe('one dataset: ratio and filtered metric by week', () => {
  const request: MetricQueryRequest = {
    metrics: ['ctr', 'ig_clicks'],
    grain: 'week',
    from: '2025-01-01',
    to: '2025-01-31',
    where: { platform: ['instagram', 'tiktok'] },
  };
  test('duckdb', () => {
    const q = compile(request, duckdbDialect);
    assert.equal(
      q.sql,
      `WITH "Scan1" AS (
  SELECT (CAST(date_trunc('week', "day" - INTERVAL '6 days') AS DATE) + 6) AS "P", sum("clicks") AS "M1", sum("impressions") AS "M2", sum("clicks") FILTER (WHERE "platform" IN ($1)) AS "M3"
  FROM "ads"
  WHERE "day" >= CAST($2 AS DATE) AND "day" <= CAST($3 AS DATE) AND "platform" IN ($4, $5)
  GROUP BY 1
)
SELECT "Scan1"."P" AS "period", ("Scan1"."M1" / NULLIF("Scan1"."M2", 0)) AS "ctr", "Scan1"."M3" AS "ig_clicks"
FROM "Scan1"
ORDER BY "period" ASC NULLS LAST`,
    );
    assert.deepEqual(q.params, ['instagram', '2025-01-01', '2025-01-31', 'instagram', 'tiktok']);
    assert.deepEqual(q.columns, [
      { name: 'period', role: 'period' },
      { name: 'ctr', role: 'metric', metric: 'ctr' },
      { name: 'ig_clicks', role: 'metric', metric: 'ig_clicks' },
    ]);
  });
  test('postgres', () => {
    const q = compile(request, postgresDialect);
    assert.equal(
      q.sql,
      `WITH "Scan1" AS (
  SELECT (CAST(date_trunc('week', CAST("day" AS timestamp) - INTERVAL '6 days') AS date) + 6) AS "P", sum("clicks") AS "M1", sum("impressions") AS "M2", sum("clicks") FILTER (WHERE "platform" IN ($1)) AS "M3"
  FROM "ads"
  WHERE "day" >= CAST($2 AS date) AND "day" <= CAST($3 AS date) AND "platform" IN ($4, $5)
  GROUP BY 1
)
SELECT "Scan1"."P" AS "period", (CAST("Scan1"."M1" AS double precision) / NULLIF("Scan1"."M2", 0)) AS "ctr", "Scan1"."M3" AS "ig_clicks"
FROM "Scan1"
ORDER BY "period" ASC NULLS LAST`,
    );
    assert.deepEqual(q.params, ['instagram', '2025-01-01', '2025-01-31', 'instagram', 'tiktok']);
  });
});

describe('two datasets: snapshot on a timestamp and a derived formula, by month and platform', () => {
  const request: MetricQueryRequest = {
    metrics: ['followers', 'reach_cost'],
    grain: 'month',
    to: '2025-03-31',
    groupBy: ['platform'],
    limit: 10,
  };
  const expected = (d: {
    trunc: (x: string) => string;
    local: string;
    date: (x: string) => string;
    latest: string;
    div: (a: string, b: string) => string;
  }): string => `WITH "Scan1" AS (
  SELECT "P", "platform", sum("M1") AS "M1"
  FROM (
    SELECT ${d.trunc(d.local)} AS "P", "platform", "account", ${d.latest} AS "M1"
    FROM "social"
    WHERE ${d.date(d.local)} <= ${d.date('$2')}
    GROUP BY 1, 2, 3
  ) AS "Series"
  GROUP BY 1, 2
), "Scan2" AS (
  SELECT ${d.trunc('"day"')} AS "P", "platform", sum("spend") AS "M2"
  FROM "ads"
  WHERE "day" <= ${d.date('$2')}
  GROUP BY 1, 2
), "Keys" AS (
  SELECT "P", "platform" FROM "Scan1"
  UNION
  SELECT "P", "platform" FROM "Scan2"
)
SELECT "Keys"."P" AS "period", "Keys"."platform" AS "platform", "Scan1"."M1" AS "followers", ${d.div('(-"Scan2"."M2")', '("Scan1"."M1" * 2.5)')} AS "reach_cost"
FROM "Keys"
LEFT JOIN "Scan1" ON "Scan1"."P" IS NOT DISTINCT FROM "Keys"."P" AND "Scan1"."platform" IS NOT DISTINCT FROM "Keys"."platform"
LEFT JOIN "Scan2" ON "Scan2"."P" IS NOT DISTINCT FROM "Keys"."P" AND "Scan2"."platform" IS NOT DISTINCT FROM "Keys"."platform"
ORDER BY "period" ASC NULLS LAST, "platform" ASC NULLS LAST
LIMIT $3`;
  test('duckdb', () => {
    const q = compile(request, duckdbDialect);
    assert.equal(
      q.sql,
      expected({
        trunc: (x) => `CAST(date_trunc('month', ${x}) AS DATE)`,
        local: 'timezone($1, "measured_at")',
        date: (x) => `CAST(${x} AS DATE)`,
        latest: 'arg_max("followers", "measured_at")',
        div: (a, b) => `(${a} / NULLIF(${b}, 0))`,
      }),
    );
    assert.deepEqual(q.params, ['Europe/Berlin', '2025-03-31', 10]);
  });
  test('postgres', () => {
    const q = compile(request, postgresDialect);
    assert.equal(
      q.sql,
      expected({
        trunc: (x) => `CAST(date_trunc('month', CAST(${x} AS timestamp)) AS date)`,
        local: '("measured_at" AT TIME ZONE CAST($1 AS text))',
        date: (x) => `CAST(${x} AS date)`,
        latest: '(array_agg("followers" ORDER BY "measured_at" DESC NULLS LAST))[1]',
        div: (a, b) => `(CAST(${a} AS double precision) / NULLIF(${b}, 0))`,
      }),
    );
    assert.deepEqual(q.params, ['Europe/Berlin', '2025-03-31', 10]);
  });
});

describe('shape for every dialect', () => {
  for (const d of [duckdbDialect, postgresDialect]) {
    test(`${d.name}: several datasets without keys are cross-joined single rows`, () => {
      const q = compile({ metrics: ['clicks', 'followers'] }, d);
      assert.match(q.sql, /\nFROM "Scan1" CROSS JOIN "Scan2"$/);
      assert.doesNotMatch(q.sql, /GROUP BY 1\n\)/);
      assert.deepEqual(q.params, []);
    });
    test(`${d.name}: a leaf used by several metrics is aggregated once`, () => {
      const q = compile({ metrics: ['clicks', 'ctr', 'impressions'] }, d);
      assert.equal(q.sql.match(/sum\("clicks"\)/g)?.length, 1);
      assert.equal(q.sql.match(/FROM "ads"/g)?.length, 1);
    });
    test(`${d.name}: every user value is a parameter, never in the SQL text`, () => {
      const hostile = 'o\'neil"; DROP TABLE ads; --';
      const q = compile(
        { metrics: ['clicks'], where: { platform: [hostile, 3, true] }, from: '2025-01-01' },
        d,
      );
      assert.ok(!q.sql.includes('neil') && !q.sql.includes('2025'));
      assert.deepEqual(q.params, ['2025-01-01', hostile, 3, true]);
    });
  }
});
