// Each rule with a case that must be flagged and one that must not; configuration,
// disabling with a reason, and crash isolation of the engine.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_RULES, ruleById, runRules, type Rule, type RuleConfig, type RuleFacts } from '../src/index.js';
import { fullKpi, LEAD_GOAL, project, REACH_GOAL } from '../test/rule-fixtures.js';
import type { Project } from '@kpi/core';

const codes = (p: Project, rule: string, facts: RuleFacts = {}, today = '2026-02-15', config?: RuleConfig) =>
  runRules([ruleById(rule) as Rule], { project: p, today, facts }, config).findings.map(
    (f) => `${f.code}${f.kpi ? `:${f.kpi}` : f.goal ? `@${f.goal}` : ''}`,
  );

// A balanced lead goal: 3 KPIs, leading + lagging, all accountable.
const balanced = () =>
  project(
    LEAD_GOAL,
    `  leads: ${fullKpi('leads', 'leads_q1', ', indicator: lagging')}
  clicks: ${fullKpi('clicks', 'leads_q1', ', indicator: leading')}
  cpl: ${fullKpi('cost_per_lead', 'leads_q1', ', indicator: lagging, counter_metric: { metric: lead_to_customer, tolerance: 0.05 }')}
`,
  );

describe('static rules', () => {
  test('a balanced project passes every static rule', () => {
    const r = runRules(ALL_RULES, { project: balanced(), today: '2026-02-15', facts: {} });
    assert.deepEqual(
      r.findings.filter((f) => f.severity !== 'info').map((f) => f.code),
      [],
    );
  });

  test('accountability: missing owner, target, baseline and cadence', () => {
    const p = project(
      LEAD_GOAL,
      `  a: { metric: leads, goal: leads_q1 }\n  b: ${fullKpi('clicks', 'leads_q1')}\n`,
    );
    assert.deepEqual(codes(p, 'kpi.accountability'), ['kpi.accountability.missing:a']);
    const f = runRules([ruleById('kpi.accountability') as Rule], {
      project: p,
      today: '2026-02-15',
      facts: {},
    }).findings[0];
    assert.match(f?.message ?? '', /no owner, no target, no baseline, no cadence/);
    assert.deepEqual(f?.position, { file: 'kpi.yaml', line: 33, column: 3 });
    assert.equal(f?.severity, 'error');
  });

  test('time-bound: a deadline outside the goal period', () => {
    const p = project(
      LEAD_GOAL,
      `  a: ${fullKpi('leads', 'leads_q1').replace('value: 100', 'value: 100, deadline: 2026-06-30')}\n  b: ${fullKpi('leads', 'leads_q1').replace('value: 100', 'value: 100, deadline: 2026-03-31')}\n`,
    );
    assert.deepEqual(codes(p, 'kpi.time_bound'), ['kpi.time_bound.deadline_outside_goal:a']);
  });

  test('focus: too few and too many KPIs per goal; 3 to 5 pass', () => {
    const six = ['leads', 'clicks', 'spend', 'customers', 'impressions', 'cost_per_lead']
      .map((m, i) => `  k${i}: ${fullKpi(m, 'leads_q1')}\n`)
      .join('');
    assert.deepEqual(codes(project(LEAD_GOAL, six), 'goal.focus'), ['goal.focus.too_many@leads_q1']);
    assert.deepEqual(codes(project(LEAD_GOAL, `  k: ${fullKpi('leads', 'leads_q1')}\n`), 'goal.focus'), [
      'goal.focus.too_few@leads_q1',
    ]);
    assert.deepEqual(codes(balanced(), 'goal.focus'), []);
  });

  test('leading and lagging: a goal of only lagging KPIs; unset indicators', () => {
    const p = project(
      LEAD_GOAL,
      `  a: ${fullKpi('leads', 'leads_q1', ', indicator: lagging')}\n  b: ${fullKpi('customers', 'leads_q1')}\n`,
    );
    assert.deepEqual(codes(p, 'goal.leading_lagging').sort(), [
      'goal.leading_lagging.no_leading@leads_q1',
      'goal.leading_lagging.unset:b',
    ]);
    assert.deepEqual(codes(balanced(), 'goal.leading_lagging'), []);
  });

  test('leading and lagging: measured lag correlation is reported as evidence', () => {
    const facts: RuleFacts = {
      leadLag: { leads_q1: { leading: 'clicks', lagging: 'leads', lag: 2, correlation: 0.71 } },
    };
    const r = runRules([ruleById('goal.leading_lagging') as Rule], {
      project: balanced(),
      today: '2026-02-15',
      facts,
    });
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0]?.severity, 'info');
    assert.match(r.findings[0]?.message ?? '', /moves ahead of .* 0\.71 at a lag of 2 periods/);
  });

  test('vanity: followers on a lead goal; raw counts on a reach goal need an outcome beside them', () => {
    const onLeads = project(
      LEAD_GOAL,
      `  f: ${fullKpi('followers', 'leads_q1')}\n  l: ${fullKpi('leads', 'leads_q1', ', indicator: lagging')}\n`,
    );
    assert.deepEqual(codes(onLeads, 'kpi.vanity'), ['kpi.vanity.promoted:f']);
    const reachOnly = project(
      REACH_GOAL,
      `  f: ${fullKpi('followers', 'reach')}\n  i: ${fullKpi('impressions', 'reach')}\n`,
    );
    assert.deepEqual(codes(reachOnly, 'kpi.vanity'), ['kpi.vanity.unpaired@reach']);
    const reachPaired = project(
      REACH_GOAL,
      `  f: ${fullKpi('followers', 'reach')}\n  l: ${fullKpi('leads', 'reach', ', indicator: lagging')}\n`,
    );
    assert.deepEqual(codes(reachPaired, 'kpi.vanity'), []);
    const f = runRules([ruleById('kpi.vanity') as Rule], { project: onLeads, today: '2026-02-15', facts: {} })
      .findings[0];
    assert.match(f?.message ?? '', /20%/);
  });

  test('relevant: an awareness KPI on a lead goal; a conversion KPI fits', () => {
    const p = project(
      LEAD_GOAL,
      `  f: ${fullKpi('impressions', 'leads_q1')}\n  l: ${fullKpi('leads', 'leads_q1')}\n`,
    );
    assert.deepEqual(codes(p, 'kpi.relevant'), ['kpi.relevant.category_mismatch:f']);
  });

  test('specific: a blend of metrics with different units', () => {
    const p = project(
      LEAD_GOAL,
      `  b: ${fullKpi('blend', 'leads_q1')}\n  l: ${fullKpi('leads', 'leads_q1')}\n`,
    );
    assert.deepEqual(codes(p, 'kpi.specific'), ['kpi.specific.compound_metric:b']);
  });

  test('specific: a floor on a plain sum is flagged; a floor on a ratio and a cap on a sum are not', () => {
    const stay = (metric: string, kind: string) =>
      fullKpi(metric, 'leads_q1').replace('kind: cumulative, value: 100', `kind: ${kind}, value: 100`);
    const p = project(
      LEAD_GOAL,
      `  floor: ${stay('leads', 'stay_above')}
  cap: ${stay('spend', 'stay_below')}
  rate: ${stay('cost_per_lead', 'stay_above')}
`,
    );
    assert.deepEqual(codes(p, 'kpi.specific'), ['kpi.specific.floor_on_sum:floor']);
    const f = runRules([ruleById('kpi.specific') as Rule], {
      project: p,
      today: '2026-02-15',
      facts: {},
    }).findings.find((x) => x.code === 'kpi.specific.floor_on_sum');
    assert.match(f?.message ?? '', /single weeks below 100 never make it miss/);
    assert.deepEqual(f?.path, ['kpis', 'floor', 'target', 'kind']);
  });
});

