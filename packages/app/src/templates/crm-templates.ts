// Templates for e-mail and CRM: Mailchimp campaign reports and HubSpot contacts and deals.
// Pure data. Definitions follow Mailchimp's report help (open rate and click rate are
// unique opens / clicks over successful deliveries; bounce rate over recipients) and
// HubSpot's default properties ("Create Date", "Lifecycle Stage", "Deal Stage", "Amount").
import type { PlatformTemplate } from './template-types.js';

export const mailchimpTemplate: PlatformTemplate = {
  name: 'mailchimp',
  title: 'Mailchimp campaign reports',
  export: 'Mailchimp > Analytics > Reports > Download all reports (campaigns CSV).',
  datasets: ['mailchimp_campaigns'],
  yaml: `# Mailchimp's campaign reports export: one row per sent campaign. Send dates are
# written "Nov 05, 2026 10:00 am"; rates in the file are not loaded, they are recomputed
# from the counts so they add up over any period.
datasets:
  mailchimp_campaigns:
    description: Mailchimp campaign reports, one row per sent campaign.
    time: sent_at
    key: [campaign_id]
    dimensions: [audience, campaign]
    columns:
      sent_at: { type: timestamp, source: "Send Date", format: "%b %d, %Y %I:%M %p" }
      campaign_id: { type: string, source: "Unique Id" }
      campaign: { type: string, source: "Title", label: Campaign }
      subject: { type: string, source: "Subject" }
      audience: { type: string, source: ["List", "Audience"], label: Audience }
      recipients: { type: integer, source: "Total Recipients" }
      delivered: { type: integer, source: "Successful Deliveries" }
      bounces: { type: integer, source: "Total Bounces" }
      unique_opens: { type: integer, source: "Unique Opens" }
      unique_clicks: { type: integer, source: "Unique Clicks" }
      unsubscribes: { type: integer, source: "Unsubscribes" }

metrics:
  mc_campaigns_sent:
    kind: simple
    dataset: mailchimp_campaigns
    agg: count
    category: content
    label: Mailchimp campaigns sent
  mc_recipients:
    kind: simple
    dataset: mailchimp_campaigns
    agg: sum
    column: recipients
    category: awareness
    label: Mailchimp recipients
  mc_delivered:
    kind: simple
    dataset: mailchimp_campaigns
    agg: sum
    column: delivered
    category: awareness
    label: Mailchimp successful deliveries
  mc_unique_opens:
    kind: simple
    dataset: mailchimp_campaigns
    agg: sum
    column: unique_opens
    category: engagement
    label: Mailchimp unique opens
  mc_unique_clicks:
    kind: simple
    dataset: mailchimp_campaigns
    agg: sum
    column: unique_clicks
    category: engagement
    label: Mailchimp unique clicks
  mc_bounces:
    kind: simple
    dataset: mailchimp_campaigns
    agg: sum
    column: bounces
    direction: lower
    category: customer_care
    label: Mailchimp bounces
  mc_unsubscribes:
    kind: simple
    dataset: mailchimp_campaigns
    agg: sum
    column: unsubscribes
    direction: lower
    category: customer_care
    label: Mailchimp unsubscribes
  mc_open_rate:
    kind: ratio
    numerator: mc_unique_opens
    denominator: mc_delivered
    unit: percent
    category: engagement
    label: Mailchimp open rate
    description: "Mailchimp: unique opens divided by successful deliveries."
  mc_click_rate:
    kind: ratio
    numerator: mc_unique_clicks
    denominator: mc_delivered
    unit: percent
    category: engagement
    label: Mailchimp click rate
    description: "Mailchimp: unique clicks divided by successful deliveries."
  mc_unsubscribe_rate:
    kind: ratio
    numerator: mc_unsubscribes
    denominator: mc_delivered
    unit: percent
    direction: lower
    category: customer_care
    label: Mailchimp unsubscribe rate
  mc_bounce_rate:
    kind: ratio
    numerator: mc_bounces
    denominator: mc_recipients
    unit: percent
    direction: lower
    category: customer_care
    label: Mailchimp bounce rate
    description: "Mailchimp: bounced e-mails divided by recipients."
`,
};

export const hubspotTemplate: PlatformTemplate = {
  name: 'hubspot',
  title: 'HubSpot contacts and deals',
  export: 'HubSpot > CRM > Contacts (or Deals) > Export > CSV, with the default properties.',
  datasets: ['hubspot_contacts', 'hubspot_deals'],
  yaml: `# HubSpot's contact and deal exports (CSV, default properties). Contacts count by their
# create date; deals by their create date, won deals by their stage.
datasets:
  hubspot_contacts:
    description: HubSpot contacts export.
    time: created_at
    key: [record_id]
    dimensions: [lifecycle_stage, original_source]
    columns:
      record_id: { type: string, source: "Record ID" }
      created_at: { type: timestamp, source: "Create Date" }
      lifecycle_stage: { type: string, source: "Lifecycle Stage", label: Lifecycle stage }
      original_source: { type: string, source: ["Original Source", "Original Traffic Source"], label: Original source }
  hubspot_deals:
    description: HubSpot deals export.
    time: created_at
    key: [record_id]
    dimensions: [pipeline, deal_stage, owner]
    columns:
      record_id: { type: string, source: "Record ID" }
      deal_name: { type: string, source: "Deal Name" }
      created_at: { type: timestamp, source: "Create Date" }
      close_date: { type: timestamp, source: "Close Date" }
      pipeline: { type: string, source: "Pipeline", label: Pipeline }
      deal_stage: { type: string, source: "Deal Stage", label: Deal stage }
      amount: { type: number, source: "Amount" }
      owner: { type: string, source: "Deal owner", label: Deal owner }

metrics:
  hs_new_contacts:
    kind: simple
    dataset: hubspot_contacts
    agg: count
    category: conversion
    label: HubSpot new contacts
    description: "HubSpot: contacts created in the period (Create Date)."
  hs_new_mqls:
    kind: simple
    dataset: hubspot_contacts
    agg: count
    filter: { lifecycle_stage: "Marketing Qualified Lead" }
    category: conversion
    label: HubSpot new MQLs
    description: "HubSpot: contacts created in the period whose lifecycle stage is now Marketing Qualified Lead."
  hs_deals_created:
    kind: simple
    dataset: hubspot_deals
    agg: count
    category: conversion
    label: HubSpot deals created
  hs_pipeline_amount:
    kind: simple
    dataset: hubspot_deals
    agg: sum
    column: amount
    unit: currency
    category: roi
    label: HubSpot deal amount created
  hs_deals_won:
    kind: simple
    dataset: hubspot_deals
    agg: count
    filter: { deal_stage: "Closed Won" }
    category: conversion
    label: HubSpot deals won
  hs_won_amount:
    kind: simple
    dataset: hubspot_deals
    agg: sum
    column: amount
    filter: { deal_stage: "Closed Won" }
    unit: currency
    category: roi
    label: HubSpot amount won
  hs_win_rate:
    kind: ratio
    numerator: hs_deals_won
    denominator: hs_deals_created
    unit: percent
    category: conversion
    label: HubSpot win rate
    description: "Deals won divided by deals created, both by create date."
`,
};
