// Tests for the Student-t interval quantiles: studentQuantile against printed t tables, the
// degrees-of-freedom law, and the ratio of the 95% to the 80% half-width of a real forecast.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { intervalDegreesOfFreedom, forecast } from './forecast-engine.js';
import { studentQuantile, Z80, Z95 } from './normal-distribution.js';
import { createRandom } from './random-source.js';

// t quantiles from a printed table (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2)
const TABLE: readonly [number, number, number][] = [
  // df, t(0.90), t(0.975)
  [3, 1.638, 3.182],
  [5, 1.476, 2.571],
  [10, 1.372, 2.228],
  [30, 1.31, 2.042],
];

describe('studentQuantile', () => {
  test('matches the t table within 1% at df 3 and 0.1% from df 5', () => {
    for (const [df, t90, t975] of TABLE) {
      const tol = df === 3 ? 0.01 : 0.001;
      const a = studentQuantile(Z80, df);
      const b = studentQuantile(Z95, df);
      assert.ok(Math.abs(a / t90 - 1) < tol, `t(0.90, ${df}) = ${a}, table ${t90}`);
      assert.ok(Math.abs(b / t975 - 1) < tol, `t(0.975, ${df}) = ${b}, table ${t975}`);
    }
  });
  test('infinite df is the normal quantile; df below 3 is held at 3', () => {
    assert.equal(studentQuantile(Z95, Infinity), Z95);
    assert.equal(studentQuantile(Z95, 1), studentQuantile(Z95, 3));
  });
});

describe('interval degrees of freedom', () => {
  test('one per two horizons of history, at least 3', () => {
    assert.equal(intervalDegreesOfFreedom(24, 4), 3);
    assert.equal(intervalDegreesOfFreedom(10, 4), 3);
    assert.equal(intervalDegreesOfFreedom(80, 4), 10);
    assert.equal(intervalDegreesOfFreedom(960, 48), 10);
  });
  test('a 24-point yearly-like series: 95% half-width / 80% half-width is t(0.975,3) / t(0.90,3)', () => {
    const rnd = createRandom(11);
    let level = 100;
    const values = Array.from({ length: 24 }, () => (level += 2 + 5 * rnd.normal()));
    const f = forecast({ values }, 4);
    assert.ok(f.ok);
    for (let i = 0; i < 4; i++) {
      const mean = f.value.mean[i] as number;
      const r = ((f.value.high95[i] as number) - mean) / ((f.value.high80[i] as number) - mean);
      assert.ok(Math.abs(r - 3.182 / 1.638) < 0.03, `step ${i}: ratio ${r}`);
      // the normal ratio would be 1.53: the tails are heavier
      assert.ok(r > 1.9);
    }
  });
});
