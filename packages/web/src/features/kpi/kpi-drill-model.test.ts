// The drill-down's queries and tables: bodies sent to POST /api/query, a member's trend
// next to the total with its share (additive and ratio), and its breakdown by another
// dimension. Answers computed by hand.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeriesPoint } from '../../api/api-types';
import { breakdownOf, drillBodies, trendRows, whereOfFilter, type QueryAnswer } from './kpi-drill-model';

const point = (start: string, label: string, partial = false): SeriesPoint => ({
  start,
  end: start,
  label,
  value: null,
  target: null,
  partial,
});

test('a KPI filter becomes the where of the queries; the member narrows it', () => {
  assert.deepEqual(whereOfFilter({ channel: 'linkedin_ads', market: ['de', 'at'], n: 3, x: null }), {
    channel: ['linkedin_ads'],
    market: ['de', 'at'],
    n: ['3'],
  });
  assert.deepEqual(whereOfFilter(undefined), {});
  const b = drillBodies({
    metric: { metric: 'ctr', weight: 'paid_impressions' },
    grain: 'week',
    filter: { market: ['de'] },
    dimension: 'channel',
    member: 'meta_ads',
    others: ['campaign', 'market'],
  });
  assert.deepEqual(b.total, {
    metrics: ['ctr', 'paid_impressions'],
    grain: 'week',
    last: 12,
    where: { market: ['de'] },
  });
  assert.deepEqual(b.member.where, { market: ['de'], channel: ['meta_ads'] });
  assert.deepEqual(
    b.breakdowns.map((q) => [q.last, q.groupBy, q.where]),
    [
      [1, ['campaign'], { market: ['de'], channel: ['meta_ads'] }],
      [1, ['market'], { market: ['de'], channel: ['meta_ads'] }],
    ],
  );
  // No filter: the total has no where at all.
  const plain = drillBodies({
    metric: { metric: 'leads' },
    grain: 'month',
    filter: {},
    dimension: 'market',
    member: 'nl',
    others: [],
  });
  assert.deepEqual(
    [plain.total, plain.member.where, plain.breakdowns],
    [{ metrics: ['leads'], grain: 'month', last: 12 }, { market: ['nl'] }, []],
  );
});

const cols = [
  { name: 'period', role: 'period' },
  { name: 'leads', role: 'metric', unit: 'count' },
] as const;

test('trend, additive: member next to total, share = member / total', () => {
  const total: QueryAnswer = {
    columns: cols,
    rows: [
      { period: '2026-11-09', leads: 157 },
      { period: '2026-11-02', leads: 150 },
      { period: '2026-11-16', leads: 0 },
    ],
  };
  const member: QueryAnswer = {
    columns: cols,
    rows: [
      { period: '2026-11-02', leads: 60 },
      { period: '2026-11-09', leads: '63' },
    ],
  };
  const series = [point('2026-11-02', 'W45 2026'), point('2026-11-16', 'W47 2026', true)];
  assert.deepEqual(trendRows(total, member, { metric: 'leads' }, series), [
    // 60 / 150 = 0.4
    { start: '2026-11-02', label: 'W45 2026', partial: false, member: 60, total: 150, share: 0.4 },
    // not in the series: labelled by date; 63 / 157
    { start: '2026-11-09', label: '9 Nov 2026', partial: false, member: 63, total: 157, share: 63 / 157 },
    // the member has no row, the total is 0: nothing to divide
    { start: '2026-11-16', label: 'W47 2026', partial: true, member: null, total: 0, share: null },
  ]);
});

test('trend, ratio: share is the member’s weight in the denominator, not ratio / ratio', () => {
  const columns = [
    { name: 'period', role: 'period' },
    { name: 'ctr', role: 'metric', unit: 'percent' },
    { name: 'paid_impressions', role: 'metric', unit: 'count' },
  ] as const;
  const total: QueryAnswer = {
    columns,
    rows: [{ period: '2026-11-16T00:00:00.000Z', ctr: 0.015, paid_impressions: 40000 }],
  };
  const member: QueryAnswer = {
    columns,
    rows: [{ period: '2026-11-16', ctr: 0.012, paid_impressions: 10000 }],
  };
  const rows = trendRows(total, member, { metric: 'ctr', weight: 'paid_impressions' }, []);
  // 10,000 of 40,000 impressions = 0.25 (not 0.012 / 0.015 = 0.8)
  assert.deepEqual(
    rows.map((r) => [r.start, r.member, r.total, r.share]),
    [['2026-11-16', 0.012, 0.015, 0.25]],
  );
});

test('breakdown: latest period only, largest first, share of the member', () => {
  const columns = [
    { name: 'period', role: 'period' },
    { name: 'market', role: 'dimension' },
    { name: 'leads', role: 'metric', unit: 'count' },
  ] as const;
  const answer: QueryAnswer = {
    columns,
    rows: [
      { period: '2026-11-09', market: 'de', leads: 99 },
      { period: '2026-11-16', market: 'at', leads: 10 },
      { period: '2026-11-16', market: 'de', leads: 30 },
      { period: '2026-11-16', market: 'nl', leads: 10 },
      { period: '2026-11-16', market: null, leads: null },
    ],
  };
  // Whole = 10 + 30 + 10 = 50 (the null value adds nothing); ties (10) by name.
  assert.deepEqual(breakdownOf(answer, 'market', { metric: 'leads' }), {
    dimension: 'market',
    start: '2026-11-16',
    rows: [
      { member: 'de', value: 30, share: 0.6 },
      { member: 'at', value: 10, share: 0.2 },
      { member: 'nl', value: 10, share: 0.2 },
      { member: '(none)', value: null, share: null },
    ],
  });
  assert.deepEqual(breakdownOf({ columns, rows: [] }, 'market', { metric: 'leads' }), {
    dimension: 'market',
    start: '',
    rows: [],
  });
});

test('breakdown, ratio: sorted by the ratio, share of the denominator', () => {
  const answer: QueryAnswer = {
    columns: [
      { name: 'period', role: 'period' },
      { name: 'campaign', role: 'dimension' },
      { name: 'ctr', role: 'metric' },
      { name: 'imp', role: 'metric' },
    ],
    rows: [
      { period: '2026-11-16', campaign: 'a', ctr: 0.01, imp: 3000 },
      { period: '2026-11-16', campaign: 'b', ctr: 0.02, imp: 1000 },
    ],
  };
  // 1,000 / 4,000 = 0.25 and 3,000 / 4,000 = 0.75; b has the higher ctr so comes first.
  assert.deepEqual(breakdownOf(answer, 'campaign', { metric: 'ctr', weight: 'imp' }).rows, [
    { member: 'b', value: 0.02, share: 0.25 },
    { member: 'a', value: 0.01, share: 0.75 },
  ]);
});
