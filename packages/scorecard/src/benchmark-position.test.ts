// Placing a value among benchmark quartiles: every band, the percentile between quartiles
// (computed by hand below), the matching rule (metric, exact filter, period) and the
// sentence with its source, year and the example label.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BenchmarkSet } from '@kpi/core';
import { benchmarkBand, benchmarkReadings } from './benchmark-position.js';

const Q = { p25: 0.01, p50: 0.02, p75: 0.04 };

test('bands and percentiles by hand', () => {
  assert.deepEqual(benchmarkBand(0.005, Q), { band: 'below_p25', percentile: null });
  assert.deepEqual(benchmarkBand(0.01, Q), { band: 'at_p25', percentile: 25 });
  // 0.015 is halfway from p25 to p50: 25 + 25 * 0.5 = 37.5.
  const mid = benchmarkBand(0.015, Q);
  assert.equal(mid.band, 'p25_p50');
  assert.ok(Math.abs((mid.percentile ?? 0) - 37.5) < 1e-9);
  assert.deepEqual(benchmarkBand(0.02, Q), { band: 'at_p50', percentile: 50 });
  // 0.035 is three quarters of the way from p50 (0.02) to p75 (0.04): 50 + 25 * 0.75 = 68.75.
  const upper = benchmarkBand(0.035, Q);
  assert.equal(upper.band, 'p50_p75');
  assert.ok(Math.abs((upper.percentile ?? 0) - 68.75) < 1e-9);
  assert.deepEqual(benchmarkBand(0.04, Q), { band: 'at_p75', percentile: 75 });
  assert.deepEqual(benchmarkBand(0.05, Q), { band: 'above_p75', percentile: null });
});

const set = (over: Partial<BenchmarkSet>): BenchmarkSet => ({
  name: 'retail',
  file: 'benchmarks/retail.yaml',
  label: 'retail brands',
  kind: 'industry',
  source: 'Example Survey 2026',
  date: '2026-02-01',
  example: false,
  benchmarks: [
    { metric: 'er', platform: 'Instagram', filter: { platform: 'instagram' }, period: 'month', ...Q },
    { metric: 'er', period: 'month', p25: 1, p50: 2, p75: 3 },
    { metric: 'cpc', period: 'week', p25: 0.5, p50: 0.8, p75: 1.2 },
  ],
  ...over,
});

test('a benchmark applies to KPIs on its metric, with exactly its filter and period', () => {
  const [r, ...rest] = benchmarkReadings([set({})], {
    metric: 'er',
    filter: { platform: ['instagram'] },
    grain: 'month',
    direction: 'higher',
    value: 0.05,
  });
  assert.equal(rest.length, 0);
  assert.equal(r?.band, 'above_p75');
  assert.equal(r?.sense, 'better');
  assert.equal(r?.phrase, 'above the p75 of retail brands on Instagram (source Example Survey 2026, 2026)');
  // Another filter, another period or another metric: nothing applies.
  assert.deepEqual(
    benchmarkReadings([set({})], {
      metric: 'er',
      filter: { platform: 'tiktok' },
      grain: 'month',
      direction: 'higher',
      value: 1,
    }),
    [],
  );
  assert.deepEqual(
    benchmarkReadings([set({})], { metric: 'er', grain: 'week', direction: 'higher', value: 1 }),
    [],
  );
  // No filter: the entry without a filter.
  const plain = benchmarkReadings([set({})], {
    metric: 'er',
    grain: 'month',
    direction: 'higher',
    value: 2.5,
  });
  assert.equal(plain[0]?.band, 'p50_p75');
  assert.equal(plain[0]?.percentile, 62.5); // 50 + 25 * 0.5
  assert.deepEqual(
    benchmarkReadings([set({})], { metric: 'er', grain: 'month', direction: 'higher', value: null }),
    [],
  );
});

test('lower is better: above the median is worse; an example set says so', () => {
  const [r] = benchmarkReadings([set({ example: true, label: 'example brands' })], {
    metric: 'cpc',
    grain: 'week',
    direction: 'lower',
    value: 1,
  });
  assert.equal(r?.band, 'p50_p75');
  assert.equal(r?.sense, 'worse');
  assert.ok(Math.abs((r?.percentile ?? 0) - 62.5) < 1e-9); // 50 + 25 * (0.2 / 0.4)
  assert.equal(
    r?.phrase,
    'between the median and the p75 of example brands (example figures, not real data; source Example Survey 2026, 2026)',
  );
});
