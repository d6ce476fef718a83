// Roll-up and OKR arithmetic against hand-computed numbers; the OKR rule flagged and not
// flagged; retired KPIs leave the checks.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  keyResultProgress,
  objectiveProgress,
  quarterRange,
  resolveRollups,
  rollupValue,
  ruleById,
  runRules,
  withoutRetired,
  type Rule,
} from '../index.js';
import { fullKpi, LEAD_GOAL, project } from '../../test/rule-fixtures.js';

const near = (a: number | null, b: number) =>
  assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${a} != ${b}`);

describe('roll-ups', () => {
  test('sum leaves out a child without a value and says so', () => {
    const r = rollupValue({ from: ['a', 'b', 'c'], method: 'sum' }, [
      { kpi: 'a', value: 120 },
      { kpi: 'b', value: 80 },
      { kpi: 'c', value: null },
    ]);
    assert.equal(r.value, 200);
    assert.deepEqual(r.missing, ['c']);
    assert.deepEqual(r.used, ['a', 'b']);
  });

  test('weighted average: (3 x 0.10 + 1 x 0.20) / 4 = 0.125; default weight 1', () => {
    const def = { from: ['a', 'b'], method: 'weighted_average' as const, weights: { a: 3 } };
    near(
      rollupValue(def, [
        { kpi: 'a', value: 0.1 },
        { kpi: 'b', value: 0.2 },
      ]).value,
      0.125,
    );
    near(
      rollupValue({ ...def, weights: {} }, [
        { kpi: 'a', value: 0.1 },
        { kpi: 'b', value: 0.2 },
      ]).value,
      0.15,
    );
    assert.equal(rollupValue(def, [{ kpi: 'a', value: null }]).value, null);
  });

  test('worst status ignores children without a verdict', () => {
    const r = rollupValue({ from: ['a', 'b', 'c'], method: 'worst_status' }, [
      { kpi: 'a', value: 1, status: 'on_track' },
      { kpi: 'b', value: 1, status: 'off_track' },
      { kpi: 'c', value: null, status: 'no_data' },
    ]);
    assert.equal(r.status, 'off_track');
    assert.deepEqual(r.missing, ['c']);
    assert.equal(
      rollupValue({ from: ['c'], method: 'worst_status' }, [{ kpi: 'c', value: null, status: 'no_data' }])
        .status,
      null,
    );
  });

  test('nested roll-ups: mid = (2 x 4 + 1 x 1) / 3 = 3; total = 10 + 3 = 13', () => {
    const goals = `  top: { title: Company leads, period: { start: 2026-01-01, end: 2026-12-31 } }
  mid_goal: { title: Team leads, parent: top, period: { start: 2026-01-01, end: 2026-12-31 } }
  leaf: { title: Squad leads, parent: mid_goal, period: { start: 2026-01-01, end: 2026-12-31 } }
`;
    const p = project(
      goals,
      `  total: { metric: leads, goal: top, rollup: { from: [a, mid], method: sum } }
  a: { metric: leads, goal: mid_goal }
  mid: { metric: leads, goal: mid_goal, rollup: { from: [b, c], method: weighted_average, weights: { b: 2 } } }
  b: { metric: leads, goal: leaf }
  c: { metric: leads, goal: leaf }
