// The paid campaign plan: which campaigns run on which channel and market, when they
// launch and end, and their unit economics. Pure. Invariants: (channel, name) is unique;
// `first <= last` are day indices inside the world; copies of one template split its
// volume, so the totals do not depend on the scale.

import { addDays, dayNumber } from '@kpi/core';
import type { DemoWorld } from './demo-world.js';
import { blackFriday } from './demo-world.js';
import { createRng, hashSeed } from './random-source.js';

export const CHANNELS = ['google_search', 'meta_ads', 'linkedin_ads', 'tiktok_ads'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Campaign {
  readonly id: number;
  readonly channel: Channel;
  readonly channelIndex: number;
  readonly name: string;
  readonly market: string;
  readonly first: number;
  readonly last: number;
  /** Daily impressions at demand 1, already divided among the copies. */
  readonly impressions: number;
  readonly ctr: number;
  readonly cpc: number;
  readonly leadRate: number;
  readonly convRate: number;
  readonly aov: number;
}

type Economics = readonly [
  impressions: number,
  ctr: number,
  cpc: number,
  lead: number,
  conv: number,
  aov: number,
];
interface Template {
  readonly channel: Channel;
  readonly name: string;
  readonly market: string;
  readonly first: number;
  readonly last: number;
  readonly eco: Economics;
}

/** Impression factor by weekday (Monday first) per channel, in CHANNELS order. */
export const CHANNEL_WEEKDAY: readonly (readonly number[])[] = [
  [1.05, 1.05, 1.03, 1.0, 0.95, 0.85, 0.95],
  [0.95, 0.97, 0.98, 1.0, 1.02, 1.05, 1.08],
  [1.2, 1.22, 1.2, 1.15, 0.95, 0.3, 0.3],
  [0.92, 0.95, 0.97, 1.0, 1.05, 1.1, 1.1],
];

const templates = (w: DemoWorld): Template[] => {
  const end = w.dayCount - 1;
  const clip = (a: number): number => Math.max(0, Math.min(end, a));
  const out: Template[] = [];
  const add = (
    channel: Channel,
    name: string,
    market: string,
    first: number,
    last: number,
    eco: Economics,
  ): void => {
    if (first <= last && first <= end && last >= 0)
      out.push({ channel, name, market, first: clip(first), last: clip(last), eco });
  };
  add('google_search', 'search_de_brand', 'de', 0, end, [6000, 0.11, 0.15, 0.0023, 0.063, 36]);
  add('google_search', 'search_de_generic', 'de', 0, end, [16000, 0.032, 0.42, 0.0023, 0.021, 39]);
  add('google_search', 'search_at_generic', 'at', 0, end, [3500, 0.03, 0.38, 0.0023, 0.0189, 39]);
  add('google_search', 'search_de_competitor', 'de', 120, 420, [5000, 0.025, 0.56, 0.0017, 0.014, 37]);
  add('google_search', 'search_nl_generic', 'nl', w.launch, end, [6000, 0.03, 0.36, 0.0023, 0.0182, 37]);
  add('meta_ads', 'meta_de_prospecting', 'de', 0, end, [70000, 0.011, 0.21, 0.0023, 0.0098, 34]);
  add('meta_ads', 'meta_de_retargeting', 'de', 0, end, [22000, 0.017, 0.16, 0.0041, 0.035, 35]);
  add('meta_ads', 'meta_at_prospecting', 'at', 60, end, [18000, 0.01, 0.2, 0.0023, 0.0084, 34]);
  add('meta_ads', 'meta_nl_launch', 'nl', w.launch, end, [40000, 0.012, 0.18, 0.0029, 0.0077, 31]);
  add('linkedin_ads', 'linkedin_de_office_leadgen', 'de', 0, end, [9000, 0.0065, 2.16, 0.0348, 0.0056, 240]);
  add(
    'linkedin_ads',
    'linkedin_de_office_retargeting',
    'de',
    200,
    end,
    [4000, 0.008, 1.92, 0.029, 0.0084, 230],
  );
  add('tiktok_ads', 'tiktok_de_creator_spark', 'de', 90, end, [55000, 0.009, 0.12, 0.0017, 0.0084, 28]);
  add(
    'tiktok_ads',
    'tiktok_cold_brew_launch',
    'de',
    w.launch,
    w.launch + 60,
    [80000, 0.01, 0.11, 0.0017, 0.0077, 27],
  );
  add('tiktok_ads', 'tiktok_nl_awareness', 'nl', w.launch, end, [45000, 0.008, 0.12, 0.0012, 0.0056, 27]);
  const y0 = Number(w.start.slice(0, 4));
  const y1 = Number(w.end.slice(0, 4));
  for (let y = y0; y <= y1; y++) {
    const at = (date: string): number => dayNumber(date) - dayNumber(w.start);
    const bf = blackFriday(y);
    add(
      'google_search',
      `search_de_gifting_${y}`,
      'de',
      at(`${y}-11-10`),
      at(`${y}-12-22`),
      [9000, 0.04, 0.34, 0.0012, 0.0315, 52],
    );
    add(
      'meta_ads',
      `meta_summer_iced_${y}`,
      'de',
      at(`${y}-06-01`),
      at(`${y}-08-15`),
      [35000, 0.012, 0.19, 0.0017, 0.0098, 29],
    );
    add(
      'meta_ads',
      `meta_black_friday_${y}`,
      'de',
      at(addDays(bf, -6)),
      at(addDays(bf, 3)),
      [60000, 0.016, 0.24, 0.0012, 0.0224, 41],
    );
  }
  return out;
};

/** The campaigns of the world, each template split into about `copies` ad-group copies. */
export const buildCampaigns = (w: DemoWorld, copies: number): Campaign[] => {
  const rng = createRng(hashSeed(w.seed, 7001));
  const out: Campaign[] = [];
  const whole = Math.max(1, Math.floor(copies));
  const frac = copies - Math.floor(copies);
  for (const t of templates(w)) {
    const n = copies <= 1 ? 1 : whole + (rng.next() < frac ? 1 : 0);
    const weights = Array.from({ length: n }, () => 0.4 + rng.next() * 1.2);
    const total = weights.reduce((a, b) => a + b, 0);
    const channelIndex = CHANNELS.indexOf(t.channel);
    weights.forEach((wt, j) => {
      const [impressions, ctr, cpc, lead, conv, aov] = t.eco;
      out.push({
        id: out.length,
        channel: t.channel,
        channelIndex,
        name: n === 1 ? t.name : `${t.name}_ag${String(j + 1).padStart(4, '0')}`,
        market: t.market,
        first: t.first,
        last: t.last,
        impressions: (impressions * wt) / total,
        ctr: n === 1 ? ctr : ctr * (0.8 + rng.next() * 0.4),
        cpc,
        leadRate: lead,
        convRate: conv,
        aov,
      });
    });
  }
  return out;
};
