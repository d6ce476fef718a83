// The `sentiment:` and `engagement:` column rules: every wrong reference is reported with
// its own path and file line, all at once; a correct project loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject } from './load-project.js';
import { engagementFigures, engagementWeights } from '../engagement/engagement-rate.js';

const project = (columns: string): string => `version: 1
project: { name: T, timezone: UTC }
datasets:
  posts:
    time: date
    key: [id]
    columns:
      id: { type: string }
      date: { type: date }
      text: { type: string }
      likes: { type: integer }
      saves: { type: integer }
      reach: { type: integer }
${columns}
`;

test('a correct sentiment column and engagement columns load', () => {
  const r = loadProject([
    {
      path: 'kpi.yaml',
      text: project(`      tone: { type: string, sentiment: { from: text } }
      eng: { type: number, engagement: { of: [likes, saves], weights: { saves: 4 }, per: reach } }`),
    },
  ]);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
});

test('every wrong reference is reported with its path', () => {
  const r = loadProject([
    {
      path: 'kpi.yaml',
      text: project(`      tone: { type: integer, sentiment: { from: body, tool: likes } }
      eng: { type: number, engagement: { of: [likes, text], weights: { shares: 2 }, per: nope } }`),
    },
  ]);
  assert.equal(r.ok, false);
  const got = (r.ok ? [] : r.issues).map((i) => `${i.code} ${i.path.join('.')}`).sort();
  assert.deepEqual(got, [
    'dataset.engagement.bad_column datasets.posts.columns.eng.engagement.of.1',
    'dataset.engagement.bad_column datasets.posts.columns.eng.engagement.per',
    'dataset.engagement.weight_unknown datasets.posts.columns.eng.engagement.weights.shares',
    'dataset.sentiment.bad_source datasets.posts.columns.tone.sentiment.tool',
    'dataset.sentiment.unknown_text_column datasets.posts.columns.tone.sentiment.from',
    'dataset.sentiment.wrong_type datasets.posts.columns.tone.type',
  ]);
});

test('engagement weights: defaults by name, own weights, and "__proto__" is just a name', () => {
  assert.deepEqual(
    [...engagementWeights({ of: ['likes', 'comments', 'saves', 'views'], weighted: true })],
    [
      ['likes', 1],
      ['comments', 2],
      ['saves', 3],
      ['views', 1],
    ],
  );
  assert.deepEqual(
    [...engagementWeights({ of: ['likes', 'saves'], weights: { saves: 5 } })],
    [
      ['likes', 1],
      ['saves', 5],
    ],
  );
  const f = engagementFigures([
    { interactions: { __proto__: 2, likes: 1 } as Record<string, number>, reach: 0 },
  ]);
  assert.equal(f.perPeriod.reach, null); // a zero denominator is no rate, not Infinity
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
});