`,
    );
    const r = resolveRollups(p, { a: { value: 10 }, b: { value: 4 }, c: { value: 1 }, mid: { value: 99 } });
    assert.equal(r['mid']?.value, 3);
    assert.equal(r['total']?.value, 13);
  });
});

describe('OKR progress', () => {
  test('key results: rising and falling targets, clamped to 0..1', () => {
    assert.equal(keyResultProgress(500, 900, 700), 0.5);
    assert.equal(keyResultProgress(30, 10, 20), 0.5);
    assert.equal(keyResultProgress(500, 900, 1000), 1);
    assert.equal(keyResultProgress(500, 900, 400), 0);
    assert.equal(keyResultProgress(500, 900, null), null);
    assert.equal(keyResultProgress(5, 5, 5), 1);
  });

  test('objective: weighted mean (1 x 0.5 + 2 x 0.8) / 3 = 0.7, a key result without value left out', () => {
    const o = objectiveProgress(
      'win',
      {
        title: 'Win',
        quarter: '2026-Q1',
        key_results: [
          { title: 'Leads', start: 500, target: 900, metric: 'leads' },
          { title: 'NPS', start: 30, target: 40, current: 38, weight: 2 },
          { title: 'Vague', start: 0, target: 1 },
        ],
      },
      () => 700,
    );
    near(o.progress, 0.7);
    assert.deepEqual(
      o.keyResults.map((k) => k.source),
      ['metric', 'manual', 'none'],
    );
  });

  test('quarter ranges', () => {
    assert.deepEqual(quarterRange('2024-Q1'), { start: '2024-01-01', end: '2024-03-31' });
    assert.deepEqual(quarterRange('2025-Q4'), { start: '2025-10-01', end: '2025-12-31' });
  });
});

const okrCodes = (objectives: string) => {
  const p = project(LEAD_GOAL, `  leads: ${fullKpi('leads', 'leads_q1')}\nobjectives:\n${objectives}`);
  return runRules([ruleById('okr.measurable') as Rule], {
    project: p,
    today: '2026-02-15',
    facts: {},
  }).findings.map((f) => f.code);
};

describe('okr.measurable', () => {
  test('two measurable key results pass', () => {
    assert.deepEqual(
      okrCodes(
        `  o: { title: Win, quarter: 2026-Q1, key_results: [{ title: A, start: 1, target: 2, metric: leads }, { title: B, start: 0, target: 5, current: 1 }] }\n`,
      ),
      [],
    );
  });

  test('one key result, or six, is flagged', () => {
    assert.deepEqual(
      okrCodes(
        `  o: { title: Win, quarter: 2026-Q1, key_results: [{ title: A, start: 1, target: 2, metric: leads }] }\n`,
      ),
      ['okr.measurable.key_result_count'],
    );
    const six = Array.from({ length: 6 }, (_, i) => `{ title: K${i}, start: 0, target: 1, current: 0 }`).join(
      ', ',
    );
    assert.deepEqual(okrCodes(`  o: { title: Win, quarter: 2026-Q1, key_results: [${six}] }\n`), [
      'okr.measurable.key_result_count',
    ]);
  });

  test('an objective without any measurable key result is an error; one vague key result a warning', () => {
    const none = `  o: { title: Win, quarter: 2026-Q1, key_results: [{ title: A, start: 0, target: 1 }, { title: B, start: 3, target: 3, current: 3 }] }\n`;
    const p = project(LEAD_GOAL, `  leads: ${fullKpi('leads', 'leads_q1')}\nobjectives:\n${none}`);
    const f = runRules([ruleById('okr.measurable') as Rule], {
      project: p,
      today: '2026-02-15',
      facts: {},
    }).findings;
    assert.deepEqual(
      f.map((x) => [x.code, x.severity]),
      [['okr.measurable.none', 'error']],
    );
    assert.equal(f[0]?.position?.file, 'kpi.yaml');
    assert.deepEqual(
      okrCodes(
        `  o: { title: Win, quarter: 2026-Q1, key_results: [{ title: A, start: 0, target: 1, metric: leads }, { title: B, start: 0, target: 1 }] }\n`,
      ),
      ['okr.measurable.key_result'],
    );
  });
});

describe('retired KPIs', () => {
  test('leave the checks: a goal with 3 active KPIs and a retired vanity KPI passes focus and vanity', () => {
    const kpis = ['leads', 'clicks', 'customers'].map((m) => `  ${m}: ${fullKpi(m, 'leads_q1')}\n`).join('');
    const retired = `  follow: { metric: followers, goal: leads_q1, retired: { date: 2026-01-15, reason: vanity } }\n`;
    const p = project(LEAD_GOAL, kpis + retired);
    const rules = [ruleById('goal.focus') as Rule, ruleById('kpi.vanity') as Rule];
    const before = runRules(rules, { project: p, today: '2026-02-15', facts: {} }).findings.map(
      (f) => f.code,
    );
    assert.ok(before.includes('kpi.vanity.promoted'), before.join());
    const after = runRules(rules, { project: withoutRetired(p), today: '2026-02-15', facts: {} }).findings;
    assert.deepEqual(
      after.map((f) => f.code),
      [],
    );
  });
});
