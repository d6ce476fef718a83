// The datasets section of the demo kpi.yaml: typed columns, time column, natural key and
// dimensions of every generated dataset. Pure, readonly data. Invariant: the column order
// here is the order of the values in the generated rows.

import type { YamlValue } from './yaml-writer.js';

type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'timestamp';

export interface DemoDatasetDef {
  readonly description: string;
  readonly time: string;
  readonly key: readonly string[];
  readonly dimensions: readonly string[];
  readonly columns: readonly (readonly [name: string, type: ColumnType, description?: string])[];
}

export const DATASET_DEFS: Readonly<Record<string, DemoDatasetDef>> = {
  social_posts: {
    description: 'One row per organic post with its lifetime performance.',
    time: 'date',
    key: ['post_id'],
    dimensions: ['platform', 'format'],
    columns: [
      ['post_id', 'string'],
      ['date', 'date', 'Day the post was published.'],
      ['platform', 'string'],
      ['format', 'string', 'carousel, reel, image, video or text.'],
      ['impressions', 'integer'],
      ['reach', 'integer', 'Unique accounts reached.'],
      ['likes', 'integer'],
      ['comments', 'integer'],
      ['shares', 'integer'],
      ['saves', 'integer'],
      ['link_clicks', 'integer'],
      ['video_views', 'integer', 'Empty for formats without video.'],
      ['watch_time_seconds', 'integer', 'Empty for formats without video.'],
    ],
  },
  paid_campaigns: {
    description: 'Daily delivery, cost and results per paid campaign (platform reporting).',
    time: 'date',
    key: ['date', 'channel', 'campaign'],
    dimensions: ['channel', 'campaign', 'market'],
    columns: [
      ['date', 'date'],
      ['channel', 'string'],
      ['campaign', 'string'],
      ['market', 'string', 'Country the campaign targets: de, at or nl.'],
      ['impressions', 'integer'],
      ['clicks', 'integer'],
      ['spend', 'number'],
      ['leads', 'integer', 'Qualified sign-ups for a subscription trial or an office-coffee quote.'],
      ['conversions', 'integer', 'Purchases attributed by the ad platform.'],
      ['revenue', 'number', 'Revenue attributed by the ad platform.'],
    ],
  },
  subscriber_activity: {
    description: 'Coffee subscription activity: one row per order, and one per explicit cancel.',
    time: 'date',
    key: ['date', 'customer', 'event'],
    dimensions: ['plan', 'market', 'event'],
    columns: [
      ['date', 'date'],
      ['customer', 'string', 'Subscriber id.'],
      ['plan', 'string', 'trial, monthly or annual.'],
      ['market', 'string', 'Country: de, at or nl.'],
      ['event', 'string', 'order or cancel.'],
      ['revenue', 'number', 'Order value (0 for a cancel).'],
    ],
  },
  web_sessions: {
    description: 'Daily shop sessions by traffic source (web analytics).',
    time: 'date',
    key: ['date', 'source', 'medium', 'utm_campaign'],
    dimensions: ['source', 'medium', 'utm_campaign'],
    columns: [
      ['date', 'date'],
      ['source', 'string'],
      ['medium', 'string'],
      ['utm_campaign', 'string'],
      ['sessions', 'integer'],
      ['engaged_sessions', 'integer'],
      ['conversions', 'integer', 'Orders.'],
      ['revenue', 'number', 'Order revenue.'],
    ],
  },
  followers: {
    description: 'Daily follower count per platform (a level, not a flow).',
    time: 'date',
    key: ['date', 'platform'],
    dimensions: ['platform'],
    columns: [
      ['date', 'date'],
      ['platform', 'string'],
      ['followers', 'integer'],
    ],
  },
  email_campaigns: {
    description: 'One row per newsletter or campaign send.',
    time: 'date',
    key: ['send_id'],
    dimensions: ['campaign'],
    columns: [
      ['send_id', 'string'],
      ['date', 'date'],
      ['campaign', 'string'],
      ['sent', 'integer'],
      ['delivered', 'integer'],
      ['opens', 'integer', 'Unique opens.'],
      ['clicks', 'integer', 'Unique clicks.'],
      ['unsubscribes', 'integer'],
      ['revenue', 'number'],
    ],
  },
  mentions: {
    description: 'Public mentions of the brand and of three tracked competitors, found by social listening.',
    time: 'timestamp',
    key: ['mention_id'],
    dimensions: ['platform', 'brand', 'sentiment'],
    columns: [
      ['mention_id', 'string'],
      ['timestamp', 'timestamp'],
      ['platform', 'string'],
      ['brand', 'string', 'Whose mention: northwind, or a competitor.'],
      ['text', 'string'],
      ['author_followers', 'integer'],
      ['sentiment', 'string', "Scored from the text by kpi's own model at import; corrections override it."],
    ],
  },
  support_messages: {
    description: 'Inbound customer-care messages.',
    time: 'received_at',
    key: ['message_id'],
    dimensions: ['channel', 'resolved'],
    columns: [
      ['message_id', 'string'],
      ['received_at', 'timestamp'],
      ['channel', 'string', 'email, chat, instagram_dm or x.'],
      ['first_response_seconds', 'integer'],
      ['resolved', 'boolean'],
    ],
  },
};

