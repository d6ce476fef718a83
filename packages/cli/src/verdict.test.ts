// The "Done when" test of one honest verdict (issue 11): `kpi status --json` on a demo made
// with a fixed end date, at 20 as-of dates over its last six months. No reading may have a
// status that contradicts its probability, a cumulative range below the total counted, a
// negative range for a count, a rate range outside [0, 1], or a cause table longer than the
// member limit (5, the scorecard's default). To stay fast, one demo is
// shared: the real CLI process runs one date (and its JSON must equal the in-process
// answer), the app's use-case the other 19 in-process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '@kpi/core';
import { evaluateScorecard, openProject, type KpiReading, type Scorecard } from '@kpi/app';

const BIN = new URL('../bin/kpi.js', import.meta.url).pathname;
const run = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const END = '2026-11-21';
// Every 9 days back from the day before the end: 2026-11-20 … 2026-06-02 (171 days).
const DATES = Array.from({ length: 20 }, (_, i) => addDays(END, -1 - 9 * i));

let root = '';
let demo = '';
before(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-verdict-'));
  demo = join(root, 'demo');
  const r = run(['init', demo, '--demo', '--end-date', END], root);
  assert.equal(r.code, 0, r.err);
});
after(() => rmSync(root, { recursive: true, force: true }));

const roundDeep = (v: unknown): unknown =>
  JSON.parse(
    JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'number' && Number.isFinite(x) && !Number.isInteger(x) ? Number(x.toPrecision(12)) : x,
    ),
  );

interface Counts {
  readings: number;
  withForecast: number;
  cumulativeCounts: number;
  countRanges: number;
  rateRanges: number;
  contradictions: number;
  belowCounted: number;
  negativeCounts: number;
  rateOutside: number;
  causeTables: number;
  overLimit: number;
}

test('20 dates of kpi status: status agrees with probability, ranges stay honest', async () => {
  const lp = openProject(demo);
  const metrics = lp.project.metrics;
  const c: Counts = {
    readings: 0,
    withForecast: 0,
    cumulativeCounts: 0,
    countRanges: 0,
    rateRanges: 0,
    contradictions: 0,
    belowCounted: 0,
    negativeCounts: 0,
    rateOutside: 0,
    causeTables: 0,
    overLimit: 0,
  };
  const bad: string[] = [];
  const audit = (asOf: string, r: KpiReading): void => {
    c.readings++;
    const m = metrics[r.metric];
    const isCount = m?.kind === 'simple' && (m.agg === 'sum' || m.agg === 'count');
    const isRate = m?.kind === 'ratio' && m.unit === 'percent';
    const where = `${asOf} ${r.kpi}`;
    assert.ok(r.verdict, `${where}: every reading carries a verdict`);
    assert.equal(r.verdict.status, r.status, `${where}: the status is the verdict's`);
    assert.ok(r.verdict.phrase.length > 0);
    for (const d of r.cause.dimensions) {
      c.causeTables++;
      if (d.members.length > 5) {
        c.overLimit++;
        bad.push(`${where}: ${d.dimension} lists ${d.members.length} members`);
      }
    }
    for (const a of r.anomalies ?? [])
      if (isCount && (a.expectedLow < 0 || a.expected < 0)) {
        c.negativeCounts++;
        bad.push(`${where}: anomaly band ${a.expectedLow}..${a.expectedHigh}`);
      }
    const f = r.forecast;
    if (!f) return;
    c.withForecast++;
    const p = f.probability;
    const { onTrack } = r.verdict.thresholds;
    if ((r.status === 'on_track' && p < onTrack) || (r.status === 'off_track' && p >= onTrack)) {
      c.contradictions++;
      bad.push(`${where}: ${r.status} at ${p}`);
    }
    assert.equal(r.verdict.probability, p, `${where}: the verdict reads the forecast's probability`);
    if (isCount) {
      c.countRanges++;
      if (f.low95 < 0) {
        c.negativeCounts++;
        bad.push(`${where}: range from ${f.low95}`);
      }
      if (r.target?.kind === 'cumulative') {
        c.cumulativeCounts++;
        const counted = r.target.actual ?? 0;
        if (f.low95 < counted || f.low80 < counted || f.atDeadline < counted) {
          c.belowCounted++;
          bad.push(`${where}: range from ${f.low95} with ${counted} counted`);
        }
      }
    }
    if (isRate) {
      c.rateRanges++;
      if (f.low95 < 0 || f.high95 > 1) {
        c.rateOutside++;
        bad.push(`${where}: rate range ${f.low95}..${f.high95}`);
      }
    }
  };
  const [first, ...rest] = DATES as [string, ...string[]];
  // The real CLI for one date, and the same answer in-process.
  const r = run(['status', '--json', '--as-of', first], demo);
  assert.equal(r.code, 0, r.err);
  const viaCli = JSON.parse(r.out) as Scorecard;
  const inProcess = JSON.parse(JSON.stringify(await evaluateScorecard(lp, { asOf: first }))) as Scorecard;
  // DuckDB sums doubles on several threads, so a sum may differ in its last bits between two
  // runs: the two answers must agree to 12 significant digits.
  assert.deepEqual(roundDeep(viaCli), roundDeep(inProcess));
  for (const k of viaCli.goals.flatMap((g) => g.kpis)) audit(first, k);
  // The plain view says each reading's verdict in the API's words.
  const plain = run(['status', '--as-of', first], demo);
  assert.equal(plain.code, 0, plain.err);
  const text = plain.out.toLowerCase().replace(/\s+/g, ' ');
  for (const k of viaCli.goals.flatMap((g) => g.kpis))
    assert.ok(
      text.includes((k.verdict?.phrase ?? '-').toLowerCase()),
      `kpi status says "${k.verdict?.phrase}" for ${k.kpi}`,
    );
  for (const asOf of rest) {
    const card = await evaluateScorecard(lp, { asOf });
    for (const k of card.goals.flatMap((g) => g.kpis)) audit(asOf, k);
  }
  console.log(`verdict audit over ${DATES.length} dates: ${JSON.stringify(c)}`);
  // The audit covers real ground: most readings have a forecast, and every kind of range is seen.
  assert.ok(c.readings >= 20 * 15, `readings ${c.readings}`);
  assert.ok(c.withForecast >= c.readings * 0.8, `forecasts ${c.withForecast}`);
  assert.ok(c.cumulativeCounts >= 100 && c.rateRanges >= 40 && c.causeTables >= 100, JSON.stringify(c));
  assert.deepEqual(bad, []);
});
