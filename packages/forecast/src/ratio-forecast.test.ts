// Tests for ratio KPIs forecast from numerator and denominator: bounded to [0, 1], period
// ratio as Σnum/Σden, and probabilities from the simulated totals.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from './random-source.js';
import { forecastRatio, ratioProbability } from './ratio-forecast.js';

/**
 * Same samples up to rounding: the lean path sums shocks by weights, the full one step by
 * step through the recursion of error-paths.ts (which can add ~1e-11 relative).
 */
const closeSamples = (a: readonly number[], b: readonly number[]): void => {
  assert.equal(a.length, b.length);
  a.forEach((x, i) =>
    assert.ok(Math.abs(x - (b[i] as number)) <= 1e-10 * Math.abs(x), `${i}: ${x} vs ${b[i]}`),
  );
};

describe('forecastRatio', () => {
  test('a conversion rate stays in [0, 1] and centres on Σnum/Σden', () => {
    const rnd = createRandom(21);
    const den = Array.from({ length: 90 }, () => Math.round(200 + 40 * rnd.normal()));
    const num = den.map((d) => Math.round(d * (0.9 + 0.05 * rnd.normal())));
    const r = forecastRatio({ values: num }, { values: den }, 14, {
      achievedNumerator: 900,
      achievedDenominator: 1000,
    });
    assert.ok(r.ok);
    for (const key of ['median', 'low95', 'high95'] as const)
      assert.ok(
        r.value[key].every((v) => v >= 0 && v <= 1),
        `${key} within [0, 1]`,
      );
    const sums = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
    const point = (900 + sums(r.value.numerator.mean)) / (1000 + sums(r.value.denominator.mean));
    const samples = r.value.totalSamples;
    const med = samples[Math.floor(samples.length / 2)] as number;
    assert.ok(Math.abs(med - point) < 0.01, `median ${med} vs ${point}`);
    const pHigh = ratioProbability(r.value, 0.99);
    const pLow = ratioProbability(r.value, 0.8);
    assert.ok(pHigh < 0.05 && pLow > 0.95, `${pHigh} ${pLow}`);
    assert.equal(ratioProbability(r.value, 0.8, true), 1 - pLow);
  });

  test('a group is judged as its own Σnum/Σden: the whole horizon equals the total, the last week its own', () => {
    const rnd = createRandom(22);
    const den = Array.from({ length: 90 }, () => Math.round(200 + 40 * rnd.normal()));
    const num = den.map((d) => Math.round(d * (0.5 + 0.05 * rnd.normal())));
    const opts = { achievedNumerator: 50, achievedDenominator: 100 };
    const r = forecastRatio({ values: num }, { values: den }, 14, {
      ...opts,
      groups: [
        { from: 0, to: 13, ...opts },
        { from: 7, to: 13 },
        { from: 14, to: 13, ...opts },
      ],
    });
    assert.ok(r.ok);
    const [whole, week, none] = r.value.groupSamples;
    assert.deepEqual(whole, r.value.totalSamples);
    assert.ok(week && week.length === r.value.totalSamples.length);
    const sums = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
    const point = sums(r.value.numerator.mean.slice(7)) / sums(r.value.denominator.mean.slice(7));
    const med = week[Math.floor(week.length / 2)] as number;
    assert.ok(Math.abs(med - point) < 0.02, `median ${med} vs ${point}`);
    // A group with no step ahead is what its days hold, on every path.
    assert.ok(none?.every((x) => x === 0.5));
    assert.equal(ratioProbability(r.value, 0.5, false, none), 1);
  });

  test('fails when a component cannot be forecast', () => {
    const r = forecastRatio({ values: [1, 2] }, { values: [3, 4, 5, 6, 7, 8] }, 3);
    assert.equal(r.ok, false);
  });

  test('perStep: false gives the same totals and groups (to rounding), without the per-step quantiles', () => {
    const rnd = createRandom(23);
    const den = Array.from({ length: 120 }, () => Math.round(300 + 60 * rnd.normal()));
    const num = den.map((d) => Math.round(d * (0.2 + 0.03 * rnd.normal())));
    const groups = [
      { from: 0, to: 29, achievedNumerator: 40, achievedDenominator: 210 },
      { from: 10, to: 16 },
      { from: 25, to: 40 },
    ];
    const all = forecastRatio({ values: num }, { values: den }, 40, { seed: 7, groups });
    const lean = forecastRatio({ values: num }, { values: den }, 40, { seed: 7, groups, perStep: false });
    assert.ok(all.ok && lean.ok);
    closeSamples(lean.value.totalSamples, all.value.totalSamples);
    lean.value.groupSamples.forEach((g, j) => closeSamples(g, all.value.groupSamples[j] as number[]));
    assert.equal(all.value.median.length, 40);
    assert.equal(lean.value.median.length, 0);
    // The period ratio of the first group centres on (achieved + Σ mean numerators) / (achieved + Σ mean denominators).
    const sum = (xs: readonly number[]): number => xs.slice(0, 30).reduce((a, b) => a + b, 0);
    const point = (40 + sum(all.value.numerator.mean)) / (210 + sum(all.value.denominator.mean));
    const g = all.value.groupSamples[0] as readonly number[];
    assert.ok(Math.abs((g[Math.floor(g.length / 2)] as number) - point) < 0.01);
  });
  test('perStep: false on large counts (no step can reach zero: sums from shock weights) matches the path sums', () => {
    const rnd = createRandom(5);
    const den = Array.from({ length: 200 }, (_, t) => Math.round(2e6 + 5e3 * t + 2e4 * rnd.normal()));
    const num = den.map((d) => Math.round(d * (0.031 + 0.0005 * rnd.normal())));
    const groups = [
      { from: 0, to: 6, achievedNumerator: 9e4, achievedDenominator: 3e6 },
      { from: 50, to: 89 },
      { from: 95, to: 120 },
    ];
    const opts = { seed: 3, groups, achievedNumerator: 1e5, achievedDenominator: 3.2e6 };
    const all = forecastRatio({ values: num }, { values: den }, 90, opts);
    const lean = forecastRatio({ values: num }, { values: den }, 90, { ...opts, perStep: false });
    assert.ok(all.ok && lean.ok);
    // To rounding: the path sums run a recursion over earlier steps (error-paths.ts), the
    // lean route dot products; both add ~10^4 terms of size ~10^6.
    const close = (a: readonly number[], b: readonly number[]): void => {
      assert.equal(a.length, b.length);
      a.forEach((x, i) =>
        assert.ok(Math.abs(x - (b[i] as number)) <= 1e-10 * Math.abs(x), `${i}: ${x} vs ${b[i]}`),
      );
    };
    close(lean.value.totalSamples, all.value.totalSamples);
    lean.value.groupSamples.forEach((g, j) => close(g, all.value.groupSamples[j] as number[]));
    // the group past the horizon holds nothing: no samples
    assert.equal(lean.value.groupSamples[2]?.length, all.value.groupSamples[2]?.length);
  });
});
