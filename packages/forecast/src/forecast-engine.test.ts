// Tests for forecast(): known answers through the automatic pipeline, refusal of series that
// cannot support a forecast, gaps, counts, and interval coverage on simulated data.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { forecast } from './forecast-engine.js';
import { createRandom } from './random-source.js';

const issueCodes = (r: ReturnType<typeof forecast>): string[] => (r.ok ? [] : r.issues.map((i) => i.code));

describe('forecast: known answers', () => {
  test('pure trend, pure season and constant', () => {
    const trend = forecast({ values: Array.from({ length: 60 }, (_, t) => 20 + 5 * t) }, 6);
    assert.ok(trend.ok);
    trend.value.mean.forEach((v, h) =>
      assert.ok(Math.abs(v - (20 + 5 * (60 + h))) < 0.5, `trend step ${h}: ${v}`),
    );
    const pattern = [10, 30, 20, 50, 40, 5, 15];
    const season = forecast(
      { values: Array.from({ length: 70 }, (_, t) => 100 + (pattern[t % 7] as number)), period: 7 },
      14,
    );
    assert.ok(season.ok);
    season.value.mean.forEach((v, h) =>
      assert.ok(Math.abs(v - (100 + (pattern[(70 + h) % 7] as number))) < 0.5, `season step ${h}: ${v}`),
    );
    const constant = forecast({ values: new Array(30).fill(7) }, 3);
    assert.ok(constant.ok);
    assert.deepEqual(
      constant.value.mean.map((v) => Math.round(v * 1e6) / 1e6),
      [7, 7, 7],
    );
    // a constant series still gets an interval: the floor, ±1% of the last level (95%), the
    // same at every step (the floor is flat; calibrated widths only widen it)
    constant.value.high95.forEach((v) => assert.ok(Math.abs(v - 7 * 1.01) < 1e-6, `high ${v}`));
    constant.value.low95.forEach((v) => assert.ok(Math.abs(v - 7 * 0.99) < 1e-6, `low ${v}`));
  });
});

describe('forecast: series that cannot support a forecast', () => {
  test('empty, short, all-zero and mostly-gap series fail with a clear code', () => {
    assert.deepEqual(issueCodes(forecast({ values: [] }, 3)), ['forecast.not_enough_data']);
    assert.deepEqual(issueCodes(forecast({ values: [1, 2, null, 3] }, 3)), ['forecast.not_enough_data']);
    assert.deepEqual(issueCodes(forecast({ values: new Array(50).fill(0) }, 3)), ['forecast.all_zero']);
    const holes = Array.from({ length: 40 }, (_, t) => (t % 3 === 0 ? t : null));
    assert.deepEqual(issueCodes(forecast({ values: holes }, 3)), ['forecast.too_many_gaps']);
    assert.deepEqual(issueCodes(forecast({ values: [1, 2, 3, 4, 5, 6] }, 0)), ['forecast.horizon_invalid']);
  });

  test('a gapped series is interpolated and trailing gaps extend the horizon', () => {
    const values: (number | null)[] = Array.from({ length: 40 }, (_, t) => 100 + 2 * t);
    values[10] = null;
    values[11] = null;
    values[38] = null;
    values[39] = null;
    const r = forecast({ values }, 3);
    assert.ok(r.ok);
    assert.equal(r.value.mean.length, 3);
    // the last observation is t = 37; steps 1..3 after the series end are t = 40, 41, 42
    r.value.mean.forEach((v, h) => assert.ok(Math.abs(v - (100 + 2 * (40 + h))) < 1, `step ${h}: ${v}`));
  });

  test('count series get non-negative forecasts and bounds', () => {
    const rnd = createRandom(5);
    const values = Array.from({ length: 60 }, () =>
      rnd.uniform() < 0.7 ? 0 : Math.floor(1 + 3 * rnd.uniform()),
    );
    const r = forecast({ values }, 10);
    assert.ok(r.ok);
    assert.equal(r.value.nonNegative, true);
    for (const key of ['mean', 'low80', 'low95'] as const)
      assert.ok(
        r.value[key].every((v) => v >= 0),
        key,
      );
    assert.ok(r.value.high95.every((v, i) => v >= (r.value.high80[i] as number)));
  });
});

describe('forecast: interval coverage on simulated data with known noise', () => {
  test('95% intervals of iid and random-walk series cover about 95% of outcomes', () => {
    const rnd = createRandom(2024);
    let inside95 = 0;
    let inside80 = 0;
    let total = 0;
    for (let s = 0; s < 120; s++) {
      const walk = s % 2 === 0;
      const path: number[] = [];
      let level = 500;
      for (let t = 0; t < 130; t++) {
        level = walk ? level + 5 * rnd.normal() : level;
        path.push(walk ? level : 500 + 10 * rnd.normal());
      }
      const r = forecast({ values: path.slice(0, 120) }, 10);
      assert.ok(r.ok);
      path.slice(120).forEach((y, h) => {
        if (y >= (r.value.low95[h] as number) && y <= (r.value.high95[h] as number)) inside95++;
        if (y >= (r.value.low80[h] as number) && y <= (r.value.high80[h] as number)) inside80++;
        total++;
      });
    }
    const c95 = inside95 / total;
    const c80 = inside80 / total;
    assert.ok(c95 > 0.9 && c95 < 0.99, `95% coverage ${c95}`);
    assert.ok(c80 > 0.7 && c80 < 0.9, `80% coverage ${c80}`);
  });
});