describe('data-backed rules', () => {
  test('measurable: no data; stale for the cadence; fresh passes', () => {
    const facts = (d: string | null): RuleFacts => ({ kpis: { leads: { lastDataDate: d } } });
    assert.deepEqual(codes(balanced(), 'kpi.measurable', facts(null)), ['kpi.measurable.no_data:leads']);
    // weekly cadence: older than two weeks before 2026-02-15 (2026-02-01) is stale.
    assert.deepEqual(codes(balanced(), 'kpi.measurable', facts('2026-01-31')), [
      'kpi.measurable.stale:leads',
    ]);
    assert.deepEqual(codes(balanced(), 'kpi.measurable', facts('2026-02-01')), []);
  });

  test('achievable: a cumulative target that needs more per week than the best week of the last year', () => {
    // 100 leads by 2026-03-31, 10 so far; from 2026-02-15 that is 45 days = 6.43 weeks: 14 a week.
    const history = [5, 8, 9, 12, 7].map((value, i) => ({ period: `w${i}`, value }));
    assert.deepEqual(codes(balanced(), 'kpi.achievable', { kpis: { leads: { history, current: 10 } } }), [
      'kpi.achievable.pace_above_history:leads',
    ]);
    const better = [...history, { period: 'w5', value: 15 }];
    assert.deepEqual(
      codes(balanced(), 'kpi.achievable', { kpis: { leads: { history: better, current: 10 } } }),
      [],
    );
    assert.deepEqual(codes(balanced(), 'kpi.achievable', { kpis: { leads: { probability: 0.04 } } }), [
      'kpi.achievable.unlikely:leads',
    ]);
  });

  test('goodhart: cost per lead down while lead-to-customer rate falls beyond tolerance', () => {
    const facts = (kpiChange: number, counterChange: number): RuleFacts => ({
      kpis: { cpl: { kpiChange, counterChange } },
    });
    assert.deepEqual(codes(balanced(), 'kpi.goodhart', facts(-0.2, -0.08)), [
      'kpi.goodhart.counter_worsened:cpl',
    ]);
    assert.deepEqual(codes(balanced(), 'kpi.goodhart', facts(-0.2, -0.04)), []); // within the 5% tolerance
    assert.deepEqual(codes(balanced(), 'kpi.goodhart', facts(0.2, -0.3)), []); // the KPI got worse: no gaming
  });

  test('drift: reviews older than two cadence periods; the list not reviewed this quarter', () => {
    const facts: RuleFacts = {
      kpis: { leads: { lastReview: '2026-01-20' }, clicks: { lastReview: '2026-02-10' } },
      lastListReview: '2025-12-15',
    };
    assert.deepEqual(codes(balanced(), 'kpi.drift', facts).sort(), [
      'kpi.drift.list_not_reviewed',
      'kpi.drift.stale_review:leads',
    ]);
  });
});

