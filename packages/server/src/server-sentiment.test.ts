// Sentiment corrections over real HTTP on a real DuckDB project: an editor corrects a
// mention's label through POST /api/datasets/{name}/sentiment-corrections; the correction
// overrides the model in the metrics (POST /api/query) and in the KPI's theme cause
// (GET /api/kpis/{name}/scorecard). Refusals: anonymous 401, viewer 403, bad label or key
// 422 (a key of the wrong length 400), unknown row or dataset 404, a dataset without a sentiment column 400, __proto__ 422.
// Every expected figure is counted by hand from the rows below (texts no reasonable model
// gets wrong; the first test checks the model's labels before anything is corrected).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser, createToken, fixedClock, importDataset, initProject, openProject } from '@kpi/app';
import { startServer, type RunningServer } from './start-server.js';
import { call, PASSWORD, type Fixture } from '../test/server-fixture.js';

const YAML = `version: 1
project: { name: Voice, timezone: UTC, week_start: monday }
datasets:
  mentions:
    time: date
    key: [id]
    dimensions: [tone]
    columns:
      id: { type: string }
      date: { type: date }
      text: { type: string }
      tone: { type: string, sentiment: { from: text } }
  visits:
    time: date
    key: [date]
    columns:
      date: { type: date }
      visits: { type: integer }
metrics:
  mentions: { kind: simple, dataset: mentions, agg: count }
  positive_mentions: { kind: simple, dataset: mentions, agg: count, filter: { tone: positive } }
  negative_mentions: { kind: simple, dataset: mentions, agg: count, filter: { tone: negative } }
  net_sentiment_of_polar:
    kind: derived
    label: Net sentiment (of positive + negative mentions)
    expr: (positive_mentions - negative_mentions) / (positive_mentions + negative_mentions)
    unit: percent
goals:
  voice: { title: Be liked, period: { start: 2026-03-01, end: 2026-03-31 } }
kpis:
  net_sentiment:
    goal: voice
    metric: net_sentiment_of_polar
    cadence: weekly
    target: { kind: stay_above, value: 0 }
`;

// Week of 2 Mar: m1 positive, m2 negative, m3 neutral. Week of 9 Mar: four shipping
// complaints (negative), two positive, one neutral.
const ROWS: readonly [string, string, string][] = [
  ['m1', '2026-03-03', 'Acme support was wonderful and so helpful :)'],
  ['m2', '2026-03-03', 'worst service ever, I hate acme. never again'],
  ['m3', '2026-03-03', 'acme ships to Canada from the Toronto warehouse'],
  ['n1', '2026-03-10', 'terrible shipping, my parcel is late again'],
  ['n2', '2026-03-10', 'awful shipping delay, still waiting for my parcel'],
  ['n3', '2026-03-10', 'worst shipping ever, the parcel got lost'],
  ['n4', '2026-03-11', 'I hate this, shipping takes forever'],
  ['p1', '2026-03-11', 'I love acme, best purchase ever! 😍'],
  ['p2', '2026-03-12', 'Great job acme, really happy with it'],
  ['u1', '2026-03-12', 'The acme store opens at 9am on Monday.'],
];

const root = mkdtempSync(join(tmpdir(), 'kpi-server-sentiment-'));
const dir = join(root, 'p');
let server: RunningServer;
let f: Fixture;
const tokens = { editor: '', viewer: '' };

