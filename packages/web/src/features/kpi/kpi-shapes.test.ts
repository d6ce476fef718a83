// A history row's changed fields, the counter-metric in one form, and the page's words for
// targets, baselines and changes. Answers written by hand.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChangeRow } from '../../api/api-types';
import { changeOf, counterMetricOf, isTargetChange } from './kpi-shapes';
import { targetInWords } from '../../ui/target-words';
import { baselineInWords, fmtChange, recordedTargetInWords } from './kpi-text';

const row = (over: Partial<ChangeRow>): ChangeRow => ({
  id: 1,
  at: '2026-11-01T10:00:00Z',
  actor: 'a@x',
  entity: 'kpi',
  name: 'ad_ctr',
  action: 'update',
  before: null,
  after: null,
  reason: null,
  file: 'definitions/goals.yaml',
  ...over,
});

test('history: a change row gets the top-level fields it changed', () => {
  const target = changeOf(
    row({
      before: { owner: 'A', target: { kind: 'stay_above', value: 0.013 } },
      after: { owner: 'A', target: { kind: 'stay_above', value: 0.02 } },
      reason: 'raise the floor',
    }),
  );
  assert.deepEqual(
    [target.fields, target.reason, isTargetChange(target)],
    [['target'], 'raise the floor', true],
  );
  const owner = changeOf(row({ before: { owner: 'A', cadence: 'weekly' }, after: { owner: 'B' } }));
  assert.deepEqual([owner.fields, isTargetChange(owner)], [['owner', 'cadence'], false]);
  // A create has no before: every field of after is new.
  const created = changeOf(row({ action: 'create', after: { metric: 'ctr', baseline: { value: 1 } } }));
  assert.deepEqual(
    [created.before, created.fields, isTargetChange(created)],
    [{}, ['metric', 'baseline'], true],
  );
});

test('counter-metric: a name or {metric, tolerance}', () => {
  assert.deepEqual(counterMetricOf({ name: 'k', metric: 'm', counter_metric: 'refunds' }), {
    metric: 'refunds',
  });
  const def = { name: 'k', metric: 'm', counter_metric: { metric: 'conversion_rate', tolerance: 0.1 } };
  assert.deepEqual(counterMetricOf(def), { metric: 'conversion_rate', tolerance: 0.1 });
  assert.equal(counterMetricOf({ name: 'k', metric: 'm' }), undefined);
  assert.equal(counterMetricOf(undefined), undefined);
});

test('targets, baselines and changes in words', () => {
  const count = { unit: 'count' } as const;
  assert.equal(
    targetInWords({ kind: 'cumulative', value: 2050, deadline: '2026-12-31' }, count),
    'reach 2,050 in total by 31 Dec 2026',
  );
  assert.equal(
    targetInWords({ kind: 'reach', value: 97000, deadline: '2026-12-31' }, count),
    'reach 97,000 by 31 Dec 2026',
  );
  assert.equal(
    targetInWords({ kind: 'stay_above', value: 0.013, deadline: '2026-12-31' }, { unit: 'percent' }),
    'stay above 1.30%',
  );
  assert.equal(
    targetInWords({ kind: 'stay_below', value: 88 }, { unit: 'currency', currency: 'EUR' }),
    'stay below €88.00',
  );
  assert.equal(
    recordedTargetInWords({ kind: 'stay_below', value: 88, tolerance: 0.05 }, count),
    'stay below 88 (±5.00% tolerance)',
  );
  assert.equal(recordedTargetInWords(undefined, count), 'none');
  assert.equal(
    baselineInWords({ from: '2026-07-01', to: '2026-09-30' }, count),
    'measured 1 Jul 2026 – 30 Sep 2026',
  );
  assert.equal(baselineInWords({ value: 1200 }, count), '1,200');
  // A change of −0.001 pp is shown, not rounded away to "0 pp".
  assert.equal(fmtChange(-0.00001, { unit: 'percent' }), '−0.001 pp');
  assert.equal(fmtChange(0.0006, { unit: 'percent' }), '+0.06 pp');
  assert.equal(fmtChange(-4, count), '−4');
});
