// toFindings / openFindings on both shapes of GET /api/checks, and the visit comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Scorecard } from '../../api/api-types';
import { openFindings, toFindings } from './findings-model';
import { statusChanges, statusSnapshot } from './last-visit-store';

test('the old {issues, note} answer becomes findings with counts', () => {
  const f = toFindings({
    issues: [
      { code: 'a.b', severity: 'warning', message: 'w' },
      { code: 'c.d', severity: 'error', message: 'e', position: { file: 'goals.yaml', line: 3 } },
      { code: 'e.f', severity: 'info', message: 'i' },
    ],
    note: 'n',
  });
  assert.deepEqual(f.counts, { error: 1, warning: 1, info: 1 });
  assert.equal(f.note, 'n');
  assert.deepEqual(
    openFindings(f.findings).map((x) => [x.rule, x.severity]),
    [
      ['c.d', 'error'],
      ['a.b', 'warning'],
    ],
  );
});

test('the new report is used as is', () => {
  const report = {
    today: '2026-11-21',
    withData: true,
    counts: { error: 0, warning: 2, info: 0 },
    findings: [
      { rule: 'smart', code: 'kpi.smart.no_deadline', severity: 'warning' as const, message: 'm', kpi: 'x' },
    ],
  };
  assert.equal(toFindings(report), report);
});

const sc = (statuses: Record<string, string>): Scorecard =>
  ({
    kind: 'scorecard',
    project: 'p',
    asOf: '2026-11-21',
    supporting: [],
    goals: [
      {
        goal: 'g',
        title: 'G',
        statusCounts: {},
        kpis: Object.entries(statuses).map(([kpi, status]) => ({ kpi, label: kpi.toUpperCase(), status })),
      },
    ],
  }) as unknown as Scorecard;

test('status changes: changed KPIs only, new KPIs are not changes', () => {
  const before = {
    at: '2026-11-20T10:00:00Z',
    statuses: statusSnapshot(sc({ a: 'on_track', b: 'at_risk' })),
  };
  const now = sc({ a: 'off_track', b: 'at_risk', c: 'on_track' });
  assert.deepEqual(statusChanges(before, now), [
    { kpi: 'a', label: 'A', goal: 'g', goalTitle: 'G', from: 'on_track', to: 'off_track' },
  ]);
});
