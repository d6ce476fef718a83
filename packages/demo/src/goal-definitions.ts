// Goals, KPIs and annotations of the demo project, placed relative to the end date
// (current quarter, current year, the launch) and calibrated from the generated numbers.
// Annotations live in annotation-definitions.ts. Deliberately includes weak spots for the KPI checks to find: a vanity KPI (followers on
// the lead goal), a goal with nine KPIs (awareness) and a KPI without an owner. Pure.

import { addDays, dayNumber, nextPeriodStart, periodStart } from '@kpi/core';
import type { DemoDataset } from './demo-types.js';
import type { DemoWorld } from './demo-world.js';
import { annotationsSection } from './annotation-definitions.js';
import { brandVoiceSections } from './brand-voice-definitions.js';
import { churnKpi } from './churn-kpi.js';
import { dailyTotals, rangeSum, roundTo } from './demo-stats.js';
import type { YamlValue } from './yaml-writer.js';

type Section = { readonly [name: string]: YamlValue };

const OWNERS = {
  ceo: 'Maria Lindqvist',
  growth: 'Jonas Weber',
  performance: 'Priya Nair',
  sales: 'Tom Becker',
  brand: 'Sofia Jansen',
  care: 'Lena Hoffmann',
} as const;

const fmtInt = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const goalSections = (
  w: DemoWorld,
  ds: Readonly<Record<string, DemoDataset>>,
): { goals: Section; kpis: Section; annotations: readonly YamlValue[] } => {
  const idx = (date: string): number => dayNumber(date) - dayNumber(w.start);
  const last = w.dayCount - 1;
  const q0 = periodStart(w.end, 'quarter');
  const qEnd = addDays(nextPeriodStart(q0, 'quarter'), -1);
  const pq0 = periodStart(addDays(q0, -1), 'quarter');
  const pqEnd = addDays(q0, -1);
  const year = w.end.slice(0, 4);
  const prevYear = String(Number(year) - 1).padStart(4, '0');
  const launchDate = w.dates[w.launch] ?? w.end;
  const daily = (
    name: string,
    column: string | null,
    where?: readonly [string, string | boolean],
  ): Float64Array => {
    const d = ds[name];
    return d ? dailyTotals(w, d, column, where) : new Float64Array(w.dayCount);
  };
  const prevQ = (xs: Float64Array): number => rangeSum(xs, idx(pq0), idx(pqEnd));
  /** Total over [from, to]: actual up to the end date, then the last four weeks' pace. */
  const projected = (xs: Float64Array, from: string, to: string): number =>
    rangeSum(xs, idx(from), last) + (rangeSum(xs, last - 27, last) / 28) * Math.max(0, idx(to) - last);

  const leads = daily('paid_campaigns', 'leads');
  const linkedinLeads = daily('paid_campaigns', 'leads', ['channel', 'linkedin_ads']);
  const spend = daily('paid_campaigns', 'spend');
  const clicks = daily('paid_campaigns', 'clicks');
  const paidImpr = daily('paid_campaigns', 'impressions');
  const paidRevenue = daily('paid_campaigns', 'revenue');
  const nlImpr = daily('paid_campaigns', 'impressions', ['market', 'nl']);
  const revenue = daily('web_sessions', 'revenue');
  const sessions = daily('web_sessions', 'sessions');
  const impressions = daily('social_posts', 'impressions');
  const reach = daily('social_posts', 'reach');
  const igImpr = daily('social_posts', 'impressions', ['platform', 'instagram']);
  const ttViews = daily('social_posts', 'video_views', ['platform', 'tiktok']);
  const engagements = ['likes', 'comments', 'shares', 'saves'].map((c) => prevQ(daily('social_posts', c)));
  const mentions = daily('mentions', null, ['brand', 'northwind']);
  const followers = daily('followers', 'followers');
  const respSum = daily('support_messages', 'first_response_seconds');
  const respCount = daily('support_messages', null);
  const resolved = daily('support_messages', null, ['resolved', true]);
  const unsubs = daily('email_campaigns', 'unsubscribes');
  const delivered = daily('email_campaigns', 'delivered');

  const leadTarget = roundTo(projected(leads, q0, qEnd) * 1.06, 50);
  const cum = (value: number, tolerance?: number): YamlValue => ({ kind: 'cumulative', value, tolerance });
  const prevRange = { from: pq0, to: pqEnd };
  const growth = { owner: OWNERS.growth, cadence: 'weekly' } as const;
  const brand = {
    goal: 'nl_awareness',
    owner: OWNERS.brand,
    cadence: 'monthly',
    baseline: prevRange,
  } as const;
  const awarenessTarget = (xs: Float64Array, step: number): YamlValue =>
    cum(roundTo(projected(xs, launchDate, qEnd) * 1.08, step), 0.05);

  const goals: Section = {
    grow_dtc_revenue: {
      title: `Grow direct-to-consumer revenue 25% in ${year}`,
      description: 'The company goal the marketing goals cascade from.',
      owner: OWNERS.ceo,
      period: { start: `${year}-01-01`, end: `${year}-12-31` },
    },
    qualified_leads: {
      title: `Generate ${fmtInt(leadTarget)} qualified leads this quarter`,
      description: 'Trial sign-ups and office-coffee quote requests from paid media.',
      owner: OWNERS.growth,
      period: { start: q0, end: qEnd },
      parent: 'grow_dtc_revenue',
    },
    nl_awareness: {
      title: 'Grow brand awareness in the Netherlands launch market',
      description: 'Since the Cold Brew Cans launch, which opened the Dutch market.',
      owner: OWNERS.brand,
      period: { start: launchDate, end: qEnd },
      parent: 'grow_dtc_revenue',
    },
    happy_customers: {
      title: 'Keep customers happy',
      description: 'Fast, helpful customer care while the order volume grows.',
      owner: OWNERS.care,
      period: { start: q0, end: qEnd },
      parent: 'grow_dtc_revenue',
    },
  };

  const kpis: Section = {
    revenue_this_year: {
      label: `Shop revenue ${year}`,
      metric: 'revenue',
      goal: 'grow_dtc_revenue',
      target: cum(
        roundTo(rangeSum(revenue, idx(`${prevYear}-01-01`), idx(`${prevYear}-12-31`)) * 1.25, 10000),
        0.03,
      ),
      baseline: { from: `${prevYear}-01-01`, to: `${prevYear}-12-31` },
      owner: OWNERS.ceo,
      cadence: 'monthly',
      indicator: 'lagging',
    },
    roas_floor: {
      metric: 'roas',
      goal: 'grow_dtc_revenue',
      target: { kind: 'stay_above', value: roundTo((prevQ(paidRevenue) / prevQ(spend)) * 0.95, 0.1) },
      baseline: prevRange,
      owner: OWNERS.performance,
      cadence: 'monthly',
      indicator: 'lagging',
    },
    leads_this_quarter: {
      metric: 'leads',
      goal: 'qualified_leads',
      target: cum(leadTarget, 0.05),
      baseline: prevRange,
      ...growth,
      indicator: 'lagging',
    },
    cost_per_lead: {
      metric: 'cost_per_lead',
      goal: 'qualified_leads',
      target: {
        kind: 'stay_below',
        value: roundTo((prevQ(spend) / prevQ(leads)) * 1.05, 0.5),
        tolerance: 0.05,
      },
      baseline: prevRange,
      owner: OWNERS.performance,
      cadence: 'weekly',
      indicator: 'lagging',
      counter_metric: { metric: 'conversion_rate', tolerance: 0.1 },
    },
    ad_ctr: {
      metric: 'ctr',
      goal: 'qualified_leads',
      target: { kind: 'stay_above', value: roundTo((prevQ(clicks) / prevQ(paidImpr)) * 0.95, 0.0005) },
      baseline: prevRange,
      owner: OWNERS.performance,
      cadence: 'weekly',
      indicator: 'leading',
    },
    linkedin_leads: {
      label: 'Office-coffee leads (LinkedIn)',
      metric: 'leads',
      goal: 'qualified_leads',
      filter: { channel: 'linkedin_ads' },
      target: cum(roundTo(projected(linkedinLeads, q0, qEnd) * 1.05, 10), 0.1),
      owner: OWNERS.sales,
      cadence: 'monthly',
      indicator: 'lagging',
    },
    lead_goal_followers: {
      label: 'Total followers',
      description: 'Added because the board likes a big number.',
      metric: 'followers',
      goal: 'qualified_leads',
      target: { kind: 'reach', value: roundTo((followers[last] ?? 0) * 1.1, 1000), deadline: qEnd },
      baseline: { value: followers[Math.max(0, Math.min(last, idx(q0)))] ?? 0 },
      ...growth,
    },
    nl_ad_impressions: {
      ...brand,
      metric: 'nl_paid_impressions',
      target: awarenessTarget(nlImpr, 100000),
      indicator: 'leading',
    },
    nl_organic_impressions: { ...brand, metric: 'impressions', target: awarenessTarget(impressions, 10000) },
    nl_reach: { ...brand, metric: 'reach', target: awarenessTarget(reach, 10000) },
    nl_instagram_impressions: {
      ...brand,
      metric: 'instagram_impressions',
      target: awarenessTarget(igImpr, 10000),
    },
    nl_tiktok_views: { ...brand, metric: 'tiktok_video_views', target: awarenessTarget(ttViews, 10000) },
    nl_mentions: { ...brand, metric: 'mentions', target: awarenessTarget(mentions, 50) },
    nl_sessions: {
      ...brand,
      metric: 'sessions',
      target: awarenessTarget(sessions, 1000),
      indicator: 'lagging',
    },
    nl_engagement_rate: {
      ...brand,
      metric: 'engagement_rate',
      target: {
        kind: 'stay_above',
        value: roundTo((engagements.reduce((a, b) => a + b, 0) / prevQ(impressions)) * 0.95, 0.001),
      },
    },
    nl_followers: {
      ...brand,
      metric: 'followers',
      target: { kind: 'reach', value: roundTo((followers[last] ?? 0) * 1.08, 1000) },
    },
    first_response_time: {
      metric: 'avg_first_response_time',
      goal: 'happy_customers',
      target: { kind: 'stay_below', value: roundTo(prevQ(respSum) / prevQ(respCount), 300), tolerance: 0.1 },
      baseline: prevRange,
      owner: OWNERS.care,
      cadence: 'weekly',
      indicator: 'leading',
    },
    resolution_rate: {
      metric: 'resolution_rate',
      goal: 'happy_customers',
      target: { kind: 'stay_above', value: roundTo((prevQ(resolved) / prevQ(respCount)) * 0.99, 0.01) },
      baseline: prevRange,
      owner: OWNERS.care,
      cadence: 'weekly',
      indicator: 'lagging',
    },
    email_unsubscribe_rate: {
      metric: 'unsubscribe_rate',
      goal: 'happy_customers',
      target: { kind: 'stay_below', value: roundTo((prevQ(unsubs) / prevQ(delivered)) * 1.1, 0.0005) },
      baseline: prevRange,
      cadence: 'monthly',
      indicator: 'leading',
    },
    ...churnKpi(ds['subscriber_activity'], prevRange, OWNERS.care),
  };

  const voice = brandVoiceSections(
    ds['mentions'],
    { start: q0, end: qEnd },
    { start: pq0, end: pqEnd },
    OWNERS.brand,
  );
  return {
    goals: { ...goals, ...voice.goals },
    kpis: { ...kpis, ...voice.kpis },
    annotations: annotationsSection(w),
  };
};
