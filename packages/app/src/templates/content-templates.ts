// Templates for search, video and listening: Google Search Console, YouTube Studio and a
// social-listening mentions export. Pure data. Definitions follow Search Console's
// performance report ("Clicks", "Impressions", "CTR", "Position"), YouTube Studio's
// analytics ("Views", "Watch time (hours)", "Subscribers" = gained minus lost) and the
// usual columns of listening tools (date, URL, sentiment, reach, engagement).
import type { PlatformTemplate } from './template-types.js';

export const searchConsoleTemplate: PlatformTemplate = {
  name: 'search-console',
  title: 'Google Search Console (performance: dates and queries)',
  export:
    'Search Console > Performance > Search results > Export > Download CSV (a zip: Dates.csv, Queries.csv, ...).',
  datasets: ['gsc_dates', 'gsc_queries'],
  yaml: `# Search Console's performance export. Dates.csv has a row per day; Queries.csv has no
# date (totals over the range chosen), so each import of it is a snapshot dated the day
# it is imported (or kpi import --as-of-date).
datasets:
  gsc_dates:
    description: Search Console performance by day (Dates.csv).
    time: date
    key: [date]
    columns:
      date: { type: date, source: "Date" }
      clicks: { type: integer, source: "Clicks" }
      impressions: { type: integer, source: "Impressions" }
      position: { type: number, source: "Position" }
  gsc_queries:
    description: Search Console top queries over the export's range (Queries.csv), one snapshot per import.
    key: [query]
    dimensions: [query]
    columns:
      query: { type: string, source: ["Top queries", "Query"], label: Query }
      clicks: { type: integer, source: "Clicks" }
      impressions: { type: integer, source: "Impressions" }

metrics:
  gsc_clicks: { kind: simple, dataset: gsc_dates, agg: sum, column: clicks, category: awareness, label: Search clicks, description: "Search Console: clicks from Google Search results to the site." }
  gsc_impressions: { kind: simple, dataset: gsc_dates, agg: sum, column: impressions, category: awareness, label: Search impressions }
  gsc_ctr: { kind: ratio, numerator: gsc_clicks, denominator: gsc_impressions, unit: percent, category: engagement, label: Search CTR, description: "Search Console: clicks divided by impressions." }
  gsc_avg_position:
    kind: simple
    dataset: gsc_dates
    agg: avg
    column: position
    unit: number
    decimals: 1
    direction: lower
    category: awareness
    label: Search position (mean of days)
    description: "The mean of the daily average positions; Search Console itself weights by impressions, so over several days the two can differ slightly."
  gsc_query_clicks: { kind: snapshot, dataset: gsc_queries, column: clicks, category: awareness, label: Clicks of the top queries (snapshot) }
`,
};

export const youtubeStudioTemplate: PlatformTemplate = {
  name: 'youtube-studio',
  title: 'YouTube Studio (channel analytics by day)',
  export:
    'YouTube Studio > Analytics > Advanced mode > by Date > Export current view > CSV ("Table data.csv").',
  datasets: ['youtube_daily'],
  yaml: `# YouTube Studio's table export by date: a "Total" row comes first, then one row per day.
datasets:
  youtube_daily:
    description: YouTube Studio channel analytics, one row per day.
    time: date
    key: [date]
    columns:
      date: { type: date, source: "Date" }
      views: { type: integer, source: "Views" }
      watch_hours: { type: number, source: "Watch time (hours)" }
      subscribers: { type: integer, source: "Subscribers" }
      impressions: { type: integer, source: "Impressions" }

metrics:
  yt_views: { kind: simple, dataset: youtube_daily, agg: sum, column: views, category: content, label: YouTube views }
  yt_watch_hours: { kind: simple, dataset: youtube_daily, agg: sum, column: watch_hours, unit: number, decimals: 1, category: engagement, label: YouTube watch time (hours) }
  yt_subscribers_net: { kind: simple, dataset: youtube_daily, agg: sum, column: subscribers, category: awareness, label: YouTube subscribers (net), description: "YouTube: subscribers gained minus subscribers lost." }
  yt_impressions: { kind: simple, dataset: youtube_daily, agg: sum, column: impressions, category: awareness, label: YouTube thumbnail impressions }
  yt_avg_view_duration: { kind: derived, expr: "yt_watch_hours * 3600 / yt_views", unit: duration, category: engagement, label: YouTube average view duration }
  yt_views_per_impression: { kind: ratio, numerator: yt_views, denominator: yt_impressions, unit: percent, category: engagement, label: YouTube views per impression }
`,
};

export const mentionsTemplate: PlatformTemplate = {
  name: 'social-listening',
  title: 'Social listening mentions (Brandwatch, Talkwalker, Meltwater style exports)',
  export: 'Your listening tool > Mentions > Export > CSV, with date, URL, sentiment, reach and engagement.',
  datasets: ['mentions'],
  yaml: `# A mentions export from a social-listening tool: one row per mention.
datasets:
  mentions:
    description: Mentions of the brand, one row per mention.
    time: published_at
    key: [url]
    dimensions: [sentiment, source_type, country]
    columns:
      published_at: { type: timestamp, source: ["Date", "Published", "Published Date"] }
      url: { type: string, source: ["Url", "URL", "Link"] }
      source_type: { type: string, source: ["Page Type", "Source", "Media Type"], label: Source }
      sentiment: { type: string, source: "Sentiment", label: Sentiment, labels: { positive: Positive, neutral: Neutral, negative: Negative } }
      country: { type: string, source: "Country", label: Country }
      reach: { type: integer, source: ["Reach", "Estimated Reach"] }
      engagement: { type: integer, source: ["Engagement", "Engagements"] }

metrics:
  mentions: { kind: simple, dataset: mentions, agg: count, category: awareness, label: Mentions }
  mentions_positive: { kind: simple, dataset: mentions, agg: count, filter: { sentiment: positive }, category: awareness, label: Positive mentions }
  mentions_negative: { kind: simple, dataset: mentions, agg: count, filter: { sentiment: negative }, direction: lower, category: customer_care, label: Negative mentions }
  mentions_net_sentiment: { kind: derived, expr: "(mentions_positive - mentions_negative) / mentions", unit: percent, category: awareness, label: Net sentiment, description: "(positive - negative) / all mentions." }
  mentions_reach: { kind: simple, dataset: mentions, agg: sum, column: reach, category: awareness, label: Mention reach }
  mentions_engagement: { kind: simple, dataset: mentions, agg: sum, column: engagement, category: engagement, label: Mention engagement }
`,
};
