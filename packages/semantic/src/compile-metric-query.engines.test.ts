// The compiled SQL executed on every engine (DuckDB, and a real PostgreSQL server started
// for this file) against answers computed by hand: the same answers on both.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject, type Project } from '@kpi/core';
import type { Engine, Row } from '@kpi/engines';
import { engineTargets } from '@kpi/engines/testing';
import { compileMetricQuery } from './compile-metric-query.js';
import type { MetricQueryRequest } from './query/metric-query.js';

const YAML = `
version: 1
project:
  name: exec
  timezone: America/New_York
  week_start: monday
datasets:
  ads:
    time: day
    key: [day, platform, campaign]
    dimensions: [platform, campaign]
    columns:
      day: {type: date}
      platform: {type: string}
      campaign: {type: string}
      impressions: {type: integer}
      clicks: {type: integer}
      spend: {type: number}
  orders:
    time: ordered_at
    key: [order_id]
    dimensions: [platform]
    columns:
      order_id: {type: string}
      ordered_at: {type: timestamp}
      platform: {type: string}
      revenue: {type: number}
  social:
    time: day
    key: [day, platform, account]
    dimensions: [platform, account]
    columns:
      day: {type: date}
      platform: {type: string}
      account: {type: string}
      followers: {type: integer}
metrics:
  impressions: {kind: simple, dataset: ads, agg: sum, column: impressions}
  clicks: {kind: simple, dataset: ads, agg: sum, column: clicks}
  spend: {kind: simple, dataset: ads, agg: sum, column: spend, unit: currency}
  ctr: {kind: ratio, numerator: clicks, denominator: impressions, unit: percent}
  ig_clicks: {kind: simple, dataset: ads, agg: sum, column: clicks, filter: {platform: instagram}}
  tt_clicks: {kind: simple, dataset: ads, agg: sum, column: clicks, filter: {platform: tiktok}}
  ig_ctr: {kind: ratio, numerator: clicks, denominator: impressions, filter: {platform: instagram}}
  campaigns: {kind: simple, dataset: ads, agg: count_distinct, column: campaign}
  ad_rows: {kind: simple, dataset: ads, agg: count}
  max_spend: {kind: simple, dataset: ads, agg: max, column: spend}
  avg_clicks: {kind: simple, dataset: ads, agg: avg, column: clicks}
  revenue: {kind: simple, dataset: orders, agg: sum, column: revenue}
  order_count: {kind: simple, dataset: orders, agg: count}
  roi: {kind: derived, expr: "(revenue - spend) / spend"}
  followers: {kind: snapshot, dataset: social, column: followers}
`;

