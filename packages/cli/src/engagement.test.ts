// Engagement quality by hand: two posts of different size, engagement rate by reach,
// impressions and followers, per post (mean of post rates) vs per period (sum over sum),
// weighted engagement (defaults and own weights), cost per engagement — as YAML columns
// computed at import on a real DuckDB file and queried as metrics, and in `kpi engagement`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKpi } from '../test/run-kpi.js';

const root = mkdtempSync(join(tmpdir(), 'kpi-engagement-'));
const dir = join(root, 'p');
after(() => rmSync(root, { recursive: true, force: true }));

const OF = '[likes, comments, shares, saves]';
const YAML = `version: 1
project: { name: Eng, timezone: UTC }
datasets:
  posts:
    time: date
    key: [id]
    columns:
      id: { type: string }
      date: { type: date }
      likes: { type: integer }
      comments: { type: integer }
      shares: { type: integer }
      saves: { type: integer }
      reach: { type: integer }
      impressions: { type: integer }
      followers: { type: integer }
      spend: { type: number }
      engagements: { type: number, engagement: { of: ${OF} } }
      weighted: { type: number, engagement: { of: ${OF}, weighted: true } }
      saves_x5: { type: number, engagement: { of: ${OF}, weights: { saves: 5 } } }
      rate_reach: { type: number, engagement: { of: ${OF}, per: reach } }
      rate_impressions: { type: number, engagement: { of: ${OF}, per: impressions } }
      rate_followers: { type: number, engagement: { of: ${OF}, per: followers } }
metrics:
  engagements: { kind: simple, dataset: posts, agg: sum, column: engagements }
  weighted_engagements: { kind: simple, dataset: posts, agg: sum, column: weighted }
  saves_x5: { kind: simple, dataset: posts, agg: sum, column: saves_x5 }
  reach: { kind: simple, dataset: posts, agg: sum, column: reach }
  impressions: { kind: simple, dataset: posts, agg: sum, column: impressions }
  followers: { kind: simple, dataset: posts, agg: sum, column: followers }
  spend: { kind: simple, dataset: posts, agg: sum, column: spend, unit: currency }
  er_reach_per_period: { kind: ratio, numerator: engagements, denominator: reach, unit: percent, label: Engagement rate by reach (per period) }
  er_reach_per_post: { kind: simple, dataset: posts, agg: avg, column: rate_reach, unit: percent, label: Engagement rate by reach (per post) }
  er_impressions_per_period: { kind: ratio, numerator: engagements, denominator: impressions, unit: percent }
  er_impressions_per_post: { kind: simple, dataset: posts, agg: avg, column: rate_impressions, unit: percent }
  er_followers_per_period: { kind: ratio, numerator: engagements, denominator: followers, unit: percent }
  er_followers_per_post: { kind: simple, dataset: posts, agg: avg, column: rate_followers, unit: percent }
  cost_per_engagement: { kind: ratio, numerator: spend, denominator: engagements, unit: currency, direction: lower }
`;
// p1: 90 + 5 + 3 + 2 = 100 engagements; weighted 90 + 10 + 9 + 6 = 115; saves x5: 108.
// p2: 18 + 1 + 1 + 0 = 20; weighted 18 + 2 + 3 = 23; saves x5: 20.
const CSV = `id,date,likes,comments,shares,saves,reach,impressions,followers,spend
p1,2026-03-02,90,5,3,2,1000,2000,5000,20
p2,2026-03-03,18,1,1,0,100,400,2000,10
`;

before(() => {
  assert.equal(runKpi(['init', dir], root).code, 0);
  writeFileSync(join(dir, 'kpi.yaml'), YAML);
  writeFileSync(join(dir, 'posts.csv'), CSV);
  const r = runKpi(['import', 'posts', 'posts.csv'], dir);
  assert.equal(r.code, 0, r.err);
});

const close = (a: number | undefined, b: number, what: string) =>
  assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

test('rates by each denominator, per post vs per period, weighted engagement and CPE as metrics', () => {
  const names = [
    'engagements',
    'weighted_engagements',
    'saves_x5',
    'er_reach_per_period',
    'er_reach_per_post',
    'er_impressions_per_period',
    'er_impressions_per_post',
    'er_followers_per_period',
    'er_followers_per_post',
    'cost_per_engagement',
  ];
  const r = runKpi(['query', names.join(','), '--from', '2026-03-01', '--to', '2026-03-31', '--json'], dir);
  assert.equal(r.code, 0, r.err);
  const row = (JSON.parse(r.out) as { rows: Record<string, number>[] }).rows[0]!;
  close(row['engagements'], 120, 'engagements');
  close(row['weighted_engagements'], 138, 'weighted');
  close(row['saves_x5'], 128, 'own weights');
  close(row['er_reach_per_period'], 120 / 1100, 'reach per period');
  close(row['er_reach_per_post'], (100 / 1000 + 20 / 100) / 2, 'reach per post');
  close(row['er_impressions_per_period'], 120 / 2400, 'impressions per period');
  close(row['er_impressions_per_post'], (100 / 2000 + 20 / 400) / 2, 'impressions per post');
  close(row['er_followers_per_period'], 120 / 7000, 'followers per period');
  close(row['er_followers_per_post'], (100 / 5000 + 20 / 2000) / 2, 'followers per post');
  close(row['cost_per_engagement'], 30 / 120, 'CPE');
});

test('kpi engagement: the calculator for one post and for a campaign file', () => {
  const one = runKpi(
    [
      'engagement',
      '--likes',
      '90',
      '--comments',
      '5',
      '--shares',
      '3',
      '--saves',
      '2',
      '--reach',
      '1000',
      '--cost',
      '20',
      '--json',
    ],
    root,
  );
  assert.equal(one.code, 0, one.err);
  const f = JSON.parse(one.out) as {
    engagements: number;
    weightedEngagements: number;
    perPeriod: Record<string, number | null>;
    costPerEngagement: number;
  };
  assert.equal(f.engagements, 100);
  assert.equal(f.weightedEngagements, 115);
  close(f.perPeriod['reach']!, 0.1, 'one post by reach');
  assert.equal(f.perPeriod['impressions'], null);
  close(f.costPerEngagement, 0.2, 'one post CPE');

  writeFileSync(
    join(root, 'campaign.csv'),
    'post,likes,comments,shares,saves,reach,impressions,followers\n1,90,5,3,2,1000,2000,5000\n2,18,1,1,0,100,400,2000\n',
  );
  const text = runKpi(['engagement', '--file', 'campaign.csv'], root, { NO_COLOR: '1' });
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /2 post\(s\): 120 engagements, weighted 138/);
  assert.match(
    text.out,
    /engagement rate by reach: 10\.9% per period \(sum over sum\), 15(\.0)?% per post \(mean of post rates\)/,
  );

  writeFileSync(join(root, 'bad.csv'), 'likes,reach\n10,100\nlots,100\n');
  const bad = runKpi(['engagement', '--file', 'bad.csv'], root);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /bad\.csv:3:1.*likes: "lots" is not a number/);
});
