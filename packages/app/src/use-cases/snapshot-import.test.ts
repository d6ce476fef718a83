// Datasets without time, on a real DuckDB project: a lifetime (per-ad) export imported on
// two dates becomes a two-point series with a comparison; re-importing on the same date
// replaces that snapshot; a dataset without a key replaces the dates its file covers.
// Every expected number below is computed by hand from the files written here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  evaluateScorecard,
  fixedClock,
  importDataset,
  openProject,
  queryMetrics,
  type KpiReading,
} from '@kpi/app';

let dir = '';
const YAML = `version: 1
project:
  name: Lifetime
  timezone: Europe/Berlin
  currency: EUR
datasets:
  ad_lifetime:
    description: Meta Ads Manager per-ad export, lifetime totals (no date column).
    dimensions: [ad]
    columns:
      ad: { type: string, source: "Ad name" }
      spend: { type: number, source: "Amount spent (EUR)" }
  daily:
    time: day
    columns:
      day: { type: date }
      clicks: { type: integer }
metrics:
  lifetime_spend:
    kind: snapshot
    dataset: ad_lifetime
    column: spend
    unit: currency
  clicks: { kind: simple, dataset: daily, agg: sum, column: clicks }
goals:
  launch:
    title: Launch
    period: { start: 2026-11-01, end: 2026-12-31 }
kpis:
  lifetime_spend:
    metric: lifetime_spend
    goal: launch
    cadence: weekly
    min_elapsed: 0
`;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-snapshot-'));
  writeFileSync(join(dir, 'kpi.yaml'), YAML);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const at = (iso: string) => openProject(dir, { clock: fixedClock(iso) });
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

test('a lifetime export imported on two dates: a two-point series with a comparison', async () => {
  const first = file('week1.csv', 'Ad name,Amount spent (EUR)\nSpring A,100.50\nSpring B,40\n');
  // 23:30 UTC on Sunday the 22nd is already Monday the 23rd in Berlin: the stamp is the project's day.
  const s1 = await importDataset(at('2026-11-22T23:30:00Z'), 'ad_lifetime', first);
  assert.deepEqual([s1.snapshotDate, s1.inserted, s1.replaced], ['2026-11-23', 2, 0]);
  const second = file('week2.csv', 'Ad name,Amount spent (EUR)\nSpring A,180.25\nSpring B,70\nSpring C,10\n');
  const s2 = await importDataset(at('2026-11-30T09:00:00Z'), 'ad_lifetime', second);
  assert.deepEqual([s2.snapshotDate, s2.inserted, s2.replaced], ['2026-11-30', 3, 0]);

  const lp = at('2026-12-07T09:00:00Z');
  const q = await queryMetrics(lp, {
    metrics: ['lifetime_spend'],
    grain: 'day',
    from: '2026-11-01',
    to: '2026-12-06',
  });
  assert.deepEqual(
    q.rows.map((r) => [String(r['period']).slice(0, 10), r['lifetime_spend']]),
    [
      ['2026-11-23', 140.5], // 100.50 + 40
      ['2026-11-30', 260.25], // 180.25 + 70 + 10
    ],
  );
  const card = await evaluateScorecard(lp, { asOf: '2026-12-06', withoutForecast: true });
  const k = card.goals[0]?.kpis[0] as KpiReading;
  assert.equal(k.value, 260.25);
  const prev = k.comparisons.find((c) => c.kind === 'previous_period');
  assert.deepEqual(prev?.range, { start: '2026-11-23', end: '2026-11-29' });
  assert.equal(prev?.value, 140.5);
  assert.ok(Math.abs((prev?.change ?? 0) - 119.75) < 1e-9);
  const points = k.series.filter((p) => p.value !== null).map((p) => p.value);
  assert.deepEqual(points, [140.5, 260.25]);
});

test('re-importing on the same date replaces that snapshot (no copies), the other stays', async () => {
  const fixed = file('week2-fixed.csv', 'Ad name,Amount spent (EUR)\nSpring A,181.25\nSpring B,70\n');
  const s = await importDataset(at('2026-12-07T09:00:00Z'), 'ad_lifetime', fixed, {
    snapshotDate: '2026-11-30',
  });
  assert.deepEqual([s.snapshotDate, s.inserted, s.replaced], ['2026-11-30', 2, 3]);
  const q = await queryMetrics(at('2026-12-07T09:00:00Z'), {
    metrics: ['lifetime_spend'],
    grain: 'day',
    from: '2026-11-01',
    to: '2026-12-06',
  });
  assert.deepEqual(
    q.rows.map((r) => r['lifetime_spend']),
    [140.5, 251.25], // 181.25 + 70
  );
});

test('a dataset with a time column and no key: an import replaces the dates its file covers', async () => {
  const lp = at('2026-12-07T09:00:00Z');
  await importDataset(lp, 'daily', file('d1.csv', 'day,clicks\n2026-11-01,1\n2026-11-02,2\n2026-11-03,4\n'));
  const s = await importDataset(
    lp,
    'daily',
    file('d2.csv', 'day,clicks\n2026-11-02,20\n2026-11-02,5\n2026-11-04,40\n'),
  );
  // Nov 2 to Nov 4 replaced: Nov 2 (2) and Nov 3 (4) go, Nov 1 stays; two Nov 2 rows are fine without a key.
  assert.deepEqual([s.inserted, s.replaced, s.snapshotDate], [3, 2, undefined]);
  const q = await queryMetrics(lp, {
    metrics: ['clicks'],
    grain: 'day',
    from: '2026-11-01',
    to: '2026-11-30',
  });
  assert.deepEqual(
    q.rows.map((r) => [String(r['period']).slice(0, 10), r['clicks']]),
    [
      ['2026-11-01', 1],
      ['2026-11-02', 25],
      ['2026-11-04', 40],
    ],
  );
});
