// Tests that the anomaly score means what it says: tail probabilities of the count models
// against hand sums, false-alarm rates on clean noise against the threshold, small counts,
// causality, volume weighting, the minimum history and per-grain period detection.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FALSE_ALARM_EVERY, detectAnomalies, scanAnomalies } from './anomaly-detection.js';
import { countLowerTail, countQuantile, countUpperTail, logGamma } from './count-distribution.js';
import { detectLevelShifts } from './level-shift-detection.js';
import { detectPeriods } from './period-detection.js';
import { createRandom } from './random-source.js';
import type { RandomSource } from './random-source.js';

const poisson = (rnd: RandomSource, lambda: number): number => {
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  const u = rnd.uniform();
  while (u > cdf) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
};

describe('count distributions', () => {
  test('Poisson tails match the hand sums', () => {
    // P(X >= 4) for Poisson(0.3) = 1 − e^−0.3 (1 + 0.3 + 0.045 + 0.0045)
    const hand = 1 - Math.exp(-0.3) * (1 + 0.3 + 0.045 + 0.0045);
    assert.ok(Math.abs(countUpperTail({ mean: 0.3, variance: 0.3 }, 4) / hand - 1) < 1e-9);
    assert.ok(Math.abs(countLowerTail({ mean: 0.3, variance: 0.3 }, 0) - Math.exp(-0.3)) < 1e-12);
    // far tail keeps its relative accuracy: P(X >= 20) ≈ e^−0.3 0.3^20 / 20! (first term dominates)
    const far = (Math.exp(-0.3) * 0.3 ** 20) / Math.exp(logGamma(21));
    assert.ok(Math.abs(countUpperTail({ mean: 0.3, variance: 0.3 }, 20) / far - 1) < 0.02);
  });

  test('negative binomial tails match the pmf summed from its definition', () => {
    // mean 2, variance 6: r = 4/4 = 1, a geometric: P(X = k) = (1/3)(2/3)^k, P(X >= k) = (2/3)^k
    const d = { mean: 2, variance: 6 };
    for (const k of [0, 1, 3, 10, 40]) assert.ok(Math.abs(countUpperTail(d, k) / (2 / 3) ** k - 1) < 1e-9);
    assert.ok(Math.abs(countLowerTail(d, 2) - (1 - (2 / 3) ** 3)) < 1e-12);
    // quantile: smallest k with 1 − (2/3)^(k+1) >= 0.99 → k = 11
    assert.equal(countQuantile(d, 0.99), 11);
  });
});

describe('the anomaly score is a calibrated tail probability', () => {
  test('a pure Poisson(0.3) daily count flags nothing at the default threshold', () => {
    const rnd = createRandom(3);
    const values = Array.from({ length: 365 }, () => poisson(rnd, 0.3));
    assert.ok(values.filter((v) => v === 0).length > 200, 'most days are zero');
    const scan = scanAnomalies({ values }, { grain: 'day' });
    assert.equal(scan.model, 'count');
    assert.deepEqual(
      scan.points.filter((p) => p?.anomaly),
      [],
    );
    assert.equal(detectAnomalies({ values, period: 7 }, { since: 365 - 28 }).length, 0);
    for (const p of scan.points) if (p) assert.ok(p.expectedLow >= 0 && p.score < 3, JSON.stringify(p));
  });

  test('false alarms on clean noise stay near the rate the threshold names', () => {
    const rnd = createRandom(8);
    const gauss = Array.from({ length: 20_000 }, () => 100 + 10 * rnd.normal());
    const counts = Array.from({ length: 20_000 }, () => poisson(rnd, 3));
    for (const values of [gauss, counts]) {
      const scan = scanAnomalies({ values, period: 7 }, { falseAlarmEvery: 100 });
      const judged = scan.points.filter((p) => p !== null);
      const rate = judged.filter((p) => p.anomaly).length / judged.length;
      // gaussian near 1%; counts are discrete and carry parameter uncertainty, so below it
      assert.ok(rate > 0.001 && rate < 0.016, `${scan.model}: ${rate}`);
    }
    assert.equal(DEFAULT_FALSE_ALARM_EVERY, 1000);
  });

  test('a burst in a small count is flagged, and no count gets a negative range', () => {
    const rnd = createRandom(12);
    const values = Array.from({ length: 120 }, () => poisson(rnd, 2));
    values[100] = 14;
    const found = detectAnomalies({ values, period: 7 });
    assert.deepEqual(
      found.map((a) => [a.index, a.direction]),
      [[100, 'high']],
    );
    const a = found[0];
    assert.ok(a && a.probability < 1e-3 && a.expectedHigh < 14 && a.expectedLow >= 0);
  });
});

