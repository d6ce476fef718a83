// Sentiment in the data, end to end on a real DuckDB file through the real `kpi` process:
// import-time scoring of a `sentiment:` column, agreement with the tool's own label, net
// sentiment under both definitions and share of voice against declared competitors (as
// YAML metrics), a correction that overrides the model and survives a rescore, and the
// `kpi sentiment score` output lines. Every expected figure is counted by hand from the
// fixture below (texts whose label no reasonable model gets wrong).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openDuckDb } from '@kpi/engines';
import { runKpi } from '../test/run-kpi.js';

const root = mkdtempSync(join(tmpdir(), 'kpi-sentiment-'));
const dir = join(root, 'p');
after(() => rmSync(root, { recursive: true, force: true }));

const YAML = `version: 1
project: { name: Voice, timezone: UTC }
datasets:
  mentions:
    time: date
    key: [id]
    dimensions: [brand, tone]
    columns:
      id: { type: string }
      date: { type: date }
      brand: { type: string }
      text: { type: string }
      tool_tone: { type: string }
      tone: { type: string, sentiment: { from: text, tool: tool_tone } }
metrics:
  mentions: { kind: simple, dataset: mentions, agg: count, filter: { brand: acme } }
  positive_mentions: { kind: simple, dataset: mentions, agg: count, filter: { brand: acme, tone: positive } }
  negative_mentions: { kind: simple, dataset: mentions, agg: count, filter: { brand: acme, tone: negative } }
  net_sentiment_of_polar:
    kind: derived
    label: Net sentiment (of positive + negative mentions)
    expr: (positive_mentions - negative_mentions) / (positive_mentions + negative_mentions)
    unit: percent
  net_sentiment_of_all:
    kind: derived
    label: Net sentiment (of all mentions)
    expr: (positive_mentions - negative_mentions) / mentions
    unit: percent
  market_mentions: { kind: simple, dataset: mentions, agg: count, filter: { brand: [acme, rival, other] } }
  share_of_voice: { kind: ratio, numerator: mentions, denominator: market_mentions, unit: percent }
`;

// acme: 4 positive, 1 negative, 2 neutral (7); rival: 2; other: 1; "ignored" brand: 1.
const ROWS: [string, string, string, string][] = [
  ['m1', 'acme', 'I love acme, best purchase ever! 😍', 'positive'],
  ['m2', 'acme', 'Acme support was wonderful and so helpful :)', 'positive'],
  ['m3', 'acme', 'Great job acme, really happy with it', 'positive'],
  ['m4', 'acme', 'amazing quality, thank you acme!!', 'negative'],
  ['m5', 'acme', 'worst service ever, I hate acme. never again', 'negative'],
  ['m6', 'acme', 'The acme store opens at 9am on Monday.', 'neutral'],
  ['m7', 'acme', 'acme ships to Canada from the Toronto warehouse', 'neutral'],
  ['r1', 'rival', 'rival released a new model today', 'neutral'],
  ['r2', 'rival', 'rival is awesome, love it', 'positive'],
  ['o1', 'other', 'other brand announced prices for June', 'neutral'],
  ['x1', 'ignored', 'not counted anywhere', ''],
];
const csv = (rows: typeof ROWS): string =>
  'id,date,brand,text,tool_tone\n' +
  rows.map(([id, b, t, tool]) => `${id},2026-03-02,${b},"${t}",${tool}`).join('\n') +
  '\n';

before(() => {
  assert.equal(runKpi(['init', dir], root).code, 0);
  writeFileSync(join(dir, 'kpi.yaml'), YAML);
  writeFileSync(join(dir, 'mentions.csv'), csv(ROWS));
});

const query = (metrics: string): Record<string, number> => {
  const r = runKpi(['query', metrics, '--from', '2026-03-01', '--to', '2026-03-31', '--json'], dir);
  assert.equal(r.code, 0, r.err);
  return (JSON.parse(r.out) as { rows: Record<string, number>[] }).rows[0]!;
};

