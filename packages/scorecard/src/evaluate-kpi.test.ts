// One KPI evaluated end to end from numbers: the reading, the series target path, the
// comparisons with their sense, and the exact sentence (lower-is-better and no data too).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { comparisonWindows, type CalendarSettings } from '@kpi/core';
import { evaluateKpi, type KpiInput } from './evaluate-kpi.js';

const calendar: CalendarSettings = { weekStart: 'monday', fiscalYearStart: 1 };
const asOf = '2026-02-14'; // a Saturday: 6 days of the week, day 45 of a 90-day quarter goal

const base = (over: Partial<KpiInput> = {}): KpiInput => ({
  kpi: 'leads_q1',
  label: 'Qualified leads',
  goal: 'leads',
  goalPeriod: { start: '2026-01-01', end: '2026-03-31' },
  metric: 'leads',
  format: { unit: 'count' },
  direction: 'higher',
  asOf,
  grain: 'week',
  calendar,
  windows: comparisonWindows(asOf, 'week', calendar),
  target: { kind: 'cumulative', value: 500 },
  values: { current: 57, previous: 50, lastYear: 40, goalToDate: 230, baseline: null },
  series: [
    { range: { start: '2026-02-02', end: '2026-02-08' }, value: 60 },
    { range: { start: '2026-02-09', end: '2026-02-14' }, value: 57 },
  ],
  drivers: [
    {
      dimension: 'channel',
      kind: 'additive',
      members: [
        { member: 'linkedin_ads', current: 30, previous: 26 },
        { member: 'meta_ads', current: 27, previous: 24 },
      ],
    },
  ],
  annotations: [{ date: '2026-02-10', title: 'New lead form' }],
  ...over,
});

describe('evaluateKpi', () => {
  test('a cumulative KPI behind pace with a rise against the same days of last week', () => {
    const r = evaluateKpi(base());
    assert.equal(r.status, 'at_risk'); // 230 against 250 on the path: 8% behind
    assert.equal(r.value, 230);
    assert.equal(r.current.partial, true);
    assert.equal(r.comparisons[0]?.aligned, true);
    assert.equal(r.comparisons[0]?.change, 7);
    assert.equal(r.comparisons[0]?.sense, 'better');
    assert.equal(r.series[1]?.label, 'W7 2026');
    // The amount due in a whole week on a 500-in-90-days path, and in the 6 days so far.
    assert.ok(Math.abs((r.series[0]?.target ?? 0) - (500 * 7) / 90) < 1e-9);
    assert.deepEqual(
      r.annotations.map((a) => a.title),
      ['New lead form'],
    );
    assert.equal(
      r.sentence,
      'Qualified leads: 230 of 500 by 31 Mar (46%), 8% behind pace; +14% on the same 6 days of last week; linkedin_ads (channel) produced 57% of the rise (26 → 30).',
    );
  });

  test('lower is better: a rising cost per lead is worse, and the sentence says over the ceiling', () => {
    const r = evaluateKpi(
      base({
        label: 'Cost per lead',
        metric: 'cost_per_lead',
        format: { unit: 'currency', currency: 'EUR' },
        direction: 'lower',
        target: { kind: 'stay_below', value: 40, tolerance: 0.1 },
        // A stay kind is judged over the goal period to date (docs/verdict.md).
        values: { current: 42, previous: 38, lastYear: 45, goalToDate: 42, baseline: null },
        drivers: undefined,
      }),
    );
    assert.equal(r.status, 'at_risk');
    assert.equal(r.comparisons[0]?.sense, 'worse');
    assert.equal(r.comparisons[1]?.sense, 'better');
    assert.equal(
      r.sentence,
      'Cost per lead: €42.00 over the goal period so far, over the ceiling of €40.00 by 5%; +11% on the same 6 days of last week.',
    );
  });

  test('a stay kind names the period it judges: the goal period so far, then the goal period once it has ended', () => {
    const stay = (goalPeriod: { start: string; end: string }) =>
      evaluateKpi(
        base({
          label: 'Click rate',
          metric: 'ctr',
          format: { unit: 'percent' },
          goalPeriod,
          target: { kind: 'stay_above', value: 0.04 },
          values: { current: 0.03, previous: 0.05, lastYear: null, goalToDate: 0.05, baseline: null },
          drivers: undefined,
        }),
      ).sentence;
    const running = stay({ start: '2026-01-01', end: '2026-03-31' });
    assert.match(running, /^Click rate: 5\.00% over the goal period so far, above the floor of 4\.00%;/);
    const ended = stay({ start: '2026-01-01', end: '2026-02-10' });
    assert.match(
      ended,
      /^Click rate: 5\.00% over the goal period, (above the floor of|target met \(floor) 4\.00%/,
    );
    for (const s of [running, ended]) assert.doesNotMatch(s, /this week/);
  });

  test('no data and no target', () => {
    const none = evaluateKpi(
      base({ values: { current: null, previous: 50, lastYear: null, goalToDate: null, baseline: null } }),
    );
    assert.equal(none.status, 'no_data');
    assert.equal(none.comparisons[0]?.sense, 'unknown');
    assert.equal(none.sentence, 'Qualified leads: no data this week so far.');
    const free = evaluateKpi(base({ target: undefined }));
    assert.equal(free.status, 'no_target');
    assert.equal(free.target, undefined);
    assert.match(free.sentence, /^Qualified leads: 57 this week so far; \+14%/);
  });
});