before(async () => {
  await initProject({ dir, name: 'Voice', timezone: 'UTC', currency: 'EUR' });
  writeFileSync(join(dir, 'kpi.yaml'), YAML);
  writeFileSync(
    join(dir, 'mentions.csv'),
    'id,date,text\n' + ROWS.map(([id, d, t]) => `${id},${d},"${t}"`).join('\n') + '\n',
  );
  writeFileSync(join(dir, 'visits.csv'), 'date,visits\n2026-03-10,5\n');
  const lp = openProject(dir);
  await importDataset(lp, 'mentions', join(dir, 'mentions.csv'));
  await importDataset(lp, 'visits', join(dir, 'visits.csv'));
  for (const role of ['editor', 'viewer'] as const) {
    await addUser(lp, { email: `${role}@example.com`, password: PASSWORD, role, name: `${role} one` });
    tokens[role] = (await createToken(lp, `${role}@example.com`, { name: role })).token;
  }
  server = await startServer({
    project: openProject(dir),
    port: 0,
    log: () => {},
    clock: fixedClock('2026-03-16T12:00:00Z'),
  });
  f = { url: server.url } as Fixture;
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const week2 = async (): Promise<Record<string, number>> => {
  const r = await call(f, 'POST', '/api/query', {
    token: tokens.viewer,
    body: {
      metrics: ['positive_mentions', 'negative_mentions', 'net_sentiment_of_polar'],
      from: '2026-03-09',
      to: '2026-03-15',
    },
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.rows[0];
};

const correct = (body: unknown, token = tokens.editor, dataset = 'mentions') =>
  call(f, 'POST', `/api/datasets/${dataset}/sentiment-corrections`, { token, body });

const themes = async () => {
  const r = await call(f, 'GET', '/api/kpis/net_sentiment/scorecard?asOf=2026-03-15', {
    token: tokens.viewer,
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.reading.cause.themes;
};

test('before any correction: the model’s labels, the net sentiment and the theme, by hand', async () => {
  const r = await week2();
  assert.equal(r['positive_mentions'], 2);
  assert.equal(r['negative_mentions'], 4);
  assert.ok(Math.abs(r['net_sentiment_of_polar']! - (2 - 4) / 6) < 1e-12);
  const t = await themes();
  assert.equal(t.current.mentions, 4);
  assert.equal(t.previous.mentions, 1);
  assert.equal(t.terms[0].term, 'shipping');
  assert.equal(t.terms[0].current, 4);
  assert.deepEqual(
    t.terms[0].examples.map((e: { key: string[] }) => e.key[0]),
    ['n1', 'n2', 'n3'],
  );
});

test('an editor’s correction overrides the model in the metrics and in the theme cause', async () => {
  const a = await correct({ key: ['u1'], label: 'negative' });
  assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.deepEqual(a.body, {
    dataset: 'mentions',
    key: ['u1'],
    column: 'tone',
    previous: 'neutral',
    label: 'negative',
  });
  let r = await week2();
  assert.equal(r['negative_mentions'], 5);
  assert.ok(Math.abs(r['net_sentiment_of_polar']! - (2 - 5) / 7) < 1e-12);
  // n1 is not a complaint after all (say the team): it leaves the negative mentions and the theme.
  assert.equal((await correct({ key: ['n1'], label: 'neutral' })).status, 200);
  r = await week2();
  assert.equal(r['negative_mentions'], 4);
  assert.ok(Math.abs(r['net_sentiment_of_polar']! - (2 - 4) / 6) < 1e-12);
  const t = await themes();
  assert.equal(t.current.mentions, 4);
  assert.equal(t.terms[0].term, 'shipping');
  assert.equal(t.terms[0].current, 3);
  assert.deepEqual(
    t.terms[0].examples.map((e: { key: string[]; corrected: boolean }) => [e.key[0], e.corrected]),
    [
      ['n2', false],
      ['n3', false],
      ['n4', false],
    ],
  );
  // A corrected example says so.
  assert.equal((await correct({ key: ['n2'], label: 'negative' })).status, 200);
  assert.equal((await themes()).terms[0].examples[0].corrected, true);
});

test('refusals: who may correct, and what a correction must be', async () => {
  const body = { key: ['p1'], label: 'negative' };
  const anon = await correct(body, '');
  assert.equal(anon.status, 401);
  const viewer = await correct(body, tokens.viewer);
  assert.equal(viewer.status, 403);
  assert.equal(viewer.body.error.code, 'auth.forbidden');
  const bad: [unknown, number, RegExp][] = [
    [{ key: ['p1'], label: 'great' }, 422, /label/],
    [{ key: [], label: 'positive' }, 422, /key/],
    [{ key: ['x'.repeat(201)], label: 'positive' }, 422, /key/],
    [{ key: ['p1'], label: 'positive', extra: 1 }, 422, /extra/],
    [JSON.parse('{"key":["p1"],"label":"positive","__proto__":{"x":1}}'), 422, /__proto__/],
    [{ key: ['nope'], label: 'positive' }, 404, /no row with key id=nope/],
    [{ key: ['p1', 'p2'], label: 'positive' }, 400, /key of 1 column/],
  ];
  for (const [b, status, message] of bad) {
    const r = await correct(b);
    assert.equal(r.status, status, JSON.stringify(r.body));
    assert.match(JSON.stringify(r.body.error), message);
  }
  const noSuch = await correct(body, tokens.editor, 'nothing_here');
  assert.equal(noSuch.status, 404);
  const noColumn = await correct(body, tokens.editor, 'visits');
  assert.equal(noColumn.status, 400);
  assert.match(noColumn.body.error.message, /visits has no sentiment column/);
  // Nothing refused changed a label.
  assert.equal((await week2())['positive_mentions'], 2);
});
