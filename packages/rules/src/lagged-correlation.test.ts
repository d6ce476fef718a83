import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestLagCorrelation } from './lagged-correlation.js';

test('finds the lag at which the leading series repeats in the lagging one', () => {
  const lead = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7];
  const lagging = [0, 0, ...lead.slice(0, -2).map((x) => 2 * x + 1)];
  const r = bestLagCorrelation(lead, lagging, 4);
  assert.equal(r?.lag, 2);
  assert.ok(Math.abs((r?.correlation ?? 0) - 1) < 1e-12);
  assert.equal(r?.pairs, 12);
});

test('hand-computed Pearson at lag 0 and gaps skipped', () => {
  // x = 1..8, y = x^2 with one gap: r computed by hand over the 7 pairs (x != 4).
  const x = [1, 2, 3, 4, 5, 6, 7, 8];
  const y = [1, 4, 9, null, 25, 36, 49, 64];
  const r = bestLagCorrelation(x, y, 0, 7);
  const xs = [1, 2, 3, 5, 6, 7, 8];
  const ys = xs.map((v) => v * v);
  const mx = xs.reduce((a, b) => a + b) / 7;
  const my = ys.reduce((a, b) => a + b) / 7;
  const num = xs.reduce((a, v, i) => a + (v - mx) * ((ys[i] ?? 0) - my), 0);
  const den = Math.sqrt(
    xs.reduce((a, v) => a + (v - mx) ** 2, 0) * ys.reduce((a, v) => a + (v - my) ** 2, 0),
  );
  assert.ok(Math.abs((r?.correlation ?? 0) - num / den) < 1e-12);
  assert.equal(bestLagCorrelation([1, 2, 3], [1, 2, 3]), undefined);
});
