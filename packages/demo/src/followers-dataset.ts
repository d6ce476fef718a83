// followers: a daily snapshot of the follower level per platform. Pure. The level grows
// with demand, jumps after the viral reel (TikTok, some spill-over to Instagram) and after
// the launch; X slowly stalls and declines. Invariant: one row per (date, platform), levels
// stay positive integers.

import type { DemoDataset, DemoRow } from './demo-types.js';
import type { DemoWorld } from './demo-world.js';
import { createRng, hashSeed } from './random-source.js';
import { PLATFORM_MODELS } from './social-model.js';

export const FOLLOWER_COLUMNS = ['date', 'platform', 'followers'] as const;

/** New TikTok followers on the viral day (then decaying over a few days). */
export const VIRAL_FOLLOWERS = 5500;

export const followersDataset = (w: DemoWorld): DemoDataset => ({
  name: 'followers',
  columns: FOLLOWER_COLUMNS,
  *rows(): Generator<DemoRow> {
    const rng = createRng(0);
    const levels = PLATFORM_MODELS.map((m) => m.followers);
    for (let i = 0; i < w.dayCount; i++) {
      const sinceViral = i - w.viral;
      const sinceLaunch = i - w.launch;
      for (const [p, m] of PLATFORM_MODELS.entries()) {
        rng.reset(hashSeed(w.seed, 501, i, p));
        let adds = m.dailyAdds * (w.demand[i] ?? 1) * rng.noise(0.35);
        if (m.platform === 'x') adds = m.dailyAdds * (1 - (1.8 * i) / w.dayCount) * rng.noise(0.5);
        if (sinceViral >= 0 && m.platform === 'tiktok') adds += VIRAL_FOLLOWERS * Math.exp(-sinceViral / 1.5);
        if (sinceViral >= 0 && m.platform === 'instagram') adds += 600 * Math.exp(-sinceViral / 2);
        if (sinceLaunch >= 0 && m.platform !== 'x') adds += m.dailyAdds * 3 * Math.exp(-sinceLaunch / 7);
        const level = Math.max(1, (levels[p] ?? 0) + Math.round(adds));
        levels[p] = level;
        yield [w.dates[i] ?? '', m.platform, level];
      }
    }
  },
});