describe('the engine', () => {
  test('severity overrides and per-KPI disabling keep the reason', () => {
    const p = project(
      LEAD_GOAL,
      `  a: { metric: leads, goal: leads_q1 }\n  b: { metric: clicks, goal: leads_q1 }\n`,
    );
    const config: RuleConfig = {
      project: { 'kpi.accountability': { severity: 'warning' } },
      kpis: {
        b: { 'kpi.accountability': { severity: 'off', reason: 'experimental KPI, owner named next sprint' } },
      },
    };
    const r = runRules(
      [ruleById('kpi.accountability') as Rule],
      { project: p, today: '2026-02-15', facts: {} },
      config,
    );
    assert.deepEqual(
      r.findings.map((f) => [f.kpi, f.severity]),
      [['a', 'warning']],
    );
    assert.deepEqual(
      r.suppressed.map((f) => [f.kpi, f.reason]),
      [['b', 'experimental KPI, owner named next sprint']],
    );
  });

  test('a rule that throws becomes a finding, and the other rules still run', () => {
    const boom: Rule = {
      id: 'x.boom',
      title: 'Boom',
      defaultSeverity: 'error',
      rationale: '',
      check: () => {
        throw new Error('kaput');
      },
    };
    const r = runRules([boom, ruleById('kpi.accountability') as Rule], {
      project: balanced(),
      today: '2026-02-15',
      facts: {},
    });
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0]?.code, 'rule.crashed');
    assert.match(r.findings[0]?.message ?? '', /kaput/);
    assert.deepEqual(r.rulesRun, ['x.boom', 'kpi.accountability']);
  });
});
