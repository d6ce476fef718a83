// openFindings on the findings of GET /api/checks, and the visit comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Scorecard } from '../../api/api-types';
import { openFindings } from './findings-model';
import { statusChanges, statusSnapshot } from './last-visit-store';

test('open findings: errors then warnings, info left out, the order kept within a severity', () => {
  const f = (code: string, severity: Finding['severity']): Finding => ({
    rule: code.split('.')[0] ?? code,
    code,
    severity,
    message: code,
  });
  const findings = [
    f('a.w1', 'warning'),
    f('b.i', 'info'),
    f('c.e1', 'error'),
    f('d.w2', 'warning'),
    f('e.e2', 'error'),
  ];
  assert.deepEqual(
    openFindings(findings).map((x) => x.code),
    ['c.e1', 'e.e2', 'a.w1', 'd.w2'],
  );
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
