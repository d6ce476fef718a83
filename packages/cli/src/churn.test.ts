// `kpi churn` through the real process on a small project (a real DuckDB file): the churn
// counts of the last period against a count by hand from the same rows, cancels ending a
// customer, the CSV of the riskiest customers, and precise errors for a broken definition.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, dayNumber } from '@kpi/core';
import { runKpi } from '../test/run-kpi.js';

const PROJECT = `version: 1
project: { name: Subs, timezone: UTC, currency: EUR }
datasets:
  activity:
    time: date
    key: [date, customer, event]
    dimensions: [plan, event]
    columns:
      date: { type: date }
      customer: { type: string }
      plan: { type: string, label: Plan, labels: { basic: Basic, pro: Pro } }
      event: { type: string }
      revenue: { type: number }
churn:
  subs:
    label: Subscriber churn
    dataset: activity
    customer: customer
    inactive_days: 30
    cancel: { column: event, value: cancel }
    revenue: revenue
    segments: [plan]
    horizon_days: 30
`;

const AS_OF = '2025-12-31';
const FIRST = '2025-01-01';
// 300 customers; customer i starts on day (i*7) % 200, orders every 3 + (i % 9) days and stops
// after 40 + (i*37) % 300 days; every fifth customer who stops sends a cancel that day.
interface Cust {
  id: string;
  plan: string;
  days: number[];
  cancel?: number;
}
const customers: Cust[] = Array.from({ length: 300 }, (_, i) => {
  const start = (i * 7) % 200;
  const every = 3 + (i % 9);
  const stop = start + 40 + ((i * 37) % 300);
  const days: number[] = [];
  for (let d = start; d <= Math.min(stop, 364); d += every) days.push(d);
  return {
    id: `c${String(i).padStart(3, '0')}`,
    plan: i % 3 === 0 ? 'pro' : 'basic',
    days,
    ...(i % 5 === 0 && stop <= 364 ? { cancel: stop } : {}),
  };
});

/** Gone by day s: cancelled on or before s, or the last order on or before s − 30 (started by s). */
const goneBy = (c: Cust, s: number): boolean | undefined => {
  const first = c.days[0];
  if (first === undefined || first > s) return undefined;
  if (c.cancel !== undefined && c.cancel <= s) return true;
  const last = Math.max(...c.days.filter((d) => d <= s));
  return last <= s - 30;
};

let root = '';
before(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-churn-'));
  mkdirSync(join(root, 'data'));
  writeFileSync(join(root, 'kpi.yaml'), PROJECT);
  const rows = ['date,customer,plan,event,revenue'];
  for (const c of customers) {
    for (const d of c.days) rows.push(`${addDays(FIRST, d)},${c.id},${c.plan},order,${10 + (d % 5)}`);
    if (c.cancel !== undefined) rows.push(`${addDays(FIRST, c.cancel)},${c.id},${c.plan},cancel,0`);
  }
  writeFileSync(join(root, 'data', 'activity.csv'), rows.join('\n') + '\n');
  const r = runKpi(['import', 'activity', 'data/activity.csv'], root);
  assert.equal(r.code, 0, r.err + r.out);
});
after(() => rmSync(root, { recursive: true, force: true }));

interface Out {
  activeCustomers: number;
  lastPeriod: { active: number; churned: number; rate: number };
  expected: { mean: number; low: number; high: number };
  revenueAtRisk: number;
  customers: {
    customer: string;
    risk: number;
    daysSinceActivity: number;
    segments: Record<string, string>;
  }[];
}

describe('kpi churn', () => {
  test('last-period churn and today’s active customers match a count by hand', () => {
    const csv = join(root, 'risky.csv');
    const r = runKpi(['churn', '--as-of', AS_OF, '--json', '--top', '25', '--csv', csv], root);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out) as Out;
    const t = dayNumber(AS_OF) - dayNumber(FIRST);
    const activeThen = customers.filter((c) => goneBy(c, t - 30) === false);
    const churned = activeThen.filter((c) => goneBy(c, t) === true);
    assert.equal(out.lastPeriod.active, activeThen.length);
    assert.equal(out.lastPeriod.churned, churned.length);
    assert.equal(out.activeCustomers, customers.filter((c) => goneBy(c, t) === false).length);
    // Expected churners: inside the active base, with an ordered interval.
    assert.ok(out.expected.low <= out.expected.mean && out.expected.mean <= out.expected.high);
    assert.ok(out.expected.high <= out.activeCustomers);
    // The riskiest first, each with its days since activity as computed by hand.
    assert.equal(out.customers.length, 25);
    for (let i = 1; i < out.customers.length; i++)
      assert.ok((out.customers[i - 1]?.risk ?? 0) >= (out.customers[i]?.risk ?? 0));
    for (const c of out.customers) {
      const src = customers.find((x) => x.id === c.customer);
      assert.ok(src && goneBy(src, t) === false, `${c.customer} is active`);
      assert.equal(c.daysSinceActivity, t - Math.max(...src.days.filter((d) => d <= t)));
      assert.equal(c.segments['plan'], src.plan === 'pro' ? 'Pro' : 'Basic');
    }
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(lines.length, 26);
    assert.equal(lines[0], 'customer,risk,last_activity,days_since_activity,amount_90_days,reason,plan');
  });

  test('too little history and a broken definition get precise errors', () => {
    const early = runKpi(['churn', '--as-of', '2025-02-15'], root);
    assert.equal(early.code, 1, early.out + early.err);
    assert.match(early.err, /too little history to learn churn/);
    const dir = mkdtempSync(join(tmpdir(), 'kpi-churn-bad-'));
    try {
      writeFileSync(
        join(dir, 'kpi.yaml'),
        PROJECT.replace('customer: customer\n    inactive', 'customer: client\n    inactive'),
      );
      const bad = runKpi(['validate'], dir);
      assert.notEqual(bad.code, 0);
      assert.match(bad.out + bad.err, /churn subs: the customer column "client" is not in dataset activity/);
      assert.match(bad.out + bad.err, /kpi\.yaml:\d+/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
