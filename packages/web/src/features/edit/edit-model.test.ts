// The edit forms' requests: a new KPI or goal in the API's shape, patches with only the
// changed fields, the reason rule, and the server's issues placed on the fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GoalDef, KpiDef } from '../../api/api-types';
import { ApiError } from '../../api/api-client';
import { fieldMessage, issuesOfError, placeIssues } from './edit-issues';
import { goalFormOf, goalPatchBody, newGoalBody } from './goal-form-model';
import { KPI_FIELDS, kpiFormOf, kpiPatchBody, kpiRequired, needsReason, newKpiBody } from './kpi-form-model';

const cpl: KpiDef = {
  name: 'cost_per_lead',
  metric: 'cost_per_lead',
  goal: 'qualified_leads',
  target: { kind: 'stay_below', value: 88, tolerance: 0.05 },
  baseline: { from: '2026-07-01', to: '2026-09-30' },
  owner: 'Priya Nair',
  cadence: 'weekly',
  indicator: 'lagging',
  counter_metric: { metric: 'conversion_rate', tolerance: 0.1 },
};

test('an untouched KPI form patches nothing', () => {
  const f = kpiFormOf(cpl);
  assert.deepEqual(kpiPatchBody(f, f, cpl), {});
});

test('a target value change sends only that field of the target, and needs a reason', () => {
  const before = kpiFormOf(cpl);
  const after = { ...before, targetValue: '85', reason: '' };
  const patch = kpiPatchBody(before, after, cpl);
  assert.deepEqual(patch, { target: { value: 85 } });
  assert.ok(needsReason(patch));
  assert.match(kpiRequired(after, false, true)['reason'] ?? '', /kept in the history/);
  assert.deepEqual(kpiPatchBody(before, { ...after, reason: ' budget cut ' }, cpl), {
    target: { value: 85 },
    reason: 'budget cut',
  });
});

test('an owner change needs no reason; emptied optional fields are removed with null', () => {
  const before = kpiFormOf(cpl);
  const patch = kpiPatchBody(before, { ...before, owner: 'Tom Becker', cadence: '', indicator: '' }, cpl);
  assert.deepEqual(patch, { owner: 'Tom Becker', cadence: null, indicator: null });
  assert.ok(!needsReason(patch));
});

test('baseline: replaced whole, or removed; the counter-metric keeps its tolerance', () => {
  const before = kpiFormOf(cpl);
  assert.deepEqual(kpiPatchBody(before, { ...before, baselineMode: 'value', baselineValue: '90' }, cpl), {
    baseline: { value: 90 },
  });
  assert.deepEqual(kpiPatchBody(before, { ...before, baselineMode: 'none' }, cpl), { baseline: null });
  assert.deepEqual(kpiPatchBody(before, { ...before, counterMetric: 'roas' }, cpl), {
    counter_metric: { metric: 'roas', tolerance: 0.1 },
  });
  assert.deepEqual(kpiPatchBody(before, { ...before, counterMetric: '' }, cpl), { counter_metric: null });
});

test('no target -> a target is sent whole; a target removed is null', () => {
  const bare: KpiDef = { name: 'k', metric: 'm', goal: 'g' };
  const before = kpiFormOf(bare);
  assert.deepEqual(kpiPatchBody(before, { ...before, targetKind: 'reach', targetValue: '10' }, bare), {
    target: { kind: 'reach', value: 10 },
  });
  const f = kpiFormOf(cpl);
  assert.deepEqual(kpiPatchBody(f, { ...f, targetKind: '' }, cpl), { target: null });
});

test('a new KPI carries only filled fields; a number that does not parse is sent as typed', () => {
  const f = {
    ...kpiFormOf(undefined, 'qualified_leads'),
    name: ' meta_leads ',
    metric: 'leads',
    targetKind: 'cumulative',
    targetValue: '1,200',
    tolerance: '-0.1',
  };
  assert.deepEqual(newKpiBody(f), {
    name: 'meta_leads',
    metric: 'leads',
    goal: 'qualified_leads',
    target: { kind: 'cumulative', value: '1,200', tolerance: -0.1 },
  });
  assert.deepEqual(Object.keys(kpiRequired({ ...f, targetValue: ' ' }, true, false)), ['target.value']);
});

test('an emptied tolerance is removed (null) and, being part of the target, needs a reason', () => {
  const before = kpiFormOf(cpl);
  const after = { ...before, tolerance: '' };
  const patch = kpiPatchBody(before, after, cpl);
  assert.deepEqual(patch, { target: { tolerance: null } });
  assert.ok(needsReason(patch));
  assert.deepEqual(kpiRequired(after, false, false), {});
});

test('goals: new goal shape and a patch of the changed period day only', () => {
  const g: GoalDef = {
    name: 'q',
    title: 'Q',
    owner: 'Jonas',
    period: { start: '2026-10-01', end: '2026-12-31' },
    kpis: [],
  };
  const before = goalFormOf(g);
  assert.deepEqual(goalPatchBody(before, { ...before, end: '2026-12-15', owner: '' }), {
    owner: null,
    period: { end: '2026-12-15' },
  });
  assert.deepEqual(
    newGoalBody({ ...goalFormOf(undefined), name: 'n', title: 'T', start: '2026-01-01', end: '2026-03-31' }),
    {
      name: 'n',
      title: 'T',
      period: { start: '2026-01-01', end: '2026-03-31' },
    },
  );
});

test('issues land on the field their path names (body or project paths), the rest at the top', () => {
  const issues = [
    {
      code: 'a',
      severity: 'error',
      message: 'body.target.tolerance: Too small',
      path: ['body', 'target', 'tolerance'],
    },
    { code: 'b', severity: 'error', message: 'unknown metric', path: ['kpis', 'k', 'metric'] },
    { code: 'c', severity: 'error', message: 'invalid baseline', path: ['body', 'baseline'] },
    { code: 'd', severity: 'error', message: 'query: bad', path: ['query'] },
    { code: 'e', severity: 'error', message: 'deep', path: ['body', 'counter_metric', 'metric'] },
  ] as const;
  const placed = placeIssues(issues, KPI_FIELDS, 'kpis', 'k');
  assert.deepEqual(placed.byField, {
    'target.tolerance': ['Too small'],
    metric: ['unknown metric'],
    baseline: ['invalid baseline'],
    counter_metric: ['deep'],
  });
  assert.deepEqual(
    placed.unplaced.map((i) => i.code),
    ['d'],
  );
  assert.equal(
    fieldMessage({ code: 'x', severity: 'error', message: 'no prefix', path: ['body', 'x'] }),
    'no prefix',
  );
});

test('a refusal without issues that names one field lands on it (name taken, reason missing)', () => {
  const taken = new ApiError(409, { code: 'kpis.exists', message: 'kpis "k" already exists' });
  assert.deepEqual(issuesOfError(taken, KPI_FIELDS, 'kpis', 'k').byField, {
    name: ['kpis "k" already exists'],
  });
  const reason = new ApiError(422, {
    code: 'edit.reason_required',
    message: 'changing target.value of KPI k needs a reason; nothing was written',
    details: {
      issues: [
        {
          code: 'edit.reason_required',
          severity: 'error',
          message: 'a reason is required to change target.value',
          path: ['reason'],
        },
      ],
    },
  });
  assert.deepEqual(issuesOfError(reason, KPI_FIELDS, 'kpis', 'k').byField, {
    reason: ['a reason is required to change target.value'],
  });
});
