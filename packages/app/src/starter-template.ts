// The kpi.yaml written by a plain `kpi init`: a small, valid project to edit. Pure data.

export const starterProjectYaml = (
  name: string,
  timezone: string,
  currency: string,
): string => `# yaml-language-server: $schema=./kpi.schema.json
# kpi project: datasets hold your numbers, metrics aggregate them, goals say what winning
# means, and KPIs are the three to five metrics per goal that decide it.
version: 1
project:
  name: ${JSON.stringify(name)}
  timezone: ${timezone}
  week_start: monday
  currency: ${currency}

datasets:
  web_sessions:
    description: Daily sessions by traffic source, as exported from your analytics tool.
    time: date
    key: [date, source]
    dimensions: [source]
    columns:
      date: { type: date, source: ["Date", "Day"] }
      source: { type: string, source: ["Source", "Session source"] }
      sessions: { type: integer, source: ["Sessions"] }
      conversions: { type: integer, source: ["Conversions", "Key events"] }

metrics:
  sessions:
    kind: simple
    dataset: web_sessions
    agg: sum
    column: sessions
    category: awareness
    description: Visits to the website.
  conversions:
    kind: simple
    dataset: web_sessions
    agg: sum
    column: conversions
    category: conversion
  conversion_rate:
    kind: ratio
    numerator: conversions
    denominator: sessions
    unit: percent
    category: conversion
    description: Conversions per session, over the whole period (sum / sum).

goals:
  grow_signups:
    title: Grow sign-ups from the website
    owner: you@example.com
    period: { start: 2026-01-01, end: 2026-03-31 }

kpis:
  conversion_rate:
    metric: conversion_rate
    goal: grow_signups
    target: { kind: reach, value: 0.03 }
    baseline: { value: 0.022 }
    owner: you@example.com
    cadence: weekly
    indicator: leading
`;
