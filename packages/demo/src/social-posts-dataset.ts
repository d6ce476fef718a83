// social_posts: one row per organic post. Pure. Posting follows each platform's weekly
// rhythm; reach follows the audience's growth, the seasons, the format (carousels and
// reels outperform) and a heavy-tailed luck factor; the first TikTok post on the viral
// day is the viral reel. Invariants: reach <= impressions; every engagement count <=
// impressions; video_views and watch_time_seconds are null for non-video formats.

import type { DemoDataset, DemoRow } from './demo-types.js';
import type { DemoWorld } from './demo-world.js';
import type { Rng } from './random-source.js';
import { createRng, hashSeed } from './random-source.js';
import type { Format, PlatformModel } from './social-model.js';
import { FORMAT_EFFECT, isVideo, PLATFORM_MODELS } from './social-model.js';

export const POST_COLUMNS = [
  'post_id',
  'date',
  'platform',
  'format',
  'impressions',
  'reach',
  'likes',
  'comments',
  'shares',
  'saves',
  'link_clicks',
  'video_views',
  'watch_time_seconds',
] as const;

/** How much bigger the viral reel is than an ordinary post. */
export const VIRAL_FACTOR = 40;

const pickFormat = (m: PlatformModel, rng: Rng): Format => {
  let u = rng.next();
  for (const [f, p] of m.formats) {
    u -= p;
    if (u < 0) return f;
  }
  return m.formats[m.formats.length - 1]?.[0] ?? 'image';
};

const postRow = (
  w: DemoWorld,
  m: PlatformModel,
  i: number,
  n: number,
  rng: Rng,
  isViral: boolean,
): DemoRow => {
  const format: Format = isViral ? 'video' : pickFormat(m, rng);
  const [impFactor, engFactor] = FORMAT_EFFECT[format];
  const audience = (w.trend[i] ?? 1) ** 1.5 * (w.season[i] ?? 1) * Math.sqrt(w.launchLift[i] ?? 1);
  const wd = m.perfWeekday[w.weekday[i] ?? 0] ?? 1;
  const luck = isViral ? VIRAL_FACTOR : rng.skew(0.55);
  const impressions = Math.max(1, Math.round(m.impressions * audience * impFactor * wd * luck));
  const reach = Math.round(impressions * (0.6 + rng.next() * 0.28));
  const eng = engFactor * rng.noise(0.2);
  const capped = (x: number): number => Math.min(impressions, rng.round(x));
  const likes = capped(impressions * m.likeRate * eng);
  const comments = capped(likes * m.commentShare * rng.noise(0.3));
  const shares = capped(impressions * m.shareRate * eng * (isViral ? 3 : 1) * rng.noise(0.3));
  const saves = capped(impressions * m.saveRate * eng * (format === 'carousel' ? 2.2 : 1) * rng.noise(0.3));
  const linkClicks = capped(impressions * m.linkRate * rng.noise(0.3));
  const video = isVideo(format);
  const videoViews = video ? capped(impressions * (0.55 + rng.next() * 0.25)) : null;
  const watch = videoViews === null ? null : Math.round(videoViews * m.watchSeconds * rng.noise(0.2));
  const id = `${m.short}-${(w.dates[i] ?? '').replaceAll('-', '')}-${n + 1}`;
  return [
    id,
    w.dates[i] ?? '',
    m.platform,
    format,
    impressions,
    reach,
    likes,
    comments,
    shares,
    saves,
    linkClicks,
    videoViews,
    watch,
  ];
};

export const socialPostsDataset = (w: DemoWorld): DemoDataset => ({
  name: 'social_posts',
  columns: POST_COLUMNS,
  *rows(): Generator<DemoRow> {
    const rng = createRng(0);
    for (let i = 0; i < w.dayCount; i++) {
      for (const [p, m] of PLATFORM_MODELS.entries()) {
        rng.reset(hashSeed(w.seed, 401, i, p));
        const viralToday = i === w.viral && m.platform === 'tiktok';
        const rate = m.postsPerDay * (m.postWeekday[w.weekday[i] ?? 0] ?? 1) * w.thin;
        const count = Math.max(viralToday ? 1 : 0, Math.min(4, rng.round(rate * rng.noise(0.3))));
        for (let n = 0; n < count; n++) yield postRow(w, m, i, n, rng, viralToday && n === 0);
      }
    }
  },
});