describe('how points are judged', () => {
  test('causal: a point is judged on what came before it only', () => {
    const rnd = createRandom(4);
    const values = Array.from({ length: 200 }, (_, t) => 50 + 10 * Math.sin(t) + rnd.normal());
    const before = scanAnomalies({ values, period: 7 }).points;
    const changed = [...values];
    changed[150] = 500;
    const after = scanAnomalies({ values: changed, period: 7 }).points;
    assert.deepEqual(after.slice(0, 150), before.slice(0, 150));
    assert.equal(after[150]?.anomaly, true);
  });

  test('nothing is judged before the minimum history, which the scan reports', () => {
    const values = Array.from({ length: 40 }, (_, t) => 10 + (t % 7));
    const scan = scanAnomalies({ values, period: 7 });
    assert.equal(scan.minHistory, 14);
    assert.ok(scan.points.slice(0, 14).every((p) => p === null));
    assert.ok(scan.points.slice(14).every((p) => p !== null));
    assert.equal(
      scanAnomalies({ values }, { grain: 'hour' }).minHistory,
      72,
      'three days to test the daily cycle',
    );
  });

  test('ratios are judged with volume weighting: a low-volume day may swing more', () => {
    // a rate of 0.05 measured on 10,000 visits a day, except two days with 100 visits
    const rnd = createRandom(6);
    const weights = Array.from({ length: 100 }, (_, t) => (t === 80 || t === 90 ? 100 : 10_000));
    const values = weights.map((d) => 0.05 + rnd.normal() * Math.sqrt((0.05 * 0.95) / d));
    values[80] = 0.065; // +0.015 on 100 visits: under 1 sd there
    values[90] = 0.05;
    values[95] = 0.065; // +0.015 on 10,000 visits: about 7 sd
    const found = detectAnomalies({ values }, { weights }).map((a) => a.index);
    assert.deepEqual(found, [95]);
    const unweighted = detectAnomalies({ values }).map((a) => a.index);
    assert.ok(unweighted.includes(80), 'without weights the low-volume day looks unusual');
  });

  test('constant series: a tiny floor, so a 5% move is flagged but nothing else', () => {
    const values = Array.from({ length: 60 }, () => 200.5);
    values[50] = 210.5;
    assert.deepEqual(
      detectAnomalies({ values }).map((a) => a.index),
      [50],
    );
  });

  test('periods are found at the data grain: hour of day in 5-minute data, weekday in daily', () => {
    const rnd = createRandom(9);
    const fiveMin = Array.from(
      { length: 288 * 6 },
      (_, t) => 100 + 40 * Math.sin((2 * Math.PI * t) / 288) + 5 * rnd.normal(),
    );
    assert.deepEqual(detectPeriods(fiveMin, 'minute5'), [288]);
    const daily = Array.from({ length: 120 }, (_, t) => 100 + (t % 7 === 5 ? -40 : 0) + 3 * rnd.normal());
    assert.deepEqual(detectPeriods(daily, 'day'), [7]);
    assert.deepEqual(detectPeriods(daily, 'year'), []);
    // the detected cycle is what the detector judges against: a weekday dip is not an anomaly
    assert.equal(scanAnomalies({ values: daily }, { grain: 'day' }).period, 7);
    assert.equal(detectAnomalies({ values: daily }, { grain: 'day' }).length, 0);
  });

  test('level shifts compare windows of max(2 × period, 10) steps', () => {
    // 24 points, shift at 12: enough for the 10-step window of an unseasonal series, too few
    // for the 14-step window a weekly period needs (2 × 14 + 1 = 29 points)
    const values = Array.from({ length: 24 }, (_, t) => (t < 12 ? 100 : 200) + (t % 2));
    assert.equal(detectLevelShifts({ values })[0]?.index, 12);
    assert.deepEqual(detectLevelShifts({ values, period: 7 }), []);
  });
});
