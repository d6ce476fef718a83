// Benchmark sets (benchmarks/*.yaml) through the real `kpi` process on a real DuckDB
// project: `kpi benchmark` lists them, status, explain and --json place the KPI's value
// (computed by hand from the file below) among each set's quartiles, and bad set files are
// refused with the file and line of the field at fault.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KpiReading } from '@kpi/app';

const BIN = new URL('../bin/kpi.js', import.meta.url).pathname;
const run = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COLUMNS: '160' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const YAML = `version: 1
project:
  name: Bench
  timezone: UTC
datasets:
  posts:
    time: day
    dimensions: [platform]
    columns:
      day: { type: date }
      platform: { type: string }
      engagements: { type: integer }
      reach: { type: integer }
metrics:
  engagements: { kind: simple, dataset: posts, agg: sum, column: engagements }
  reach: { kind: simple, dataset: posts, agg: sum, column: reach }
  er: { kind: ratio, numerator: engagements, denominator: reach, unit: percent, label: Engagement rate }
goals:
  social:
    title: Social
    period: { start: 2026-10-01, end: 2026-12-31 }
kpis:
  er_instagram:
    metric: er
    goal: social
    filter: { platform: instagram }
    cadence: monthly
`;
const RETAIL = `label: retail brands
source: Example Social Survey
date: 2026-03-01
example: true
benchmarks:
  - metric: er
    platform: Instagram
    filter: { platform: instagram }
    period: month
    p25: 0.01
    p50: 0.02
    p75: 0.03
`;
const RIVALS = `label: our three rivals
kind: competitors
source: our own count of their public posts
date: 2026-11-15
benchmarks:
  - metric: er
    filter: { platform: instagram }
    period: month
    p25: 0.03
    p50: 0.04
    p75: 0.05
`;

let root = '';
let dir = '';
before(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-bench-'));
  dir = join(root, 'p');
  mkdirSync(join(dir, 'benchmarks'), { recursive: true });
  writeFileSync(join(dir, 'kpi.yaml'), YAML);
  writeFileSync(join(dir, 'benchmarks', 'retail-instagram.yaml'), RETAIL);
  writeFileSync(join(dir, 'benchmarks', 'rivals.yaml'), RIVALS);
  writeFileSync(
    join(dir, 'posts.csv'),
    'day,platform,engagements,reach\n2026-11-03,instagram,30,1000\n2026-11-10,instagram,20,500\n2026-11-12,tiktok,100,100\n2026-10-05,instagram,5,1000\n',
  );
  const r = run(['import', 'posts', 'posts.csv'], dir);
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(root, { recursive: true, force: true }));

// November on Instagram: (30 + 20) / (1000 + 500) = 1/30 = 3.33%.
const ER = 50 / 1500;

test('kpi benchmark lists the sets with source, date and quartiles (text and --json)', () => {
  const r = run(['benchmark'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /retail brands \(example figures, not real data\)/);
  assert.match(r.out, /source Example Social Survey · 2026-03-01/);
  assert.match(r.out, /Engagement rate on Instagram, per month: p25 1\.00% · median 2\.00% · p75 3\.00%/);
  assert.match(r.out, /our three rivals/);
  const json = JSON.parse(run(['benchmark', '--json'], dir).out) as { name: string; kind: string }[];
  assert.deepEqual(
    json.map((s) => [s.name, s.kind]),
    [
      ['retail_instagram', 'industry'],
      ['rivals', 'competitors'],
    ],
  );
});

test('the KPI reading places its value in each set (status, --json, explain)', () => {
  const json = run(['status', '--as-of', '2026-11-30', '--json'], dir);
  assert.equal(json.code, 0, json.err);
  const card = JSON.parse(json.out) as { goals: { kpis: KpiReading[] }[] };
  const k = card.goals[0]?.kpis[0] as KpiReading;
  assert.ok(Math.abs((k.current.value ?? 0) - ER) < 1e-12);
  const [rivals, retail] = [
    k.benchmarks?.find((b) => b.set === 'rivals'),
    k.benchmarks?.find((b) => b.set === 'retail_instagram'),
  ];
  assert.equal(retail?.band, 'above_p75'); // 3.33% > 3%
  assert.equal(retail?.percentile, null);
  assert.equal(rivals?.band, 'p25_p50'); // 3% < 3.33% < 4%
  // 25 + 25 * (1/30 - 0.03) / (0.04 - 0.03) = 25 + 25/3 = 33.33...
  assert.ok(Math.abs((rivals?.percentile ?? 0) - (25 + 25 / 3)) < 1e-9);
  assert.equal(rivals?.sense, 'worse');
  const status = run(['status', '--as-of', '2026-11-30'], dir);
  // The card wraps the sentence; read it as one line.
  assert.match(
    status.out.replace(/\s+/g, ' '),
    /benchmark: above the p75 of retail brands on Instagram \(example figures, not real data; source Example Social Survey, 2026\)/,
  );
  const explain = run(['explain', 'er_instagram', '--as-of', '2026-11-30'], dir);
  assert.equal(explain.code, 0, explain.err);
  assert.match(explain.out, /3\.33% is between the p25 and the median of our three rivals/);
  assert.match(explain.out, /percentile about 33/);
});

const badProject = (name: string, text: string) => {
  const bad = join(root, `bad-${name}`);
  cpSync(join(dir, 'kpi.yaml'), join(bad, 'kpi.yaml'), { recursive: true });
  mkdirSync(join(bad, 'benchmarks'), { recursive: true });
  writeFileSync(join(bad, 'benchmarks', `${name}.yaml`), text);
  return run(['validate'], bad);
};

test('bad benchmark files are refused with file:line and a hint', () => {
  const unknown = badProject('unknown', RETAIL.replace('metric: er', 'metric: engagement_rate'));
  assert.equal(unknown.code, 1, unknown.out + unknown.err);
  const all = unknown.out + unknown.err;
  assert.match(all, /benchmarks\/unknown\.yaml:6/);
  assert.match(all, /metric "engagement_rate", which the project does not define/);
  assert.match(all, /use one of: engagements, er, reach/);

  const order = badProject('order', RETAIL.replace('p50: 0.02', 'p50: 0.005'));
  assert.equal(order.code, 1);
  assert.match(order.out + order.err, /benchmarks\/order\.yaml:10/);
  assert.match(order.out + order.err, /percentiles must not decrease/);

  const nosource = badProject('nosource', RETAIL.replace('source: Example Social Survey\n', ''));
  assert.equal(nosource.code, 1);
  assert.match(nosource.out + nosource.err, /benchmarks\/nosource\.yaml:1/);
  assert.match(nosource.out + nosource.err, /source: missing required field/);

  const period = badProject('period', RETAIL.replace('period: month', 'period: monthly'));
  assert.equal(period.code, 1);
  assert.match(period.out + period.err, /benchmarks\/period\.yaml:9/);
  assert.match(period.out + period.err, /use one of: week, month, quarter, year/);
});
