// `kpi tree` and `kpi check` on a small cascade through the real `kpi` process: roll-ups
// and OKR progress against hand-computed numbers, retired KPIs left out, a rule switched
// off on one KPI with its reason.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../bin/kpi.js', import.meta.url).pathname;
const run = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const Q3 = 'period: { start: 2025-07-01, end: 2025-09-30 }';
const full = 'owner: ana, cadence: weekly, baseline: { value: 0 }, indicator: lagging';
const PROJECT = `version: 1
project: { name: Cascade, timezone: UTC }
datasets:
  leads:
    time: date
    key: [date, channel]
    dimensions: [channel]
    columns: { date: { type: date }, channel: { type: string }, leads: { type: integer } }
metrics:
  leads: { kind: simple, dataset: leads, agg: sum, column: leads, category: conversion, description: Qualified leads }
units:
  acme: { title: Acme, kind: company }
  paid_team: { title: Paid team, kind: team, parent: acme }
  social_team: { title: Social team, kind: team, parent: acme }
goals:
  company: { title: Generate leads, unit: acme, ${Q3} }
  paid_goal: { title: Paid leads, unit: paid_team, parent: company, ${Q3} }
  social_goal: { title: Social leads, unit: social_team, parent: company, ${Q3} }
kpis:
  total_leads: { metric: leads, goal: company, ${full}, target: { kind: cumulative, value: 1000 }, rollup: { from: [paid_leads, social_leads], method: sum } }
  blended: { metric: leads, goal: company, ${full}, target: { kind: cumulative, value: 1000 }, rollup: { from: [paid_leads, social_leads], method: weighted_average, weights: { paid_leads: 3 } } }
  paid_leads:
    metric: leads
    goal: paid_goal
    filter: { channel: paid }
    target: { kind: cumulative, value: 600 }
    checks: { kpi.accountability: { severity: "off", reason: "the paid team owns it as a group" } }
  social_leads: { metric: leads, goal: social_goal, filter: { channel: social }, target: { kind: cumulative, value: 400 } }
  old_followers: { metric: leads, goal: social_goal, retired: { date: 2025-07-02, reason: "replaced by social_leads" } }
objectives:
  win_q3:
    title: Win the quarter
    quarter: 2025-Q3
    unit: acme
    key_results:
      - { title: Leads to 300, start: 0, target: 300, metric: leads }
      - { title: NPS to 20, start: 10, target: 20, current: 18, weight: 3 }
      - { title: Social leads to 100, start: 0, target: 100, metric: leads, filter: { channel: social } }
`;

let root = '';
before(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-cascade-'));
  mkdirSync(join(root, 'data'));
  writeFileSync(join(root, 'kpi.yaml'), PROJECT);
  // Ten days of Q3: paid 10 a day, social 5 a day -> 100 and 50 by 2025-07-10.
  const rows = ['date,channel,leads'];
  for (let d = 1; d <= 10; d++) {
    const day = `2025-07-${String(d).padStart(2, '0')}`;
    rows.push(`${day},paid,10`, `${day},social,5`);
  }
  writeFileSync(join(root, 'data', 'leads.csv'), rows.join('\n') + '\n');
  const r = run(['import', 'leads', 'data/leads.csv'], root);
  assert.equal(r.code, 0, r.err + r.out);
});
after(() => rmSync(root, { recursive: true, force: true }));

interface Tree {
  units: { unit: string; parent?: string }[];
  goals: {
    goal: string;
    unit?: string;
    kpis: { kpi: string; value: number | null; rollup?: { value: number | null; missing: string[] } }[];
  }[];
  objectives: {
    objective: string;
    progress: number;
    keyResults: { current: number | null; progress: number | null }[];
  }[];
}

test('kpi tree: roll-ups and OKR progress equal the hand-computed numbers; retired KPIs are gone', () => {
  const r = run(['tree', '--as-of', '2025-07-10', '--json'], root);
  assert.equal(r.code, 0, r.err);
  const t = JSON.parse(r.out) as Tree;
  const kpi = (name: string) => t.goals.flatMap((g) => g.kpis).find((k) => k.kpi === name);
  assert.equal(kpi('paid_leads')?.value, 100);
  assert.equal(kpi('social_leads')?.value, 50);
  assert.equal(kpi('total_leads')?.rollup?.value, 150, '100 + 50');
  assert.equal(kpi('blended')?.rollup?.value, 87.5, '(3 x 100 + 1 x 50) / 4');
  assert.equal(kpi('old_followers'), undefined, 'retired KPI left out');
  assert.deepEqual(
    t.units.map((u) => [u.unit, u.parent ?? null]),
    [
      ['acme', null],
      ['paid_team', 'acme'],
      ['social_team', 'acme'],
    ],
  );
  const o = t.objectives[0];
  assert.deepEqual(
    o?.keyResults.map((k) => k.current),
    [150, 18, 50],
  );
  assert.deepEqual(
    o?.keyResults.map((k) => k.progress),
    [0.5, 0.8, 0.5],
  );
  assert.ok(Math.abs((o?.progress ?? 0) - 0.68) < 1e-12, '(0.5 + 3 x 0.8 + 0.5) / 5 = 0.68');

  const text = run(['tree', '--as-of', '2025-07-10'], root);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /Acme \(company\)\n {2}Generate leads\n/);
  assert.match(text.out, /rolled up \(sum of 2\): 150/);
  assert.match(text.out, /Paid team \(team\)\n {4}Paid leads {2}↑ Generate leads/);
  assert.match(text.out, /Win the quarter \(2025-Q3\) {2}68%/);
});

test('kpi check: a rule off on one KPI keeps its reason; retired KPIs are not checked', () => {
  const r = run(['check', '--json', '--no-data', '--today', '2025-07-11'], root);
  const report = JSON.parse(r.out) as {
    findings: { code: string; kpi?: string; message: string }[];
    suppressed: { code: string; kpi?: string; reason: string }[];
  };
  const acc = report.findings.filter((f) => f.code === 'kpi.accountability.missing').map((f) => f.kpi);
  assert.deepEqual(acc, ['social_leads']);
  assert.deepEqual(
    report.suppressed.filter((s) => s.code === 'kpi.accountability.missing').map((s) => [s.kpi, s.reason]),
    [['paid_leads', 'the paid team owns it as a group']],
  );
  assert.ok(!JSON.stringify(report).includes('old_followers'), 'retired KPI never mentioned');
  assert.equal(
    report.findings.filter((f) => f.code.startsWith('okr.')).length,
    0,
    'three measurable key results',
  );
});
