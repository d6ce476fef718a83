// Each target kind and status against hand-worked numbers, lower-is-better and no data
// included. Goal period 2026-01-01..2026-03-31 is 90 days; on 2026-02-14, 45 have passed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TargetDef } from '@kpi/core';
import { evaluateTarget, type TargetInput } from './target-status.js';

const goalPeriod = { start: '2026-01-01', end: '2026-03-31' };
const MID = '2026-02-14';
const AFTER = '2026-04-02';

const run = (
  target: Partial<TargetDef> & Pick<TargetDef, 'kind' | 'value'>,
  actual: number | null,
  more: Partial<TargetInput> = {},
) =>
  evaluateTarget({
    target: { deadline: '2026-03-31', ...target },
    direction: 'higher',
    goalPeriod,
    asOf: MID,
    actual,
    baseline: null,
    ...more,
  });

const near = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-9, `${a} != ${b}`);

describe('cumulative target (500 by 31 Mar)', () => {
  const t = { kind: 'cumulative', value: 500 } as const;
  test('pace: expected, behind, needed run-rate', () => {
    const r = run(t, 240);
    near(r.reading.expected, 250);
    near(r.reading.behind, 0.04);
    near(r.reading.progress, 0.48);
    near(r.reading.requiredPerDay, 260 / 45);
    near(r.reading.currentPerDay, 240 / 45);
    near(r.reading.runRateAtDeadline, 480);
    assert.equal(r.reading.daysLeft, 45);
    assert.equal(r.status, 'on_track');
  });
  test('statuses by default thresholds (5% at risk, 15% off track)', () => {
    assert.equal(run(t, 250).status, 'on_track');
    assert.equal(run(t, 225).status, 'at_risk'); // 10% behind
    assert.equal(run(t, 200).status, 'off_track'); // 20% behind
    assert.equal(run(t, 510).status, 'achieved'); // reached before the deadline
    assert.equal(run(t, null).status, 'no_data');
  });
  test('tolerance and per-KPI thresholds move the bands', () => {
    assert.equal(run({ ...t, tolerance: 0.1 }, 225).status, 'on_track');
    assert.equal(run(t, 240, { thresholds: { at_risk: 0.02, off_track: 0.05 } }).status, 'at_risk');
    assert.equal(run(t, 230, { thresholds: { at_risk: 0.02, off_track: 0.05 } }).status, 'off_track');
  });
  test('after the deadline: achieved within tolerance, else missed', () => {
    assert.equal(run({ ...t, tolerance: 0.05 }, 480, { asOf: AFTER }).status, 'achieved');
    assert.equal(run({ ...t, tolerance: 0.05 }, 470, { asOf: AFTER }).status, 'missed');
    assert.equal(run(t, 500, { asOf: AFTER }).status, 'achieved');
  });
  test('seasonal path follows last year; falls back to linear without it', () => {
    const r = run({ ...t, path: 'seasonal' }, 150, { seasonalShare: 0.3 });
    near(r.reading.expected, 150);
    assert.equal(r.reading.pathUsed, 'seasonal');
    assert.equal(r.status, 'on_track');
    const f = run({ ...t, path: 'seasonal' }, 150, { seasonalShare: null });
    assert.equal(f.reading.pathUsed, 'linear');
    assert.equal(f.status, 'off_track');
  });
  test('lower is better: a budget of 1,000', () => {
    const b = { kind: 'cumulative', value: 1000 } as const;
    const over = run(b, 600, { direction: 'lower' });
    near(over.reading.behind, 0.2); // 600 spent against 500 on the path
    assert.equal(over.status, 'off_track');
    assert.equal(run(b, 480, { direction: 'lower' }).status, 'on_track');
    assert.equal(run(b, 1100, { direction: 'lower' }).status, 'missed');
  });
});

describe('reach target', () => {
  test('a rate from 2% to 3%: half way on the path', () => {
    const r = run({ kind: 'reach', value: 0.03 }, 0.025, { baseline: 0.02 });
    near(r.reading.expected, 0.025);
    near(r.reading.progress, 0.5);
    assert.equal(r.status, 'on_track');
    assert.equal(run({ kind: 'reach', value: 0.03 }, 0.02, { baseline: 0.02 }).status, 'off_track');
  });
  test('lower is better: cost per lead from 40 to 30', () => {
    const t = { kind: 'reach', value: 30 } as const;
    const m = { baseline: 40, direction: 'lower' } as const;
    near(run(t, 36, m).reading.behind, 1 / 35);
    assert.equal(run(t, 36, m).status, 'on_track');
    assert.equal(run(t, 38, m).status, 'at_risk'); // 3/35 = 8.6% behind
    near(run(t, 38, m).reading.progress, 0.2);
    assert.equal(run(t, 42, m).status, 'off_track'); // 7/35 = 20% behind
    assert.equal(run(t, 30, { ...m, asOf: AFTER }).status, 'achieved');
    assert.equal(run(t, 31, { ...m, asOf: AFTER }).status, 'missed');
    assert.equal(run(t, null, m).status, 'no_data');
  });
  test('without a baseline there is no path: at risk until the target is met', () => {
    const r = run({ kind: 'reach', value: 100 }, 90);
    assert.equal(r.reading.expected, null);
    assert.equal(r.status, 'at_risk');
    assert.equal(run({ kind: 'reach', value: 100 }, 100).status, 'on_track');
  });
});

describe('stay above / stay below', () => {
  test('a CTR floor of 1.3%', () => {
    const t = { kind: 'stay_above', value: 0.013 } as const;
    assert.equal(run(t, 0.014).status, 'on_track');
    assert.equal(run(t, 0.0125).status, 'at_risk'); // 3.8% below, within the default 5%
    assert.equal(run(t, 0.012).status, 'off_track'); // 7.7% below
    assert.equal(run(t, null).status, 'no_data');
  });
  test('a cost-per-lead ceiling of 88 with 5% tolerance (lower is better)', () => {
    const t = { kind: 'stay_below', value: 88, tolerance: 0.05 } as const;
    const m = { direction: 'lower' } as const;
    assert.equal(run(t, 80, m).status, 'on_track');
    near(run(t, 90, m).reading.behind, 2 / 88);
    assert.equal(run(t, 90, m).status, 'at_risk');
    assert.equal(run(t, 95, m).status, 'off_track');
    assert.equal(run(t, 85, { ...m, asOf: AFTER, wholePeriodValue: 85 }).status, 'achieved');
    assert.equal(run(t, 85, { ...m, asOf: AFTER, wholePeriodValue: 93 }).status, 'missed');
    assert.equal(run(t, 85, { ...m, asOf: AFTER, wholePeriodValue: null }).status, 'no_data');
  });
});
