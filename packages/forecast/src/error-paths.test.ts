// Error paths against the direct convolution Σ psi_{a-i}·z_i, for psi of each form the
// models give (level, trend, damped trend, season, averages of undamped ones) and for
// forms with no repeating step (a damped and an undamped trend averaged, arbitrary), where
// the direct sum is used.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathErrors, pathShape, repeatingPeriod } from './error-paths.js';
import { createRandom } from './random-source.js';

const H = 98;
const psiOf = (f: (k: number) => number): number[] =>
  Array.from({ length: H }, (_, k) => (k === 0 ? 1 : f(k)));
const seasonal = (k: number): number => 0.3 + 0.01 * k + (k % 7 === 0 ? 0.2 : 0);
const forms: Record<string, { psi: number[]; period: number }> = {
  'random walk': { psi: psiOf(() => 1), period: 1 },
  'level (SES, alpha 0.3)': { psi: psiOf(() => 0.3), period: 1 },
  'level and trend (0.3 + 0.05k)': { psi: psiOf((k) => 0.3 + 0.05 * k), period: 1 },
  'weekly season with trend': { psi: psiOf(seasonal), period: 7 },
  'average of a level model and a weekly one': {
    psi: psiOf((k) => (0.3 + seasonal(k)) / 2),
    period: 7,
  },
  'damped trend (phi 0.9)': { psi: psiOf((k) => 0.3 + 0.1 * ((0.9 * (1 - 0.9 ** k)) / 0.1)), period: 1 },
  'damped trend with a weekly season': {
    psi: psiOf((k) => 0.3 + 0.1 * ((0.9 * (1 - 0.9 ** k)) / 0.1) + (k % 7 === 0 ? 0.2 : 0)),
    period: 7,
  },
  'average of a damped and an undamped trend': {
    psi: psiOf((k) => (0.3 + 0.1 * ((0.9 * (1 - 0.9 ** k)) / 0.1) + 0.3 + 0.05 * k) / 2),
    period: 0,
  },
  arbitrary: { psi: psiOf((k) => Math.sin(k) / k), period: 0 },
};

const direct = (psi: number[], scale: Float64Array, z: Float64Array): number[] =>
  psi.map((_, a) => {
    let e = 0;
    for (let i = 0; i <= a; i++) e += (psi[a - i] as number) * (z[i] as number);
    return (scale[a] as number) * e;
  });

for (const [name, { psi, period }] of Object.entries(forms)) {
  test(`error paths, ${name}: period ${period}, the same as the direct sum`, () => {
    const sd = psi.map((_, a) => 2 + a / 10);
    const shape = pathShape({ horizon: H, psi, sd });
    assert.equal(shape.period, period);
    const rnd = createRandom(7);
    const z = new Float64Array(H);
    const out = new Float64Array(H);
    for (let path = 0; path < 20; path++) {
      for (let i = 0; i < H; i++) z[i] = rnd.normal();
      pathErrors(shape, z, out);
      const want = direct(psi, shape.scale, z);
      for (let a = 0; a < H; a++)
        assert.ok(
          Math.abs((out[a] as number) - (want[a] as number)) <= 1e-9 * (1 + Math.abs(want[a] as number)),
          `path ${path} step ${a}: ${out[a]} vs ${want[a]}`,
        );
    }
  });
}

test('a period is only claimed when seen over two full periods beyond the first', () => {
  // psi of length 10 whose tail repeats every 4 steps: 3·4 >= 10, too short to tell.
  const short = Float64Array.from({ length: 10 }, (_, k) => (k === 0 ? 1 : k % 4 === 0 ? 0.5 : 0.2));
  assert.equal(repeatingPeriod(short).period, 0);
  const long = Float64Array.from({ length: 13 }, (_, k) => (k === 0 ? 1 : k % 4 === 0 ? 0.5 : 0.2));
  assert.deepEqual(repeatingPeriod(long), { period: 4, step: 0, ratio: 1 });
});