const stored = async (): Promise<
  Map<string, { tone: string; version: string | null; corrected: string | null }>
> => {
  const engine = await openDuckDb(join(dir, '.kpi', 'kpi.duckdb'));
  try {
    const r = await engine.query(
      `SELECT m.id AS id, m.tone AS tone, s.model_version AS version, s.corrected_label AS corrected
       FROM mentions m LEFT JOIN _kpi_sentiment s ON s.row_key = m.id ORDER BY m.id`,
    );
    return new Map(
      r.rows.map((x) => [
        String(x['id']),
        {
          tone: String(x['tone']),
          version: x['version'] as string | null,
          corrected: x['corrected'] as string | null,
        },
      ]),
    );
  } finally {
    await engine.close();
  }
};

test('import scores the sentiment column, keeps the tool label and reports agreement', async () => {
  const imp = runKpi(['import', 'mentions', 'mentions.csv'], dir, { NO_COLOR: '1' });
  assert.equal(imp.code, 0, imp.err);
  // 11 texts scored; agreement: the tool got m4 wrong, x1 has no tool label -> 9 of 10 rows agree.
  assert.match(imp.out, /sentiment of mentions\.text -> tone: 11 texts scored \(model softmax-hash\d+-v1\)/);
  assert.match(imp.out, /agreement with tool_tone \(the tool's own label\): 90\.0% of 10 rows/);
  const rows = await stored();
  const expected: Record<string, string> = {
    m1: 'positive',
    m2: 'positive',
    m3: 'positive',
    m4: 'positive',
    m5: 'negative',
    m6: 'neutral',
    m7: 'neutral',
    r1: 'neutral',
    r2: 'positive',
    o1: 'neutral',
  };
  for (const [id, tone] of Object.entries(expected)) assert.equal(rows.get(id)?.tone, tone, id);
  assert.match(rows.get('m1')?.version ?? '', /^softmax-hash\d+-v1$/);
});

test('net sentiment under both definitions and share of voice, by hand', () => {
  const r = query(
    'net_sentiment_of_polar,net_sentiment_of_all,share_of_voice,positive_mentions,negative_mentions',
  );
  assert.equal(r['positive_mentions'], 4);
  assert.equal(r['negative_mentions'], 1);
  assert.ok(Math.abs(r['net_sentiment_of_polar']! - 3 / 5) < 1e-12); // (4 - 1) / (4 + 1)
  assert.ok(Math.abs(r['net_sentiment_of_all']! - 3 / 7) < 1e-12); // (4 - 1) / 7
  assert.ok(Math.abs(r['share_of_voice']! - 7 / 10) < 1e-12); // acme 7 of acme + rival + other = 10
});

test('a correction overrides the model, survives a rescore and a re-import', async () => {
  const c = runKpi(['sentiment', 'correct', 'mentions', 'm6', 'negative'], dir, { NO_COLOR: '1' });
  assert.equal(c.code, 0, c.err);
  assert.match(c.out, /tone is now negative \(was neutral\)/);
  assert.equal(query('negative_mentions')['negative_mentions'], 2);
  assert.ok(Math.abs(query('net_sentiment_of_polar')['net_sentiment_of_polar']! - 2 / 6) < 1e-12);
  const re = runKpi(['sentiment', 'rescore', '--json'], dir);
  assert.equal(re.code, 0, re.err);
  const runs = JSON.parse(re.out) as {
    scored: number;
    corrections: number;
    counts: Record<string, number>;
  }[];
  assert.equal(runs[0]?.scored, 11);
  assert.equal(runs[0]?.corrections, 1);
  assert.equal((await stored()).get('m6')?.tone, 'negative');
  // Re-importing the same rows keeps the correction too.
  assert.equal(runKpi(['import', 'mentions', 'mentions.csv'], dir).code, 0);
  const rows = await stored();
  assert.equal(rows.get('m6')?.tone, 'negative');
  assert.equal(rows.get('m6')?.corrected, 'negative');
  // Bad input: a label that is not one, a key that is not there.
  const bad = runKpi(['sentiment', 'correct', 'mentions', 'm6', 'great'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /"great" is not a sentiment label/);
  const missing = runKpi(['sentiment', 'correct', 'mentions', 'nope', 'positive'], dir);
  assert.notEqual(missing.code, 0);
  assert.match(missing.err, /no row with key id=nope/);
});

test('kpi sentiment score prints one JSON line per input line, plain or JSON lines', () => {
  const bin = new URL('../bin/kpi.js', import.meta.url).pathname;
  const input =
    'I love this so much :)\n{"id": "a7", "text": "this is terrible, I want a refund"}\n\n{"text": "The meeting is on Tuesday."}\n';
  const r = spawnSync(process.execPath, [bin, 'sentiment', 'score'], { input, encoding: 'utf8', cwd: root });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as { id: unknown; label: string; score: number; probabilities: Record<string, number> },
    );
  assert.deepEqual(
    lines.map((l) => [l.id, l.label]),
    [
      [1, 'positive'],
      ['a7', 'negative'],
      [4, 'neutral'],
    ],
  );
  for (const l of lines) {
    assert.deepEqual(Object.keys(l), ['id', 'label', 'score', 'probabilities']);
    const p = l.probabilities;
    assert.ok(Math.abs(p['negative']! + p['neutral']! + p['positive']! - 1) < 1e-3);
    assert.ok(Math.abs(l.score - (p['positive']! - p['negative']!)) < 1e-3);
  }
  const bad = spawnSync(process.execPath, [bin, 'sentiment', 'score'], {
    input: 'ok\n{"id": 1, "txt": "x"}\n',
    encoding: 'utf8',
    cwd: root,
  });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /stdin:2: JSON line has no string field "text"/);
});

test('kpi sentiment themes names what this week’s negative mentions are about, with examples', async () => {
  const rows = [
    ['n1', 'terrible shipping, my parcel is late again'],
    ['n2', 'awful shipping delay, still waiting for my parcel'],
    ['n3', 'worst shipping ever, the parcel got lost'],
    ['n4', 'I hate this, shipping takes forever'],
  ];
  writeFileSync(
    join(dir, 'week2.csv'),
    'id,date,brand,text,tool_tone\n' +
      rows.map(([id, t]) => `${id},2026-03-10,acme,"${t}",`).join('\n') +
      '\n',
  );
  assert.equal(runKpi(['import', 'mentions', 'week2.csv'], dir).code, 0);
  const r = runKpi(
    ['sentiment', 'themes', 'mentions', '--from', '2026-03-09', '--to', '2026-03-15', '--json'],
    dir,
  );
  assert.equal(r.code, 0, r.err);
  const got = JSON.parse(r.out) as {
    period: { mentions: number };
    previous: { from: string; to: string; mentions: number };
    themes: { term: string; current: number; previous: number; examples: string[] }[];
  };
  assert.equal(got.period.mentions, 4);
  // The week before: m5 (negative by the model), m6 (corrected to negative) and x1, whose
  // "not counted anywhere" the model reads as negative (themes cover every brand).
  const before = [...(await stored()).entries()]
    .filter(([id, r]) => !id.startsWith('n') && r.tone === 'negative')
    .map(([id]) => id);
  assert.deepEqual(before, ['m5', 'm6', 'x1']);
  assert.deepEqual(got.previous, { from: '2026-03-02', to: '2026-03-08', mentions: 3 });
  assert.equal(got.themes[0]?.term, 'shipping');
  assert.equal(got.themes[0]?.current, 4);
  assert.equal(got.themes[0]?.previous, 0);
  assert.equal(got.themes[0]?.examples[0], rows[0]![1]);
  const text = runKpi(
    ['sentiment', 'themes', 'mentions', '--from', '2026-03-09', '--to', '2026-03-15'],
    dir,
  ).out;
  assert.match(text, /"shipping": 4 vs 0\n\s+e\.g\. “terrible shipping, my parcel is late again”/);
});
