// `kpi budget` end to end on the demo (a real DuckDB file): the plan meets its limits and
// sums to the total, today's pace matches hand-written SQL, the plan's outcome under the
// curves the demo planted is within 2% of the planted optimum and above today's split, the
// CSV carries the plan, the KPI probability "now" is the one `kpi status` shows, and bad
// input gets a precise error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '@kpi/core';
import { demoPlantedCurves } from '@kpi/demo';
import { openDuckDb } from '@kpi/engines';
import { allocateBudget, splitOutcome, type ResponseCurve } from '@kpi/predict';
import { makeDemo, runKpi } from '../test/run-kpi.js';

const END = '2026-11-20';
let root = '';
let demo = '';
before(() => {
  ({ root, demo } = makeDemo('kpi-budget-', END));
});
after(() => rmSync(root, { recursive: true, force: true }));

interface Plan {
  total: number;
  todayTotal: number;
  period: { start: string; end: string; days: number };
  members: { member: string; today: number; plan: number; lower: number; upper: number }[];
  kpi?: {
    kpi: string;
    probabilityNow: number;
    probabilityPlan: number;
    forecastNow: number;
    forecastPlan: number;
    verdictNow: string;
  };
  sentence: string;
  caveat: string;
}

let first: Plan | undefined;
const plan = (args: string[]): Plan => {
  const r = runKpi(['budget', '--goal', 'qualified_leads', '--as-of', END, '--json', ...args], demo);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as Plan;
};

