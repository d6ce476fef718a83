// Tests for the ETS fitter on series with known answers: a constant, a pure linear trend,
// a pure season; plus AICc selection picking the generating structure.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { autoEts, fitEts } from './ets-fit.js';
import { createRandom } from './random-source.js';

const close = (a: number, b: number, tol: number, what = ''): void =>
  assert.ok(Math.abs(a - b) <= tol, `${what} expected ${b} ± ${tol}, got ${a}`);

describe('fitEts', () => {
  test('a constant series forecasts the constant with no spread', () => {
    const y = new Float64Array(40).fill(250);
    const fit = fitEts(y, { error: 'A', trend: 'N', season: 'N', period: 1 });
    assert.ok(fit);
    const f = fit.forecast(5);
    for (const v of f.mean) close(v, 250, 1e-6, 'mean');
    for (const s of f.sd) close(s, 0, 1e-6, 'sd');
  });

  test('a pure linear trend is extrapolated exactly by Holt', () => {
    const y = Float64Array.from({ length: 30 }, (_, t) => 10 + 3 * t);
    const fit = fitEts(y, { error: 'A', trend: 'A', season: 'N', period: 1 });
    assert.ok(fit);
    const f = fit.forecast(4);
    f.mean.forEach((v, h) => close(v, 10 + 3 * (30 + h), 0.05, `step ${h + 1}`));
  });

  test('a pure season is repeated by additive-season ETS', () => {
    const pattern = [5, 9, 2, 7];
    const y = Float64Array.from({ length: 48 }, (_, t) => 100 + (pattern[t % 4] as number));
    const fit = fitEts(y, { error: 'A', trend: 'N', season: 'A', period: 4 });
    assert.ok(fit);
    const f = fit.forecast(8);
    f.mean.forEach((v, h) => close(v, 100 + (pattern[(48 + h) % 4] as number), 0.05, `step ${h + 1}`));
  });

  test('refuses models the data cannot support', () => {
    const y = Float64Array.from([3, 0, 4, 5, 6, 2, 1, 5, 3, 2]);
    assert.equal(
      fitEts(y, { error: 'M', trend: 'N', season: 'N', period: 1 }),
      undefined,
      'zeros forbid M error',
    );
    assert.equal(
      fitEts(y, { error: 'A', trend: 'N', season: 'A', period: 7 }),
      undefined,
      'fewer than two cycles',
    );
  });

  test('the random-walk-like SES sd grows like sigma·sqrt(1 + (h−1)·alpha²)', () => {
    const rnd = createRandom(3);
    let level = 100;
    const y = Float64Array.from({ length: 400 }, () => {
      level += 0.5 * rnd.normal();
      return level + rnd.normal();
    });
    const fit = fitEts(y, { error: 'A', trend: 'N', season: 'N', period: 1 });
    assert.ok(fit);
    const f = fit.forecast(10);
    const a = fit.params.alpha;
    const s1 = f.sd[0] as number;
    close(f.sd[9] as number, s1 * Math.sqrt(1 + 9 * a * a), 1e-6 * s1, 'sd at h=10');
  });
});

describe('autoEts', () => {
  test('selects a trend model for trending data and no trend for level data', () => {
    const rnd = createRandom(11);
    const trending = Float64Array.from({ length: 120 }, (_, t) => 50 + 2 * t + rnd.normal());
    const flat = Float64Array.from({ length: 120 }, () => 50 + rnd.normal());
    assert.match(autoEts(trending)?.model ?? '', /ETS\(.,(A|Ad),N\)/);
    assert.match(autoEts(flat)?.model ?? '', /ETS\(.,N,N\)/);
  });
});
