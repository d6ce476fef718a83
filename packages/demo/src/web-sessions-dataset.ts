// web_sessions: daily sessions by source / medium / utm_campaign. Pure. Paid rows follow
// the paid campaigns' clicks (same counter-based numbers), email rows follow the sends
// (send day and the two days after), organic rows follow demand, the weekly rhythm and
// the viral reel. Invariants: engaged_sessions <= sessions, conversions <= sessions; the
// key (date, source, medium, utm_campaign) is unique.

import type { Campaign } from './campaign-plan.js';
import type { DemoDataset, DemoRow } from './demo-types.js';
import type { DemoWorld } from './demo-world.js';
import { isBadDay } from './demo-world.js';
import type { EmailSend } from './email-plan.js';
import { emailUtm } from './email-plan.js';
import { P_CLICKS, paidDay } from './paid-campaigns-dataset.js';
import type { Rng } from './random-source.js';
import { createRng, hashSeed, hashText } from './random-source.js';

export const WEB_COLUMNS = [
  'date',
  'source',
  'medium',
  'utm_campaign',
  'sessions',
  'engaged_sessions',
  'conversions',
  'revenue',
] as const;

const NOT_SET = '(not set)';
/** Sessions factor by weekday, Monday first: weekends are quieter on the shop. */
export const WEB_WEEKDAY = [1.05, 1.06, 1.04, 1.01, 0.96, 0.84, 0.92] as const;

/** [source, medium, sessions per day at demand 1, conversion rate, engaged share]. */
const ORGANIC: readonly (readonly [string, string, number, number, number])[] = [
  ['google', 'organic', 1400, 0.022, 0.62],
  ['bing', 'organic', 90, 0.02, 0.6],
  ['(direct)', '(none)', 700, 0.035, 0.66],
  ['instagram', 'social', 180, 0.009, 0.48],
  ['tiktok', 'social', 120, 0.006, 0.41],
  ['linkedin', 'social', 40, 0.012, 0.55],
  ['youtube', 'social', 30, 0.01, 0.58],
  ['x', 'social', 25, 0.007, 0.44],
  ['reddit.com', 'referral', 20, 0.015, 0.57],
  ['brewguide.example', 'referral', 35, 0.03, 0.7],
  ['chatgpt.com', 'referral', 6, 0.04, 0.74],
];

const PAID_SOURCE: Readonly<Record<string, readonly [string, string]>> = {
  google_search: ['google', 'cpc'],
  meta_ads: ['meta', 'paid_social'],
  linkedin_ads: ['linkedin', 'paid_social'],
  tiktok_ads: ['tiktok', 'paid_social'],
};

const AOV = 37;

const outcome = (
  w: DemoWorld,
  i: number,
  rng: Rng,
  sessions: number,
  engagedShare: number,
  cr: number,
): [number, number, number] => {
  const engaged = Math.min(sessions, rng.round(sessions * engagedShare * rng.noise(0.05)));
  const bad = isBadDay(w, i) ? 0.85 : 1;
  const lift = w.launchLift[i] ?? 1;
  const conversions = Math.min(sessions, rng.round(sessions * cr * bad * Math.sqrt(lift) * rng.noise(0.15)));
  return [engaged, conversions, Math.round(conversions * AOV * rng.noise(0.1) * 100) / 100];
};

export const webSessionsDataset = (
  w: DemoWorld,
  campaigns: readonly Campaign[],
  sends: readonly EmailSend[],
): DemoDataset => ({
  name: 'web_sessions',
  columns: WEB_COLUMNS,
  *rows(): Generator<DemoRow> {
    const rng = createRng(0);
    const buf = new Float64Array(6);
    const sendsByDay: EmailSend[][] = Array.from({ length: w.dayCount }, () => []);
    for (const s of sends) for (let d = 0; d < 3; d++) sendsByDay[s.day + d]?.push(s);
    for (let i = 0; i < w.dayCount; i++) {
      const date = w.dates[i] ?? '';
      const wd = WEB_WEEKDAY[w.weekday[i] ?? 0] ?? 1;
      const sinceViral = i - w.viral;
      const viral = sinceViral >= 0 ? 1 + 8 * Math.exp(-sinceViral / 2) : 1;
      for (const [k, [source, medium, base, cr, engagedShare]] of ORGANIC.entries()) {
        rng.reset(hashSeed(w.seed, 201, i, k));
        let level = base * (w.demand[i] ?? 1) * wd;
        if (source === 'chatgpt.com') level *= (w.trend[i] ?? 1) ** 5;
        if (source === 'tiktok') level *= viral;
        const sessions = rng.round(level * rng.noise(0.08));
        yield [date, source, medium, NOT_SET, sessions, ...outcome(w, i, rng, sessions, engagedShare, cr)];
      }
      for (const s of sendsByDay[i] ?? []) {
        rng.reset(hashSeed(w.seed, 202, i, hashText(s.id)));
        const share = [0.7, 0.2, 0.1][i - s.day] ?? 0;
        const sessions = rng.round(s.clicks * 0.8 * share * rng.noise(0.1));
        yield [
          date,
          'newsletter',
          'email',
          emailUtm(w, s),
          sessions,
          ...outcome(w, i, rng, sessions, 0.68, 0.04),
        ];
      }
      for (const c of campaigns) {
        if (i < c.first || i > c.last) continue;
        paidDay(w, c, i, rng, buf);
        const clicks = buf[P_CLICKS] ?? 0;
        rng.reset(hashSeed(w.seed, 203, i, c.id));
        const sessions = rng.round(clicks * 0.82 * rng.noise(0.06));
        const [source, medium] = PAID_SOURCE[c.channel] ?? ['unknown', 'unknown'];
        const cr = c.convRate * 0.8;
        yield [date, source, medium, c.name, sessions, ...outcome(w, i, rng, sessions, 0.5, cr)];
      }
    }
  },
});
