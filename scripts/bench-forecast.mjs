#!/usr/bin/env node
// `npm run bench:forecast`: accuracy, interval calibration and speed of @kpi/forecast on the
// M4 competition's weekly (h=13) and hourly (h=48) series, scored exactly as M4 does, next to
// the published benchmark figures, a Naive2 computed in this run, and R's forecast::ets()
// when Rscript + the forecast package are installed. Also times 1,000 two-year daily series
// forecast 90 days ahead, the tourism competition's yearly / quarterly / monthly series
// (../shared/data/tourism: accuracy, 80/95% coverage, MSIS), and the calibration of P(hit)
// (scripts/bench-calibration.mjs).
// Writes the figures to docs/benchmarks.md.
//   M4_LIMIT=50 node scripts/bench-forecast.mjs   (first 50 series per frequency; no doc write)
//   SKIP_R=1 ...                                   (skip R even when installed)
//   TOURISM_ONLY=1 ...                             (only the tourism section)
// A script, not a test: nothing here asserts a timing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  candidateFitters,
  coverage,
  createRandom,
  forecast,
  mae,
  maseScale,
  msis,
  smape,
} from '@kpi/forecast';
import { benchCalibration } from './bench-calibration.mjs';
import { TOURISM_FREQS, readTourism, tourismScorer } from './tourism-data.mjs';

const root = new URL('..', import.meta.url).pathname;
const m4 = join(root, '..', 'shared', 'data', 'm4');
const LIMIT = Number(process.env.M4_LIMIT ?? Infinity);
const FULL = !Number.isFinite(LIMIT);
const FREQS = [
  { name: 'Weekly', h: 13, m: 1, periods: [52], rFreq: 1 },
  { name: 'Hourly', h: 48, m: 24, periods: [24, 168], rFreq: 24 },
];

const readWide = (path) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const f = line.split(',').map((s) => s.replace(/"/g, ''));
      return {
        id: f[0],
        values: f
          .slice(1)
          .filter((s) => s !== '')
          .map(Number),
      };
    });

const readResults = (path) => {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const head = lines[0].split(',');
  const rows = new Map();
  for (const l of lines.slice(1)) {
    const f = l.split(',');
    rows.set(f[0], Object.fromEntries(head.map((h, i) => [h, Number(f[i])])));
  }
  return rows;
};

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Accumulates M4 scores per method over series. */
const scorer = () => {
  const acc = { smape: [], mase: [], cov: [], msis: [] };
  return {
    add(train, actual, f, m) {
      const scale = maseScale(train, m);
      acc.smape.push(smape(actual, f.mean));
      acc.mase.push(mae(actual, f.mean) / scale);
      if (f.low95) {
        acc.cov.push(coverage(actual, f.low95, f.high95));
        acc.msis.push(msis(actual, f.low95, f.high95, scale));
      }
    },
    result: () => ({
      smape: mean(acc.smape),
      mase: mean(acc.mase),
      coverage: acc.cov.length ? mean(acc.cov) : NaN,
      msis: acc.msis.length ? mean(acc.msis) : NaN,
    }),
  };
};

const rAvailable = () =>
  !process.env.SKIP_R && spawnSync('Rscript', ['-e', 'library(forecast)'], { stdio: 'ignore' }).status === 0;

const runR = (train, freq) => {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-bench-r-'));
  const inp = join(dir, 'in.csv');
  writeFileSync(inp, train.map((s) => s.values.join(',')).join('\n') + '\n');
  const script = `
suppressMessages(library(forecast))
lines <- readLines("${inp}")
t0 <- proc.time()[["elapsed"]]
out <- lapply(lines, function(l) {
  y <- ts(as.numeric(strsplit(l, ",")[[1]]), frequency = ${freq.rFreq})
  f <- forecast(ets(y), h = ${freq.h}, level = 95)
  paste(c(f$mean, f$lower, f$upper), collapse = ",")
})
el <- proc.time()[["elapsed"]] - t0
writeLines(c(as.character(el), unlist(out)), "${join(dir, 'out.csv')}")
`;
  const r = spawnSync('Rscript', ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const lines = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
  rmSync(dir, { recursive: true, force: true });
  const seconds = Number(lines[0]);
  const fcs = lines.slice(1).map((l) => {
    const v = l.split(',').map(Number);
    const h = freq.h;
    return { mean: v.slice(0, h), low95: v.slice(h, 2 * h), high95: v.slice(2 * h, 3 * h) };
  });
  return { seconds, fcs };
};

const points = readResults(join(m4, 'm4_point_forecast_results_by_frequency.csv'));
const intervals = readResults(join(m4, 'm4_prediction_interval_results_by_frequency.csv'));
const withR = rAvailable();
const sections = [];
const fmt = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '–');

