// Curve fitting against hand-made series whose saturation point is known, and the refusal
// of histories that cannot identify a curve.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fitResponseCurve, checkIdentifiable } from './curve-fit.js';
import {
  adstock,
  marginalResponse,
  spendAtMarginal,
  steadyResponse,
  type ResponseCurve,
} from './response-curve.js';

// Spend cycling through 40..160 (a 12-day saw), enough variation to see the bend.
const sawSpend = (days: number): number[] =>
  Array.from({ length: days }, (_, i) => 40 + (i % 12) * (120 / 11));

describe('response curve', () => {
  test('adstock by hand: 100, 0, 0 with decay 0.5 is 100, 50, 25', () => {
    assert.deepEqual(Array.from(adstock([100, 0, 0], 0.5)), [100, 50, 25]);
  });

  test('half saturation: at a steady spend of halfSat·(1−decay) the response is half the scale', () => {
    const c: ResponseCurve = { kind: 'adstock_saturation', decay: 0.5, halfSat: 200, scale: 80, base: 0 };
    assert.ok(Math.abs(steadyResponse(c, 100) - 40) < 1e-9);
    // The marginal response halves there too (exponential saturation), and inverts exactly.
    assert.ok(Math.abs(marginalResponse(c, 100) - marginalResponse(c, 0) / 2) < 1e-12);
    assert.ok(Math.abs(spendAtMarginal(c, marginalResponse(c, 73)) - 73) < 1e-9);
  });

  test('recovers a known saturation point from a noiseless series (no carry-over)', () => {
    const spend = sawSpend(120);
    // y = 50·(1 − 2^(−x/100)): half of the 50 at a spend of 100.
    const outcome = spend.map((x) => 50 * (1 - 2 ** (-x / 100)));
    const r = fitResponseCurve({ spend, outcome }, { resamples: 0 });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
    const c = r.value.curve;
    assert.equal(c.decay, 0);
    assert.ok(Math.abs(c.halfSat - 100) / 100 < 0.03, `halfSat ${c.halfSat}`);
    assert.ok(Math.abs(c.scale - 50) / 50 < 0.03, `scale ${c.scale}`);
    assert.ok(r.value.r2 > 0.999);
    assert.equal(r.value.saturationSeen, true);
  });

  test('recovers carry-over and saturation with noise, and the bootstrap range covers the truth', () => {
    const truth: ResponseCurve = { kind: 'adstock_saturation', decay: 0.4, halfSat: 150, scale: 30, base: 2 };
    const spend = sawSpend(365);
    const a = adstock(spend, truth.decay);
    // Deterministic "noise": a fixed ±1 pattern unrelated to the 12-day saw.
    const outcome = Array.from(
      a,
      (v, i) =>
        truth.base + truth.scale * (1 - 2 ** (-v / truth.halfSat)) + (i % 5 === 0 ? 1 : i % 5 === 2 ? -1 : 0),
    );
    const r = fitResponseCurve({ spend, outcome }, { resamples: 60, seed: 3 });
    assert.ok(r.ok);
    const c = r.value.curve;
    assert.ok(Math.abs(c.decay - 0.4) <= 0.1, `decay ${c.decay}`);
    // The steady response at the mean spend (100/day) is the identifiable quantity.
    const at = (k: ResponseCurve) => k.base + steadyResponse(k, 100);
    assert.ok(Math.abs(at(c) - at(truth)) / at(truth) < 0.03);
    const draws = r.value.draws.map(at).sort((p, q) => p - q);
    assert.ok(draws.length >= 55);
    assert.ok(
      (draws[1] as number) <= at(truth) * 1.01 && (draws[draws.length - 2] as number) >= at(truth) * 0.99,
    );
  });

  test('a flat-spend history is refused with its reason', () => {
    const spend = Array.from({ length: 90 }, (_, i) => 500 + (i % 2) * 5);
    const outcome = spend.map((x) => x / 50);
    const r = fitResponseCurve({ spend, outcome });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.issues[0]?.code, 'curve.flat_spend');
    // cv of 500/505 alternating is 0.5%; the middle 80% of days span 1% of the median.
    assert.match(r.issues[0]?.message ?? '', /variation 0%.*within 1% of the median/);
    assert.match(r.issues[0]?.hint ?? '', /vary the spend/);
  });

  test('too short, no spend, and no response are refused too', () => {
    const short = checkIdentifiable({ spend: sawSpend(30), outcome: sawSpend(30) });
    assert.equal(!short.ok && short.issues[0]?.code, 'curve.too_little_history');
    const none = checkIdentifiable({ spend: new Array(90).fill(0), outcome: new Array(90).fill(1) });
    assert.equal(!none.ok && none.issues[0]?.code, 'curve.no_spend');
    const spend = sawSpend(120);
    const falling = fitResponseCurve({ spend, outcome: spend.map((x) => 200 - x) }, { resamples: 0 });
    assert.equal(!falling.ok && falling.issues[0]?.code, 'curve.no_response');
  });
});
