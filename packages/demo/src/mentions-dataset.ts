// mentions: one row per public mention of the brand or of a tracked competitor (the
// listening tool's export; `brand` says whose), in time order. Pure. The brand's volume
// follows demand, spikes with the viral reel and the launch; in the bad week extra shipping
// complaints pile up (mid-week peak). Competitors' mentions come from a random stream of
// their own, so the brand's rows are the same with or without them. `sentiment` is left
// empty: kpi scores it from `text` at import. Invariants: mention_id is unique and
// increases with the timestamp; author_followers >= 1.

import type { DemoDataset, DemoRow } from './demo-types.js';
import type { DemoWorld } from './demo-world.js';
import { isBadDay } from './demo-world.js';
import type { MentionTone } from './mention-text.js';
import { BRAND_MEMBERS, COMPETITORS, mentionText, rivalMentionText } from './mention-text.js';
import { createRng, hashSeed } from './random-source.js';
import { zonedFormatter } from './zoned-timestamp.js';

export const MENTION_COLUMNS = [
  'mention_id',
  'timestamp',
  'platform',
  'brand',
  'text',
  'author_followers',
  'sentiment',
] as const;

const MENTION_PLATFORMS = ['x', 'instagram', 'tiktok', 'reddit', 'trustpilot'] as const;
const BAD_WEEK_SHAPE = [0.6, 1, 1.4, 1.5, 1.2, 0.9, 0.7] as const;
/** Extra shipping complaints per day at the bad week's average. */
export const BAD_WEEK_COMPLAINTS = 18;
/** Competitors' mentions per day at average demand, in COMPETITORS order. */
export const RIVAL_DAILY = [4.5, 3, 2] as const;

const tone = (u: number): MentionTone =>
  u < 0.45 ? 'positive' : u < 0.78 ? 'neutral' : u < 0.88 ? 'negative' : u < 0.9 ? 'shipping' : 'competitor';

/** A second of the day: mostly daytime, some at night. */
export const daytimeSecond = (u1: number, u2: number, u3: number): number =>
  u1 < 0.1 ? Math.floor(u2 * 86_400) : Math.floor((7 + 16 * ((u2 + u3) / 2)) * 3600);

export const mentionsDataset = (w: DemoWorld): DemoDataset => ({
  name: 'mentions',
  columns: MENTION_COLUMNS,
  *rows(): Generator<DemoRow> {
    const rng = createRng(0);
    const stamp = zonedFormatter(w.timezone, w.dates);
    let seq = 0;
    for (let i = 0; i < w.dayCount; i++) {
      rng.reset(hashSeed(w.seed, 601, i));
      const sinceViral = i - w.viral;
      const sinceLaunch = i - w.launch;
      let regular = 7 * (w.demand[i] ?? 1);
      if (sinceViral >= 0) regular += 40 * Math.exp(-sinceViral / 1.5);
      if (sinceLaunch >= 0) regular += 20 * Math.exp(-sinceLaunch / 5);
      const bad = isBadDay(w, i) ? BAD_WEEK_COMPLAINTS * (BAD_WEEK_SHAPE[i - w.badStart] ?? 1) : 0;
      const nRegular = rng.round(regular * w.thin * rng.noise(0.25));
      const nBad = rng.round(bad * w.thin * rng.noise(0.2));
      const day: { second: number; row: DemoRow[number][] }[] = [];
      for (let k = 0; k < nRegular + nBad; k++) {
        const t: MentionTone = k < nBad ? (rng.next() < 0.85 ? 'shipping' : 'negative') : tone(rng.next());
        const second = daytimeSecond(rng.next(), rng.next(), rng.next());
        const platform = t === 'shipping' && rng.next() < 0.3 ? 'trustpilot' : rng.pick(MENTION_PLATFORMS);
        const followers = Math.max(1, Math.floor(Math.exp(5.3 + 1.5 * rng.normal())));
        day.push({
          second,
          row: [
            '',
            stamp(i, second),
            platform,
            'northwind',
            mentionText(rng, t, i >= w.launch),
            followers,
            null,
          ],
        });
      }
      rng.reset(hashSeed(w.seed, 602, i));
      COMPETITORS.forEach((name, c) => {
        const n = rng.round((RIVAL_DAILY[c] ?? 0) * (w.demand[i] ?? 1) * w.thin * rng.noise(0.25));
        for (let k = 0; k < n; k++) {
          const second = daytimeSecond(rng.next(), rng.next(), rng.next());
          const platform = rng.pick(MENTION_PLATFORMS);
          const followers = Math.max(1, Math.floor(Math.exp(5.3 + 1.5 * rng.normal())));
          day.push({
            second,
            row: [
              '',
              stamp(i, second),
              platform,
              BRAND_MEMBERS[c + 1] ?? 'northwind',
              rivalMentionText(rng, name),
              followers,
              null,
            ],
          });
        }
      });
      day.sort((a, b) => a.second - b.second);
      for (const m of day) {
        seq += 1;
        m.row[0] = `mn-${String(seq).padStart(6, '0')}`;
        yield m.row;
      }
    }
  },
});