for (const freq of process.env.TOURISM_ONLY ? [] : FREQS) {
  const train = readWide(join(m4, 'Train', `${freq.name}-train.csv`)).slice(0, LIMIT);
  const test = readWide(join(m4, 'Test', `${freq.name}-test.csv`)).slice(0, LIMIT);
  const ours = scorer();
  const naive2 = scorer();
  const fitNaive2 = candidateFitters(freq.m > 1 ? [freq.m] : []).get('naive2');
  let failed = 0;
  const t0 = performance.now();
  for (let i = 0; i < train.length; i++) {
    const f = forecast({ values: train[i].values, period: freq.periods }, freq.h, { nonNegative: false });
    if (!f.ok) {
      failed++;
      continue;
    }
    ours.add(train[i].values, test[i].values, f.value, freq.m);
  }
  const seconds = (performance.now() - t0) / 1000;
  for (let i = 0; i < train.length; i++) {
    const y = Float64Array.from(train[i].values);
    naive2.add(train[i].values, test[i].values, fitNaive2(y).forecast(freq.h), freq.m);
  }
  const n2 = naive2.result();
  const owa = (r) => (r.smape / n2.smape + r.mase / n2.mase) / 2;
  const rows = [];
  const mine = ours.result();
  rows.push({ method: `**kpi forecast (auto)**`, ...mine, owa: owa(mine), seconds });
  rows.push({ method: 'Naive2 (this run)', ...n2, owa: 1 });
  if (withR) {
    const r = runR(train, freq);
    if (r) {
      const rs = scorer();
      r.fcs.forEach((f, i) => rs.add(train[i].values, test[i].values, f, freq.m));
      const rr = rs.result();
      rows.push({ method: 'R forecast::ets() (this run)', ...rr, owa: owa(rr), seconds: r.seconds });
    }
  }
  const pub = (name, label = name) => {
    const p = points.get(name);
    if (!p) return;
    const iv = intervals.get(name === 'ETS' ? 'ETS' : name);
    rows.push({
      method: `${label} (M4 published)`,
      smape: p[`sMAPE_${freq.name}`],
      mase: p[`MASE_${freq.name}`],
      owa: p[`OWA_${freq.name}`],
      acd: iv ? iv[`ACD_${freq.name}`] : NaN,
      msis: iv ? iv[`MSIS_${freq.name}`] : NaN,
    });
  };
  for (const b of ['Naive2', 'sNaive', 'SES', 'Holt', 'Damped', 'Theta', 'Com']) pub(b);
  let best = '';
  for (const [name, p] of points)
    if (/^\d+$/.test(name) && (best === '' || p[`OWA_${freq.name}`] < points.get(best)[`OWA_${freq.name}`]))
      best = name;
  pub(best, `Best submission #${best}`);
  for (const name of ['ETS', 'ARIMA']) {
    const iv = intervals.get(name);
    rows.push({
      method: `${name} intervals (M4 published)`,
      smape: NaN,
      mase: NaN,
      owa: NaN,
      acd: iv[`ACD_${freq.name}`],
      msis: iv[`MSIS_${freq.name}`],
    });
  }
  const official = points.get('Naive2');
  console.log(
    `\n${freq.name}: ${train.length} series, h=${freq.h}${failed ? `, ${failed} failed` : ''}; Naive2 check: ${fmt(n2.smape)} / ${fmt(n2.mase)} vs official ${official[`sMAPE_${freq.name}`]} / ${official[`MASE_${freq.name}`]}`,
  );
  const table = [
    `| ${freq.name} (h=${freq.h}, ${train.length} series) | sMAPE | MASE | OWA | 95% coverage | ACD | MSIS | wall time |`,
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const acd = r.acd ?? Math.abs((r.coverage ?? NaN) - 0.95);
      const time = r.seconds ? `${r.seconds.toFixed(1)} s` : '';
      return `| ${r.method} | ${fmt(r.smape)} | ${fmt(r.mase)} | ${fmt(r.owa)} | ${fmt(r.coverage)} | ${fmt(acd)} | ${fmt(r.msis)} | ${time} |`;
    }),
  ];
  console.log(table.join('\n'));
  const benchBest = Math.min(
    ...rows
      .filter((r) => /published/.test(r.method) && !/submission/.test(r.method) && Number.isFinite(r.owa))
      .map((r) => r.owa),
  );
  const rRow = rows.find((r) => r.method.startsWith('R forecast'));
  const bestSub = rows.find((r) => r.method.startsWith('Best submission'));
  const verdict = [
    `OWA ${fmt(owa(mine))} ${owa(mine) < benchBest ? 'beats' : 'does not beat'} the best M4 benchmark (${fmt(benchBest)})`,
    rRow
      ? `${owa(mine) < rRow.owa ? 'beats' : 'does not beat'} R ets() (${fmt(rRow.owa)})`
      : 'R ets() not run',
    `${owa(mine) <= bestSub.owa ? 'reaches' : 'falls short of'} the best submission (${fmt(bestSub.owa)})`,
    `95% coverage ${fmt(mine.coverage)} ${Math.abs(mine.coverage - 0.95) <= 0.03 ? 'within' : 'outside'} 0.03 of 0.95`,
    rRow
      ? `${seconds < rRow.seconds ? 'faster' : 'slower'} than R ets() (${seconds.toFixed(1)} s vs ${rRow.seconds.toFixed(1)} s)`
      : '',
  ].filter(Boolean);
  console.log(`${freq.name}: ${verdict.join('; ')}`);
  sections.push({ freq, table, n2, official, verdict });
}

