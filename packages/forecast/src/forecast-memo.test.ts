// The memo gives what forecast() gives, fits a repeated series once (the same object comes
// back), and keeps series, horizons, periods and options apart.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { forecast } from './forecast-engine.js';
import { forecastMemo } from './forecast-memo.js';

const series = Array.from({ length: 60 }, (_, t) => 100 + 2 * t + 10 * Math.sin((2 * Math.PI * t) / 7));

describe('forecastMemo', () => {
  test('equals forecast() and returns the same fit for the same inputs', () => {
    const fit = forecastMemo();
    const a = fit({ values: series, period: 7 }, 14);
    assert.deepEqual(a, forecast({ values: series, period: 7 }, 14));
    // a copy of the values, and options forecast() ignores, are the same series
    const b = fit({ values: [...series], period: 7 }, 14, {});
    assert.equal(b, a);
  });

  test('keeps a different horizon, period, option or value apart', () => {
    const fit = forecastMemo();
    const base = fit({ values: series, period: 7 }, 14);
    const others = [
      fit({ values: series, period: 7 }, 15),
      fit({ values: series }, 14),
      fit({ values: series, period: 7 }, 14, { method: 'naive2' }),
      fit({ values: series, period: 7 }, 14, { calibrate: false }),
      fit({ values: series.map((v, i) => (i === 59 ? v + 1 : v)), period: 7 }, 14),
      fit({ values: series.map((v, i) => (i === 3 ? null : v)), period: 7 }, 14),
    ];
    for (const o of others) assert.notEqual(o, base);
    assert.deepEqual(others[2], forecast({ values: series, period: 7 }, 14, { method: 'naive2' }));
    assert.deepEqual(
      others[5],
      forecast({ values: series.map((v, i) => (i === 3 ? null : v)), period: 7 }, 14),
    );
  });
});
