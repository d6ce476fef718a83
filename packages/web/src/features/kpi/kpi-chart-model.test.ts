// The KPI chart model: rows per period, the forecast joined to the last actual, the summary
// fallback, last year's line, anomalies, annotations and ticks. Answers worked out by hand.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Annotation, ForecastBand, KpiReading, SeriesPoint } from '../../api/api-types';
import {
  buildChartModel,
  chartAnnotations,
  dayMs,
  durationTicks,
  lastYearStart,
  monthTicks,
  splitUnfinished,
  tickLabel,
} from './kpi-chart-model';

const week = (
  start: string,
  end: string,
  label: string,
  value: number | null,
  target: number | null = null,
): SeriesPoint => ({
  start,
  end,
  label,
  value,
  target,
  partial: false,
});

const reading = (over: Partial<KpiReading> = {}): KpiReading => ({
  kind: 'kpi_reading',
  kpi: 'k',
  goal: 'g',
  metric: 'm',
  format: { unit: 'count' },
  direction: 'higher',
  asOf: '2026-11-21',
  grain: 'week',
  value: 30,
  status: 'on_track',
  comparisons: [],
  series: [
    week('2026-11-02', '2026-11-08', 'W45', 10, 12),
    week('2026-11-09', '2026-11-15', 'W46', 20, 12),
    { ...week('2026-11-16', '2026-11-21', 'W47', 5, 10), partial: true },
  ],
  annotations: [],
  sentence: '',
  ...over,
});

const target = (kind: 'reach' | 'cumulative' | 'stay_above', value: number) =>
  ({ kind, value, deadline: '2026-12-31' }) as unknown as KpiReading['target'];

test('dates are calendar days in UTC, last year is 52 weeks back for weeks and a year back for months', () => {
  assert.equal(dayMs('2026-11-02'), Date.UTC(2026, 10, 2));
  assert.equal(lastYearStart('2026-11-16', 'week'), '2025-11-17');
  assert.equal(lastYearStart('2026-03-01', 'month'), '2025-03-01');
});

test('month ticks: first of each month inside the range, thinned when there are many', () => {
  const t = monthTicks(dayMs('2026-05-25'), dayMs('2026-12-31'));
  assert.deepEqual(
    t.map((x) => new Date(x).toISOString().slice(0, 10)),
    ['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01'],
  );
  const two = monthTicks(dayMs('2025-01-01'), dayMs('2026-12-31'));
  // 24 months at most 7 ticks: every 6th month, Jan-aligned.
  assert.deepEqual(
    two.map((x) => new Date(x).toISOString().slice(0, 7)),
    ['2025-01', '2025-07', '2026-01', '2026-07'],
  );
  assert.equal(tickLabel(dayMs('2027-01-01')), 'Jan 2027');
  assert.equal(tickLabel(dayMs('2026-06-01')), 'Jun');
  assert.equal(tickLabel(dayMs('2026-06-01'), true), 'Jun 2026');
});

test('duration ticks land on round hours', () => {
  assert.deepEqual(durationTicks(4000, 28000), [0, 7200, 14400, 21600, 28800]);
});

test('the forecast band joins the last actual before it, and its rows follow the series', () => {
  const band: ForecastBand = {
    kpi: 'k',
    metric: 'm',
    grain: 'week',
    asOf: '2026-11-21',
    horizon: 6,
    history: [{ start: '2025-11-03', end: '2025-11-09', label: 'W45 2025', value: 7 }],
    points: [
      {
        start: '2026-11-16',
        end: '2026-11-22',
        label: 'W47',
        value: 22,
        low80: 18,
        high80: 26,
        low95: 15,
        high95: 29,
      },
      {
        start: '2026-11-23',
        end: '2026-11-29',
        label: 'W48',
        value: 23,
        low80: 17,
        high80: 29,
        low95: 14,
        high95: 32,
      },
    ],
  };
  const m = buildChartModel({
    reading: reading({ target: target('cumulative', 100) }),
    band,
    annotations: [],
  });
  assert.equal(m.forecast, 'band');
  assert.deepEqual(
    m.rows.map((r) => [r.label, r.value, r.fc]),
    [
      ['W45', 10, null],
      ['W46', 20, 20],
      ['W47', 5, 22],
      ['W48', null, 23],
    ],
  );
  assert.deepEqual(m.rows[1]?.band80, [20, 20]);
  // One of three actual weeks has last year's value: fewer than half, so no last-year line.
  assert.equal(m.hasLastYear, false);
  assert.equal(m.rows[0]?.lastYear, null);
  // A cumulative target's path is per period: no dot at the deadline.
  assert.equal(m.targetDot, undefined);
  assert.equal(m.domain[1], dayMs('2026-12-31'));
});

