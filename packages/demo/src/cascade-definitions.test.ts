// The demo's cascade loads: every goal has a unit of the unit tree, and the objective's
// key results aim at the same numbers as the lead KPIs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject } from '@kpi/core';
import { generateDemo } from './generate-demo.js';

test('the demo project has units, goal units and one objective, and loads without issues', () => {
  const r = loadProject(generateDemo({ endDate: '2025-06-30' }).files);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.issues.slice(0, 3)));
  const p = r.value;
  assert.deepEqual(Object.keys(p.units ?? {}).sort(), [
    'brand_team',
    'customer_care',
    'growth_team',
    'marketing',
    'northwind',
  ]);
  for (const [name, g] of Object.entries(p.goals)) assert.ok(g.unit && p.units?.[g.unit], name);
  const o = p.objectives?.['office_coffee_engine'];
  assert.equal(o?.quarter, '2025-Q2');
  assert.equal(o?.key_results.length, 3);
  assert.equal(o?.key_results[0]?.target, p.kpis['leads_this_quarter']?.target?.value);
  assert.equal(o?.key_results[1]?.target, p.kpis['linkedin_leads']?.target?.value);
  assert.equal(r.warnings, undefined);
});
