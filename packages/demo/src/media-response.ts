// The planted truth behind the demo's leads: per channel, a response curve from the channel's
// daily spend to its leads, with geometric carry-over (adstock) and exponential saturation —
// leads_c(i) = scale_c·(1 − 2^(−a_c(i)/halfSat_c)), a_c(i) = E_c(i) + decay_c·a_c(i−1), where
// E_c is the channel's expected (noise-free) spend. Each campaign gets the channel's leads in
// proportion to its expected lead volume. Pure.
// Invariants: the curve meets the channel's average lead volume at its average adstock (so
// the totals the goals are calibrated on keep their size); channels differ in saturation
// (Meta far along its curve, LinkedIn early on it), so moving money between them pays —
// `kpi budget` has a known optimum to find (the curves travel with the data here).

import type { Campaign } from './campaign-plan.js';
import { CHANNELS } from './campaign-plan.js';
import type { DemoWorld } from './demo-world.js';
import { meanImpressions } from './paid-campaigns-dataset.js';

export interface PlantedCurve {
  readonly channel: string;
  readonly decay: number;
  readonly halfSat: number;
  readonly scale: number;
}

export interface PlantedMedia {
  readonly curves: readonly PlantedCurve[];
  /** Planted leads per channel (CHANNELS order) and day. */
  readonly leads: readonly Float64Array[];
  /** Old-formula expected leads per channel and day (the share key for campaigns). */
  readonly weight: readonly Float64Array[];
  /** Expected spend per channel and day. */
  readonly spend: readonly Float64Array[];
}

/** Carry-over and half-saturation (as a multiple of the channel's mean adstock), CHANNELS order. */
const SHAPES: readonly (readonly [decay: number, halfSatMult: number])[] = [
  [0.3, 1.2], // google_search: moderate
  [0.3, 0.6], // meta_ads: well into saturation
  [0.2, 3], // linkedin_ads: far from saturation
  [0.4, 0.8], // tiktok_ads
];

/** Expected (noise-free) spend and lead volume of a campaign on day i. */
export const expectedCampaignDay = (
  w: DemoWorld,
  c: Campaign,
  i: number,
): { spend: number; leads: number } => {
  const clicks = meanImpressions(w, c, i) * c.ctr;
  return { spend: clicks * c.cpc, leads: clicks * c.leadRate };
};

export const plantedMedia = (w: DemoWorld, campaigns: readonly Campaign[]): PlantedMedia => {
  const n = w.dayCount;
  const spend = CHANNELS.map(() => new Float64Array(n));
  const weight = CHANNELS.map(() => new Float64Array(n));
  for (const c of campaigns)
    for (let i = Math.max(0, c.first); i <= Math.min(n - 1, c.last); i++) {
      const e = expectedCampaignDay(w, c, i);
      const s = spend[c.channelIndex] as Float64Array;
      const wt = weight[c.channelIndex] as Float64Array;
      s[i] = (s[i] as number) + e.spend;
      wt[i] = (wt[i] as number) + e.leads;
    }
  const curves: PlantedCurve[] = [];
  const leads = CHANNELS.map((channel, k) => {
    const [decay, mult] = SHAPES[k] as readonly [number, number];
    const s = spend[k] as Float64Array;
    const a = new Float64Array(n);
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc = (s[i] as number) + decay * acc;
      a[i] = acc;
    }
    const active = Array.from(a).filter((x) => x > 0);
    const meanA = active.length ? active.reduce((p, q) => p + q, 0) / active.length : 1;
    const wt = weight[k] as Float64Array;
    const activeW = Array.from(wt).filter((x) => x > 0);
    const meanLeads = activeW.length ? activeW.reduce((p, q) => p + q, 0) / activeW.length : 0;
    const halfSat = meanA * mult;
    const scale = meanLeads / (1 - 2 ** (-meanA / halfSat));
    curves.push({ channel, decay, halfSat, scale });
    return Float64Array.from(a, (x) => scale * (1 - 2 ** (-x / halfSat)));
  });
  return { curves, leads, weight, spend };
};

/** The planted expected leads of campaign c on day i: its share of the channel's planted leads. */
export const plantedCampaignLeads = (p: PlantedMedia, w: DemoWorld, c: Campaign, i: number): number => {
  const total = p.weight[c.channelIndex]?.[i] ?? 0;
  if (!(total > 0)) return 0;
  return ((p.leads[c.channelIndex]?.[i] ?? 0) * expectedCampaignDay(w, c, i).leads) / total;
};