test('last year is drawn when at least half the actual periods have one', () => {
  const band: ForecastBand = {
    kpi: 'k',
    metric: 'm',
    grain: 'week',
    asOf: '2026-11-21',
    horizon: 6,
    history: [
      { start: '2025-11-03', end: '2025-11-09', label: 'W45 2025', value: 7 },
      { start: '2025-11-10', end: '2025-11-16', label: 'W46 2025', value: 8 },
    ],
    points: [],
  };
  const m = buildChartModel({ reading: reading(), band, annotations: [] });
  assert.equal(m.hasLastYear, true);
  assert.deepEqual(
    m.rows.map((r) => r.lastYear),
    [7, 8, null],
  );
});

test('without the band, a level KPI draws the summary from the latest value to the deadline', () => {
  const r = reading({
    target: target('stay_above', 12),
    forecast: { atDeadline: 9, low80: 7, high80: 11, low95: 6, high95: 12, model: 'x', historyDays: 300 },
  });
  const m = buildChartModel({ reading: r, band: undefined, annotations: [] });
  assert.equal(m.forecast, 'summary');
  const last = m.rows[m.rows.length - 1];
  assert.deepEqual([last?.start, last?.fc, last?.band95, last?.target], ['2026-12-31', 9, [6, 12], 12]);
  assert.deepEqual(m.rows[2]?.band80, [5, 5]);
  assert.deepEqual(m.targetDot, { t: dayMs('2026-12-31'), value: 12 });
  assert.deepEqual(m.extent, [5, 20]);
});

test('a cumulative KPI without the band draws no forecast (the summary is a total, not a period value)', () => {
  const r = reading({
    target: target('cumulative', 100),
    forecast: {
      atDeadline: 90,
      low80: 70,
      high80: 110,
      low95: 60,
      high95: 120,
      model: 'x',
      historyDays: 300,
    },
  });
  assert.equal(buildChartModel({ reading: r, band: undefined, annotations: [] }).forecast, 'none');
});

test('anomalies mark the period holding them; annotations on one day share a numbered line', () => {
  const anomaly = {
    date: '2026-11-10',
    value: 9,
    expected: 3,
    expectedLow: 1,
    expectedHigh: 5,
    score: 4,
    direction: 'high' as const,
  };
  const notes: Annotation[] = [
    { date: '2026-11-03', title: 'A' },
    { date: '2026-11-03', end: '2026-11-05', title: 'B' },
    { date: '2024-01-01', title: 'too early' },
  ];
  const m = buildChartModel({
    reading: reading({ anomalies: [anomaly] }),
    band: undefined,
    annotations: notes,
  });
  assert.deepEqual(
    m.rows.map((r) => r.anomaly),
    [null, 20, null],
  );
  assert.deepEqual(
    m.markers.map((x) => [x.n, x.annotation.title, x.tEnd === undefined]),
    [
      [1, 'A', true],
      [2, 'B', false],
    ],
  );
  assert.deepEqual(m.markerLines, [{ t: dayMs('2026-11-03'), label: '1,2' }]);
  assert.deepEqual(m.rows[0]?.notes, [1, 2]);
});

test('project annotations: unscoped ones, and scoped ones only on a dimension of the KPI', () => {
  const r = reading({
    cause: {
      against: 'previous_period',
      change: 1,
      dimensions: [
        { dimension: 'channel', method: 'additive', current: 1, previous: 0, change: 1, members: [] },
      ],
      drivers: [],
    },
  });
  const all: Annotation[] = [
    { date: '2026-11-03', title: 'everyone' },
    { date: '2026-11-04', title: 'meta', scope: { channel: 'meta_ads' } },
    { date: '2026-11-05', title: 'tiktok platform', scope: { platform: 'tiktok' } },
    { date: '2025-01-01', title: 'old' },
  ];
  const got = chartAnnotations(r, all, { start: '2026-11-02', end: '2026-12-31' });
  assert.deepEqual(
    got.map((a) => a.title),
    ['everyone', 'meta'],
  );
  // A KPI filtered to one market keeps only annotations for that market.
  const nl = chartAnnotations(
    r,
    [{ date: '2026-11-03', title: 'de', scope: { market: 'de' } }],
    { start: '2026-11-01', end: '2026-12-31' },
    { market: 'nl' },
  );
  assert.deepEqual(nl, []);
});

test('the unfinished period is split off the solid line onto a dashed segment that joins it', () => {
  const rows = [
    { value: 120, partial: false },
    { value: 140, partial: false },
    { value: 45, partial: true },
    { value: null, partial: false }, // a forecast row after the series
  ];
  assert.deepEqual(
    splitUnfinished(rows).map((r) => [r.complete, r.soFar]),
    [
      [120, null],
      [140, 140],
      [null, 45],
      [null, null],
    ],
  );
  // Without an unfinished period, nothing is dashed.
  assert.deepEqual(
    splitUnfinished([{ value: 1, partial: false }]).map((r) => r.soFar),
    [null],
  );
});
