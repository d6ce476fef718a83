// Churn spans and daily series: by hand on a small fixture, and against churnedBy (the
// snapshot definition, an independent route) on random activity.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { churnedBy, type ChurnRule, type CustomerActivity } from './churn-data.js';
import { activeSpans, churnDays, churnTotals } from './churn-series.js';

const spansOf = (a: CustomerActivity, rule: ChurnRule, c: number): [number, number][] => {
  const out: [number, number][] = [];
  activeSpans(a, rule, c, (f, t) => out.push([f, t]));
  return out;
};

// Rule: gone after 10 quiet days. c0 orders on 0, 5, 30 (quiet 15..29, back on 30), gone from 40.
// c1 orders on 2, 8, cancels on 12 → active 2..11. c2 orders on 20 only → active 20..29.
const a: CustomerActivity = {
  count: 3,
  offsets: Int32Array.from([0, 3, 5, 6]),
  days: Int32Array.from([0, 5, 30, 2, 8, 20]),
  cancelDay: Float64Array.from([NaN, 12, NaN]),
};
const rule: ChurnRule = { kind: 'cancel', inactivityDays: 10 };

describe('churn spans', () => {
  test('spans by hand', () => {
    assert.deepEqual(spansOf(a, rule, 0), [
      [0, 15],
      [30, 40],
    ]);
    assert.deepEqual(spansOf(a, rule, 1), [[2, 12]]);
    assert.deepEqual(spansOf(a, rule, 2), [[20, 30]]);
    // Cancels only: nobody falls quiet.
    assert.deepEqual(spansOf(a, { kind: 'cancel' }, 0), [[0, Infinity]]);
  });

  test('daily churners and customers at risk, and a period total by hand', () => {
    const d = churnDays(a, rule, 0, 50);
    // Churn events on days 12 (c1), 15 (c0), 30 (c2), 40 (c0).
    assert.deepEqual(
      [...d.churners.keys()].filter((i) => d.churners[i] !== 0),
      [12, 15, 30, 40],
    );
    // Days 10..19: c0 active 10..14 (5 days), c1 10..11 (2), c2 none → 7 customer-days, 2 churners.
    assert.deepEqual(churnTotals(d, 10, 19), { churners: 2, atRiskDays: 7 });
    // Days 20..39: c0 30..39 (10), c2 20..29 (10) → 20 customer-days; churners on 30 only (40 is outside).
    assert.deepEqual(churnTotals(d, 20, 39), { churners: 1, atRiskDays: 20 });
  });

  test('active on a day exactly when churnedBy says not churned, on random activity', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const offsets = [0];
    const days: number[] = [];
    const cancels: number[] = [];
    for (let c = 0; c < 200; c++) {
      let t = Math.floor(rnd() * 100);
      const n = 1 + Math.floor(rnd() * 8);
      for (let j = 0; j < n; j++) {
        days.push(t);
        t += 1 + Math.floor(rnd() * 25);
      }
      offsets.push(days.length);
      cancels.push(rnd() < 0.3 ? Math.floor(rnd() * 200) : NaN);
    }
    const act: CustomerActivity = {
      count: 200,
      offsets: Int32Array.from(offsets),
      days: Int32Array.from(days),
      cancelDay: Float64Array.from(cancels),
    };
    for (const r of [
      { kind: 'inactivity', days: 14 },
      { kind: 'cancel', inactivityDays: 9 },
    ] as const) {
      const d = churnDays(act, r, 0, 300);
      for (let s = 0; s < 300; s++) {
        let active = 0;
        let churnedToday = 0;
        for (let c = 0; c < act.count; c++) {
          if (churnedBy(act, r, c, s) === false) active++;
          if (s > 0 && churnedBy(act, r, c, s) === true && churnedBy(act, r, c, s - 1) === false)
            churnedToday++;
        }
        assert.equal(d.atRisk[s], active, `day ${s} at risk`);
        if (s > 0) assert.equal(d.churners[s], churnedToday, `day ${s} churners`);
      }
    }
  });
});
