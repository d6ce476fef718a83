// The cascade's cross-references, through the loader: units, goal units, roll-ups,
// retired KPIs, objectives — valid ones load, broken ones are reported with positions.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject } from './load-project.js';

const MAIN = `version: 1
project:
  name: Cascade
datasets:
  ads:
    time: date
    key: [date, channel]
    dimensions: [channel]
    columns:
      date: { type: date }
      channel: { type: string }
      leads: { type: integer }
metrics:
  leads: { kind: simple, dataset: ads, agg: sum, column: leads }
`;

const PARTS = `units:
  acme: { title: Acme, kind: company }
  marketing: { title: Marketing, kind: department, parent: acme }
  paid: { title: Paid team, kind: team, parent: marketing }
goals:
  company: { title: Grow leads, unit: acme, period: { start: 2025-01-01, end: 2025-12-31 } }
  paid_leads: { title: Paid leads, unit: paid, parent: company, period: { start: 2025-01-01, end: 2025-12-31 } }
kpis:
  total_leads:
    metric: leads
    goal: company
    rollup: { from: [paid_kpi, social_kpi], method: weighted_average, weights: { paid_kpi: 2 } }
  paid_kpi: { metric: leads, goal: paid_leads, filter: { channel: paid }, checks: { kpi.vanity: { severity: "off", reason: "agreed in review" } } }
  social_kpi: { metric: leads, goal: paid_leads, retired: { date: 2025-05-01, reason: "channel closed" } }
objectives:
  win_q3:
    title: Win the quarter
    quarter: 2025-Q3
    unit: marketing
    goal: company
    key_results:
      - { title: Leads to 900, start: 500, target: 900, metric: leads }
      - { title: NPS to 40, start: 30, target: 40, current: 35, weight: 2 }
`;

const load = (part: string) =>
  loadProject([
    { path: 'kpi.yaml', text: MAIN },
    { path: 'definitions/cascade.yaml', text: part },
  ]);

const codes = (part: string): string[] => {
  const r = load(part);
  return (r.ok ? (r.warnings ?? []) : r.issues).map((i) => i.code);
};

describe('cascade validation', () => {
  test('a valid cascade loads with units, roll-ups, per-KPI checks, retirement and objectives', () => {
    const r = load(PARTS);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
    assert.equal(r.value.units?.['paid']?.parent, 'marketing');
    assert.equal(r.value.goals['paid_leads']?.unit, 'paid');
    assert.deepEqual(r.value.kpis['total_leads']?.rollup?.weights, { paid_kpi: 2 });
    assert.deepEqual(r.value.kpis['paid_kpi']?.checks, {
      'kpi.vanity': { severity: 'off', reason: 'agreed in review' },
    });
    assert.equal(r.value.kpis['social_kpi']?.retired?.reason, 'channel closed');
    assert.equal(r.value.objectives?.['win_q3']?.key_results.length, 2);
    assert.deepEqual(r.value.locations['units.paid'], {
      file: 'definitions/cascade.yaml',
      line: 4,
      column: 3,
    });
  });

  test('broken references are each reported, with the position of the field', () => {
    const broken = PARTS.replace('parent: acme', 'parent: nowhere')
      .replace('unit: paid,', 'unit: ghost,')
      .replace('from: [paid_kpi, social_kpi]', 'from: [paid_kpi, missing_kpi]')
      .replace('weights: { paid_kpi: 2 }', 'weights: { other: 2 }')
      .replace('metric: leads }\n      - { title: NPS', 'metric: nope }\n      - { title: NPS')
      .replace('unit: marketing', 'unit: sales');
    const r = load(broken);
    assert.equal(r.ok, false);
    const issues = r.ok ? [] : r.issues;
    const got = issues.map((i) => i.code).sort();
    assert.deepEqual(got, [
      'goal.unit_missing',
      'kpi.rollup.source_missing',
      'kpi.rollup.weight_unknown',
      'objective.key_result.metric_missing',
      'objective.unit_missing',
      'unit.parent_missing',
    ]);
    const unit = issues.find((i) => i.code === 'unit.parent_missing');
    assert.equal(unit?.position?.file, 'definitions/cascade.yaml');
    assert.equal(unit?.position?.line, 3);
  });

  test('cycles of units and of roll-ups, and roll-ups from outside the goal tree', () => {
    const cyc = PARTS.replace(
      'acme: { title: Acme, kind: company }',
      'acme: { title: Acme, kind: company, parent: paid }',
    ).replace(
      'social_kpi: { metric: leads, goal: paid_leads,',
      'social_kpi: { metric: leads, goal: paid_leads, rollup: { from: [total_leads], method: sum },',
    );
    const got = codes(cyc);
    assert.ok(got.includes('unit.parent_cycle'), got.join());
    assert.ok(got.includes('kpi.rollup.cycle'), got.join());
    assert.ok(got.includes('kpi.rollup.not_a_child'), got.join());
  });

  test('a quarter must be written YYYY-Qn', () => {
    assert.ok(codes(PARTS.replace('2025-Q3', '2025-3')).includes('schema.invalid_format'));
  });
});
