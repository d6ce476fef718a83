// The demo's churn KPI: the subscribers' churn rate per 30 days must stay below last
// quarter's, measured on the generated rows with the same span rule kpi uses (@kpi/predict),
// so the target is honest: the planted Dutch rise of the last weeks is what pushes it over.
// Pure.

import { dayNumber } from '@kpi/core';
import { churnDays, churnTotals, type CustomerActivity } from '@kpi/predict';
import type { DemoDataset } from './demo-types.js';
import { roundTo } from './demo-stats.js';
import type { YamlValue } from './yaml-writer.js';

export const CHURN_INACTIVE_DAYS = 45;
export const CHURN_HORIZON_DAYS = 30;

export const churnMetricsSection = (): { readonly [name: string]: YamlValue } => ({
  subscriber_churn_rate: {
    kind: 'churn',
    label: 'Subscriber churn rate',
    description:
      'Subscribers lost per 30 days, as a share of those subscribed (churn definition "subscribers").',
    churn: 'subscribers',
    measure: 'rate',
    unit: 'percent',
    direction: 'lower',
    category: 'customer_care',
  },
});

/** The subscribers' activity as the churn model reads it: one day per customer and date, the first cancel. */
export const subscriberActivity = (ds: DemoDataset): CustomerActivity => {
  const offsets: number[] = [];
  const days: number[] = [];
  const cancels: number[] = [];
  let prev: string | undefined;
  for (const row of ds.rows()) {
    const [date, customer, , , event] = row as readonly [string, string, string, string, string, number];
    if (customer !== prev) {
      offsets.push(days.length);
      cancels.push(Number.NaN);
      prev = customer;
    }
    const d = dayNumber(date);
    const k = cancels.length - 1;
    if (event === 'cancel' && Number.isNaN(cancels[k] as number)) cancels[k] = d;
    if (days.length === (offsets[k] as number) || (days[days.length - 1] as number) !== d) days.push(d);
  }
  offsets.push(days.length);
  return {
    count: cancels.length,
    offsets: Int32Array.from(offsets),
    days: Int32Array.from(days),
    cancelDay: Float64Array.from(cancels),
  };
};

/** Churn per 30 days over [from, to] (dates), under the demo's rule (45 quiet days, or a cancel). */
export const subscriberChurnRate = (ds: DemoDataset, from: string, to: string): number => {
  const a = subscriberActivity(ds);
  const d0 = dayNumber(from);
  const d = churnDays(a, { kind: 'cancel', inactivityDays: CHURN_INACTIVE_DAYS }, d0, dayNumber(to) - d0 + 1);
  const t = churnTotals(d, d0, dayNumber(to));
  return t.atRiskDays ? (t.churners / t.atRiskDays) * CHURN_HORIZON_DAYS : 0;
};

/** The KPI: stay below last quarter's churn rate (rounded to a tenth of a point). */
export const churnKpi = (
  ds: DemoDataset | undefined,
  lastQuarter: { from: string; to: string },
  owner: string,
) =>
  ds
    ? {
        subscriber_churn: {
          metric: 'subscriber_churn_rate',
          goal: 'happy_customers',
          target: {
            kind: 'stay_below',
            value: roundTo(subscriberChurnRate(ds, lastQuarter.from, lastQuarter.to), 0.001),
            tolerance: 0.1,
          },
          baseline: lastQuarter,
          owner,
          cadence: 'monthly',
          indicator: 'lagging',
        },
      }
    : {};
