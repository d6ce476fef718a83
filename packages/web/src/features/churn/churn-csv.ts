// The riskiest customers as CSV for a win-back campaign (the same columns as `kpi churn
// --csv`), built in the browser from the API's answer. Pure. Invariant: raw numbers, one row
// per customer, fields with commas, quotes or line breaks quoted.
import { ownGet } from '@kpi/core/own-lookup';
import type { ChurnRisk } from './churn-types';

const field = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const customersCsv = (c: ChurnRisk): string => {
  const dims = [...new Set(c.customers.flatMap((x) => Object.keys(x.segments)))];
  const head = [
    'customer',
    'risk',
    'last_activity',
    'days_since_activity',
    'amount_90_days',
    'reason',
    ...dims,
  ];
  const rows = c.customers.map((x) => [
    x.customer,
    Math.round(x.risk * 1000) / 1000,
    x.lastActivity,
    x.daysSinceActivity,
    Math.round(x.amount90 * 100) / 100,
    x.reason,
    ...dims.map((d) => ownGet(x.segments, d) ?? ''),
  ]);
  return [head, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n';
};
