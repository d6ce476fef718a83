// Templates for LinkedIn Campaign Manager and TikTok Ads Manager. Pure data. Definitions
// follow the platforms' report help (LinkedIn "Total Spent", "Impressions", "Clicks",
// "Leads", "Conversions"; TikTok "Cost", "Impressions", "Clicks (destination)",
// "Conversions", "Video views").
import type { PlatformTemplate } from './template-types.js';

export const linkedinAdsTemplate: PlatformTemplate = {
  name: 'linkedin-ads',
  title: 'LinkedIn Campaign Manager (campaign performance)',
  export: 'Campaign Manager > Analyze > Export > Campaign performance, time breakdown Daily, CSV.',
  datasets: ['linkedin_ads'],
  yaml: `# LinkedIn's campaign performance report: a few lines above the header (report name,
# start and end, account), dates written 11/1/2026, one row per day and campaign.
datasets:
  linkedin_ads:
    description: LinkedIn Campaign Manager campaign performance, one row per day and campaign.
    time: date
    key: [date, campaign_id]
    dimensions: [campaign_group, campaign]
    columns:
      date: { type: date, source: ["Start Date (in UTC)", "Start Date"], format: "%m/%d/%Y" }
      campaign_group: { type: string, source: "Campaign Group Name", label: Campaign group }
      campaign: { type: string, source: "Campaign Name", label: Campaign }
      campaign_id: { type: string, source: "Campaign ID" }
      spend: { type: number, source: ["Total Spent", "Amount Spent"] }
      impressions: { type: integer, source: "Impressions" }
      clicks: { type: integer, source: "Clicks" }
      conversions: { type: number, source: "Conversions" }
      leads: { type: number, source: "Leads" }

metrics:
  li_spend: { kind: simple, dataset: linkedin_ads, agg: sum, column: spend, unit: currency, direction: lower, category: roi, label: LinkedIn spend }
  li_impressions: { kind: simple, dataset: linkedin_ads, agg: sum, column: impressions, category: awareness, label: LinkedIn impressions }
  li_clicks: { kind: simple, dataset: linkedin_ads, agg: sum, column: clicks, category: engagement, label: LinkedIn clicks }
  li_conversions: { kind: simple, dataset: linkedin_ads, agg: sum, column: conversions, category: conversion, label: LinkedIn conversions }
  li_leads: { kind: simple, dataset: linkedin_ads, agg: sum, column: leads, category: conversion, label: LinkedIn leads, description: "LinkedIn: Lead Gen Form submissions." }
  li_ctr: { kind: ratio, numerator: li_clicks, denominator: li_impressions, unit: percent, category: engagement, label: LinkedIn CTR, description: "LinkedIn: clicks divided by impressions." }
  li_cpc: { kind: ratio, numerator: li_spend, denominator: li_clicks, unit: currency, direction: lower, category: roi, label: LinkedIn average CPC }
  li_cpm: { kind: derived, expr: "li_spend / li_impressions * 1000", unit: currency, direction: lower, category: awareness, label: LinkedIn average CPM }
  li_cost_per_lead: { kind: ratio, numerator: li_spend, denominator: li_leads, unit: currency, direction: lower, category: roi, label: LinkedIn cost per lead }
`,
};

export const tiktokAdsTemplate: PlatformTemplate = {
  name: 'tiktok-ads',
  title: 'TikTok Ads Manager',
  export: 'TikTok Ads Manager > Campaign > Ads > Export (CSV), with the By day breakdown.',
  datasets: ['tiktok_ads'],
  yaml: `# TikTok Ads Manager export by day and ad. It follows the account's locale: in Europe
# it is often ;-separated with a decimal comma, which the import tells on its own.
datasets:
  tiktok_ads:
    description: TikTok Ads Manager export, one row per day and ad.
    time: date
    key: [date, campaign, ad_group, ad]
    dimensions: [campaign, ad_group, ad]
    columns:
      date: { type: date, source: ["By Day", "Date"] }
      campaign: { type: string, source: "Campaign name", label: Campaign }
      ad_group: { type: string, source: "Ad group name", label: Ad group }
      ad: { type: string, source: "Ad name", label: Ad }
      cost: { type: number, source: "Cost" }
      impressions: { type: integer, source: "Impressions" }
      clicks: { type: integer, source: ["Clicks (destination)", "Clicks"] }
      conversions: { type: number, source: "Conversions" }
      video_views: { type: integer, source: ["Video views", "Video Views"] }

metrics:
  tt_cost: { kind: simple, dataset: tiktok_ads, agg: sum, column: cost, unit: currency, direction: lower, category: roi, label: TikTok cost }
  tt_impressions: { kind: simple, dataset: tiktok_ads, agg: sum, column: impressions, category: awareness, label: TikTok impressions }
  tt_clicks: { kind: simple, dataset: tiktok_ads, agg: sum, column: clicks, category: engagement, label: TikTok clicks (destination) }
  tt_conversions: { kind: simple, dataset: tiktok_ads, agg: sum, column: conversions, category: conversion, label: TikTok conversions }
  tt_video_views: { kind: simple, dataset: tiktok_ads, agg: sum, column: video_views, category: content, label: TikTok video views }
  tt_ctr: { kind: ratio, numerator: tt_clicks, denominator: tt_impressions, unit: percent, category: engagement, label: TikTok CTR (destination) }
  tt_cpc: { kind: ratio, numerator: tt_cost, denominator: tt_clicks, unit: currency, direction: lower, category: roi, label: TikTok CPC (destination) }
  tt_cpm: { kind: derived, expr: "tt_cost / tt_impressions * 1000", unit: currency, direction: lower, category: awareness, label: TikTok CPM }
  tt_cost_per_conversion: { kind: ratio, numerator: tt_cost, denominator: tt_conversions, unit: currency, direction: lower, category: roi, label: TikTok cost per conversion }
`,
};
