// Engagement quality: weighted engagement, engagement rate by reach / impressions /
// followers, per post (mean of the posts' rates) and per period (sum over sum), and cost
// per engagement. Pure. Invariants: a rate whose denominator is 0 or missing is null, never
// Infinity; the weights used are always reported with the figures.
import { z } from 'zod';
import { ownGet } from '../own-lookup.js';
import { identifierSchema } from '../schema/common-schema.js';

/** Default weights by interaction name: saves and shares weigh more than likes. */
export const DEFAULT_ENGAGEMENT_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  likes: 1,
  reactions: 1,
  comments: 2,
  replies: 2,
  shares: 3,
  reposts: 3,
  saves: 3,
  link_clicks: 1,
});

export const engagementSpecSchema = z
  .strictObject({
    of: z
      .array(identifierSchema)
      .min(1)
      .describe('The interaction columns that add up to an engagement (likes, comments, shares, saves...).'),
    weighted: z
      .boolean()
      .optional()
      .describe(
        'Weigh interactions by the defaults: likes/reactions/link_clicks 1, comments/replies 2, shares/reposts/saves 3 (others 1).',
      ),
    weights: z
      .record(identifierSchema, z.number().min(0).max(1000))
      .optional()
      .describe(
        'Your own weight per interaction column (overrides the defaults); columns not named weigh 1.',
      ),
    per: identifierSchema
      .optional()
      .describe(
        'Divide by this column (reach, impressions or followers) for a per-post engagement rate; average it with agg: avg.',
      ),
  })
  .describe(
    'A number column computed at import from other columns of the same row: the (weighted) engagement, or the per-post engagement rate.',
  );

export type EngagementSpec = z.infer<typeof engagementSpecSchema>;

/** The weight of each `of` column under a spec. */
export const engagementWeights = (spec: EngagementSpec): Map<string, number> =>
  new Map(
    spec.of.map((c) => {
      const own = spec.weights ? ownGet(spec.weights, c) : undefined;
      const def =
        spec.weighted && Object.hasOwn(DEFAULT_ENGAGEMENT_WEIGHTS, c)
          ? DEFAULT_ENGAGEMENT_WEIGHTS[c]
          : undefined;
      return [c, own ?? def ?? 1] as const;
    }),
  );

export const ENGAGEMENT_DENOMINATORS = ['reach', 'impressions', 'followers'] as const;
export type EngagementDenominator = (typeof ENGAGEMENT_DENOMINATORS)[number];

export type PostCounts = {
  /** Interaction counts by name (likes, comments, shares, saves, ...). */
  readonly interactions: Readonly<Record<string, number>>;
  readonly reach?: number;
  readonly impressions?: number;
  readonly followers?: number;
};

export type EngagementFigures = {
  readonly posts: number;
  readonly engagements: number;
  readonly weightedEngagements: number;
  readonly weights: Readonly<Record<string, number>>;
  /** Sum of engagements over the sum of the denominator. */
  readonly perPeriod: Readonly<Record<EngagementDenominator, number | null>>;
  /** Mean of each post's rate (posts without the denominator left out). */
  readonly perPost: Readonly<Record<EngagementDenominator, number | null>>;
  readonly costPerEngagement: number | null;
};

const rate = (num: number, den: number | undefined): number | null =>
  den === undefined || !(den > 0) ? null : num / den;

/** The calculator: figures for one post or a campaign of posts. */
export function engagementFigures(
  posts: readonly PostCounts[],
  opts: { weights?: Readonly<Record<string, number>>; cost?: number } = {},
): EngagementFigures {
  const weightOf = (name: string): number =>
    (opts.weights ? ownGet(opts.weights, name) : undefined) ?? ownGet(DEFAULT_ENGAGEMENT_WEIGHTS, name) ?? 1;
  const used = new Map<string, number>();
  let engagements = 0;
  let weighted = 0;
  const sums = { reach: 0, impressions: 0, followers: 0 };
  const has = { reach: false, impressions: false, followers: false };
  const postRates = { reach: [] as number[], impressions: [] as number[], followers: [] as number[] };
  for (const p of posts) {
    let e = 0;
    for (const [name, n] of Object.entries(p.interactions)) {
      e += n;
      weighted += n * weightOf(name);
      used.set(name, weightOf(name));
    }
    engagements += e;
    for (const d of ENGAGEMENT_DENOMINATORS) {
      const v = p[d];
      if (v === undefined) continue;
      has[d] = true;
      sums[d] += v;
      const r = rate(e, v);
      if (r !== null) postRates[d].push(r);
    }
  }
  const mean = (xs: number[]): number | null =>
    xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  const per = <T>(f: (d: EngagementDenominator) => T): Record<EngagementDenominator, T> => ({
    reach: f('reach'),
    impressions: f('impressions'),
    followers: f('followers'),
  });
  return {
    posts: posts.length,
    engagements,
    weightedEngagements: weighted,
    weights: Object.fromEntries(used),
    perPeriod: per((d) => (has[d] ? rate(engagements, sums[d]) : null)),
    perPost: per((d) => mean(postRates[d])),
    costPerEngagement: opts.cost === undefined ? null : rate(opts.cost, engagements),
  };
}
