import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject } from './load-project.js';
import type { Issue } from '../result.js';

const MAIN = `version: 1
project:
  name: Test
  timezone: Europe/Berlin
datasets:
  ads:
    time: date
    key: [date, campaign]
    dimensions: [channel, campaign]
    columns:
      date: { type: date }
      channel: { type: string }
      campaign: { type: string }
      clicks: { type: integer }
      impressions: { type: integer }
metrics:
  clicks: { kind: simple, dataset: ads, agg: sum, column: clicks }
  impressions: { kind: simple, dataset: ads, agg: sum, column: impressions }
  ctr: { kind: ratio, numerator: clicks, denominator: impressions, unit: percent }
`;

const issuesOf = (files: { path: string; text: string }[]): readonly Issue[] => {
  const r = loadProject(files);
  assert.equal(r.ok, false, 'expected the project to be rejected');
  return r.ok ? [] : r.issues;
};

describe('loadProject', () => {
  test('loads a valid project with defaults applied', () => {
    const r = loadProject([{ path: 'kpi.yaml', text: MAIN }]);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
    assert.equal(r.value.settings.week_start, 'monday');
    assert.equal(r.value.settings.currency, 'USD');
    assert.equal(r.value.metrics['ctr']?.kind, 'ratio');
    assert.equal(r.value.metrics['clicks']?.direction, 'higher');
    assert.deepEqual(r.value.locations['metrics.ctr'], { file: 'kpi.yaml', line: 19, column: 3 });
  });

  test('merges part files and reports a name defined twice with both places', () => {
    const part = `metrics:\n  ctr: { kind: simple, dataset: ads, agg: count }\n`;
    const issues = issuesOf([
      { path: 'kpi.yaml', text: MAIN },
      { path: 'definitions/more.yaml', text: part },
    ]);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.code, 'project.duplicate_name');
    assert.deepEqual(issues[0]?.position, { file: 'definitions/more.yaml', line: 2, column: 3 });
    assert.match(issues[0]?.message ?? '', /kpi\.yaml:19:3/);
  });

  test('reports every schema problem at once, each with line and column', () => {
    const bad = MAIN.replace('agg: sum, column: clicks', 'agg: total, column: clicks').replace(
      'unit: percent',
      'unit: percent, colour: red',
    );
    const issues = issuesOf([{ path: 'kpi.yaml', text: bad }]);
    const codes = issues.map((i) => i.code).sort();
    assert.deepEqual(codes, ['schema.invalid_value', 'schema.unrecognized_keys']);
    const agg = issues.find((i) => i.code === 'schema.invalid_value');
    assert.deepEqual(agg?.position, { file: 'kpi.yaml', line: 17, column: 46 });
    assert.match(agg?.hint ?? '', /sum, count, count_distinct/);
    const key = issues.find((i) => i.code === 'schema.unrecognized_keys');
    assert.equal(key?.position?.line, 19);
    assert.match(key?.message ?? '', /colour/);
  });

  test('YAML syntax errors and duplicate keys carry positions', () => {
    const dup = MAIN + `  clicks: { kind: simple, dataset: ads, agg: count }\n`;
    const issues = issuesOf([{ path: 'kpi.yaml', text: dup }]);
    assert.equal(issues[0]?.code, 'yaml.duplicate_key');
    assert.equal(issues[0]?.position?.line, 20);
    const broken = issuesOf([{ path: 'kpi.yaml', text: 'version: 1\nproject: [a\n' }]);
    assert.ok(broken.every((i) => i.position?.file === 'kpi.yaml' && i.position.line >= 1));
  });

  test('cross references: unknown dataset, column, metric, dimension and goal', () => {
    const text =
      MAIN +
      `  spend: { kind: simple, dataset: adz, agg: sum, column: spend }
  cpc: { kind: derived, expr: "spend / clickz" }
  bad_col: { kind: simple, dataset: ads, agg: sum, column: cost }
  text_sum: { kind: simple, dataset: ads, agg: sum, column: channel }
  filtered: { kind: simple, dataset: ads, agg: sum, column: clicks, filter: { platform: instagram } }
goals:
  g1: { title: Leads, period: { start: 2025-01-01, end: 2025-03-31 }, parent: g0 }
kpis:
  k1: { metric: ctrr, goal: g2 }
`;
    const issues = issuesOf([{ path: 'kpi.yaml', text }]);
    const byCode = new Map(issues.map((i) => [i.code, i]));
    for (const code of [
      'metric.dataset_missing',
      'metric.derived.unknown_metric',
      'metric.column_missing',
      'metric.column_type',
      'metric.filter.unknown_dimension',
      'goal.parent_missing',
      'kpi.metric_missing',
      'kpi.goal_missing',
    ]) {
      assert.ok(byCode.has(code), `missing ${code} in ${[...byCode.keys()].join(', ')}`);
    }
    assert.deepEqual(byCode.get('metric.column_missing')?.position, {
      file: 'kpi.yaml',
      line: 22,
      column: 60,
    });
    assert.deepEqual(byCode.get('kpi.goal_missing')?.position, { file: 'kpi.yaml', line: 28, column: 29 });
    assert.ok(issues.every((i) => i.hint && i.position));
  });

  test('cycles in derived and ratio metrics are reported with the cycle', () => {
    const text =
      MAIN +
      `  a: { kind: derived, expr: "b + 1" }
  b: { kind: ratio, numerator: a, denominator: clicks }
  selfish: { kind: derived, expr: "selfish * 2" }
`;
    const issues = issuesOf([{ path: 'kpi.yaml', text }]).filter((i) => i.code === 'metric.cycle');
    assert.equal(issues.length, 2);
    assert.match(issues[0]?.message ?? '', /a -> b -> a/);
    assert.match(issues[1]?.message ?? '', /selfish -> selfish/);
    assert.equal(issues[0]?.position?.line, 20);
  });

  test('bad dates, time zones and identifiers are refused with hints', () => {
    const text =
      MAIN.replace('Europe/Berlin', 'Mars/Olympus').replace('  ads:\n', '  Ads-2:\n') +
      `goals:\n  g: { title: G, period: { start: 2025-02-30, end: 2025-01-01 } }\n`;
    const issues = issuesOf([{ path: 'kpi.yaml', text }]);
    const messages = issues.map((i) => i.message).join('\n');
    assert.match(messages, /IANA time zone/);
    assert.match(messages, /snake_case/);
    assert.match(messages, /real calendar date/);
  });

  test('a part file may not hold project settings', () => {
    const issues = issuesOf([
      { path: 'kpi.yaml', text: MAIN },
      { path: 'definitions/x.yaml', text: 'project: { name: X }\n' },
    ]);
    assert.equal(issues[0]?.code, 'schema.unrecognized_keys');
    assert.equal(issues[0]?.position?.file, 'definitions/x.yaml');
  });
});
