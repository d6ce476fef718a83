// Churn labels and features computed by hand on a five-customer fixture, the
// Poisson-binomial interval against its exact distribution, and the ranking metrics.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { churnedBy, snapshotAt, FEATURES, type CustomerActivity } from './churn-data.js';
import { poissonBinomialInterval } from './poisson-binomial.js';
import { auc, brier, reliability } from './classifier-metrics.js';

// Day numbers. Rule: gone after 30 days without activity; horizon 30 days; snapshot at day 100.
//   c0: 10, 50, 95, 120      active at 100 (last 95); next activity 120 <= 130 → stays (y 0)
//   c1: 20, 60, 80           active at 100 (last 80, 20 days quiet); nothing in (100,130] → gone (y 1)
//   c2: 5, 40                last 40 <= 100−30 → already gone at 100: not in the snapshot
//   c3: 100, 101             started on the snapshot day: active; 101 is after → stays (y 0)
//   c4: 110                  not started by 100: not in the snapshot
//   c5: 30, 90, cancel 105   active at 100; cancelled within the horizon → gone (y 1)
const offsets = Int32Array.from([0, 4, 7, 9, 11, 12, 14]);
const days = Int32Array.from([10, 50, 95, 120, 20, 60, 80, 5, 40, 100, 101, 110, 30, 90]);
const amounts = Float64Array.from([10, 20, 30, 40, 5, 5, 5, 1, 1, 7, 7, 3, 50, 60]);
const cancelDay = Float64Array.from([NaN, NaN, NaN, NaN, NaN, 105]);
const fixture: CustomerActivity = { count: 6, offsets, days, amounts, cancelDay };
const rule = { kind: 'inactivity', days: 30 } as const;

describe('churn labels', () => {
  test('who is active at day 100 and who is gone by day 130, by hand', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((c) => churnedBy(fixture, rule, c, 100)),
      [false, false, true, false, undefined, false],
    );
    const s = snapshotAt(fixture, rule, 100, 30, 200);
    assert.deepEqual(Array.from(s.customers), [0, 1, 3, 5]);
    assert.deepEqual(Array.from(s.y ?? []), [0, 1, 0, 1]);
    // Recency: 100−95, 100−80, 0, 100−90; amount over the last 90 days (days 11..100).
    assert.deepEqual(Array.from(s.recencyDays), [5, 20, 0, 10]);
    assert.deepEqual(Array.from(s.amount90), [20 + 30, 5 + 5 + 5, 7, 50 + 60]);
    // Features of c0: log1p(5), log1p(2 activities in 90 days), log1p(90 tenure), trend log((1+1)/(1+1)): day 95 in the last 30, day 50 in the 30 before.
    const row = Array.from(s.x.subarray(0, FEATURES));
    const want = [Math.log1p(5), Math.log1p(2), Math.log1p(90), 0, Math.log1p(50)];
    row.forEach((v, j) => assert.ok(Math.abs(v - (want[j] as number)) < 1e-12, `feature ${j}`));
  });

  test('a snapshot whose horizon is not yet seen has no labels; cancel-only rules ignore silence', () => {
    assert.equal(snapshotAt(fixture, rule, 100, 30, 120).y, undefined);
    const cancelOnly = { kind: 'cancel' } as const;
    assert.equal(churnedBy(fixture, cancelOnly, 2, 100), false);
    assert.equal(churnedBy(fixture, cancelOnly, 5, 105), true);
    assert.equal(churnedBy(fixture, cancelOnly, 5, 104), false);
  });
});

describe('poisson-binomial and ranking metrics', () => {
  test('exact interval for p = (0.5, 0.5): P(0)=1/4, P(1)=1/2, P(2)=1/4', () => {
    const r = poissonBinomialInterval([0.5, 0.5], 0.4);
    assert.equal(r.mean, 1);
    assert.equal(r.method, 'exact');
    // Tails of 0.3 each: P(0) = 0.25 <= 0.3, so the interval starts at 1; likewise ends at 1.
    assert.deepEqual([r.low, r.high], [1, 1]);
    const wide = poissonBinomialInterval([0.5, 0.5], 0.8);
    assert.deepEqual([wide.low, wide.high], [0, 2]);
  });

  test('normal route for many trials matches mean and sd', () => {
    const p = Array.from({ length: 10_000 }, (_, i) => (i % 10) / 20);
    const r = poissonBinomialInterval(p, 0.8);
    assert.equal(r.method, 'normal');
    assert.ok(Math.abs(r.mean - 2250) < 1e-6);
    const v = p.reduce((a, q) => a + q * (1 - q), 0);
    assert.ok(Math.abs(r.sd - Math.sqrt(v)) < 1e-9);
    assert.ok(r.low < 2250 - 1.28 * r.sd && r.high > 2250 + 1.28 * r.sd);
  });

  test('AUC, Brier and reliability by hand', () => {
    // Scores 0.1, 0.4, 0.35, 0.8 with labels 0, 0, 1, 1: pairs (pos, neg) ordered right 3 of 4.
    assert.equal(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75);
    assert.equal(auc([0.5, 0.5], [0, 1]), 0.5);
    assert.ok(
      Math.abs(brier([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) - (0.01 + 0.16 + 0.4225 + 0.04) / 4) < 1e-12,
    );
    const bins = reliability([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], 2);
    assert.deepEqual(
      bins.map((b) => [Math.round(b.predicted * 100) / 100, b.observed, b.count]),
      [
        [0.15, 0, 2],
        [0.85, 1, 2],
      ],
    );
  });
});
