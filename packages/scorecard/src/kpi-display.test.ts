// How a reading reads, checked on hand-made rows against hand-computed answers: the noise
// rule (a change within the usual week-to-week variation names no driver), the member
// limit with 700 campaigns (the parts still sum to the change), a young week's headline
// (the last complete week, the current one "so far"), a comparison against a week that
// holds almost no data, the minimum volume of a ratio KPI, YAML labels for members and
// percentage points for percent metrics.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { comparisonWindows, periodToDate, type CalendarSettings } from '@kpi/core';
import { evaluateKpi, type KpiInput } from './evaluate-kpi.js';
import { usualChange } from './cause-noise.js';

const calendar: CalendarSettings = { weekStart: 'monday', fiscalYearStart: 1 };
const asOf = '2026-02-15'; // a Sunday: the week of 9–15 Feb is complete

const week = (start: string, end: string, value: number | null) => ({ range: { start, end }, value });
// Five closed weeks (100, 110, 95, 105, 100) and the current one.
const closed = [
  week('2026-01-12', '2026-01-18', 100),
  week('2026-01-19', '2026-01-25', 110),
  week('2026-01-26', '2026-02-01', 95),
  week('2026-02-02', '2026-02-08', 105),
  week('2026-02-09', '2026-02-15', 100),
];

const base = (over: Partial<KpiInput> = {}): KpiInput => ({
  kpi: 'leads',
  label: 'Leads',
  goal: 'g',
  goalPeriod: { start: '2026-01-01', end: '2026-03-31' },
  metric: 'leads',
  format: { unit: 'count' },
  direction: 'higher',
  asOf,
  grain: 'week',
  calendar,
  windows: comparisonWindows(asOf, 'week', calendar),
  values: { current: 103, previous: 100, lastYear: null, goalToDate: null, baseline: null },
  series: [...closed.slice(1), week('2026-02-09', '2026-02-15', 103)],
  drivers: [
    {
      dimension: 'channel',
      kind: 'additive',
      label: 'Channel',
      labels: { meta_ads: 'Meta ads' },
      members: [
        { member: 'meta_ads', current: 63, previous: 50 },
        { member: 'search', current: 40, previous: 50 },
      ],
    },
  ],
  annotations: [],
  ...over,
});

describe('the noise rule', () => {
  test('the usual variation is the median absolute week-to-week change', () => {
    // |110/100-1| = 0.1, |95/110-1| = 0.13636, |105/95-1| = 0.10526, |100/105-1| = 0.04762:
    // the median of four is (0.1 + 0.10526) / 2.
    const u = usualChange(closed.map((p) => p.value));
    assert.ok(u !== undefined && Math.abs(u - (0.1 + 10 / 95) / 2) < 1e-12);
    assert.equal(usualChange([100, 110, 95]), undefined, 'too few changes to judge');
  });

  test('+3% inside a usual ±10% names no driver, and the split still sums to the change', () => {
    const r = evaluateKpi(base({ series: [...closed, week('2026-02-16', '2026-02-22', 103)] }));
    assert.equal(r.cause.drivers.length, 0);
    assert.ok(r.cause.noise);
    assert.match(
      r.cause.note ?? '',
      /^no meaningful change: within the usual week-to-week variation \(±10%\)$/,
    );
    const c = r.cause.dimensions[0];
    assert.equal(c?.change, 3);
    assert.equal(
      (c?.members ?? []).reduce((a, m) => a + m.effect, 0),
      3,
    );
    assert.equal(r.sentence, 'Leads: 103 this week; +3% on last week; no meaningful change.');
  });

  test('+30% is beyond the usual variation: the driver is named by its label, with before and after', () => {
    const r = evaluateKpi(
      base({
        series: [...closed, week('2026-02-16', '2026-02-22', 130)],
        values: { current: 130, previous: 100, lastYear: null, goalToDate: null, baseline: null },
        drivers: [
          {
            dimension: 'channel',
            kind: 'additive',
            labels: { meta_ads: 'Meta ads' },
            members: [
              { member: 'meta_ads', current: 80, previous: 50 },
              { member: 'search', current: 50, previous: 50 },
            ],
          },
        ],
      }),
    );
    assert.equal(r.cause.noise, undefined);
    const d = r.cause.drivers[0];
    assert.equal(d?.label, 'Meta ads');
    assert.equal(d?.previous, 50);
    assert.equal(d?.current, 80);
    assert.equal(r.cause.dimensions[0]?.members[0]?.label, 'Meta ads');
    assert.equal(
      r.sentence,
      'Leads: 130 this week; +30% on last week; Meta ads produced 100% of the rise (50 → 80).',
    );
  });

  test('an empty period says so', () => {
    const r = evaluateKpi(
      base({
        drivers: [],
        values: { current: null, previous: 100, lastYear: null, goalToDate: null, baseline: null },
      }),
    );
    assert.equal(r.cause.note, 'no data this week yet, so no change to explain');
  });
});

