// Templates for ad platforms: Meta Ads Manager and Google Ads. Pure data.
// Definitions follow each platform's help pages (Meta's "Amount spent", "Link clicks",
// "CTR (link click-through rate)", "CPC (cost per link click)", "CPM"; Google Ads' "Cost",
// "Impr.", "Clicks", "CTR", "Avg. CPC", "Conversions", "Conv. rate", "Cost / conv.",
// "Conv. value / cost").
import type { PlatformTemplate } from './template-types.js';

export const metaAdsTemplate: PlatformTemplate = {
  name: 'meta-ads',
  title: 'Meta Ads Manager (Facebook and Instagram ads)',
  export:
    'Ads Manager > Reports > Export table data (CSV), ad level, broken down by Day (Breakdown > By time > Day).',
  datasets: ['meta_ads'],
  yaml: `# Meta Ads Manager: one row per day and ad. Export: Ads Manager > Reports > Export
# table data > .csv, at ad level, with Breakdown > By time > Day. The currency in the
# header ("Amount spent (EUR)") is matched whatever it is.
datasets:
  meta_ads:
    description: Meta Ads Manager export, one row per day and ad.
    time: date
    key: [date, campaign, ad_set, ad]
    dimensions: [campaign, ad_set, ad]
    columns:
      date: { type: date, source: "Day" }
      campaign: { type: string, source: "Campaign name", label: Campaign }
      ad_set: { type: string, source: "Ad set name", label: Ad set }
      ad: { type: string, source: "Ad name", label: Ad }
      spend: { type: number, source: "Amount spent" }
      impressions: { type: integer, source: "Impressions" }
      link_clicks: { type: integer, source: "Link clicks" }
      results: { type: number, source: "Results" }

metrics:
  meta_spend:
    kind: simple
    dataset: meta_ads
    agg: sum
    column: spend
    unit: currency
    direction: lower
    category: roi
    label: Meta amount spent
    description: "Meta: the estimated total amount of money spent on the ads during their schedule."
  meta_impressions:
    kind: simple
    dataset: meta_ads
    agg: sum
    column: impressions
    category: awareness
    label: Meta impressions
    description: "Meta: the number of times the ads were on a screen."
  meta_link_clicks:
    kind: simple
    dataset: meta_ads
    agg: sum
    column: link_clicks
    category: engagement
    label: Meta link clicks
    description: "Meta: clicks on ad links to destinations on or off Meta."
  meta_results:
    kind: simple
    dataset: meta_ads
    agg: sum
    column: results
    category: conversion
    label: Meta results
    description: "Meta: the number of times the ads achieved the outcome of their objective."
  meta_ctr:
    kind: ratio
    numerator: meta_link_clicks
    denominator: meta_impressions
    unit: percent
    category: engagement
    label: Meta CTR (link click-through rate)
    description: "Meta: the percentage of times people saw the ad and performed a link click."
  meta_cpc:
    kind: ratio
    numerator: meta_spend
    denominator: meta_link_clicks
    unit: currency
    direction: lower
    category: roi
    label: Meta CPC (cost per link click)
    description: "Meta: the average cost of each link click (amount spent / link clicks)."
  meta_cpm:
    kind: derived
    expr: "meta_spend / meta_impressions * 1000"
    unit: currency
    direction: lower
    category: awareness
    label: Meta CPM (cost per 1,000 impressions)
    description: "Meta: the average cost of 1,000 impressions."
  meta_cost_per_result:
    kind: ratio
    numerator: meta_spend
    denominator: meta_results
    unit: currency
    direction: lower
    category: roi
    label: Meta cost per result
`,
};

export const googleAdsTemplate: PlatformTemplate = {
  name: 'google-ads',
  title: 'Google Ads (campaign report)',
  export:
    'Google Ads > Campaigns > Download (Excel .csv or the default tab-separated UTF-16 .csv), segmented by Day.',
  datasets: ['google_ads'],
  yaml: `# Google Ads campaign report, segmented by day. The download is often UTF-16 and
# tab-separated, with a title and a date-range line above the header and "Total: ..."
# rows at the end: all three are handled on import.
datasets:
  google_ads:
    description: Google Ads campaign report, one row per day and campaign.
    time: date
    key: [date, campaign]
    dimensions: [campaign, campaign_type]
    columns:
      date: { type: date, source: ["Day", "Date"] }
      campaign: { type: string, source: "Campaign", label: Campaign }
      campaign_type: { type: string, source: "Campaign type", label: Campaign type }
      currency_code: { type: string, source: "Currency code" }
      cost: { type: number, source: "Cost" }
      impressions: { type: integer, source: ["Impr.", "Impressions"] }
      clicks: { type: integer, source: "Clicks" }
      conversions: { type: number, source: "Conversions" }
      conversion_value: { type: number, source: ["Conv. value", "Conversion value"] }

metrics:
  gads_cost:
    kind: simple
    dataset: google_ads
    agg: sum
    column: cost
    unit: currency
    direction: lower
    category: roi
    label: Google Ads cost
    description: "Google Ads: the sum of the cost of clicks and other interactions."
  gads_impressions:
    kind: simple
    dataset: google_ads
    agg: sum
    column: impressions
    category: awareness
    label: Google Ads impressions
    description: "Google Ads: how often the ads were shown."
  gads_clicks:
    kind: simple
    dataset: google_ads
    agg: sum
    column: clicks
    category: engagement
    label: Google Ads clicks
  gads_conversions:
    kind: simple
    dataset: google_ads
    agg: sum
    column: conversions
    category: conversion
    label: Google Ads conversions
  gads_conversion_value:
    kind: simple
    dataset: google_ads
    agg: sum
    column: conversion_value
    unit: currency
    category: roi
    label: Google Ads conversion value
  gads_ctr:
    kind: ratio
    numerator: gads_clicks
    denominator: gads_impressions
    unit: percent
    category: engagement
    label: Google Ads CTR
    description: "Google Ads: clicks divided by impressions."
  gads_avg_cpc:
    kind: ratio
    numerator: gads_cost
    denominator: gads_clicks
    unit: currency
    direction: lower
    category: roi
    label: Google Ads avg. CPC
    description: "Google Ads: the total cost of clicks divided by the number of clicks."
  gads_conversion_rate:
    kind: ratio
    numerator: gads_conversions
    denominator: gads_clicks
    unit: percent
    category: conversion
    label: Google Ads conv. rate
    description: "Google Ads: conversions divided by the interactions (clicks) that can be tracked to a conversion."
  gads_cost_per_conversion:
    kind: ratio
    numerator: gads_cost
    denominator: gads_conversions
    unit: currency
    direction: lower
    category: roi
    label: Google Ads cost / conv.
  gads_roas:
    kind: ratio
    numerator: gads_conversion_value
    denominator: gads_cost
    unit: number
    decimals: 2
    category: roi
    label: Google Ads conv. value / cost (ROAS)
`,
};
