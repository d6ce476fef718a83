// `kpi sentiment train --project` as a use-case, on a real DuckDB file: a team whose
// product words carry sentiment the bundled model cannot know ("laggy", "snappy") corrects
// 48 mentions; the adapter, trained on three quarters of them, beats the bundled model on
// the held-out quarter, is saved, and a rescore then labels with the adapted model.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../dates.js';
import { openProject } from '../project-files.js';
import { importDataset } from './import-dataset.js';
import { projectScorer, trainProjectAdapter } from './sentiment-adapter.js';
import { correctSentiment, rescoreSentiment } from './sentiment-data.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-adapter-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const POS = ['snappy', 'zippy', 'slick', 'buttery'];
const NEG = ['laggy', 'janky', 'clunky', 'choppy'];
const NOUNS = ['checkout', 'app', 'update', 'login', 'dashboard', 'search', 'cart', 'widget'];

test('the project adapter beats the bundled model on held-out team labels and is then used', async () => {
  mkdirSync(join(dir, '.kpi'), { recursive: true });
  writeFileSync(
    join(dir, 'kpi.yaml'),
    `version: 1
project: { name: Team, timezone: UTC }
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
`,
  );
  // A deterministic team vocabulary: label by the adjective, 48 rows, round-robin classes.
  const rows: [string, string, number][] = [];
  for (let i = 0; i < 48; i++) {
    const y = i % 3;
    const noun = NOUNS[(i * 5) % NOUNS.length]!;
    const adj = (y === 0 ? NEG : POS)[(i * 7) % 4]!;
    rows.push([`t${i}`, y === 1 ? `the ${noun} moved to the left menu` : `the ${noun} is ${adj} now`, y]);
  }
  writeFileSync(
    join(dir, 'm.csv'),
    'id,date,text\n' + rows.map(([id, t]) => `${id},2026-03-02,${t}`).join('\n') + '\n',
  );
  const lp = openProject(dir, { clock: fixedClock('2026-03-03T10:00:00Z') });
  const imp = await importDataset(lp, 'mentions', join(dir, 'm.csv'));
  assert.equal(imp.sentiment?.[0]?.scored, 48);
  const labels = ['negative', 'neutral', 'positive'];
  for (const [id, , y] of rows)
    await correctSentiment(lp, { dataset: 'mentions', key: [id], label: labels[y]!, by: 'Ana' });

  const run = await trainProjectAdapter(lp);
  assert.equal(run.labels, 48);
  assert.equal(run.heldOut, 12);
  assert.equal(run.trained, 36);
  assert.ok(run.adapter.macroRecall > run.base.macroRecall + 0.1, JSON.stringify(run));
  assert.equal(run.written, true);
  assert.match(run.version, /\+project-36$/);
  const scorer = projectScorer(dir);
  assert.equal(scorer.adapted, true);
  assert.equal(scorer.scorer.score('the widget is janky now').label, 'negative');

  const re = await rescoreSentiment(lp);
  assert.equal(re[0]?.modelVersion, run.version);
  assert.equal(re[0]?.corrections, 48);
});

test('too few team labels is a plain usage error', async () => {
  const d2 = mkdtempSync(join(tmpdir(), 'kpi-adapter-few-'));
  try {
    writeFileSync(
      join(d2, 'kpi.yaml'),
      `version: 1
project: { name: Few, timezone: UTC }
datasets:
  mentions:
    time: date
    key: [id]
    columns: { id: { type: string }, date: { type: date }, text: { type: string }, tone: { type: string, sentiment: { from: text } } }
`,
    );
    await assert.rejects(
      trainProjectAdapter(openProject(d2)),
      /has 0 corrected sentiment label\(s\); an adapter needs at least 20/,
    );
  } finally {
    rmSync(d2, { recursive: true, force: true });
  }
});
