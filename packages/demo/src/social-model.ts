// The organic social model: platforms, the formats each one plausibly carries, and how a
// format performs. Pure, readonly data. Invariant: every platform lists at least one format
// and its format weights sum to 1.

export const PLATFORMS = ['instagram', 'tiktok', 'linkedin', 'youtube', 'x'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const FORMATS = ['carousel', 'reel', 'image', 'video', 'text'] as const;
export type Format = (typeof FORMATS)[number];

export interface PlatformModel {
  readonly platform: Platform;
  readonly short: string;
  /** Posts per day on an average weekday. */
  readonly postsPerDay: number;
  /** Posting factor by weekday, Monday first. */
  readonly postWeekday: readonly number[];
  /** Performance factor by weekday, Monday first. */
  readonly perfWeekday: readonly number[];
  readonly formats: readonly (readonly [Format, number])[];
  /** Impressions of an average post at the start of the two years. */
  readonly impressions: number;
  readonly likeRate: number;
  /** Comments as a share of likes. */
  readonly commentShare: number;
  readonly shareRate: number;
  readonly saveRate: number;
  readonly linkRate: number;
  /** Average watch seconds per video view. */
  readonly watchSeconds: number;
  /** Followers on day 0 and average net new followers per day. */
  readonly followers: number;
  readonly dailyAdds: number;
}

const FLAT = [1, 1, 1, 1, 1, 1, 1] as const;

export const PLATFORM_MODELS: readonly PlatformModel[] = [
  {
    platform: 'instagram',
    short: 'ig',
    postsPerDay: 1,
    postWeekday: [1, 1.05, 1, 1.05, 1, 0.8, 0.7],
    perfWeekday: [0.95, 0.95, 0.97, 0.98, 1, 1.15, 1.2],
    formats: [
      ['carousel', 0.35],
      ['reel', 0.4],
      ['image', 0.25],
    ],
    impressions: 4200,
    likeRate: 0.045,
    commentShare: 0.04,
    shareRate: 0.006,
    saveRate: 0.012,
    linkRate: 0.0015,
    watchSeconds: 9,
    followers: 18400,
    dailyAdds: 22,
  },
  {
    platform: 'tiktok',
    short: 'tt',
    postsPerDay: 0.8,
    postWeekday: [0.9, 1, 1, 1, 1.1, 1.1, 0.9],
    perfWeekday: [0.92, 0.93, 0.95, 0.97, 1.05, 1.18, 1.2],
    formats: [
      ['video', 0.85],
      ['carousel', 0.15],
    ],
    impressions: 6500,
    likeRate: 0.06,
    commentShare: 0.03,
    shareRate: 0.01,
    saveRate: 0.006,
    linkRate: 0.0004,
    watchSeconds: 7,
    followers: 6100,
    dailyAdds: 15,
  },
  {
    platform: 'linkedin',
    short: 'li',
    postsPerDay: 0.55,
    postWeekday: [1.3, 1.4, 1.35, 1.3, 1.1, 0.05, 0.05],
    perfWeekday: [1.1, 1.15, 1.12, 1.05, 0.9, 0.45, 0.45],
    formats: [
      ['text', 0.3],
      ['image', 0.3],
      ['carousel', 0.25],
      ['video', 0.15],
    ],
    impressions: 1800,
    likeRate: 0.025,
    commentShare: 0.06,
    shareRate: 0.004,
    saveRate: 0.002,
    linkRate: 0.009,
    watchSeconds: 14,
    followers: 3200,
    dailyAdds: 6,
  },
  {
    platform: 'youtube',
    short: 'yt',
    postsPerDay: 0.15,
    postWeekday: FLAT,
    perfWeekday: [0.95, 0.95, 0.95, 1, 1.05, 1.1, 1.1],
    formats: [['video', 1]],
    impressions: 3000,
    likeRate: 0.03,
    commentShare: 0.05,
    shareRate: 0.003,
    saveRate: 0.004,
    linkRate: 0.006,
    watchSeconds: 95,
    followers: 1100,
    dailyAdds: 3,
  },
  {
    platform: 'x',
    short: 'x',
    postsPerDay: 1.1,
    postWeekday: [1.15, 1.15, 1.1, 1.1, 1.05, 0.75, 0.7],
    perfWeekday: [1.05, 1.05, 1.03, 1, 0.98, 0.9, 0.9],
    formats: [
      ['text', 0.5],
      ['image', 0.3],
      ['video', 0.2],
    ],
    impressions: 1500,
    likeRate: 0.012,
    commentShare: 0.08,
    shareRate: 0.004,
    saveRate: 0.001,
    linkRate: 0.006,
    watchSeconds: 6,
    followers: 4500,
    dailyAdds: 4,
  },
];

/** [impressions factor, engagement factor] per format: carousels and reels outperform. */
export const FORMAT_EFFECT: Readonly<Record<Format, readonly [number, number]>> = {
  carousel: [1.25, 1.6],
  reel: [1.8, 1.3],
  video: [1.2, 1.1],
  image: [1, 1],
  text: [0.7, 0.8],
};

export const isVideo = (f: Format): boolean => f === 'reel' || f === 'video';