const load = (yaml: string): Project => {
  const r = loadProject([{ path: 'kpi.yaml', text: yaml }]);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

const ADS = [
  // ISO week 2020-12-28 .. 2021-01-03: clicks 20 / impressions 1100 (average of row ratios would be 0.055)
  ['2020-12-31', 'instagram', 'c1', 100, 10, 5],
  ['2021-01-03', 'tiktok', 'c2', 1000, 10, 20],
  // ISO week 2021-01-04: 5 / 50
  ['2021-01-04', 'instagram', 'c1', 50, 5, 1],
  ['2021-01-10', 'instagram', 'c2', 0, 0, 0],
  // ISO week 2021-01-18: zero impressions
  ['2021-01-20', 'tiktok', 'c1', 0, 0, 0],
  // Spend for the ROI months (no February 2025 row: February exists only in orders)
  ['2024-11-20', 'instagram', 'c1', 0, 0, 10],
  ['2024-12-15', 'instagram', 'c1', 0, 0, 50],
  ['2025-01-10', 'instagram', 'c1', 0, 0, 100],
] as const;

const ORDERS = [
  ['o1', '2025-01-01 02:30:00+00', 'instagram', 100], // 2024-12-31 21:30 in New York
  ['o2', '2025-01-15 12:00:00+00', 'instagram', 50],
  ['o3', '2025-02-10 12:00:00+00', 'tiktok', 30],
] as const;

const SOCIAL = [
  ['2025-03-03', 'instagram', 'acc_a', 100],
  ['2025-03-05', 'instagram', 'acc_a', 110],
  ['2025-03-04', 'instagram', 'acc_b', 50], // its last row is early in the week: still counts
  ['2025-03-06', 'tiktok', 'acc_c', 200],
  ['2025-03-09', 'tiktok', 'acc_c', 210],
  ['2025-03-12', 'instagram', 'acc_a', 120],
] as const;

const project = load(YAML);
for (const target of engineTargets()) {
  describe(`on ${target.name}`, () => {
    let db: Engine;

    const run = async (request: MetricQueryRequest, p: Project = project): Promise<readonly Row[]> => {
      const compiled = compileMetricQuery(p, request, target.dialect);
      if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
      const result = await db.query(compiled.value.sql, compiled.value.params);
      assert.deepEqual(
        result.columns,
        compiled.value.columns.map((c) => c.name),
      );
      return result.rows;
    };

    const close = (actual: unknown, expected: number): void =>
      assert.ok(
        typeof actual === 'number' && Math.abs(actual - expected) < 1e-12,
        `${String(actual)} != ${expected}`,
      );

    before(async () => {
      db = await target.open();
      await db.exec(
        'CREATE TABLE "ads" ("day" DATE, "platform" VARCHAR, "campaign" VARCHAR, "impressions" BIGINT, "clicks" BIGINT, "spend" DOUBLE PRECISION)',
      );
      await db.exec(
        'CREATE TABLE "orders" ("order_id" VARCHAR, "ordered_at" TIMESTAMPTZ, "platform" VARCHAR, "revenue" DOUBLE PRECISION)',
      );
      await db.exec(
        'CREATE TABLE "social" ("day" DATE, "platform" VARCHAR, "account" VARCHAR, "followers" BIGINT)',
      );
      for (const r of ADS)
        await db.exec('INSERT INTO "ads" VALUES (CAST($1 AS DATE), $2, $3, $4, $5, $6)', [...r]);
      for (const r of ORDERS)
        await db.exec('INSERT INTO "orders" VALUES ($1, CAST($2 AS TIMESTAMPTZ), $3, $4)', [...r]);
      for (const r of SOCIAL)
        await db.exec('INSERT INTO "social" VALUES (CAST($1 AS DATE), $2, $3, $4)', [...r]);
    });
    after(async () => {
      await db.close();
    });

    const Y2021 = { from: '2020-12-01', to: '2021-01-31' } as const;

    describe('ratios and simple aggregates', () => {
      test('CTR is the ratio of sums per ISO week, across a year boundary; zero denominators give null', async () => {
        const rows = await run({ metrics: ['clicks', 'impressions', 'ctr'], grain: 'week', ...Y2021 });
        assert.equal(rows.length, 3);
        assert.deepEqual(rows[0], {
          period: '2020-12-28',
          clicks: 20,
          impressions: 1100,
          ctr: rows[0]?.['ctr'],
        });
        close(rows[0]?.['ctr'], 20 / 1100);
        assert.deepEqual(rows[1], { period: '2021-01-04', clicks: 5, impressions: 50, ctr: 0.1 });
        assert.deepEqual(rows[2], { period: '2021-01-18', clicks: 0, impressions: 0, ctr: null });
      });

      test('weeks start on Sunday when the project says so', async () => {
        const sunday = load(YAML.replace('week_start: monday', 'week_start: sunday'));
        const rows = await run({ metrics: ['clicks', 'impressions'], grain: 'week', ...Y2021 }, sunday);
        assert.deepEqual(rows, [
          { period: '2020-12-27', clicks: 10, impressions: 100 },
          { period: '2021-01-03', clicks: 15, impressions: 1050 },
          { period: '2021-01-10', clicks: 0, impressions: 0 },
          { period: '2021-01-17', clicks: 0, impressions: 0 },
        ]);
      });

      test('month, quarter and year grains', async () => {
        assert.deepEqual(await run({ metrics: ['clicks'], grain: 'month', ...Y2021 }), [
          { period: '2020-12-01', clicks: 10 },
          { period: '2021-01-01', clicks: 15 },
        ]);
        assert.deepEqual(
          await run({ metrics: ['clicks'], grain: 'quarter', from: '2020-10-01', to: '2021-06-30' }),
          [
            { period: '2020-10-01', clicks: 10 },
            { period: '2021-01-01', clicks: 15 },
          ],
        );
        assert.deepEqual(
          await run({ metrics: ['clicks', 'spend'], grain: 'year', from: '2020-01-01', to: '2024-12-31' }),
          [
            { period: '2020-01-01', clicks: 10, spend: 5 },
            { period: '2021-01-01', clicks: 15, spend: 21 },
            { period: '2024-01-01', clicks: 0, spend: 60 },
          ],
        );
      });

      test('no grain gives one row for the whole range; the range is inclusive on both ends', async () => {
        const rows = await run({
          metrics: ['clicks', 'ad_rows', 'campaigns', 'max_spend', 'avg_clicks'],
          from: '2020-12-31',
          to: '2021-01-10',
        });
        assert.deepEqual(rows, [{ clicks: 25, ad_rows: 4, campaigns: 2, max_spend: 20, avg_clicks: 6.25 }]);
      });

      test('metric filters share one scan through FILTER; a ratio passes its filter to both parts', async () => {
        const rows = await run({ metrics: ['ig_clicks', 'tt_clicks', 'ig_ctr', 'ctr'], ...Y2021 });
        assert.equal(rows.length, 1);
        assert.deepEqual({ ...rows[0], ctr: 0 }, { ig_clicks: 15, tt_clicks: 10, ig_ctr: 0.1, ctr: 0 });
        close(rows[0]?.['ctr'], 25 / 1150);
      });

      test('request-level where cuts the rows of every metric', async () => {
        const rows = await run({
          metrics: ['clicks', 'ctr', 'ig_clicks'],
          where: { platform: ['tiktok'] },
          ...Y2021,
        });
        assert.deepEqual(rows, [{ clicks: 10, ctr: 0.01, ig_clicks: null }]);
      });

      test('group by a dimension, ordered by period then dimension', async () => {
        assert.deepEqual(
          await run({ metrics: ['clicks', 'impressions'], grain: 'month', groupBy: ['platform'], ...Y2021 }),
          [
            { period: '2020-12-01', platform: 'instagram', clicks: 10, impressions: 100 },
            { period: '2021-01-01', platform: 'instagram', clicks: 5, impressions: 50 },
            { period: '2021-01-01', platform: 'tiktok', clicks: 10, impressions: 1000 },
          ],
        );
      });

      test('order by a metric and limit', async () => {
        const rows = await run({
          metrics: ['impressions'],
          groupBy: ['platform'],
          orderBy: [{ column: 'impressions', direction: 'desc' }],
          limit: 1,
          ...Y2021,
        });
        assert.deepEqual(rows, [{ platform: 'tiktok', impressions: 1000 }]);
      });

      test('a hostile filter value is only ever a bound value', async () => {
        const rows = await run({
          metrics: ['clicks'],
          where: { platform: ["x'); DROP TABLE ads; --"] },
          ...Y2021,
        });
        assert.deepEqual(rows, [{ clicks: null }]);
        assert.equal((await db.query('SELECT count(*) AS n FROM "ads"')).rows[0]?.['n'], ADS.length);
      });
    });

    describe('time zones and several datasets', () => {
      test('an instant at 2025-01-01 02:30 UTC is a December order in New York', async () => {
        assert.deepEqual(
          await run({ metrics: ['order_count'], grain: 'month', from: '2024-12-01', to: '2025-01-31' }),
          [
            { period: '2024-12-01', order_count: 1 },
            { period: '2025-01-01', order_count: 1 },
          ],
        );
        assert.deepEqual(await run({ metrics: ['order_count'], from: '2025-01-01', to: '2025-01-31' }), [
          { order_count: 1 },
        ]);
        assert.deepEqual(await run({ metrics: ['order_count'], from: '2024-12-31', to: '2024-12-31' }), [
          { order_count: 1 },
        ]);
      });

      test('derived ROI across two datasets keeps periods present in only one of them', async () => {
        assert.deepEqual(
          await run({
            metrics: ['revenue', 'spend', 'roi'],
            grain: 'month',
            from: '2024-11-01',
            to: '2025-02-28',
          }),
          [
            { period: '2024-11-01', revenue: null, spend: 10, roi: null },
            { period: '2024-12-01', revenue: 100, spend: 50, roi: 1 },
            { period: '2025-01-01', revenue: 50, spend: 100, roi: -0.5 },
            { period: '2025-02-01', revenue: 30, spend: null, roi: null },
          ],
        );
      });

      test('several datasets grouped by a shared dimension', async () => {
        assert.deepEqual(
          await run({
            metrics: ['revenue', 'spend'],
            groupBy: ['platform'],
            from: '2024-11-01',
            to: '2025-02-28',
          }),
          [
            { platform: 'instagram', revenue: 150, spend: 160 },
            { platform: 'tiktok', revenue: 30, spend: null },
          ],
        );
      });

      test('several datasets without grain or grouping give one row', async () => {
        assert.deepEqual(await run({ metrics: ['roi'], from: '2024-11-01', to: '2025-02-28' }), [
          { roi: (180 - 160) / 160 },
        ]);
      });
    });

    describe('snapshot metrics', () => {
      const MARCH = { from: '2025-03-01', to: '2025-03-31' } as const;

      test('last value per series in each week, summed across series', async () => {
        assert.deepEqual(await run({ metrics: ['followers'], grain: 'week', ...MARCH }), [
          { period: '2025-03-03', followers: 370 },
          { period: '2025-03-10', followers: 120 },
        ]);
      });

      test('grouped by platform', async () => {
        assert.deepEqual(
          await run({ metrics: ['followers'], grain: 'week', groupBy: ['platform'], ...MARCH }),
          [
            { period: '2025-03-03', platform: 'instagram', followers: 160 },
            { period: '2025-03-03', platform: 'tiktok', followers: 210 },
            { period: '2025-03-10', platform: 'instagram', followers: 120 },
          ],
        );
      });

      test('over the whole range and by month', async () => {
        assert.deepEqual(await run({ metrics: ['followers'], ...MARCH }), [{ followers: 380 }]);
        assert.deepEqual(await run({ metrics: ['followers'], grain: 'month', ...MARCH }), [
          { period: '2025-03-01', followers: 380 },
        ]);
        assert.deepEqual(
          await run({ metrics: ['followers'], where: { account: ['acc_b', 'acc_c'] }, ...MARCH }),
          [{ followers: 260 }],
        );
      });
    });
  });
}