describe('kpi budget on the demo', () => {
  test('limits, sum, today from SQL, and the planted optimum', async () => {
    const csv = join(root, 'plan.csv');
    const p = plan(['--max-change', '30%', '--total', '60000', '--csv', csv]);
    first = p;
    assert.equal(p.period.start, addDays(END, 1));
    assert.equal(p.period.end, '2026-12-31');
    const sum = p.members.reduce((a, m) => a + m.plan, 0);
    assert.ok(Math.abs(sum - 60000) < 0.005, `sum ${sum}`);
    for (const m of p.members) {
      assert.ok(
        m.plan >= m.today * 0.7 - 0.01 && m.plan <= m.today * 1.3 + 0.01,
        `${m.member} ${m.plan} vs ${m.today}`,
      );
    }
    // Today's pace by hand: the last 28 days' spend per channel, per day, times the period's days.
    const engine = await openDuckDb(join(demo, '.kpi', 'kpi.duckdb'));
    const rows = await engine.query(
      `SELECT channel AS c, sum(spend) AS s FROM paid_campaigns WHERE "date" BETWEEN DATE '${addDays(END, -27)}' AND DATE '${END}' GROUP BY 1`,
    );
    await engine.close();
    for (const r of rows.rows) {
      const m = p.members.find((x) => x.member === r['c']);
      assert.ok(m, String(r['c']));
      assert.ok(Math.abs(m.today - (Number(r['s']) / 28) * p.period.days) < 0.01, `${m.member} today`);
    }
    // Under the planted truth, the plan is within 2% of the true optimum with the same limits, and beats today's split.
    const truth = demoPlantedCurves({ endDate: END });
    const curves = p.members.map((m) => {
      const t = truth.find((c) => c.channel === m.member);
      assert.ok(t);
      const curve: ResponseCurve = {
        kind: 'adstock_saturation',
        decay: t.decay,
        halfSat: t.halfSat,
        scale: t.scale,
        base: 0,
      };
      return { curve };
    });
    const best = allocateBudget({
      members: p.members.map((m, i) => ({
        name: m.member,
        today: m.today,
        curve: curves[i]?.curve as ResponseCurve,
      })),
      total: 60000,
      days: p.period.days,
      maxChange: 0.3,
    });
    assert.ok(best.ok);
    const value = (s: number[]) => splitOutcome(curves, s, p.period.days);
    const got = value(p.members.map((m) => m.plan));
    const top = value(best.value.members.map((m) => m.spend));
    const todaySplit = value(p.members.map((m) => (m.today * 60000) / p.todayTotal));
    assert.ok(got >= 0.98 * top, `plan ${got} vs optimum ${top}`);
    assert.ok(got > todaySplit, `plan ${got} vs today's split ${todaySplit}`);
    // The CSV: one row per channel, the planned spends summing to the total.
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(lines.length, p.members.length + 1);
    assert.match(lines[0] ?? '', /^channel,name,period_start,period_end,today_spend,planned_spend,/);
    const planned = lines.slice(1).map((l) => Number(l.split(',')[5]));
    assert.ok(Math.abs(planned.reduce((a, b) => a + b, 0) - 60000) < 0.005);
  });

  test('kpi status --plan reads the CSV back: same spends, same effect; a bad line is named', () => {
    const csv = join(root, 'plan.csv');
    const p = first;
    assert.ok(p, 'the first test made the plan');
    const r = runKpi(['status', '--as-of', END, '--goal', 'qualified_leads', '--plan', csv, '--json'], demo);
    assert.equal(r.code, 0, r.err);
    const back = (JSON.parse(r.out) as { budgetPlan: Plan }).budgetPlan;
    assert.deepEqual(
      back.members.map((m) => m.plan),
      p.members.map((m) => m.plan),
    );
    assert.equal(back.kpi?.probabilityPlan, p.kpi?.probabilityPlan);
    assert.equal(back.kpi?.probabilityNow, p.kpi?.probabilityNow);
    const lines = readFileSync(csv, 'utf8').split('\n');
    lines[2] = (lines[2] ?? '').replace(/^([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,)[^,]*/, '$1lots');
    writeFileSync(csv, lines.join('\n'));
    const bad = runKpi(['status', '--as-of', END, '--plan', csv], demo);
    assert.equal(bad.code, 2, bad.out + bad.err);
    assert.match(bad.err, /plan\.csv:3: planned_spend "lots" is not an amount/);
  });

  test("the KPI's probability now is the one kpi status shows; the caveat is there", () => {
    const p = first;
    assert.ok(p, 'the first test made the plan');
    const r = runKpi(['status', '--as-of', END, '--json'], demo);
    assert.equal(r.code, 0, r.err);
    const card = JSON.parse(r.out) as {
      goals: { kpis: { kpi: string; forecast?: { probability: number }; verdict?: { phrase: string } }[] }[];
    };
    const leads = card.goals.flatMap((g) => g.kpis).find((k) => k.kpi === 'leads_this_quarter');
    assert.ok(p.kpi && leads?.forecast);
    assert.equal(p.kpi.kpi, 'leads_this_quarter');
    assert.equal(p.kpi.probabilityNow, leads.forecast.probability);
    assert.equal(p.kpi.verdictNow, leads.verdict?.phrase);
    // The chance moves the way the expected total moves (this total is below today's pace).
    assert.equal(
      Math.sign(p.kpi.probabilityPlan - p.kpi.probabilityNow),
      Math.sign(p.kpi.forecastPlan - p.kpi.forecastNow),
    );
    assert.match(p.caveat, /correlations/);
    assert.match(p.caveat, /hold out/);
    assert.match(p.sentence, /chance of [\d,]+ qualified leads from/);
  });

  test('bad input: precise errors and exit codes', () => {
    const bad = (args: string[], code: number, pattern: RegExp) => {
      const r = runKpi(['budget', '--as-of', END, ...args], demo);
      assert.equal(r.code, code, r.out + r.err);
      assert.match(r.err, pattern);
    };
    bad(['--goal', 'qualified_leads', '--max-change', 'lots'], 2, /--max-change "lots" is not a share/);
    bad(['--goal', 'qualified_leads', '--total', '12k'], 2, /--total "12k" is not an amount/);
    bad(
      ['--goal', 'qualified_leads', '--min', 'myspace_ads=100'],
      2,
      /"myspace_ads", not a channel with spend/,
    );
    bad(['--goal', 'no_such_goal'], 2, /no goal named "no_such_goal"/);
    bad(
      ['--goal', 'qualified_leads', '--total', '1000000', '--max-change', '10%'],
      1,
      /above the most the limits allow/,
    );
    bad(['--goal', 'qualified_leads', '--period', 'someday'], 2, /--period "someday" is not one of/);
  });
});
