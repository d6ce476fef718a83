// Generated media histories with known response curves, for tests and the benchmark: each
// channel's daily spend wanders (weekly flights, occasional pushes) around a level, and its
// outcome follows a planted adstock-saturation curve plus Poisson-like noise. Pure.
// Invariant: the same seed gives the same world; the true curves travel with the data so the
// true optimum can be computed with the same allocator.

import { createRandom } from '@kpi/forecast';
import { curveFitted, type ResponseCurve } from './response-curve.js';

export interface SyntheticChannel {
  readonly name: string;
  readonly truth: ResponseCurve;
  readonly spend: number[];
  readonly outcome: number[];
}

export const syntheticMedia = (seed: number, channels: number, days: number): SyntheticChannel[] => {
  const rng = createRandom(seed);
  return Array.from({ length: channels }, (_, c) => {
    const level = 200 + rng.uniform() * 1800;
    const truth: ResponseCurve = {
      kind: 'adstock_saturation',
      decay: Math.round(rng.uniform() * 6) / 10,
      halfSat: (level / 1) * (0.6 + rng.uniform() * 2.4),
      scale: 20 + rng.uniform() * 180,
      base: rng.uniform() * 5,
    };
    const spend: number[] = [];
    let push = 1;
    for (let d = 0; d < days; d++) {
      if (d % 14 === 0) push = 0.55 + rng.uniform() * 0.9;
      const weekday = d % 7 >= 5 ? 0.8 : 1.05;
      spend.push(Math.round(level * push * weekday * (0.85 + rng.uniform() * 0.3) * 100) / 100);
    }
    const fitted = curveFitted(truth, spend);
    const outcome = Array.from(fitted, (m) => Math.max(0, m + rng.normal() * Math.sqrt(Math.max(1, m))));
    return { name: `channel_${String(c + 1).padStart(2, '0')}`, truth, spend, outcome };
  });
};
