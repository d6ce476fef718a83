// Brand-voice metrics of the demo (social listening): the brand's mentions, their
// sentiment (positive / negative mentions; net sentiment under both definitions in use,
// each named by its denominator, never a bare "score") and share of voice against the
// declared competitor set. Pure, readonly data. Invariant: every brand metric filters
// `brand: northwind`; the market (share-of-voice denominator) lists the brand and every
// competitor in BRAND_MEMBERS.

import type { Metric } from './metric-builders.js';
import { lower, ratio, sum } from './metric-builders.js';
import { BRAND_MEMBERS } from './mention-text.js';

const brand = { brand: 'northwind' } as const;
const count = (label: string, description: string, filter: Metric, more: Metric = {}): Metric => ({
  kind: 'simple',
  label,
  description,
  dataset: 'mentions',
  agg: 'count',
  category: 'awareness',
  filter,
  ...more,
});

export const voiceMetrics = (): { readonly [name: string]: Metric } => ({
  mentions: count('Mentions', 'Public mentions of the brand.', brand),
  mention_audience: sum(
    'mentions',
    'author_followers',
    'awareness',
    'Mention audience',
    'Followers of the authors who mentioned the brand.',
    { filter: brand },
  ),
  positive_mentions: count('Positive mentions', 'Mentions of the brand that read as positive.', {
    ...brand,
    sentiment: 'positive',
  }),
  negative_mentions: count(
    'Negative mentions',
    'Mentions of the brand that read as negative.',
    { ...brand, sentiment: 'negative' },
    lower,
  ),
  net_sentiment_of_polar: {
    kind: 'derived',
    label: 'Net sentiment (of positive + negative mentions)',
    description:
      '(positive − negative) / (positive + negative) brand mentions: from −100% (all negative) to +100%; neutral mentions do not count.',
    expr: '(positive_mentions - negative_mentions) / (positive_mentions + negative_mentions)',
    unit: 'percent',
    category: 'awareness',
  },
  net_sentiment_of_all: {
    kind: 'derived',
    label: 'Net sentiment (of all mentions)',
    description: '(positive − negative) / all brand mentions: neutral mentions pull it towards 0.',
    expr: '(positive_mentions - negative_mentions) / mentions',
    unit: 'percent',
    category: 'awareness',
  },
  market_mentions: count(
    'Mentions of the brand and competitors',
    'Mentions of Northwind Coffee, BeanBrothers, Roast & Co and Kaffeekraft: the market share of voice is measured in.',
    { brand: [...BRAND_MEMBERS] },
  ),
  share_of_voice: ratio(
    'mentions',
    'market_mentions',
    'awareness',
    'Share of voice (of brand + competitor mentions)',
    'Brand mentions over mentions of the brand and its three tracked competitors.',
  ),
});
