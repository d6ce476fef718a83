// Tests for the level/sum distributions and target probabilities against closed forms:
// a Gaussian random walk (errors share every earlier shock) and iid normal steps.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Forecast } from './forecast-types.js';
import { normalCdf, normalQuantile } from './normal-distribution.js';
import { createRandom } from './random-source.js';
import { levelDistribution, probabilityOfTarget, sumDistribution } from './target-probability.js';

const hand = (mean: number[], sd: number[], psi: number[]): Forecast => ({
  model: 'hand',
  horizon: mean.length,
  mean,
  low80: mean,
  high80: mean,
  low95: mean,
  high95: mean,
  sd,
  psi,
  nonNegative: false,
  observations: 100,
  calibration: 1,
});

const close = (a: number, b: number, tol: number, what = ''): void =>
  assert.ok(Math.abs(a - b) <= tol, `${what} expected ${b} ± ${tol}, got ${a}`);

describe('sum distribution', () => {
  test('random walk: Var(Σ_{h=1..H} e_h) = σ²·Σ_{k=1..H} k²', () => {
    const H = 12;
    const sigma = 3;
    const fc = hand(
      new Array(H).fill(10),
      Array.from({ length: H }, (_, h) => sigma * Math.sqrt(h + 1)),
      new Array(H).fill(1),
    );
    let k2 = 0;
    for (let k = 1; k <= H; k++) k2 += k * k;
    const d = sumDistribution(fc, { achieved: 5 });
    close(d.mean, 5 + 10 * H, 1e-9, 'mean');
    close(d.sd, sigma * Math.sqrt(k2), 1e-9, 'sd');
  });

  test('iid steps: Var(sum) is the sum of the variances; sub-ranges work', () => {
    const sd = [1, 2, 3, 4];
    const fc = hand([1, 1, 1, 1], sd, [1, 0, 0, 0]);
    close(sumDistribution(fc).sd, Math.sqrt(1 + 4 + 9 + 16), 1e-12);
    close(sumDistribution(fc, { from: 2 }).sd, 5, 1e-12);
  });

  test('matches a simulation of the random walk', () => {
    const rnd = createRandom(9);
    const H = 8;
    let hits = 0;
    const S = 20000;
    for (let s = 0; s < S; s++) {
      let level = 0;
      let sum = 0;
      for (let h = 0; h < H; h++) {
        level += rnd.normal();
        sum += level;
      }
      if (sum >= 10) hits++;
    }
    const fc = hand(
      new Array(H).fill(0),
      Array.from({ length: H }, (_, h) => Math.sqrt(h + 1)),
      new Array(H).fill(1),
    );
    const p = probabilityOfTarget(fc, { kind: 'sum', direction: 'at_least', target: 10 });
    close(p, hits / S, 0.01, 'P(sum >= 10)');
  });
});

describe('probability of a target', () => {
  test('level at the deadline against the normal CDF', () => {
    const fc = hand([100, 110], [5, 10], [1, 1]);
    close(
      probabilityOfTarget(fc, { kind: 'level', direction: 'at_least', target: 120 }),
      1 - normalCdf(1),
      1e-9,
    );
    close(
      probabilityOfTarget(fc, { kind: 'level', direction: 'at_most', target: 120, step: 0 }),
      normalCdf(4),
      1e-9,
    );
    close(levelDistribution(fc).high95 - 110, 10 * 1.959963984540054, 1e-9);
  });

  test('zero spread gives certainty either way', () => {
    const fc = hand([5], [0], [1]);
    assert.equal(probabilityOfTarget(fc, { kind: 'level', direction: 'at_least', target: 5 }), 1);
    assert.equal(probabilityOfTarget(fc, { kind: 'level', direction: 'at_least', target: 5.1 }), 0);
  });

  test('normal quantile inverts the CDF', () => {
    for (const p of [0.001, 0.025, 0.1, 0.5, 0.9, 0.975, 0.999]) close(normalCdf(normalQuantile(p)), p, 2e-7);
  });
});

describe('a count never falls below what is counted', () => {
  const counts = (mean: number[], sd: number[]): Forecast => ({
    ...hand(mean, sd, [1, 0, 0, 0]),
    nonNegative: true,
  });
  test('the sum of a non-negative forecast is floored at the amount achieved', () => {
    // iid steps with sd 10 each: sd of the sum = 20; the Gaussian 95% low is 100 + 4 − 1.96·20 < 100.
    const fc = counts([1, 1, 1, 1], [10, 10, 10, 10]);
    const d = sumDistribution(fc, { achieved: 100 });
    close(d.sd, 20, 1e-12);
    assert.equal(d.low95, 100);
    assert.equal(d.low80, 100);
    close(d.high95, 104 + normalQuantile(0.975) * 20, 1e-5);
    assert.equal(d.floor, 100);
  });
  test('a target at or below the amount achieved is certain (at least) or impossible (at most)', () => {
    const fc = counts([1, 1, 1, 1], [10, 10, 10, 10]);
    const q = { kind: 'sum', target: 90, achieved: 100 } as const;
    assert.equal(probabilityOfTarget(fc, { ...q, direction: 'at_least' }), 1);
    assert.equal(probabilityOfTarget(fc, { ...q, direction: 'at_most' }), 0);
    // above the floor the Gaussian answers: P(X >= 104) = 0.5 exactly
    close(probabilityOfTarget(fc, { ...q, target: 104, direction: 'at_least' }), 0.5, 1e-6);
  });
  test('a series that can go negative keeps its Gaussian bounds', () => {
    const d = sumDistribution(hand([1, 1, 1, 1], [10, 10, 10, 10], [1, 0, 0, 0]), { achieved: 100 });
    close(d.low95, 104 - normalQuantile(0.975) * 20, 1e-5);
    assert.equal(d.floor, undefined);
  });
});
