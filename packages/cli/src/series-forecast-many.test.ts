// `kpi forecast --series` on 10,000 hand-made series in one run of the real `kpi` process:
// 2,000 each of constant, straight-line trend, seasonal (period 4), sparse counts and
// too-short series. Every too-short series is refused with its reason, the run goes on, and
// the answers of the others are checked against values worked out by hand.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const BIN = new URL('../bin/kpi.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'kpi-series-many-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const KINDS = ['constant', 'trend', 'seasonal', 'sparse', 'short'] as const;
const N = 10_000;
const H = 3;
const LEN = 24;
const PATTERN = [10, 30, 20, 50];

/** Series s: kind s % 5, parameters from s so each is different and known. */
const make = (s: number): { id: string; values: number[]; period?: number } => {
  const kind = KINDS[s % 5] as (typeof KINDS)[number];
  const id = `${kind}-${s}`;
  const k = Math.floor(s / 5);
  if (kind === 'constant') return { id, values: new Array(LEN).fill(5 + (k % 50)) };
  if (kind === 'trend')
    return { id, values: Array.from({ length: LEN }, (_, t) => 100 + k + (1 + (k % 7)) * t) };
  if (kind === 'seasonal')
    return {
      id,
      values: Array.from({ length: LEN }, (_, t) => 200 + (k % 30) + (PATTERN[t % 4] as number)),
      period: 4,
    };
  // about 3 days in 10 count one, the rest zero; the phase moves with s
  if (kind === 'sparse')
    return { id, values: Array.from({ length: LEN }, (_, t) => ((t * 7 + k) % 10 < 3 ? 1 : 0)) };
  return { id, values: [1 + k, 2 + k, 3 + k] };
};

test('kpi forecast --series: 10,000 series of five kinds in one run, the too-short ones refused', () => {
  const series = Array.from({ length: N }, (_, s) => make(s));
  const file = join(dir, 'many.jsonl');
  writeFileSync(file, series.map((x) => JSON.stringify({ ...x, horizon: H })).join('\n') + '\n');
  const r = spawnSync(process.execPath, [BIN, 'forecast', '--series', file], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  assert.equal(r.status, 1, `exit 1: some series were refused\n${r.stderr}`);
  const out = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  // one line per series, in input order
  assert.equal(out.length, N);
  assert.deepEqual(
    out.map((o) => o['id']),
    series.map((x) => x.id),
  );
  const refused = out.filter((o) => o['code'] !== undefined);
  assert.equal(refused.length, N / 5);
  assert.ok(refused.every((o) => String(o['id']).startsWith('short-')));
  assert.ok(refused.every((o) => o['code'] === 'forecast.not_enough_data'));
  assert.match(String(refused[0]?.['error']), /series "short-4": .*only 3 observed point/);

  const num = (o: Record<string, unknown>, key: string): number[] => o[key] as number[];
  let checked = 0;
  out.forEach((o, s) => {
    const kind = KINDS[s % 5];
    const k = Math.floor(s / 5);
    if (kind === 'short') return;
    const mean = num(o, 'mean');
    assert.equal(mean.length, H, String(o['id']));
    // bounds nest around the mean at every step
    for (let i = 0; i < H; i++) {
      const at = (key: string): number => num(o, key)[i] as number;
      assert.ok(
        at('lo95') <= at('lo80') &&
          at('lo80') <= at('mean') &&
          at('mean') <= at('hi80') &&
          at('hi80') <= at('hi95'),
        `${String(o['id'])} step ${i}`,
      );
    }
    if (kind === 'constant') {
      // the level itself, with the ±1% floor at 95%
      const level = 5 + (k % 50);
      assert.deepEqual(mean, [level, level, level]);
      assert.deepEqual(
        num(o, 'hi95').map((v) => Math.round(v * 1e4) / 1e4),
        new Array(H).fill(Math.round(level * 1.01 * 1e4) / 1e4),
      );
    } else if (kind === 'trend') {
      // the line continued: 100 + k + slope·(24 + h)
      const slope = 1 + (k % 7);
      mean.forEach((v, h) =>
        assert.ok(Math.abs(v - (100 + k + slope * (LEN + h))) < 0.5, `${String(o['id'])}: ${v}`),
      );
    } else if (kind === 'seasonal') {
      // the pattern continued: steps 24, 25, 26 are phases 0, 1, 2
      mean.forEach((v, h) =>
        assert.ok(
          Math.abs(v - (200 + (k % 30) + (PATTERN[(LEN + h) % 4] as number))) < 0.5,
          `${String(o['id'])}: ${v}`,
        ),
      );
    } else {
      // counts: never below zero, never above the most seen (one) by the mean
      for (const key of ['mean', 'lo80', 'hi80', 'lo95', 'hi95'])
        assert.ok(
          num(o, key).every((v) => v >= 0),
          key,
        );
      assert.ok(mean.every((v) => v <= 1));
    }
    checked++;
  });
  assert.equal(checked, (N * 4) / 5);
});