// The tourism competition's yearly, quarterly and monthly series: accuracy and intervals.
const tourismDir = join(root, '..', 'shared', 'data', 'tourism');
const tourism = [];
if (existsSync(tourismDir))
  for (const freq of TOURISM_FREQS) {
    const data = readTourism(tourismDir, freq).slice(0, LIMIT);
    const ours = tourismScorer();
    const naive = tourismScorer();
    let failed = 0;
    const t0 = performance.now();
    for (const s of data) {
      const f = forecast({ values: s.train, ...(freq.m > 1 ? { period: freq.m } : {}) }, freq.h);
      if (!f.ok) {
        failed++;
        continue;
      }
      ours.add(s.train, s.test, f.value, freq.m);
    }
    const seconds = (performance.now() - t0) / 1000;
    // the paper's naive: the last value (yearly), the last season's values (quarterly, monthly)
    for (const s of data)
      naive.add(
        s.train,
        s.test,
        { mean: s.test.map((_, i) => s.train[s.train.length - freq.m + (i % freq.m)]) },
        freq.m,
      );
    const mine = ours.result();
    const nv = naive.result();
    const row = (name, r, time = '') =>
      `| ${name} | ${fmt(r.mape, 2)} | ${fmt(r.smape, 2)} | ${fmt(r.mase, 3)} | ${fmt(r.coverage80, 3)} | ${fmt(r.coverage, 3)} | ${fmt(r.msis, 2)} | ${time} |`;
    const table = [
      `| Tourism ${freq.name} (h=${freq.h}, ${data.length} series) | MAPE | sMAPE | MASE | 80% coverage | 95% coverage | MSIS | wall time |`,
      '|---|---|---|---|---|---|---|---|',
      row('**kpi forecast (auto)**', mine, `${seconds.toFixed(1)} s`),
      row(freq.m > 1 ? 'Seasonal naive (this run)' : 'Naive (this run)', nv),
      `| Naive (published) | ${freq.naiveMape} | | | | | | |`,
    ];
    const within = Math.abs(mine.coverage - 0.95) <= 0.02;
    const verdict = `95% coverage ${fmt(mine.coverage)} ${within ? 'within' : 'outside'} ±0.02 of 0.95; MASE ${fmt(mine.mase)} vs naive ${fmt(nv.mase)}${failed ? `; ${failed} failed` : ''}`;
    console.log(`\n${table.join('\n')}\n${freq.name}: ${verdict}`);
    tourism.push({ freq, table, verdict });
  }

