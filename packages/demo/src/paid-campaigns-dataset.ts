// paid_campaigns: one row per campaign and day with delivery, cost and results. Pure.
// Invariants: clicks <= impressions, leads and conversions <= clicks; money in cents;
// Meta campaigns deliver at a fraction during the bad week (ads paused while shipping
// was delayed), the other channels do not.

import type { Campaign } from './campaign-plan.js';
import { CHANNEL_WEEKDAY } from './campaign-plan.js';
import type { DemoDataset, DemoRow } from './demo-types.js';
import type { DemoWorld } from './demo-world.js';
import { isBadDay } from './demo-world.js';
import type { Rng } from './random-source.js';
import { createRng, hashSeed } from './random-source.js';

/** Expected leads of a campaign on a day from the planted response curves (media-response.ts). */
export type PlantedLeads = (c: Campaign, i: number) => number;

/** Indexes into the buffer `paidDay` fills. */
export const P_IMPRESSIONS = 0;
export const P_CLICKS = 1;
export const P_SPEND = 2;
export const P_LEADS = 3;
export const P_CONVERSIONS = 4;
export const P_REVENUE = 5;

/** Share of normal delivery for meta_ads during the bad week. */
export const META_PAUSE_FACTOR = 0.12;

const cents = (x: number): number => Math.round(x * 100) / 100;

/** Mean impressions of a campaign on a day (no noise); 0 outside its flight. */
export const meanImpressions = (w: DemoWorld, c: Campaign, i: number): number => {
  if (i < c.first || i > c.last) return 0;
  const ramp = Math.min(1, 0.5 + (i - c.first) / 10);
  const paused = c.channel === 'meta_ads' && isBadDay(w, i) ? META_PAUSE_FACTOR : 1;
  const wd = CHANNEL_WEEKDAY[c.channelIndex]?.[w.weekday[i] ?? 0] ?? 1;
  return c.impressions * (w.demand[i] ?? 1) * wd * ramp * paused;
};

/**
 * Fills `out` with the campaign's numbers on day i. Counter-based: the same (seed,
 * campaign, day) always gives the same numbers, so web_sessions can agree with them.
 */
export const paidDay = (
  w: DemoWorld,
  c: Campaign,
  i: number,
  rng: Rng,
  out: Float64Array,
  planted?: PlantedLeads,
): void => {
  rng.reset(hashSeed(w.seed, 101, i, c.id));
  const impressions = rng.round(meanImpressions(w, c, i) * rng.noise(0.12));
  const clicks = Math.min(impressions, rng.round(impressions * c.ctr * rng.noise(0.1)));
  const spend = cents(clicks * c.cpc * rng.noise(0.08));
  const lift = w.launchLift[i] ?? 1;
  // With planted curves, leads follow the channel's response to spend (same draws either way).
  const expectedLeads = planted
    ? planted(c, i) * (clicks / Math.max(1e-9, meanImpressions(w, c, i) * c.ctr))
    : clicks * c.leadRate;
  const leads = Math.min(clicks, rng.round(expectedLeads * rng.noise(0.25)));
  const conversions = Math.min(clicks, rng.round(clicks * c.convRate * lift * rng.noise(0.2)));
  const revenue = cents(conversions * c.aov * rng.noise(0.1));
  out[P_IMPRESSIONS] = impressions;
  out[P_CLICKS] = clicks;
  out[P_SPEND] = spend;
  out[P_LEADS] = leads;
  out[P_CONVERSIONS] = conversions;
  out[P_REVENUE] = revenue;
};

export const PAID_COLUMNS = [
  'date',
  'channel',
  'campaign',
  'market',
  'impressions',
  'clicks',
  'spend',
  'leads',
  'conversions',
  'revenue',
] as const;

export const paidCampaignsDataset = (
  w: DemoWorld,
  campaigns: readonly Campaign[],
  planted?: PlantedLeads,
): DemoDataset => ({
  name: 'paid_campaigns',
  columns: PAID_COLUMNS,
  *rows(): Generator<DemoRow> {
    const rng = createRng(0);
    const buf = new Float64Array(6);
    for (let i = 0; i < w.dayCount; i++) {
      const date = w.dates[i] ?? '';
      for (const c of campaigns) {
        if (i < c.first || i > c.last) continue;
        paidDay(w, c, i, rng, buf, planted);
        yield [
          date,
          c.channel,
          c.name,
          c.market,
          buf[P_IMPRESSIONS] ?? 0,
          buf[P_CLICKS] ?? 0,
          buf[P_SPEND] ?? 0,
          buf[P_LEADS] ?? 0,
          buf[P_CONVERSIONS] ?? 0,
          buf[P_REVENUE] ?? 0,
        ];
      }
    }
  },
});
