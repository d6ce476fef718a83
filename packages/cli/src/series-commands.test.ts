// End-to-end tests of `kpi forecast --series` and `kpi anomalies --series` on hand-made
// series (constant, trend, seasonal, sparse counts, too short, invalid), through the real
// `kpi` process: answers checked against values computed by hand, refusals per series while
// the run goes on, JSON lines and CSV input, and a file of 10,000 series in one run.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runKpi } from '../test/run-kpi.js';

const BIN = new URL('../bin/kpi.js', import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), 'kpi-series-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const jsonLines = (out: string): Record<string, unknown>[] =>
  out
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

// sparse counts: a fixed pattern of zeros and ones (about 0.3 a day), then a burst of 12
const sparse: number[] = Array.from({ length: 120 }, (_, t) => ((t * 7) % 10 < 3 ? 1 : 0));
sparse[110] = 12;
const pattern = [10, 30, 20, 50, 40, 5, 15];
const hand = [
  { id: 'constant', values: new Array(30).fill(7), horizon: 3 },
  { id: 'trend', values: Array.from({ length: 40 }, (_, t) => 20 + 5 * t), horizon: 4, target: 230 },
  {
    id: 'seasonal',
    values: Array.from({ length: 70 }, (_, t) => 100 + (pattern[t % 7] as number)),
    period: 7,
    horizon: 7,
  },
  { id: 'sparse', values: sparse, grain: 'day', horizon: 7 },
  { id: 'short', values: [1, 2, 3] },
];

test('kpi forecast --series: hand-made series answered, a too-short one refused, the run goes on', () => {
  const lines = [...hand.map((h) => JSON.stringify(h)), '{"id": "bad", "values": [1, "x"]}', 'not json'];
  const file = write('hand.jsonl', lines.join('\n') + '\n');
  const r = runKpi(['forecast', '--series', file], dir);
  assert.equal(r.code, 1, 'some series were refused');
  const out = jsonLines(r.out);
  assert.deepEqual(
    out.map((o) => o['id']),
    ['constant', 'trend', 'seasonal', 'sparse', 'short', 'bad', null],
  );
  const byId = new Map(out.map((o) => [o['id'], o]));
  const constant = byId.get('constant') as Record<string, number[]>;
  assert.deepEqual(constant['mean'], [7, 7, 7]);
  // a constant series still gets an interval: ±1% of its level (95%)
  assert.deepEqual(constant['hi95'], [7.07, 7.07, 7.07]);
  assert.deepEqual(constant['lo95'], [6.93, 6.93, 6.93]);
  const trend = byId.get('trend') as Record<string, number[] | number>;
  (trend['mean'] as number[]).forEach((v, h) => assert.ok(Math.abs(v - (20 + 5 * (40 + h))) < 0.5));
  // the last step is 20 + 5·43 = 235, above the target 230 by more than its interval: likely
  assert.ok((trend['probability'] as number) > 0.9);
  const seasonal = byId.get('seasonal') as Record<string, number[]>;
  seasonal['mean']?.forEach((v, h) =>
    assert.ok(Math.abs(v - (100 + (pattern[(70 + h) % 7] as number))) < 0.5),
  );
  const counts = byId.get('sparse') as Record<string, number[]>;
  for (const k of ['mean', 'lo80', 'hi80', 'lo95', 'hi95'])
    assert.ok(counts[k]?.every((v) => v >= 0) && counts[k]?.length === 7, k);
  for (const o of [constant, seasonal, counts] as Record<string, number[]>[])
    o['lo95']?.forEach((lo, i) => {
      const at = (k: string): number => o[k]?.[i] ?? Number.NaN;
      assert.ok(
        lo <= at('lo80') && at('lo80') <= at('mean') && at('mean') <= at('hi80') && at('hi80') <= at('hi95'),
      );
    });
  assert.equal(byId.get('short')?.['code'], 'forecast.not_enough_data');
  assert.match(String(byId.get('short')?.['error']), /only 3 observed point/);
  assert.match(
    String(byId.get('bad')?.['error']),
    /line 6, series "bad": "values\[1\]" must be a finite number/,
  );
  assert.match(String(out[6]?.['error']), /line 7: not valid JSON/);
});

test('kpi anomalies --series: the burst in the sparse count is the only flag; short series refused', () => {
  const file = write('anomalies.jsonl', hand.map((h) => JSON.stringify(h)).join('\n'));
  const r = runKpi(['anomalies', '--series', file], dir);
  assert.equal(r.code, 1);
  const out = jsonLines(r.out);
  const flagged = out.filter((o) => o['anomaly'] === true).map((o) => `${String(o['id'])}@${String(o['i'])}`);
  assert.deepEqual(flagged, ['sparse@110']);
  // every point after the minimum history is judged: 120 − 21 (three weeks to test the weekly cycle)
  assert.equal(out.filter((o) => o['id'] === 'sparse').length, 120 - 21);
  const short = out.find((o) => o['id'] === 'short');
  assert.equal(short?.['code'], 'anomalies.not_enough_data');
  assert.match(String(short?.['error']), /3 observed value\(s\); anomalies are judged after 14/);
});

test('CSV input id,date,value: a missing day is a gap; a bad value refuses only its series', () => {
  const rows = ['id,date,value'];
  for (let d = 1; d <= 28; d++) if (d !== 15) rows.push(`a,2026-02-${String(d).padStart(2, '0')},${100 + d}`);
  rows.push('b,2026-02-01,5', 'b,2026-02-02,oops');
  const file = write('rows.csv', rows.join('\n') + '\n');
  const r = runKpi(['forecast', '--series', file, '--horizon', '2'], dir);
  assert.equal(r.code, 1);
  const [a, b] = jsonLines(r.out);
  // a linear series with one gap (interpolated): next two days 129, 130
  (a?.['mean'] as number[]).forEach((v, i) => assert.ok(Math.abs(v - (129 + i)) < 0.5, String(v)));
  assert.equal(b?.['code'], 'series.bad_value');
  assert.match(String(b?.['error']), /line 30, series "b": "oops" is not a number/);
  const head = write('head.csv', 'series,day,v\n');
  const h = runKpi(['forecast', '--series', head], dir);
  assert.equal(h.code, 2);
  assert.match(h.err, /expected id,date,value/);
});

test('10,000 series in one run (kpi anomalies --series), one refusal among them', () => {
  const lines: string[] = [];
  for (let s = 0; s < 10_000; s++) {
    const base = 10 + (s % 97);
    const values = Array.from({ length: 16 }, (_, t) => base + ((s + 3 * t) % 5));
    lines.push(JSON.stringify({ id: `s${s}`, values: s === 5000 ? values.slice(0, 4) : values }));
  }
  const file = write('many.jsonl', lines.join('\n'));
  // the run's output is several MB: read it through a large buffer
  const r = spawnSync(process.execPath, [BIN, 'anomalies', '--series', file], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  assert.equal(r.status, 1, r.stderr);
  const out = jsonLines(r.stdout);
  // 16 values, the first 14 are history: points 14 and 15 of each series, and one refusal
  assert.equal(out.length, 9_999 * 2 + 1);
  assert.deepEqual(
    out.filter((o) => o['code'] !== undefined).map((o) => o['id']),
    ['s5000'],
  );
  assert.deepEqual(new Set(out.map((o) => o['id'])).size, 10_000);
});