/** Column settings beyond type and description: the sentiment column kpi fills at import. */
const COLUMN_EXTRAS: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, YamlValue>>>>>> =
  {
    mentions: { sentiment: { sentiment: { from: 'text' } } },
  };

/** The datasets section as YAML-ready data. */
const PLATFORMS = {
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  tiktok: 'TikTok',
  x: 'X',
  youtube: 'YouTube',
} as const;

/** Display names of dimensions and their members, so the demo reads "Meta ads", not meta_ads (channel). */
export const DIMENSION_LABELS: Readonly<
  Record<string, Readonly<Record<string, { label: string; labels?: Readonly<Record<string, string>> }>>>
> = {
  social_posts: {
    platform: { label: 'Platform', labels: PLATFORMS },
    format: {
      label: 'Format',
      labels: { carousel: 'Carousels', image: 'Images', reel: 'Reels', text: 'Text posts', video: 'Videos' },
    },
  },
  paid_campaigns: {
    channel: {
      label: 'Channel',
      labels: {
        google_search: 'Google search ads',
        linkedin_ads: 'LinkedIn ads',
        meta_ads: 'Meta ads',
        tiktok_ads: 'TikTok ads',
      },
    },
    campaign: { label: 'Campaign' },
    market: { label: 'Market', labels: { at: 'Austria', de: 'Germany', nl: 'Netherlands' } },
  },
  web_sessions: {
    source: { label: 'Source', labels: { '(direct)': 'Direct', google: 'Google', newsletter: 'Newsletter' } },
    medium: {
      label: 'Medium',
      labels: {
        '(none)': 'Direct',
        cpc: 'Paid search',
        email: 'Email',
        organic: 'Organic search',
        paid_social: 'Paid social',
        referral: 'Referrals',
        social: 'Organic social',
      },
    },
    utm_campaign: { label: 'Campaign' },
  },
  followers: { platform: { label: 'Platform', labels: PLATFORMS } },
  email_campaigns: { campaign: { label: 'Email campaign' } },
  mentions: {
    platform: {
      label: 'Platform',
      labels: { ...PLATFORMS, reddit: 'Reddit', trustpilot: 'Trustpilot' },
    },
    brand: {
      label: 'Brand',
      labels: {
        northwind: 'Northwind Coffee',
        beanbrothers: 'BeanBrothers',
        roast_co: 'Roast & Co',
        kaffeekraft: 'Kaffeekraft',
      },
    },
    sentiment: {
      label: 'Sentiment',
      labels: { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' },
    },
  },
  subscriber_activity: {
    plan: { label: 'Plan', labels: { trial: 'Trial', monthly: 'Monthly', annual: 'Annual' } },
    market: { label: 'Market', labels: { de: 'Germany', at: 'Austria', nl: 'Netherlands' } },
    event: { label: 'Event', labels: { order: 'Order', cancel: 'Cancel' } },
  },
  support_messages: {
    channel: {
      label: 'Support channel',
      labels: { chat: 'Chat', email: 'Email', instagram_dm: 'Instagram DMs', x: 'X' },
    },
    resolved: { label: 'Resolved', labels: { true: 'Resolved', false: 'Unresolved' } },
  },
};

export const datasetsSection = (): { readonly [name: string]: YamlValue } =>
  Object.fromEntries(
    Object.entries(DATASET_DEFS).map(([name, d]) => [
      name,
      {
        description: d.description,
        time: d.time,
        key: d.key,
        dimensions: d.dimensions,
        columns: Object.fromEntries(
          d.columns.map(([col, type, description]) => [
            col,
            { type, description, ...DIMENSION_LABELS[name]?.[col], ...COLUMN_EXTRAS[name]?.[col] },
          ]),
        ),
      },
    ]),
  );
