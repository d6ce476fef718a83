#!/usr/bin/env node
// Calibration of P(hit), the forecast probability behind every verdict (docs/verdict.md):
// a backtest against held-out actuals, scored by the Brier score and reliability by decile,
// next to a pace-only rule (on pace = 1, a little behind = 0.5, behind = 0: what the status
// said before the verdict). Run by `npm run bench:forecast`, or alone:
//   node scripts/bench-calibration.mjs            (writes the section in docs/benchmarks.md)
//   M4_LIMIT=50 node scripts/bench-calibration.mjs (first 50 M4 series; no doc write)
// Two sources:
// - M4 weekly (../shared/data/m4): the goal period is the last 13 training weeks plus the 13
//   held-out weeks; judged at the cut (half-way). Reach: the week-26 level against the last
//   level × a factor; cumulative: the 26-week total against 2 × the 13 weeks so far × a
//   factor; factors drawn from a seeded grid. Outcome: the held-out actuals.
// - The demo (a fixed end date): the product end to end (evaluateScorecardOn) on goal periods
//   of 91 days that end inside the data, every KPI's target set to its own outcome × a seeded
//   factor, judged at 4 as-of days inside each period; the outcome is the product's own
//   achieved / missed at the deadline. Only readings with a forecast count, for both rules.
// A script, not a test: nothing here asserts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '@kpi/core';
import { createRandom, forecast, probabilityOfTarget } from '@kpi/forecast';
import { effectiveThresholds, statusFromBehind } from '@kpi/scorecard';
import { evaluateScorecardOn, openProject } from '@kpi/app';
import { openDuckDb } from '@kpi/engines';

const root = new URL('..', import.meta.url).pathname;
const m4 = join(root, '..', 'shared', 'data', 'm4');
const LIMIT = Number(process.env.M4_LIMIT ?? Infinity);
const FULL = !Number.isFinite(LIMIT);
const FACTORS = [0.9, 0.95, 0.98, 1, 1.02, 1.05, 1.1];
const DEMO_FACTORS = [0.8, 0.9, 0.95, 1, 1.05, 1.1, 1.25];
const PACE_P = { on_track: 1, at_risk: 0.5, off_track: 0, achieved: 1, missed: 0 };