// 1,000 two-year daily series (weekly + yearly seasonality, trend, noise), 90 days ahead
const rnd = createRandom(7);
const daily = Array.from({ length: 1000 }, () => {
  const base = 100 + 900 * rnd.uniform();
  const slope = (rnd.uniform() - 0.3) * 0.002;
  const week = Array.from({ length: 7 }, () => 1 + 0.3 * (rnd.uniform() - 0.5));
  return Array.from({ length: 730 }, (_, t) => {
    const yearly = 1 + 0.2 * Math.sin((2 * Math.PI * t) / 365.25);
    return Math.max(0, base * (1 + slope * t) * week[t % 7] * yearly * (1 + 0.08 * rnd.normal()));
  });
});
const td = performance.now();
let dailyOk = 0;
for (const values of daily) if (forecast({ values, period: [7, 365] }, 90).ok) dailyOk++;
const dailySeconds = (performance.now() - td) / 1000;
console.log(
  `\nDaily: 1,000 series × 730 days, h=90 with intervals: ${dailySeconds.toFixed(1)} s (${dailyOk} ok)`,
);

if (FULL) {
  const date = new Date().toISOString().slice(0, 10);
  const cpu = cpus();
  const body = [
    '<!-- bench:forecast -->',
    '## Forecast accuracy and speed on M4 (`npm run bench:forecast`)',
    '',
    `Measured ${date} on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, single thread.`,
    'Every M4 weekly and hourly series is forecast by `forecast()` (method `auto`, periods 52 for weekly and 24 + 168 for',
    'hourly); sMAPE, MASE (scale: in-sample naive error at lag 1 weekly, 24 hourly), OWA against the Naive2 computed in',
    "the same run, 95% interval coverage and MSIS are M4's definitions. Published rows come from the M4 results files.",
    ...sections.map(
      (s) =>
        `Naive2 sanity check (${s.freq.name}): ${fmt(s.n2.smape)} / ${fmt(s.n2.mase)} here vs ${s.official[`sMAPE_${s.freq.name}`]} / ${s.official[`MASE_${s.freq.name}`]} official.`,
    ),
    '',
    ...sections.flatMap((s) => [
      ...s.table,
      '',
      `Against the targets (${s.freq.name}): ${s.verdict.join('; ')}.`,
      '',
    ]),
    'ACD = |95% coverage − 0.95|; M4 publishes only the ACD for its methods, so their coverage column is empty.',
    '',
    `Speed: 1,000 synthetic two-year daily series (weekly + yearly seasonality), 90 days ahead with 80/95% intervals: ${dailySeconds.toFixed(1)} s (target: under 10 s).`,
    withR ? '' : 'R forecast::ets() was not installed for this run.',
    '<!-- /bench:forecast -->',
  ].join('\n');
  const tourismBody = [
    '<!-- bench:forecast-tourism -->',
    '## Forecast accuracy and intervals on the tourism competition (`npm run bench:forecast`)',
    '',
    `Measured ${date}. Every series of ../shared/data/tourism (Athanasopoulos et al. 2011) is forecast by \`forecast()\``,
    "(method `auto`, period 1 / 4 / 12) over the competition horizon. MAPE is the paper's measure (its naive figures are",
    "reproduced in this run); MASE is scaled by the in-sample seasonal naive error; MSIS is M4's (95%). Interval widths are",
    'calibrated per horizon step on rolling origins of each series (the holdout and up to five earlier origins); the',
    'bounds are Student-t quantiles with one degree of freedom per two horizons of history (at least 3). How these',
    'choices were made (on validation windows inside the training years) is in the section after this one.',
    '',
    ...tourism.flatMap((t) => [...t.table, '', `Against the target (${t.freq.name}): ${t.verdict}.`, '']),
    '<!-- /bench:forecast-tourism -->',
  ].join('\n');
  const docPath = join(root, 'docs', 'benchmarks.md');
  const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
  const re = /<!-- bench:forecast -->[\s\S]*?<!-- \/bench:forecast -->/;
  const withM4 =
    sections.length === 0 ? doc : re.test(doc) ? doc.replace(re, body) : `${doc.trimEnd()}\n\n${body}\n`;
  const reT = /<!-- bench:forecast-tourism -->[\s\S]*?<!-- \/bench:forecast-tourism -->/;
  const out = reT.test(withM4) ? withM4.replace(reT, tourismBody) : `${withM4.trimEnd()}\n\n${tourismBody}\n`;
  writeFileSync(docPath, tourism.length > 0 ? out : withM4);
  console.log('\nwrote docs/benchmarks.md');
}

// The calibration of P(hit) against held-out outcomes (its own section of docs/benchmarks.md).
await benchCalibration();
