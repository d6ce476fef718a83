// A KPI reviewed yearly, end to end through the real CLI and a real DuckDB store: its periods
// are calendar years, `kpi forecast` forecasts and backtests years, `kpi status` reads the
// year so far against the target path with one comparison (the year before), and the
// achievability rule compares the pace needed with the best of the last four years.
// Every expected number is worked out by hand from the planted daily revenue.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '@kpi/core';
import { runKpi } from '../test/run-kpi.js';

const root = mkdtempSync(join(tmpdir(), 'kpi-yearly-'));
const dir = join(root, 'p');

const YAML = `version: 1
project: { name: Y, timezone: UTC }
datasets:
  orders:
    time: date
    key: [date]
    columns: { date: { type: date }, revenue: { type: number } }
metrics:
  revenue: { kind: simple, dataset: orders, agg: sum, column: revenue, unit: currency }
goals:
  g: { title: Grow revenue, period: { start: 2026-01-01, end: 2026-12-31 } }
kpis:
  yearly_revenue:
    metric: revenue
    goal: g
    target: { kind: cumulative, value: 80000 }
    cadence: yearly
`;

/** Revenue per day in year Y: 100 + 10·(Y − 2020), every day from 2020-01-01 to 2026-06-30. */
const perDay = (year: number): number => 100 + 10 * (year - 2020);

before(() => {
  assert.equal(runKpi(['init', dir], root).code, 0);
  writeFileSync(join(dir, 'kpi.yaml'), YAML);
  const lines = ['date,revenue'];
  for (let d = '2020-01-01'; d <= '2026-06-30'; d = addDays(d, 1))
    lines.push(`${d},${perDay(Number(d.slice(0, 4)))}`);
  writeFileSync(join(dir, 'orders.csv'), `${lines.join('\n')}\n`);
  const imp = runKpi(['import', 'orders', 'orders.csv'], dir);
  assert.equal(imp.code, 0, imp.err);
});
after(() => rmSync(root, { recursive: true, force: true }));

// Year totals by hand: days in the year × the year's daily revenue (2020 and 2024 are leap years).
const TOTALS = [
  ['2020-01-01', 366 * 100],
  ['2021-01-01', 365 * 110],
  ['2022-01-01', 365 * 120],
  ['2023-01-01', 365 * 130],
  ['2024-01-01', 366 * 140],
  ['2025-01-01', 365 * 150],
] as const;

describe('a yearly KPI', () => {
  test('kpi forecast: the periods are years; the next year is forecast', () => {
    const r = runKpi(['forecast', 'yearly_revenue', '--as-of', '2025-12-31', '--json'], dir);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out);
    assert.equal(out.grain, 'year');
    assert.deepEqual(
      out.periods.map((p: { period: string; value: number }) => [p.period, p.value]),
      TOTALS,
    );
    assert.deepEqual(out.forecast.periods, ['2026-01-01']);
    // 2025 ran flat at 150 a day: a year ahead of it is 150 × 365 = 54,750, within 1%
    const mean = out.forecast.mean[0] as number;
    assert.ok(Math.abs(mean / 54750 - 1) < 0.01, `mean ${mean}`);
    assert.ok(out.forecast.low95[0] <= out.forecast.low80[0] && out.forecast.low80[0] <= mean);
    assert.ok(mean <= out.forecast.high80[0] && out.forecast.high80[0] <= out.forecast.high95[0]);
    const text = runKpi(['forecast', 'yearly_revenue', '--as-of', '2025-12-31'], dir).out;
    assert.match(text, /by year/);
  });

  test('kpi forecast --backtest: one-year-ahead origins on the yearly totals', () => {
    const r = runKpi(
      [
        'forecast',
        'yearly_revenue',
        '--backtest',
        '--as-of',
        '2025-12-31',
        '--horizon',
        '1',
        '--origins',
        '2',
        '--json',
      ],
      dir,
    );
    assert.equal(r.code, 0, r.err);
    const bt = JSON.parse(r.out).backtest;
    const last = bt.origins[bt.origins.length - 1];
    // the last origin forecasts 2025 (index 5) from 2020–2024
    assert.equal(last.origin, 5);
    assert.deepEqual(last.actual, [54750]);
    assert.ok(Math.abs(last.mae - Math.abs(54750 - last.mean[0])) < 1e-6);
    // the totals rise by 3,550–3,790 a year: a forecast of 2025 lies between 2024's total and
    // 2024 plus twice the largest yearly rise
    assert.ok(last.mean[0] > 51240 && last.mean[0] < 51240 + 2 * 3790, `mean ${last.mean[0]}`);
  });

  test('kpi status: the year so far against the target path, compared with the year before', () => {
    const r = runKpi(['status', '--as-of', '2026-06-30', '--json'], dir);
    assert.equal(r.code, 0, r.err);
    const k = JSON.parse(r.out).goals[0].kpis[0];
    assert.equal(k.grain, 'year');
    // 2026 is half gone: the headline is the last complete year, 2025, and 2026 so far
    assert.deepEqual([k.current.label, k.current.value], ['2025', 54750]);
    assert.deepEqual(
      [k.soFar.label, k.soFar.value, k.soFar.elapsedDays, k.soFar.totalDays],
      ['2026', 160 * 181, 181, 365],
    );
    // linear path to 80,000 over 365 days: 181 days in, 80,000 × 181 / 365 are due
    assert.ok(Math.abs(k.target.expected - (80000 * 181) / 365) < 1e-6);
    assert.ok(Math.abs(k.target.behind - (1 - (160 * 181) / ((80000 * 181) / 365))) < 1e-9);
    // one comparison: at a yearly cadence the previous period is the same period last year
    assert.equal(k.comparisons.length, 1);
    assert.equal(k.comparisons[0].kind, 'previous_period');
    assert.equal(k.comparisons[0].value, 366 * 140);
    assert.ok(Math.abs(k.comparisons[0].changeRelative - (54750 / 51240 - 1)) < 1e-12);
    const text = runKpi(['status', '--as-of', '2026-06-30'], dir).out;
    assert.match(text, /so far this year: \$29\.0K \(181 of 365 days\)/);
    assert.doesNotMatch(text, /vs last year/);
  });

  test('kpi check: the pace needed against the best of the last four years', () => {
    const r = runKpi(['check', '--as-of', '2026-06-30', '--no-forecast', '--json'], dir);
    const found = JSON.parse(r.out).findings.find(
      (f: { code: string }) => f.code === 'kpi.achievable.pace_above_history',
    );
    assert.ok(found, r.out);
    // (80,000 − 28,960) left over the 184 days from 1 Jul to 31 Dec, i.e. 184 / 365.25 years
    const needed = Math.round((80000 - 160 * 181) / (184 / 365.25));
    assert.equal(needed, 101317);
    assert.match(
      found.message,
      /needs \$101,317 a year from now on, more than the best year of the last four years \(\$54,750\)/,
    );
  });
});