const readWide = (path) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) =>
      line
        .split(',')
        .slice(1)
        .map((s) => s.replace(/"/g, ''))
        .filter((s) => s !== '')
        .map(Number),
    );

/** Brier score, and per decile of the prediction: count, mean prediction, observed rate. */
const score = (cases, key) => {
  const brier = cases.reduce((s, c) => s + (c[key] - c.hit) ** 2, 0) / cases.length;
  const bins = Array.from({ length: 10 }, () => ({ n: 0, p: 0, hits: 0 }));
  for (const c of cases) {
    const b = bins[Math.min(9, Math.floor(c[key] * 10))];
    b.n++;
    b.p += c[key];
    b.hits += c.hit;
  }
  const ece = bins.reduce(
    (s, b) => s + (b.n ? (b.n / cases.length) * Math.abs(b.p / b.n - b.hits / b.n) : 0),
    0,
  );
  return { brier, ece, bins };
};

const paceStatus = (kind, behind, tolerance) =>
  statusFromBehind(behind, effectiveThresholds(kind, tolerance, undefined));

const m4Cases = () => {
  const train = readWide(join(m4, 'Train', 'Weekly-train.csv')).slice(0, LIMIT);
  const test = readWide(join(m4, 'Test', 'Weekly-test.csv')).slice(0, LIMIT);
  const rnd = createRandom(11);
  const draw = () => FACTORS[Math.floor(rnd.uniform() * FACTORS.length)];
  const cases = [];
  train.forEach((y, i) => {
    const actual = test[i];
    if (y.length < 40 || actual.length < 13) return;
    const fc = forecast({ values: y, period: 52 }, 13);
    if (!fc.ok) return;
    const last = y[y.length - 1];
    const start = y[y.length - 14];
    const soFar = y.slice(-13).reduce((a, b) => a + b, 0);
    for (let j = 0; j < 2; j++) {
      const reach = last * draw();
      const expected = start + (reach - start) * 0.5;
      cases.push({
        kind: 'reach',
        p: probabilityOfTarget(fc.value, { kind: 'level', direction: 'at_least', target: reach, step: 12 }),
        pace: PACE_P[paceStatus('reach', (expected - last) / Math.abs(expected), 0)],
        hit: actual[12] >= reach ? 1 : 0,
      });
      const total = 2 * soFar * draw();
      const total26 = soFar + actual.slice(0, 13).reduce((a, b) => a + b, 0);
      cases.push({
        kind: 'cumulative',
        p: probabilityOfTarget(fc.value, {
          kind: 'sum',
          direction: 'at_least',
          target: total,
          achieved: soFar,
        }),
        pace: PACE_P[paceStatus('cumulative', (total / 2 - soFar) / (total / 2), 0)],
        hit: total26 >= total ? 1 : 0,
      });
    }
  });
  return cases;
};

const demoCases = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-calibration-'));
  try {
    const demo = join(dir, 'demo');
    const r = spawnSync(
      process.execPath,
      [join(root, 'packages/cli/bin/kpi.js'), 'init', demo, '--demo', '--end-date', '2026-11-21'],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    const base = openProject(demo).project;
    const engine = await openDuckDb(join(demo, '.kpi', 'kpi.duckdb'));
    const rnd = createRandom(12);
    const cases = [];
    const withTargets = (period, values) => ({
      ...base,
      goals: Object.fromEntries(Object.entries(base.goals).map(([n, g]) => [n, { ...g, period }])),
      kpis: Object.fromEntries(
        Object.entries(base.kpis)
          .filter(([, k]) => k.target && k.retired === undefined)
          .map(([n, k]) => [
            n,
            {
              ...k,
              target: { ...k.target, deadline: period.end, value: values?.[n] ?? k.target.value },
              baseline: { from: addDays(period.start, -28), to: addDays(period.start, -1) },
            },
          ]),
      ),
    });
    const readings = async (project, asOf) =>
      (await evaluateScorecardOn(engine, project, { asOf, withoutSupporting: true })).goals.flatMap(
        (g) => g.kpis,
      );
    try {
      for (const end of ['2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31']) {
        const period = { start: addDays(end, -90), end };
        // The judged value at the deadline, with any target (the value does not depend on it).
        const judged = new Map(
          (await readings(withTargets(period), end)).map((k) => [k.kpi, k.target?.actual ?? null]),
        );
        for (let v = 0; v < 2; v++) {
          const values = {};
          for (const [n, x] of judged)
            if (x !== null && x !== 0)
              values[n] = x * DEMO_FACTORS[Math.floor(rnd.uniform() * DEMO_FACTORS.length)];
          const project = withTargets(period, values);
          const outcome = new Map((await readings(project, end)).map((k) => [k.kpi, k.status]));
          for (const day of [20, 40, 60, 80]) {
            for (const k of await readings(project, addDays(period.start, day))) {
              const o = outcome.get(k.kpi);
              if (!k.forecast || values[k.kpi] === undefined || (o !== 'achieved' && o !== 'missed'))
                continue;
              cases.push({
                kind: k.target?.kind ?? '',
                p: k.forecast.probability,
                pace: PACE_P[k.verdict?.pace ?? 'at_risk'] ?? 0.5,
                hit: o === 'achieved' ? 1 : 0,
              });
            }
          }
        }
      }
    } finally {
      await engine.close();
    }
    return cases;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const fmt = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '–');

const report = (name, cases) => {
  const hits = cases.reduce((s, c) => s + c.hit, 0);
  const base = hits / cases.length;
  const model = score(cases, 'p');
  const pace = score(cases, 'pace');
  const climate = cases.reduce((s, c) => s + (base - c.hit) ** 2, 0) / cases.length;
  const lines = [
    `**${name}**: ${cases.length} judged targets (${hits} hit, base rate ${fmt(base, 2)}).`,
    '',
    '| rule | Brier score | calibration error (ECE) |',
    '|---|---|---|',
    `| P(hit) from the forecast | ${fmt(model.brier)} | ${fmt(model.ece)} |`,
    `| pace only (on pace 1, a little behind 0.5, behind 0) | ${fmt(pace.brier)} | ${fmt(pace.ece)} |`,
    `| the base rate for every target (no information) | ${fmt(climate)} | 0 |`,
    '',
    '| target kind | targets | hit rate | Brier, P(hit) | Brier, pace only |',
    '|---|---|---|---|---|',
    ...[...new Set(cases.map((c) => c.kind))].sort().map((kind) => {
      const of = cases.filter((c) => c.kind === kind);
      const rate = of.reduce((s, c) => s + c.hit, 0) / of.length;
      return `| ${kind} | ${of.length} | ${fmt(rate, 2)} | ${fmt(score(of, 'p').brier)} | ${fmt(score(of, 'pace').brier)} |`;
    }),
    '',
    '| P(hit) decile | targets | mean P(hit) | hit rate |',
    '|---|---|---|---|',
    ...model.bins.map(
      (b, i) =>
        `| ${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)} | ${b.n} | ${b.n ? fmt(b.p / b.n, 2) : '–'} | ${b.n ? fmt(b.hits / b.n, 2) : '–'} |`,
    ),
    '',
  ];
  console.log(`\n${lines.join('\n')}`);
  return lines;
};

export const benchCalibration = async () => {
  const sections = [];
  if (existsSync(join(m4, 'Train', 'Weekly-train.csv'))) sections.push(...report('M4 weekly', m4Cases()));
  else console.log('M4 data not found: skipped');
  sections.push(...report('Demo (product end to end)', await demoCases()));
  if (FULL) {
    const body = [
      '<!-- bench:calibration -->',
      '## Calibration of P(hit) (`npm run bench:forecast`, or `node scripts/bench-calibration.mjs`)',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}. How far to trust "83% likely": targets judged`,
      'before their deadline, scored against what happened (held-out actuals). Brier score: mean (prediction − outcome)²,',
      'lower is better; a well-calibrated P(hit) has hit rates close to its mean in every decile. Method in',
      '`scripts/bench-calibration.mjs`; the meaning of a hit per target kind in docs/verdict.md.',
      '',
      ...sections,
      '<!-- /bench:calibration -->',
    ].join('\n');
    const docPath = join(root, 'docs', 'benchmarks.md');
    const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
    const re = /<!-- bench:calibration -->[\s\S]*?<!-- \/bench:calibration -->/;
    writeFileSync(docPath, re.test(doc) ? doc.replace(re, body) : `${doc.trimEnd()}\n\n${body}\n`);
    console.log('\nwrote the calibration section of docs/benchmarks.md');
  }
};

if (import.meta.url === `file://${process.argv[1]}`) await benchCalibration();
