// The Goodhart guard on the scorecard: cost per lead halves while the lead-to-customer
// rate falls from 50% to 20% — the status carries a warning; when quality holds, none.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKpi } from '../test/run-kpi.js';

const root = mkdtempSync(join(tmpdir(), 'kpi-goodhart-'));
after(() => rmSync(root, { recursive: true, force: true }));

const YAML = `version: 1
project: { name: G, timezone: UTC }
datasets:
  ads:
    time: date
    key: [date]
    columns: { date: { type: date }, spend: { type: number }, leads: { type: integer }, customers: { type: integer } }
metrics:
  spend: { kind: simple, dataset: ads, agg: sum, column: spend, unit: currency }
  leads: { kind: simple, dataset: ads, agg: sum, column: leads }
  customers: { kind: simple, dataset: ads, agg: sum, column: customers }
  cost_per_lead: { kind: ratio, numerator: spend, denominator: leads, unit: currency, direction: lower }
  lead_to_customer: { kind: ratio, numerator: customers, denominator: leads, unit: percent }
goals:
  g: { title: Cheaper leads, period: { start: 2026-01-01, end: 2026-03-31 } }
kpis:
  cpl:
    metric: cost_per_lead
    goal: g
    target: { kind: stay_below, value: 80 }
    cadence: weekly
    counter_metric: { metric: lead_to_customer, tolerance: 0.1 }
`;

const status = (customersThisWeek: number) => {
  const dir = join(root, `p${customersThisWeek}`);
  runKpi(['init', dir], root);
  writeFileSync(join(dir, 'kpi.yaml'), YAML);
  // Week of 2026-01-05: 1000 spent, 10 leads, 5 customers. Week of 2026-01-12: 1000, 20 leads.
  writeFileSync(
    join(dir, 'ads.csv'),
    `date,spend,leads,customers\n2026-01-07,1000,10,5\n2026-01-14,1000,20,${customersThisWeek}\n`,
  );
  const imp = runKpi(['import', 'ads', 'ads.csv'], dir);
  assert.equal(imp.code, 0, imp.err);
  const r = runKpi(['status', '--as-of', '2026-01-18', '--json'], dir);
  assert.equal(r.code, 0, r.err);
  const kpi = (
    JSON.parse(r.out) as { goals: { kpis: { kpi: string; value: number; warnings?: string[] }[] }[] }
  ).goals[0]?.kpis[0];
  return { kpi, text: runKpi(['status', '--as-of', '2026-01-18'], dir).out };
};

test('a KPI that improves while its counter-metric worsens carries a warning', () => {
  const { kpi, text } = status(4); // lead-to-customer 50% -> 20%: worse by 60%, tolerance 10%
  assert.equal(kpi?.value, 50);
  assert.equal(kpi?.warnings?.length, 1);
  assert.match(kpi?.warnings?.[0] ?? '', /worsened by 60\.0%/);
  assert.match(text, /⚠ .*counter-metric/);
});

test('no warning when the counter-metric holds within tolerance', () => {
  const { kpi } = status(10); // 50% -> 50%
  assert.equal(kpi?.warnings, undefined);
});
