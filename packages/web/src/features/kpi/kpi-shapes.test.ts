// Reading the API's shapes for the KPI page (old and new), and the page's words for
// targets, baselines and changes. Answers written by hand.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changesOf, counterMetricOf, findingsOf, isTargetChange, readingOf, reviewsOf } from './kpi-shapes';
import { baselineInWords, fmtChange, recordedTargetInWords, targetInWords } from './kpi-text';

test('a reading comes bare or inside an explanation', () => {
  const r = { kind: 'kpi_reading', kpi: 'x' };
  assert.equal(readingOf(r)?.kpi, 'x');
  assert.equal(readingOf({ kind: 'kpi_explanation', reading: r })?.kpi, 'x');
  assert.equal(readingOf({ kind: 'other' }), undefined);
  assert.equal(readingOf(null), undefined);
});

test('history: change rows get their changed fields; reviews are left out; newest first', () => {
  const rows = [
    {
      id: 1,
      at: '2026-11-01T10:00:00Z',
      actor: 'a@x',
      action: 'update',
      before: { owner: 'A', target: { kind: 'stay_above', value: 0.013 } },
      after: { owner: 'A', target: { kind: 'stay_above', value: 0.02 } },
      reason: null,
    },
    { kind: 'review', at: '2026-11-03T00:00:00Z', who: 'b', decision: 'keep', note: 'n' },
    {
      kind: 'change',
      at: '2026-11-02T10:00:00Z',
      who: 'b@x',
      action: 'update',
      fields: ['owner'],
      before: { owner: 'A' },
      after: { owner: 'B' },
      reason: 'moved teams',
    },
  ];
  const got = changesOf(rows);
  assert.deepEqual(
    got.map((c) => [c.who, c.fields, c.reason, isTargetChange(c)]),
    [
      ['b@x', ['owner'], 'moved teams', false],
      ['a@x', ['target'], null, true],
    ],
  );
  assert.deepEqual(changesOf({ not: 'a list' }), []);
});

test('reviews take who, reviewer or author, newest first', () => {
  const got = reviewsOf([
    { id: 1, at: '2026-01-01T00:00:00Z', author: 'a@x', decision: 'keep', note: 'fine' },
    { id: 2, at: '2026-02-01T00:00:00Z', reviewer: 'b@x', decision: 'adjust', note: 'lower it' },
  ]);
  assert.deepEqual(
    got.map((r) => [r.key, r.who, r.decision]),
    [
      ['2', 'b@x', 'adjust'],
      ['1', 'a@x', 'keep'],
    ],
  );
});

test('findings: the new shape filtered by kpi, errors first; the old shape by path, with its note', () => {
  const body = {
    today: '2026-11-21',
    withData: true,
    counts: { error: 1, warning: 1, info: 0 },
    findings: [
      { rule: 'r', code: 'a', severity: 'warning', message: 'w', kpi: 'k' },
      { rule: 'r', code: 'b', severity: 'error', message: 'other kpi', kpi: 'j' },
      { rule: 'r', code: 'c', severity: 'error', message: 'e', kpi: 'k' },
    ],
  };
  assert.deepEqual(
    findingsOf(body, 'k').findings.map((f) => f.message),
    ['e', 'w'],
  );
  const old = {
    issues: [
      { code: 'x', severity: 'warning', message: 'mine', path: ['kpis', 'k', 'target'] },
      { code: 'y', severity: 'warning', message: 'not mine', path: ['kpis', 'j'] },
    ],
    note: 'rules land later',
  };
  const got = findingsOf(old, 'k');
  assert.deepEqual([got.findings.map((f) => f.message), got.note], [['mine'], 'rules land later']);
});

test('counter-metric: a name or {metric, tolerance}', () => {
  assert.deepEqual(counterMetricOf({ name: 'k', metric: 'm', counter_metric: 'refunds' }), {
    metric: 'refunds',
  });
  const obj = {
    name: 'k',
    metric: 'm',
    counter_metric: { metric: 'conversion_rate', tolerance: 0.1 },
  } as never;
  assert.deepEqual(counterMetricOf(obj), { metric: 'conversion_rate', tolerance: 0.1 });
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
  assert.equal(fmtChange(-0.00001, { unit: 'percent' }), '0 pp');
  assert.equal(fmtChange(0.0006, { unit: 'percent' }), '+0.06 pp');
  assert.equal(fmtChange(-4, count), '−4');
});
