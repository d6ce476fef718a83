// The email send plan: a weekly digest every Thursday plus promotions (launch, Black
// Friday, gifting, summer, monthly win-back) and one apology in the bad week. Pure; small
// enough (a few hundred sends) to compute whole. Invariants: sent >= delivered >= opens >=
// clicks; sends are ordered by day then campaign; (day, campaign) is unique.

import { addDays, weekdayIndex } from '@kpi/core';
import type { DemoWorld } from './demo-world.js';
import { blackFriday, dayIndexOf } from './demo-world.js';
import { createRng, hashSeed } from './random-source.js';

export interface EmailSend {
  readonly id: string;
  readonly day: number;
  readonly campaign: string;
  readonly sent: number;
  readonly delivered: number;
  readonly opens: number;
  readonly clicks: number;
  readonly unsubscribes: number;
  readonly revenue: number;
}

/** [audience share, open rate, click rate, unsubscribe rate] per campaign type. */
const PROFILE: Readonly<Record<string, readonly [number, number, number, number]>> = {
  weekly_digest: [1, 0.36, 0.021, 0.0018],
  cold_brew_launch: [1, 0.44, 0.041, 0.0022],
  black_friday: [1, 0.41, 0.046, 0.0028],
  christmas_gifting: [1, 0.39, 0.034, 0.0024],
  summer_iced: [1, 0.34, 0.026, 0.0021],
  win_back: [0.22, 0.17, 0.012, 0.0065],
  shipping_update: [1, 0.61, 0.052, 0.0042],
};

export const emailPlan = (w: DemoWorld): EmailSend[] => {
  const plan: { day: number; campaign: string }[] = [];
  const at = (day: number, campaign: string): void => {
    if (day >= 0 && day < w.dayCount) plan.push({ day, campaign });
  };
  for (let i = 0; i < w.dayCount; i++) {
    if (w.weekday[i] === 3) at(i, 'weekly_digest');
    const date = w.dates[i] ?? '';
    if (w.weekday[i] === 1 && Number(date.slice(8)) <= 7) at(i, 'win_back');
  }
  at(w.launch, 'cold_brew_launch');
  at(w.badStart + 2, 'shipping_update');
  for (let y = Number(w.start.slice(0, 4)); y <= Number(w.end.slice(0, 4)); y++) {
    at(dayIndexOf(w, blackFriday(y)), 'black_friday');
    at(dayIndexOf(w, `${y}-12-08`), 'christmas_gifting');
    const june5 = `${y}-06-05`;
    at(dayIndexOf(w, addDays(june5, (1 - weekdayIndex(june5) + 7) % 7)), 'summer_iced');
  }
  plan.sort((a, b) => a.day - b.day || (a.campaign < b.campaign ? -1 : a.campaign > b.campaign ? 1 : 0));
  const rng = createRng(hashSeed(w.seed, 301));
  return plan.map((p, n) => {
    const [share, open, click, unsub] = PROFILE[p.campaign] ?? [1, 0.3, 0.02, 0.002];
    const list = 22000 * (w.trend[p.day] ?? 1) ** 1.3 * (p.day >= w.launch ? 1.08 : 1);
    const sent = Math.round(list * share * rng.noise(0.01));
    const delivered = Math.min(sent, Math.round(sent * (0.984 + rng.next() * 0.011)));
    const opens = Math.min(delivered, Math.round(delivered * open * rng.noise(0.06)));
    const clicks = Math.min(opens, Math.round(delivered * click * rng.noise(0.12)));
    const unsubscribes = Math.min(opens, Math.round(delivered * unsub * rng.noise(0.2)));
    const revenue = Math.round(clicks * 0.095 * 38 * rng.noise(0.15) * 100) / 100;
    return {
      id: `em-${String(n + 1).padStart(4, '0')}`,
      day: p.day,
      campaign: p.campaign,
      sent,
      delivered,
      opens,
      clicks,
      unsubscribes,
      revenue,
    };
  });
};

/** The utm_campaign an email's links carry, e.g. weekly_digest_20250313. */
export const emailUtm = (w: DemoWorld, s: EmailSend): string =>
  `${s.campaign}_${(w.dates[s.day] ?? '').replaceAll('-', '')}`;