describe('the member limit with 700 campaigns', () => {
  // Campaign i (1..700): 100 + i sends before and 100 + 2i now; (i mod 7) + 1 clicks
  // before and (i mod 11) + 1 now. All integers, so the totals are exact.
  const members = Array.from({ length: 700 }, (_, k) => {
    const i = k + 1;
    return {
      member: `c${i}`,
      current: { numerator: (i % 11) + 1, denominator: 100 + 2 * i },
      previous: { numerator: (i % 7) + 1, denominator: 100 + i },
    };
  });
  const sum = (f: (m: (typeof members)[number]) => number) => members.reduce((a, m) => a + f(m), 0);
  const N1 = sum((m) => m.current.numerator);
  const D1 = sum((m) => m.current.denominator);
  const N0 = sum((m) => m.previous.numerator);
  const D0 = sum((m) => m.previous.denominator);

  test('a ratio KPI keeps 5 members + others; effects, mix and rate still add up to R1 − R0', () => {
    const r = evaluateKpi(
      base({
        format: { unit: 'percent' },
        maxMembers: 5,
        series: [week('2026-02-09', '2026-02-15', N1 / D1)],
        values: { current: N1 / D1, previous: N0 / D0, lastYear: null, goalToDate: null, baseline: null },
        drivers: [{ dimension: 'campaign', kind: 'ratio', members }],
      }),
    );
    const c = r.cause.dimensions[0];
    assert.ok(c);
    assert.equal(c.members.length, 5);
    assert.equal(c.others?.count, 695);
    const change = N1 / D1 - N0 / D0;
    const parts = c.members.reduce((a, m) => a + m.effect, 0) + (c.others?.effect ?? 0);
    assert.ok(Math.abs(parts - change) < 1e-12, `${parts} vs ${change}`);
    const mixRate =
      c.members.reduce((a, m) => a + (m.mix ?? 0) + (m.rate ?? 0), 0) +
      (c.others?.mix ?? 0) +
      (c.others?.rate ?? 0);
    assert.ok(Math.abs(mixRate - change) < 1e-12);
    // The kept ones are the largest effects of all 700.
    const smallestKept = Math.min(...c.members.map((m) => Math.abs(m.effect)));
    const largestOther = [...members]
      .map((m) => Math.abs(m.current.numerator / D1 - m.previous.numerator / D0))
      .sort((a, b) => b - a)[5] as number;
    assert.ok(smallestKept >= largestOther);
  });

  test('an additive KPI: 10 kept, 690 summed, the total exact', () => {
    const r = evaluateKpi(
      base({
        maxMembers: 10,
        values: { current: N1, previous: N0, lastYear: null, goalToDate: null, baseline: null },
        drivers: [
          {
            dimension: 'campaign',
            kind: 'additive',
            members: members.map((m) => ({
              member: m.member,
              current: m.current.numerator,
              previous: m.previous.numerator,
            })),
          },
        ],
      }),
    );
    const c = r.cause.dimensions[0];
    assert.equal(c?.members.length, 10);
    assert.equal(c?.others?.count, 690);
    assert.equal((c?.members ?? []).reduce((a, m) => a + m.effect, 0) + (c?.others?.effect ?? 0), N1 - N0);
  });
});

