// Generated subscribers with planted churn hazards, for tests and the benchmark. Pure.
// Each customer starts on a random day with an activity rate; a third are "fading" (their
// rate halves every 60 days) and leave at twice the hazard; the plan (segment) multiplies
// the hazard (monthly 1, annual 0.4, trial 2.5); a low activity rate raises it. A customer
// leaves after an exponential lifetime, cancelling explicitly half the time; no activity after.
// Invariant: the same seed gives the same world.

import { createRandom } from '@kpi/forecast';
import type { CustomerActivity } from './churn-data.js';

export const SYNTHETIC_SEGMENTS = ['monthly', 'annual', 'trial'] as const;
const SEGMENT_HAZARD = [1, 0.4, 2.5];

export interface SyntheticSubscribers {
  readonly activity: CustomerActivity;
  /** Day the customer actually left (Infinity if not within the world). */
  readonly leftDay: Float64Array;
  readonly days: number;
}

export const syntheticSubscribers = (seed: number, customers: number, days: number): SyntheticSubscribers => {
  const rng = createRandom(seed);
  const offsets = new Int32Array(customers + 1);
  let cap = customers * 16;
  let evDays = new Int32Array(cap);
  let evAmounts = new Float64Array(cap);
  const cancelDay = new Float64Array(customers).fill(Number.NaN);
  const segment = new Int32Array(customers);
  const leftDay = new Float64Array(customers).fill(Number.POSITIVE_INFINITY);
  let n = 0;
  const push = (d: number, amt: number) => {
    if (n >= cap) {
      cap *= 2;
      const nd = new Int32Array(cap);
      nd.set(evDays);
      evDays = nd;
      const na = new Float64Array(cap);
      na.set(evAmounts);
      evAmounts = na;
    }
    evDays[n] = d;
    evAmounts[n] = amt;
    n++;
  };
  for (let c = 0; c < customers; c++) {
    offsets[c] = n;
    const seg = rng.uniform() < 0.5 ? 0 : rng.uniform() < 0.5 ? 1 : 2;
    segment[c] = seg;
    const start = Math.floor(rng.uniform() * (days - 45));
    const rate = 0.03 + 0.25 * rng.uniform() ** 2;
    const fading = rng.uniform() < 1 / 3;
    const hazard = 0.0035 * (SEGMENT_HAZARD[seg] as number) * (fading ? 2 : 1) * Math.sqrt(0.12 / rate);
    const life = -Math.log(1 - rng.uniform()) / hazard;
    const left = start + life;
    if (left < days) {
      leftDay[c] = Math.floor(left);
      if (rng.uniform() < 0.5) cancelDay[c] = Math.floor(left);
    }
    const basket = 10 + rng.uniform() * 40;
    let t = start;
    push(start, basket);
    for (;;) {
      const r = fading ? rate * 0.5 ** ((t - start) / 60) : rate;
      t += -Math.log(1 - rng.uniform()) / Math.max(1e-4, r);
      if (t >= left || t >= days) break;
      const d = Math.floor(t);
      if (d !== evDays[n - 1]) push(d, basket * (0.7 + rng.uniform() * 0.6));
    }
  }
  offsets[customers] = n;
  return {
    activity: {
      count: customers,
      offsets,
      days: evDays.slice(0, n),
      amounts: evAmounts.slice(0, n),
      cancelDay,
      segment,
      segmentNames: SYNTHETIC_SEGMENTS,
    },
    leftDay,
    days,
  };
};
