// `time: none` (static reference data) on a real DuckDB project and the real `kpi`
// process: an import replaces the dataset (or updates it by key), never keeps a snapshot;
// a KPI over it reads the current rows whatever the as-of day, with no comparison and no
// forecast, and status, explain and --json say why. Expected numbers are by hand.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDb } from '@kpi/engines';
import { evaluateScorecard, fixedClock, importDataset, openProject, type KpiReading } from '@kpi/app';

const BIN = new URL('../bin/kpi.js', import.meta.url).pathname;
const run = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COLUMNS: '140' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const YAML = `version: 1
project:
  name: Reference
  timezone: UTC
datasets:
  stores:
    time: none
    description: Store list per region (no dates; replaced on each import).
    dimensions: [region]
    columns:
      region: { type: string }
      stores: { type: integer }
  prices:
    time: none
    key: [sku]
    columns:
      sku: { type: string }
      price: { type: number }
metrics:
  store_count: { kind: simple, dataset: stores, agg: sum, column: stores, label: Stores open }
  price_total: { kind: simple, dataset: prices, agg: sum, column: price, unit: currency, currency: EUR }
goals:
  grow:
    title: Open stores
    period: { start: 2026-10-01, end: 2026-12-31 }
kpis:
  store_count:
    metric: store_count
    goal: grow
    cadence: monthly
    target: { kind: reach, value: 30, deadline: 2026-12-31 }
`;

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-static-'));
  writeFileSync(join(dir, 'kpi.yaml'), YAML);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const at = (iso: string) => openProject(dir, { clock: fixedClock(iso) });
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const rows = async (sql: string): Promise<Record<string, unknown>[]> => {
  const engine = await openDuckDb(join(dir, '.kpi', 'kpi.duckdb'));
  try {
    return [...(await engine.query(sql)).rows];
  } finally {
    await engine.close();
  }
};

test('each import of a static dataset without a key replaces it: no snapshot is kept', async () => {
  const s1 = await importDataset(
    at('2026-10-05T08:00:00Z'),
    'stores',
    file('s1.csv', 'region,stores\nnorth,10\nsouth,5\n'),
  );
  assert.deepEqual([s1.inserted, s1.replaced, s1.static, s1.snapshotDate], [2, 0, true, undefined]);
  const s2 = await importDataset(
    at('2026-11-20T08:00:00Z'),
    'stores',
    file('s2.csv', 'region,stores\nnorth,12\nsouth,6\nwest,3\n'),
  );
  assert.deepEqual([s2.inserted, s2.replaced], [3, 2]);
  // Only the second file is stored: 12 + 6 + 3.
  const stored = await rows('SELECT region, stores FROM stores ORDER BY region');
  assert.deepEqual(
    stored.map((r) => [r['region'], Number(r['stores'])]),
    [
      ['north', 12],
      ['south', 6],
      ['west', 3],
    ],
  );
});

test('a static dataset with a key is updated by key', async () => {
  const lp = at('2026-11-20T08:00:00Z');
  const p1 = await importDataset(lp, 'prices', file('p1.csv', 'sku,price\na,10\nb,20\n'));
  assert.deepEqual([p1.inserted, p1.updated], [2, 0]);
  const p2 = await importDataset(lp, 'prices', file('p2.csv', 'sku,price\nb,25\nc,5\n'));
  assert.deepEqual([p2.inserted, p2.updated, p2.replaced], [1, 1, undefined]);
  const [total] = await rows('SELECT sum(price) AS t FROM prices');
  assert.equal(Number(total?.['t']), 40); // a 10 + b 25 + c 5
});

test('a KPI over static data: the current value, no comparison, no forecast, and the reason', async () => {
  // As of 2 Dec, before the month of the last import, and long after it: always 21 stores.
  for (const asOf of ['2026-12-02', '2026-10-15']) {
    const card = await evaluateScorecard(at('2026-12-03T08:00:00Z'), { asOf });
    const k = card.goals[0]?.kpis[0] as KpiReading;
    assert.equal(k.value, 21, asOf);
    assert.deepEqual(k.comparisons, []);
    assert.equal(k.forecast, undefined);
    assert.deepEqual(k.cause.drivers, []);
    assert.match(k.staticNote ?? '', /reference data with no history \(dataset stores: time: none\)/);
    assert.equal(k.forecastNote, k.staticNote);
    // 21 of the way from no baseline to 30: the target still reads.
    assert.equal(k.target?.actual, 21);
  }
});

test('kpi status and explain say in plain words why there is no comparison', () => {
  const status = run(['status', '--as-of', '2026-12-02'], dir);
  assert.equal(status.code, 0, status.err);
  assert.match(status.out, /Stores open/);
  assert.match(status.out, /reference data \(time: none\): no comparison, no forecast/);
  assert.doesNotMatch(status.out, /vs last month/);
  const json = run(['status', '--as-of', '2026-12-02', '--json'], dir);
  const card = JSON.parse(json.out) as { goals: { kpis: KpiReading[] }[] };
  assert.equal(card.goals[0]?.kpis[0]?.staticNote?.includes('time: none'), true);
  const explain = run(['explain', 'store_count', '--as-of', '2026-12-02'], dir);
  assert.equal(explain.code, 0, explain.err);
  assert.match(explain.out, /no comparison: reference data with no history/);
});

test('a static dataset may not declare its own snapshot_date column', () => {
  const bad = mkdtempSync(join(tmpdir(), 'kpi-static-bad-'));
  try {
    writeFileSync(
      join(bad, 'kpi.yaml'),
      'version: 1\nproject: { name: x }\ndatasets:\n  d:\n    time: none\n    columns:\n      snapshot_date: { type: date }\n',
    );
    const r = run(['validate'], bad);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out + r.err, /dataset\.snapshot\.column_taken/);
    assert.match(r.out + r.err, /kpi\.yaml:7/);
  } finally {
    rmSync(bad, { recursive: true, force: true });
  }
});
