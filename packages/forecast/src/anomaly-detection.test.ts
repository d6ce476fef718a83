// Tests for anomaly and level-shift detection on generated labelled series: precision and
// recall over many seeds, plus the shape of what is reported.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { detectAnomalies } from './anomaly-detection.js';
import { detectLevelShifts } from './level-shift-detection.js';
import { generateLabelledSeries } from './synthetic-series.js';
import { createRandom } from './random-source.js';

describe('detectAnomalies', () => {
  test('the expected band of a count is floored at 0; a low point inside it is not reported', () => {
    // A small count (0 to 4 a day, seeded) with a burst: the robust band 4 scales either
    // side of about 1 reaches below 0, and must not.
    const rnd = createRandom(5);
    const values = Array.from({ length: 70 }, () => Math.max(0, Math.round(1.5 + 1.5 * rnd.normal())));
    values[60] = 40;
    const found = detectAnomalies({ values, period: 7 });
    assert.ok(found.some((a) => a.index === 60 && a.direction === 'high'));
    for (const a of found) assert.ok(a.expectedLow >= 0 && a.expected >= 0, JSON.stringify(a));
    const spike = found.find((a) => a.index === 60);
    assert.ok(spike && 2 * spike.expected - spike.expectedHigh < 0, 'the unfloored band would go below 0');
    assert.equal(spike.expectedLow, 0);
    // The same series shifted below zero keeps its symmetric band.
    const shifted = detectAnomalies({ values: values.map((v) => v - 10), period: 7 }).find(
      (a) => a.index === 60,
    );
    assert.ok(shifted);
    assert.ok(
      Math.abs(shifted.expectedHigh - shifted.expected - (shifted.expected - shifted.expectedLow)) < 1e-9,
    );
  });

  test('finds injected spikes and dips with good precision and recall', () => {
    // Judged causally: the first two points of a level shift are new to the past and are
    // flagged (counted apart); anomalies inside the minimum history cannot be judged.
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let onsets = 0;
    for (let s = 0; s < 60; s++) {
      const g = generateLabelledSeries(s, {
        anomalies: 4,
        shifts: s % 3 === 0 ? 1 : 0,
        gaps: 0.02,
        anomalySize: 5,
      });
      const found = detectAnomalies({ values: g.values, period: g.period }).map((a) => a.index);
      for (const i of found)
        if (g.anomalies.includes(i)) tp++;
        else if (g.shifts.some((x) => i >= x && i < x + 2)) onsets++;
        else fp++;
      for (const i of g.anomalies) if (i >= 16 && !found.includes(i)) fn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    assert.ok(precision >= 0.85, `precision ${precision}`);
    assert.ok(recall >= 0.85, `recall ${recall}`);
    assert.ok(onsets <= 40, `${onsets} flags at 20 shift onsets`);
  });

  test('reports the expected range and direction; ignores gaps and clean series', () => {
    const clean = generateLabelledSeries(99, { anomalies: 0, noise: 0.03 });
    assert.equal(detectAnomalies({ values: clean.values, period: 7 }).length, 0);
    const values = [...clean.values];
    values[100] = (values[100] as number) * 2;
    values[101] = null;
    const [a, ...rest] = detectAnomalies({ values, period: 7 });
    assert.equal(rest.length, 0);
    assert.ok(a);
    assert.equal(a.index, 100);
    assert.equal(a.direction, 'high');
    assert.ok(a.expectedLow < a.expected && a.expected < a.expectedHigh && a.value > a.expectedHigh);
    assert.equal(detectAnomalies({ values: [1, 2, 3] }).length, 0, 'too short to judge');
  });
});

describe('detectLevelShifts', () => {
  test('finds injected shifts and stays quiet on clean series', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let s = 0; s < 60; s++) {
      const g = generateLabelledSeries(1000 + s, { anomalies: 3, shifts: s % 2, shiftSize: 6, gaps: 0.02 });
      const found = detectLevelShifts({ values: g.values, period: g.period }).map((x) => x.index);
      for (const i of found)
        if (g.shifts.some((t) => Math.abs(t - i) <= 3)) tp++;
        else fp++;
      for (const t of g.shifts) if (!found.some((i) => Math.abs(t - i) <= 3)) fn++;
    }
    assert.ok(tp / (tp + fp) >= 0.85, `precision ${tp / (tp + fp)}`);
    assert.ok(tp / (tp + fn) >= 0.85, `recall ${tp / (tp + fn)}`);
  });

  test('reports the levels either side', () => {
    const values = Array.from({ length: 60 }, (_, t) => (t < 30 ? 100 : 160) + (t % 2));
    const [shift, ...rest] = detectLevelShifts({ values });
    assert.equal(rest.length, 0);
    assert.ok(shift);
    assert.equal(shift.index, 30);
    assert.ok(Math.abs(shift.before - 100.5) <= 0.5 && Math.abs(shift.after - 160.5) <= 0.5);
  });
});