describe('partial periods', () => {
  const tuesday = '2026-02-17'; // 2 of 7 days of the week of 16 Feb

  test('a young week: the headline is last week, the current one reads "so far (2 of 7 days)"', () => {
    const r = evaluateKpi(
      base({
        asOf: tuesday,
        windows: comparisonWindows('2026-02-15', 'week', calendar),
        soFar: { window: periodToDate(tuesday, 'week', calendar), value: 12 },
        values: { current: 60, previous: 50, lastYear: null, goalToDate: null, baseline: null },
        series: [week('2026-02-09', '2026-02-15', 60), week('2026-02-16', '2026-02-17', 12)],
        drivers: [],
      }),
    );
    assert.equal(r.value, 60);
    assert.equal(r.current.partial, false);
    assert.deepEqual(r.current.range, { start: '2026-02-09', end: '2026-02-15' });
    assert.equal(r.soFar?.value, 12);
    assert.equal(r.soFar?.elapsedDays, 2);
    assert.equal(r.soFar?.totalDays, 7);
    assert.equal(r.series[1]?.partial, true, 'the unfinished point is marked');
    assert.equal(r.comparisons[0]?.aligned, false);
    assert.equal(r.comparisons[0]?.change, 10);
    assert.equal(
      r.sentence,
      'Leads: 60 last week; so far this week 12 (2 of 7 days); +20% on the week before.',
    );
  });

  test('a comparison against a week with data on 1 of 7 days is flagged, not computed', () => {
    const r = evaluateKpi(
      base({
        values: {
          current: 2567,
          previous: 96,
          lastYear: null,
          goalToDate: null,
          baseline: null,
          daysWithData: { current: 7, previous: 1, lastYear: 0 },
        },
      }),
    );
    const prev = r.comparisons[0];
    assert.equal(prev?.change, null);
    assert.equal(prev?.changeRelative, null);
    assert.deepEqual(prev?.thin, { daysWithData: 1, currentDaysWithData: 7 });
    assert.equal(r.cause.drivers.length, 0);
    assert.doesNotMatch(r.sentence, /%/);
    assert.equal(
      r.sentence,
      'Leads: 2,567 this week; no comparison with last week: it holds data on only 1 day.',
    );
  });

  test('a ratio KPI needs a minimum volume before a verdict', () => {
    const rate = (volume: number) =>
      evaluateKpi(
        base({
          label: 'Unsubscribe rate',
          format: { unit: 'percent' },
          direction: 'lower',
          target: { kind: 'stay_below', value: 0.01 },
          volumeLabel: 'sends',
          drivers: [],
          // Stay kinds are judged over the goal period (docs/verdict.md): 0.5% so far, under the 1% ceiling.
          values: { current: 1, previous: 0, lastYear: null, goalToDate: 0.005, baseline: null, volume },
        }),
      );
    const one = rate(1);
    assert.equal(one.status, 'no_data');
    assert.equal(one.statusReason, 'too few sends (1) to judge');
    assert.deepEqual(one.volume, { value: 1, min: 30, label: 'sends' });
    assert.match(one.sentence, /; too few sends \(1\) to judge;/);
    const many = rate(30);
    assert.notEqual(many.status, 'no_data');
  });

  test('percent metrics change in percentage points', () => {
    const r = evaluateKpi(
      base({
        label: 'CTR',
        format: { unit: 'percent' },
        drivers: [],
        values: { current: 0.1014, previous: 0.05, lastYear: null, goalToDate: null, baseline: null },
      }),
    );
    assert.equal(r.sentence, 'CTR: 10.1% this week; +5.1 pp on last week.');
  });
});
