// Request validation and planning: every problem collected, stable codes, hints and the
// metric's file position; the plan names the scans.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject, type Issue, type Project } from '@kpi/core';
import { compileMetricQuery } from '../compile-metric-query.js';
import { duckdbDialect } from '../dialects/duckdb-dialect.js';
import type { MetricQueryRequest } from './metric-query.js';
import { planMetricQuery } from './plan-metric-query.js';

const YAML = `version: 1
project:
  name: plan
datasets:
  ads:
    time: day
    key: [day, platform, campaign]
    dimensions: [platform, campaign]
    columns:
      day: {type: date}
      platform: {type: string}
      campaign: {type: string}
      clicks: {type: integer}
      impressions: {type: integer}
  social:
    time: day
    key: [day, platform]
    dimensions: [platform]
    columns:
      day: {type: date}
      platform: {type: string}
      followers: {type: integer}
metrics:
  clicks: {kind: simple, dataset: ads, agg: sum, column: clicks}
  impressions: {kind: simple, dataset: ads, agg: sum, column: impressions}
  ig_clicks: {kind: simple, dataset: ads, agg: sum, column: clicks, filter: {platform: instagram}}
  ctr: {kind: ratio, numerator: clicks, denominator: impressions}
  followers: {kind: snapshot, dataset: social, column: followers}
  clicks_per_follower: {kind: derived, expr: "clicks / followers"}
`;

const loaded = loadProject([{ path: 'kpi.yaml', text: YAML }]);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
const project: Project = loaded.value;

const issuesOf = (request: MetricQueryRequest, p: Project = project): readonly Issue[] => {
  const r = compileMetricQuery(p, request, duckdbDialect);
  assert.equal(r.ok, false, 'expected issues');
  return r.ok ? [] : r.issues;
};
const codes = (issues: readonly Issue[]): string[] => issues.map((i) => i.code);

describe('request problems', () => {
  test('unknown metric, with close names in the hint', () => {
    const [i, ...rest] = issuesOf({ metrics: ['clikcs'] });
    assert.equal(rest.length, 0);
    assert.equal(i?.code, 'query.metric.unknown');
    assert.deepEqual(i?.path, ['request', 'metrics', 0]);
    assert.match(i?.hint ?? '', /^did you mean clicks\?/);
  });

  test('a metric name with a quote is rejected, not compiled', () => {
    const issues = issuesOf({ metrics: [`ctr"; DROP TABLE ads; --`, "o'clicks"] });
    assert.deepEqual(codes(issues), ['query.metric.unknown', 'query.metric.unknown']);
  });

  test('no metric, duplicate metric', () => {
    assert.deepEqual(codes(issuesOf({ metrics: [] })), ['query.metric.none']);
    const [dup] = issuesOf({ metrics: ['ctr', 'ctr'] });
    assert.equal(dup?.code, 'query.metric.duplicate');
    assert.deepEqual(dup?.position, project.locations['metrics.ctr']);
  });

  test('hostile dimension names are rejected', () => {
    const issues = issuesOf({
      metrics: ['clicks'],
      groupBy: ['platform; DROP TABLE x'],
      where: { 'campaign") OR 1=1 --': ['a'] },
    });
    assert.deepEqual(codes(issues), ['query.dimension.unknown', 'query.dimension.unknown']);
    assert.deepEqual(issues[0]?.path, ['request', 'groupBy', 0]);
    assert.match(issues[0]?.hint ?? '', /did you mean platform/);
  });

  test('a dimension missing from one dataset points at the metric reading it', () => {
    const issues = issuesOf({ metrics: ['clicks', 'clicks_per_follower'], groupBy: ['campaign'] });
    assert.deepEqual(codes(issues), ['query.dimension.unknown']);
    assert.match(issues[0]?.message ?? '', /dataset social, which metric clicks_per_follower reads/);
    assert.deepEqual(issues[0]?.position, { file: 'kpi.yaml', line: 29, column: 3 });
    assert.match(issues[0]?.hint ?? '', /dimensions shared by the requested metrics: platform/);
  });

  test('a dimension of no dataset', () => {
    const issues = issuesOf({ metrics: ['clicks'], where: { channel: ['x'] } });
    assert.deepEqual(codes(issues), ['query.dimension.unknown']);
    assert.equal(issues[0]?.message, 'unknown dimension "channel"');
  });

  test('dates, grain, where values, order and limit; all collected at once', () => {
    const issues = issuesOf({
      metrics: ['clicks', 'nope'],
      grain: 'fortnight' as never,
      from: '2025-02-30',
      to: '2025-13-01',
      where: { platform: [] },
      orderBy: [{ column: 'ctr' }],
      limit: 0,
    });
    assert.deepEqual(codes(issues), [
      'query.metric.unknown',
      'query.grain.unknown',
      'query.date.invalid',
      'query.date.invalid',
      'query.where.empty',
      'query.order.unknown_column',
      'query.limit.invalid',
    ]);
  });

  test('from after to', () => {
    const issues = issuesOf({ metrics: ['clicks'], from: '2025-03-01', to: '2025-02-28' });
    assert.deepEqual(codes(issues), ['query.date.range']);
  });

  test('a dimension and a metric may not share an output column name', () => {
    const clash = loadProject([
      {
        path: 'kpi.yaml',
        text: YAML.replace(
          '  ctr: {kind: ratio',
          '  platform: {kind: simple, dataset: ads, agg: count}\n  ctr: {kind: ratio',
        ),
      },
    ]);
    assert.ok(clash.ok);
    if (!clash.ok) return;
    const issues = issuesOf({ metrics: ['platform'], groupBy: ['platform'] }, clash.value);
    assert.deepEqual(codes(issues), ['query.column.conflict']);
    assert.deepEqual(issues[0]?.position, clash.value.locations['metrics.platform']);
  });

  test('a broken definition in a hand-built project is an issue at the metric', () => {
    const broken: Project = {
      ...project,
      metrics: {
        ...project.metrics,
        loop: { kind: 'ratio', numerator: 'loop', denominator: 'clicks', unit: 'count', direction: 'higher' },
      },
    };
    const issues = issuesOf({ metrics: ['loop'] }, broken);
    assert.deepEqual(codes(issues), ['query.metric.invalid']);
    assert.match(issues[0]?.message ?? '', /loop -> loop/);
  });
});

