// Tests for backtest() and the M4 accuracy measures, against values computed by hand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { coverage, mase, maseScale, msis, smape } from './accuracy-metrics.js';
import { backtest } from './backtest.js';

describe('accuracy measures', () => {
  test('sMAPE, MASE, MSIS and coverage by hand', () => {
    assert.equal(smape([100, 50], [110, 50]), (200 * 10) / 210 / 2);
    assert.equal(maseScale([1, 3, 2, 6], 1), (2 + 1 + 4) / 3);
    assert.equal(mase([4, 4], [5, 2], 1.5), 1.5 / 1.5);
    // width 2; second actual 1 below the lower bound: + 2/0.05·1
    assert.equal(msis([5, 3], [4, 4], [6, 6], 2), (2 + 2 + 40) / 2 / 2);
    assert.equal(coverage([5, 3, 6], [4, 4, 4], [6, 6, 6]), 2 / 3);
  });
});

describe('backtest', () => {
  test('replays origins on a pure trend with near-zero error', () => {
    const values = Array.from({ length: 80 }, (_, t) => 10 + 2 * t);
    const r = backtest({ values }, { horizon: 5, origins: 3 });
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.origins.map((o) => o.origin),
      [65, 70, 75],
    );
    assert.ok(r.value.mae < 0.5, `mae ${r.value.mae}`);
    assert.deepEqual(r.value.origins[2]?.actual, [160, 162, 164, 166, 168]);
  });

  test('says when there is not enough data', () => {
    const r = backtest({ values: [1, 2, 3, 4] }, { horizon: 5 });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.issues[0]?.code, 'forecast.backtest.not_enough_data');
  });
});
