// The churn model on subscribers with planted hazards (fixed seed): it ranks better than
// chance and than recency alone, its risks are calibrated on the period that follows, and it
// refuses a history too short to learn from.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assessChurn } from './churn-model.js';
import { snapshotAt } from './churn-data.js';
import { auc, brier, reliability } from './classifier-metrics.js';
import { syntheticSubscribers } from './synthetic-churn.js';

const rule = { kind: 'inactivity', days: 30 } as const;

describe('churn model', () => {
  test('learns planted hazards: AUC above recency alone, calibrated on the next 30 days', () => {
    const world = syntheticSubscribers(11, 6000, 500);
    // Train as of day 440 and check against what happened by day 470 (unseen by the model).
    const r = assessChurn(world.activity, rule, { asOfDay: 440, horizon: 30 });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
    const a = r.value;
    const truth = snapshotAt(world.activity, rule, 440, 30, 500);
    assert.deepEqual(Array.from(truth.customers), Array.from(a.current.customers));
    const y = truth.y as Uint8Array;
    const modelAuc = auc(a.risk, y);
    const recencyAuc = auc(a.current.recencyDays, y);
    assert.ok(modelAuc > 0.7, `model AUC ${modelAuc}`);
    assert.ok(modelAuc > recencyAuc, `model ${modelAuc} vs recency ${recencyAuc}`);
    const bins = reliability(a.risk, y, 10);
    for (const b of bins) assert.ok(Math.abs(b.predicted - b.observed) < 0.1, JSON.stringify(b));
    const base = y.reduce((s, v) => s + v, 0) / y.length;
    assert.ok(brier(a.risk, y) < base * (1 - base), 'better than the base rate');
    // Expected churners against the count that happened.
    const happened = y.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(a.expected.mean - happened) < 0.15 * happened, `${a.expected.mean} vs ${happened}`);
    // No hazard changed over time in this world: a segment may only rarely pass the rise test.
    assert.ok(a.segments.length <= 1, JSON.stringify(a.segments));
  });

  test('the interval carries the calibration’s uncertainty: wider than chance alone, and it holds what happened', () => {
    // Twelve worlds (fixed seeds), learned as of day 440, scored on who left by day 470.
    let held = 0;
    let heldChanceOnly = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const world = syntheticSubscribers(seed, 4000, 500);
      const r = assessChurn(world.activity, rule, { asOfDay: 440, horizon: 30 });
      const r0 = assessChurn(world.activity, rule, { asOfDay: 440, horizon: 30, resamples: 0 });
      assert.ok(r.ok && r0.ok);
      const e = r.value.expected;
      const e0 = r0.value.expected;
      // The same risks; only the spread differs, and it can only grow (law of total variance).
      assert.equal(e.mean, e0.mean);
      assert.ok(e.sd > e0.sd && e.low <= e0.low && e.high >= e0.high, `${seed}: ${JSON.stringify([e, e0])}`);
      const happened = (snapshotAt(world.activity, rule, 440, 30, 500).y as Uint8Array).reduce(
        (s, v) => s + v,
        0,
      );
      if (happened >= e.low && happened <= e.high) held++;
      if (happened >= e0.low && happened <= e0.high) heldChanceOnly++;
    }
    // An 80% interval: about 10 of 12; chance alone holds fewer.
    assert.ok(held >= 8, `held ${held}/12`);
    assert.ok(held >= heldChanceOnly, `${held} vs ${heldChanceOnly}`);
  });

  test('too little history is refused with the reason', () => {
    const world = syntheticSubscribers(3, 40, 200);
    const r = assessChurn(world.activity, rule, { asOfDay: 199, horizon: 30 });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.issues[0]?.code, 'churn.too_little_history');
  });
});
