// Templates for the website and the shop: GA4 and Shopify orders. Pure data.
// Definitions follow GA4's metric help ("Sessions", "Engaged sessions", "Engagement rate",
// "Key events", "Total revenue") and Shopify's order export columns ("Name", "Total",
// "Financial Status", "Lineitem quantity", "Created at").
import type { PlatformTemplate } from './template-types.js';

export const ga4Template: PlatformTemplate = {
  name: 'ga4',
  title: 'Google Analytics 4 (traffic acquisition, standard reports and explorations)',
  export:
    'GA4 > Reports > Acquisition > Traffic acquisition (or an exploration with Date and Session primary channel group) > Share > Download File > CSV.',
  datasets: ['ga4_traffic'],
  yaml: `# GA4 traffic by day and channel. GA4's CSV starts with "#" comment lines (report name,
# property, start and end date), writes dates as 20261101 and may add a "Grand total" row:
# all handled on import.
datasets:
  ga4_traffic:
    description: GA4 sessions, engagement, key events and revenue by day and channel.
    time: date
    key: [date, channel]
    dimensions: [channel]
    columns:
      date: { type: date, source: "Date", format: "%Y%m%d" }
      channel:
        type: string
        label: Channel
        source:
          - "Session primary channel group (Default Channel Group)"
          - "Session default channel group"
          - "First user primary channel group (Default Channel Group)"
      sessions: { type: integer, source: "Sessions" }
      engaged_sessions: { type: integer, source: "Engaged sessions" }
      key_events: { type: number, source: ["Key events", "Conversions"] }
      revenue: { type: number, source: "Total revenue" }

metrics:
  ga4_sessions:
    kind: simple
    dataset: ga4_traffic
    agg: sum
    column: sessions
    category: awareness
    label: GA4 sessions
    description: "GA4: the number of sessions that began on the site or app."
  ga4_engaged_sessions:
    kind: simple
    dataset: ga4_traffic
    agg: sum
    column: engaged_sessions
    category: engagement
    label: GA4 engaged sessions
    description: "GA4: sessions that lasted 10 seconds or longer, had a key event, or had 2 or more page or screen views."
  ga4_engagement_rate:
    kind: ratio
    numerator: ga4_engaged_sessions
    denominator: ga4_sessions
    unit: percent
    category: engagement
    label: GA4 engagement rate
    description: "GA4: the percentage of sessions that were engaged sessions."
  ga4_key_events:
    kind: simple
    dataset: ga4_traffic
    agg: sum
    column: key_events
    category: conversion
    label: GA4 key events
    description: "GA4: the number of times users triggered a key event (formerly conversions)."
  ga4_key_events_per_session:
    kind: ratio
    numerator: ga4_key_events
    denominator: ga4_sessions
    unit: number
    decimals: 2
    category: conversion
    label: GA4 key events per session
  ga4_revenue:
    kind: simple
    dataset: ga4_traffic
    agg: sum
    column: revenue
    unit: currency
    category: roi
    label: GA4 total revenue
    description: "GA4: the sum of revenue from purchases, subscriptions and advertising, minus refunds."
`,
};

export const shopifyOrdersTemplate: PlatformTemplate = {
  name: 'shopify-orders',
  title: 'Shopify orders',
  export:
    'Shopify admin > Orders > Export > All orders > CSV for Excel, Numbers or other spreadsheet programs.',
  datasets: ['shopify_orders'],
  yaml: `# Shopify's order export: one row per line item; the order's totals are on its first
# row only (the other rows leave them empty, which sums as nothing). No key: re-importing
# an export replaces the days it covers.
datasets:
  shopify_orders:
    description: Shopify order export, one row per line item.
    time: created_at
    dimensions: [financial_status, fulfillment_status, source, billing_country]
    columns:
      created_at: { type: timestamp, source: "Created at", format: "%Y-%m-%d %H:%M:%S %z" }
      order_name: { type: string, source: "Name", label: Order }
      financial_status: { type: string, source: "Financial Status", label: Payment status }
      fulfillment_status: { type: string, source: "Fulfillment Status", label: Fulfillment status }
      currency: { type: string, source: "Currency" }
      subtotal: { type: number, source: "Subtotal" }
      shipping: { type: number, source: "Shipping" }
      taxes: { type: number, source: "Taxes" }
      total: { type: number, source: "Total" }
      discount_amount: { type: number, source: "Discount Amount" }
      quantity: { type: integer, source: "Lineitem quantity" }
      source: { type: string, source: "Source", label: Sales channel }
      billing_country: { type: string, source: "Billing Country", label: Country }

metrics:
  shopify_orders:
    kind: simple
    dataset: shopify_orders
    agg: count_distinct
    column: order_name
    category: conversion
    label: Shopify orders
    description: "Shopify: the number of orders placed (distinct order names)."
  shopify_total_sales:
    kind: simple
    dataset: shopify_orders
    agg: sum
    column: total
    unit: currency
    category: roi
    label: Shopify order total
    description: "Shopify: the orders' totals (subtotal + shipping + taxes, after discounts)."
  shopify_paid_sales:
    kind: simple
    dataset: shopify_orders
    agg: sum
    column: total
    unit: currency
    category: roi
    filter: { financial_status: paid }
    label: Shopify paid order total
  shopify_units_sold:
    kind: simple
    dataset: shopify_orders
    agg: sum
    column: quantity
    category: conversion
    label: Shopify units sold
  shopify_discounts:
    kind: simple
    dataset: shopify_orders
    agg: sum
    column: discount_amount
    unit: currency
    direction: lower
    category: roi
    label: Shopify discounts
  shopify_average_order_value:
    kind: ratio
    numerator: shopify_total_sales
    denominator: shopify_orders
    unit: currency
    category: roi
    label: Shopify average order value
    description: "Shopify: order total divided by the number of orders."
`,
};
