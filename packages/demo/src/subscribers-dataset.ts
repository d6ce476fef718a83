// subscriber_activity: the coffee subscription's customers over the two years — one row per
// order (and one per explicit cancel), with planted churn hazards for `kpi churn` to find.
// Pure and deterministic (counter-based: customer c always gets the same rows).
// Planted truth: a customer leaves after an exponential lifetime whose daily hazard is
// BASE_HAZARD × the plan's factor (trial 3, monthly 1, annual 0.35) × 2 for "fading"
// customers (their order rate halves every 60 days) × √(0.06 / order rate); in the last
// RISE_DAYS days the hazard of Dutch customers rises RISE_FACTOR-fold (a competitor's launch)
// — the segment whose risk rose. 60% of leavers send a cancel; the rest fall silent.
// Invariants: at most one order per customer and day; no order after leaving.

import type { DemoDataset, DemoRow } from './demo-types.js';
import type { DemoWorld } from './demo-world.js';
import { createRng, hashSeed } from './random-source.js';

export const SUBSCRIBER_COUNT = 1500;
export const BASE_HAZARD = 0.0022;
export const PLAN_HAZARD: Readonly<Record<'trial' | 'monthly' | 'annual', number>> = {
  trial: 3,
  monthly: 1,
  annual: 0.35,
};
export const RISE_DAYS = 40;
export const RISE_FACTOR = 2.5;

const PLANS = ['monthly', 'annual', 'trial'] as const;
const MARKETS = ['de', 'at', 'nl'] as const;

export const SUBSCRIBER_COLUMNS = ['date', 'customer', 'plan', 'market', 'event', 'revenue'] as const;

export const subscribersDataset = (w: DemoWorld): DemoDataset => ({
  name: 'subscriber_activity',
  columns: SUBSCRIBER_COLUMNS,
  *rows(): Generator<DemoRow> {
    const rng = createRng(0);
    const n = Math.max(50, Math.round(SUBSCRIBER_COUNT * w.thin));
    const riseFrom = w.dayCount - RISE_DAYS;
    for (let c = 0; c < n; c++) {
      rng.reset(hashSeed(w.seed, 8101, c));
      const u = rng.next();
      const plan = PLANS[u < 0.55 ? 0 : u < 0.85 ? 1 : 2] as (typeof PLANS)[number];
      const market = MARKETS[rng.next() < 0.6 ? 0 : rng.next() < 0.5 ? 1 : 2] as (typeof MARKETS)[number];
      const start = Math.floor(rng.next() * (w.dayCount - 30));
      const rate = 0.025 + 0.1 * rng.next() ** 2;
      const fading = rng.next() < 0.3;
      const hazard = BASE_HAZARD * PLAN_HAZARD[plan] * (fading ? 2 : 1) * Math.sqrt(0.06 / rate);
      // Exponential lifetime; the Dutch hazard rises from riseFrom on (piecewise-constant hazard).
      const e = -Math.log(1 - rng.next());
      let left = start + e / hazard;
      if (market === 'nl' && left > riseFrom) {
        const before = Math.max(0, riseFrom - start) * hazard;
        left = Math.max(start, riseFrom) + (e - before) / (hazard * RISE_FACTOR);
      }
      const basket = plan === 'annual' ? 24 : plan === 'trial' ? 12 : 19;
      const id = `cus_${String(c + 1).padStart(5, '0')}`;
      const row = (day: number, event: string, revenue: number): DemoRow => [
        w.dates[day] ?? w.end,
        id,
        plan,
        market,
        event,
        revenue,
      ];
      yield row(start, 'order', basket);
      let t = start;
      let last = start;
      for (;;) {
        const r = fading ? rate * 0.5 ** ((t - start) / 60) : rate;
        t += -Math.log(1 - rng.next()) / Math.max(1e-4, r);
        if (t >= left || t >= w.dayCount) break;
        const d = Math.floor(t);
        if (d === last) continue;
        last = d;
        yield row(d, 'order', Math.round(basket * (0.8 + rng.next() * 0.5) * 100) / 100);
      }
      if (left < w.dayCount && rng.next() < 0.6) yield row(Math.floor(left), 'cancel', 0);
    }
  },
});