describe('the plan', () => {
  test('one aggregate scan per dataset holds every simple metric; snapshots get their own scan', () => {
    const r = planMetricQuery(project, {
      metrics: ['ctr', 'ig_clicks', 'clicks_per_follower'],
      grain: 'week',
    });
    assert.ok(r.ok);
    if (!r.ok) return;
    const scans = r.value.scans.map((s) => ({
      kind: s.kind,
      dataset: s.dataset,
      metrics: s.leaves.map((l) => l.metric),
    }));
    assert.deepEqual(scans, [
      { kind: 'aggregate', dataset: 'ads', metrics: ['clicks', 'impressions', 'ig_clicks'] },
      { kind: 'snapshot', dataset: 'social', metrics: ['followers'] },
    ]);
    assert.deepEqual(r.value.metrics[0]?.node, {
      kind: 'ratio',
      numerator: { kind: 'leaf', scan: 'Scan1', alias: 'M1' },
      denominator: { kind: 'leaf', scan: 'Scan1', alias: 'M2' },
    });
    assert.deepEqual(r.value.scans[0]?.leaves[2]?.conditions, [
      { dimension: 'platform', values: ['instagram'] },
    ]);
    assert.deepEqual(r.value.orderBy, [{ column: 'period', direction: 'asc' }]);
  });
});

describe('hand-built projects', () => {
  test('a dataset or dimension name that is not an identifier never reaches SQL', () => {
    const ds = project.datasets['social'];
    assert.ok(ds);
    if (!ds) return;
    const broken: Project = {
      ...project,
      datasets: { ...project.datasets, social: { ...ds, dimensions: ['platform', 'x"; DROP TABLE y'] } },
    };
    const issues = issuesOf({ metrics: ['followers'] }, broken);
    assert.deepEqual(codes(issues), ['query.metric.invalid']);
    assert.deepEqual(issues[0]?.path, ['metrics', 'followers', 'dataset']);
  });
});
