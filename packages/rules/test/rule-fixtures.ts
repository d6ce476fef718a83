// A small project builder for rule tests: YAML in, loaded Project out (real positions).
import assert from 'node:assert/strict';
import { loadProject, type Project } from '@kpi/core';

const HEAD = `version: 1
project: { name: T, timezone: UTC }
datasets:
  ads:
    time: date
    key: [date, channel]
    dimensions: [channel]
    columns:
      date: { type: date }
      channel: { type: string }
      impressions: { type: integer }
      clicks: { type: integer }
      spend: { type: number }
      leads: { type: integer }
      customers: { type: integer }
  social:
    time: date
    key: [date]
    columns: { date: { type: date }, followers: { type: integer } }
metrics:
  impressions: { kind: simple, dataset: ads, agg: sum, column: impressions, category: awareness, description: Paid impressions }
  clicks: { kind: simple, dataset: ads, agg: sum, column: clicks, category: engagement, description: Clicks }
  spend: { kind: simple, dataset: ads, agg: sum, column: spend, unit: currency, category: roi, description: Spend }
  leads: { kind: simple, dataset: ads, agg: sum, column: leads, category: conversion, description: Leads }
  customers: { kind: simple, dataset: ads, agg: sum, column: customers, category: conversion, description: Customers }
  cost_per_lead: { kind: ratio, numerator: spend, denominator: leads, unit: currency, direction: lower, category: roi, description: Spend per lead }
  lead_to_customer: { kind: ratio, numerator: customers, denominator: leads, unit: percent, category: conversion, description: Share of leads that buy }
  followers: { kind: snapshot, dataset: social, column: followers, category: awareness, description: Followers }
  blend: { kind: derived, expr: "impressions + spend + leads", category: conversion, description: A blend }
`;

/** A KPI line with every accountability field set, to be overridden per test. */
export const fullKpi = (metric: string, goal: string, extra = ''): string =>
  `{ metric: ${metric}, goal: ${goal}, owner: ana, cadence: weekly, baseline: { value: 1 }, target: { kind: cumulative, value: 100 }${extra} }`;

export const project = (goals: string, kpis: string): Project => {
  const r = loadProject([{ path: 'kpi.yaml', text: `${HEAD}goals:\n${goals}kpis:\n${kpis}` }]);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
  return r.value;
};

export const LEAD_GOAL = `  leads_q1: { title: Generate 500 qualified leads in Q1, owner: ana, period: { start: 2026-01-01, end: 2026-03-31 } }\n`;
export const REACH_GOAL = `  reach: { title: Grow brand awareness in Spain, owner: ana, period: { start: 2026-01-01, end: 2026-03-31 } }\n`;
