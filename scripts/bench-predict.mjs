#!/usr/bin/env node
// `npm run bench:predict`: how well @kpi/predict recovers a known truth, and how fast.
//  1. Budget: on generated media histories with planted response curves (8 channels, two
//     years, 20 seeds), the outcome of the recommended split (under the TRUE curves) against
//     the true optimum, today's split and a split proportional to past outcome — with no
//     limits and with ±30% per channel.
//  2. Churn: on generated subscribers with planted hazards (20,000 customers, 20 seeds), AUC,
//     Brier and reliability by decile on the 30 days after the as-of day (never seen by the
//     model), against a recency-only rule (ranked by days since activity; its probabilities
//     are the churn rate per recency decile in the last labelled period).
//  3. Speed: 50 channels × 2 years (fit with a 100-draw bootstrap, then allocate), and
//     1,000,000 customers (features, training, scoring, interval).
// Writes its section of docs/benchmarks.md. A script, not a test: nothing here asserts a timing.
//   QUICK=1 node scripts/bench-predict.mjs   (3 seeds, 100k customers; no doc write)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  allocateBudget,
  assessChurn,
  auc,
  brier,
  calibrationGap,
  fitResponseCurve,
  reliability,
  snapshotAt,
  splitOutcome,
  syntheticMedia,
  syntheticSubscribers,
} from '@kpi/predict';

const root = new URL('..', import.meta.url).pathname;
const QUICK = process.env.QUICK === '1';
const SEEDS = QUICK ? 3 : 20;
const DAYS = 730;
const PERIOD = 30;

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};
const pct = (x, d = 1) => `${(x * 100).toFixed(d)}%`;

// 1. Budget ------------------------------------------------------------------------------
const budgetRun = (maxChange) => {
  const rows = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const world = syntheticMedia(seed, 8, DAYS);
    const fits = world.map((c) => fitResponseCurve(c, { resamples: 0 }));
    const today = world.map((c) => mean(c.spend.slice(-28)) * PERIOD);
    const total = today.reduce((a, b) => a + b, 0);
    const past = world.map((c) => c.outcome.slice(-90).reduce((a, b) => a + b, 0));
    const pastAll = past.reduce((a, b) => a + b, 0);
    const opts = maxChange === undefined ? {} : { maxChange };
    const members = world.map((c, i) => ({
      name: c.name,
      today: today[i],
      ...(fits[i].ok ? { curve: fits[i].value.curve } : {}),
    }));
    const plan = allocateBudget({ members, total, days: PERIOD, ...opts });
    const best = allocateBudget({
      members: world.map((c, i) => ({ name: c.name, today: today[i], curve: c.truth })),
      total,
      days: PERIOD,
      ...opts,
    });
    if (!plan.ok || !best.ok) throw new Error(`seed ${seed}: no plan`);
    const truth = world.map((c) => ({ curve: c.truth }));
    const value = (s) => splitOutcome(truth, s, PERIOD);
    // Proportional to past outcome, clipped into the same limits by the allocator's bounds (a sum-preserving rescale).
    let prop = past.map((p) => (total * p) / pastAll);
    if (maxChange !== undefined) {
      for (let it = 0; it < 50; it++) {
        prop = prop.map((x, i) =>
          Math.min(today[i] * (1 + maxChange), Math.max(today[i] * (1 - maxChange), x)),
        );
        const s = prop.reduce((a, b) => a + b, 0);
        const free = prop.map((x, i) =>
          s < total ? x < today[i] * (1 + maxChange) - 1e-6 : x > today[i] * (1 - maxChange) + 1e-6,
        );
        const room = prop.reduce((a, x, i) => a + (free[i] ? x : 0), 0);
        if (Math.abs(s - total) < 1e-6 || room <= 0) break;
        prop = prop.map((x, i) => (free[i] ? x * (1 + (total - s) / room) : x));
      }
    }
    rows.push({
      seed,
      fitted: fits.filter((f) => f.ok).length,
      plan: value(plan.value.members.map((m) => m.spend)),
      optimum: value(best.value.members.map((m) => m.spend)),
      today: value(today),
      proportional: value(prop),
    });
  }
  return rows;
};

// 2. Churn -------------------------------------------------------------------------------
const churnRun = (customers) => {
  const rule = { kind: 'inactivity', days: 30 };
  const rows = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const world = syntheticSubscribers(seed, customers, 600);
    const asOf = 540;
    const r = assessChurn(world.activity, rule, { asOfDay: asOf, horizon: 30 });
    if (!r.ok) throw new Error(`seed ${seed}: ${r.issues[0]?.message}`);
    const a = r.value;
    const y = snapshotAt(world.activity, rule, asOf, 30, 600).y;
    // Recency-only rule: churn rate per recency decile of the last labelled period, applied now.
    const prev = a.previous;
    const cuts = [...prev.recencyDays].sort((p, q) => p - q);
    const edges = Array.from({ length: 9 }, (_, k) => cuts[Math.floor(((k + 1) * cuts.length) / 10)]);
    const bin = (d) => edges.filter((e) => d > e).length;
    const rate = Array.from({ length: 10 }, () => ({ n: 0, k: 0 }));
    prev.recencyDays.forEach((d, i) => {
      rate[bin(d)].n++;
      rate[bin(d)].k += prev.y[i];
    });
    const recencyP = Float64Array.from(a.current.recencyDays, (d) => {
      const g = rate[bin(d)];
      return g.n ? g.k / g.n : 0;
    });
    const rel = reliability(a.risk, y, 10);
    const happened = y.reduce((s, v) => s + v, 0);
    rows.push({
      seed,
      active: y.length,
      modelAuc: auc(a.risk, y),
      recencyAuc: auc(a.current.recencyDays, y),
      modelBrier: brier(a.risk, y),
      recencyBrier: brier(recencyP, y),
      gap: calibrationGap(rel),
      rel,
      inInterval: happened >= a.expected.low && happened <= a.expected.high ? 1 : 0,
    });
  }
  return rows;
};

// 3. Speed -------------------------------------------------------------------------------
const timeBudget50 = () => {
  const world = syntheticMedia(99, 50, DAYS);
  const t0 = performance.now();
  const fits = world.map((c, i) => fitResponseCurve(c, { resamples: 100, seed: i }));
  const t1 = performance.now();
  const today = world.map((c) => mean(c.spend.slice(-28)) * PERIOD);
  const plan = allocateBudget({
    members: world.map((c, i) => ({
      name: c.name,
      today: today[i],
      ...(fits[i].ok ? { curve: fits[i].value.curve } : {}),
    })),
    total: today.reduce((a, b) => a + b, 0),
    days: PERIOD,
    maxChange: 0.3,
  });
  const t2 = performance.now();
  if (!plan.ok) throw new Error('no plan');
  // Reference in the same run: one pass over the same data (the sums a spreadsheet would take).
  const r0 = performance.now();
  let s = 0;
  for (const c of world) for (let i = 0; i < c.spend.length; i++) s += c.spend[i] * c.outcome[i];
  const r1 = performance.now();
  return { fit: (t1 - t0) / 1000, allocate: (t2 - t1) / 1000, pass: (r1 - r0) / 1000, check: s };
};

const timeChurn = (customers) => {
  const g0 = performance.now();
  const world = syntheticSubscribers(7, customers, 730);
  const g1 = performance.now();
  const r = assessChurn(world.activity, { kind: 'inactivity', days: 30 }, { asOfDay: 729, horizon: 30 });
  const g2 = performance.now();
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return {
    generate: (g1 - g0) / 1000,
    assess: (g2 - g1) / 1000,
    events: world.activity.days.length,
    active: r.value.current.customers.length,
  };
};

const free = budgetRun(undefined);
const capped = budgetRun(0.3);
const churnCustomers = 20_000;
const churn = churnRun(churnCustomers);
const speed50 = timeBudget50();
const bigN = QUICK ? 100_000 : 1_000_000;
const speedChurn = timeChurn(bigN);

const budgetLine = (label, rows) => {
  const ratio = rows.map((r) => r.plan / r.optimum);
  const vsToday = rows.filter((r) => r.plan > r.today).length;
  const vsProp = rows.filter((r) => r.plan > r.proportional).length;
  return `| ${label} | ${pct(Math.min(...ratio), 2)} | ${pct(median(ratio), 2)} | ${rows.filter((r) => r.plan >= 0.95 * r.optimum).length}/${rows.length} | ${vsToday}/${rows.length} (${pct(mean(rows.map((r) => r.plan / r.today - 1)))} more) | ${vsProp}/${rows.length} (${pct(mean(rows.map((r) => r.plan / r.proportional - 1)))} more) |`;
};
const decile = Array.from({ length: 10 }, (_, k) => ({
  predicted: mean(churn.map((r) => r.rel[k]?.predicted ?? 0)),
  observed: mean(churn.map((r) => r.rel[k]?.observed ?? 0)),
}));

const body = [
  '<!-- bench:predict -->',
  '## Budget allocation and churn risk (`npm run bench:predict`)',
  '',
  `Generated data with a known truth (scripts/bench-predict.mjs, ${SEEDS} seeds, ${cpus().length} cores shared with other work). Budget: 8 channels × 2 years of daily spend and outcome, each with a planted adstock + saturation curve; the plan is fitted on the history, then scored under the TRUE curves for the next ${PERIOD} days, with the same total as today's pace.`,
  '',
  '| limits | worst plan / true optimum | median | within 5% | above today’s split | above a split proportional to past outcome |',
  '| --- | --- | --- | --- | --- | --- |',
  budgetLine('none', free),
  budgetLine('±30% per channel', capped),
  '',
  `Churn: ${churnCustomers.toLocaleString('en')} subscribers with planted hazards (plan, fading activity, low activity), two years; learned as of day 540, scored on who left in the next 30 days (unseen by the model). Recency-only rule: ranked by days since the last activity; its probabilities are the churn rate of its recency decile in the last labelled period.`,
  '',
  '| | AUC (mean, min) | Brier (mean) | largest decile gap | expected churners inside the 80% interval |',
  '| --- | --- | --- | --- | --- |',
  `| kpi churn model | ${mean(churn.map((r) => r.modelAuc)).toFixed(3)}, ${Math.min(...churn.map((r) => r.modelAuc)).toFixed(3)} | ${mean(churn.map((r) => r.modelBrier)).toFixed(4)} | ${pct(mean(churn.map((r) => r.gap)))} | ${churn.reduce((a, r) => a + r.inInterval, 0)}/${churn.length} |`,
  `| recency only | ${mean(churn.map((r) => r.recencyAuc)).toFixed(3)}, ${Math.min(...churn.map((r) => r.recencyAuc)).toFixed(3)} | ${mean(churn.map((r) => r.recencyBrier)).toFixed(4)} | | |`,
  '',
  `Model better than recency alone on AUC in ${churn.filter((r) => r.modelAuc > r.recencyAuc).length}/${churn.length} seeds, on Brier in ${churn.filter((r) => r.modelBrier < r.recencyBrier).length}/${churn.length}. Reliability by decile of predicted risk (mean over seeds): ${decile.map((d) => `${pct(d.predicted, 0)}→${pct(d.observed, 0)}`).join(', ')}.`,
  '',
  "The interval for expected churners: the first version (Poisson-binomial over the calibrated risks alone) held the count in 12/20 seeds. The risks were calibrated well on average (the decile table), but the calibration is learned from one period's churners, and that count's own chance variation (about as large as the spread of the next period's count) moved every risk together; a diagnostic over the same 20 seeds found the errors about 1.24 of the interval's standard deviations wide, not 1. The interval now adds that variance (law of total variance: the calibration refitted on 40 bootstrap resamples of the newest labelled period, fixed seed), about 1.4× wider.",
  '',
  `Speed: 50 channels × 2 years — fitting every curve with a 100-draw block bootstrap ${speed50.fit.toFixed(1)} s, the allocation ${(speed50.allocate * 1000).toFixed(1)} ms (reference in the same run: one pass over the same data ${(speed50.pass * 1000).toFixed(2)} ms). ${bigN.toLocaleString('en')} customers (${speedChurn.events.toLocaleString('en')} activity days; generated in ${speedChurn.generate.toFixed(1)} s): features for 5 snapshots, training on at most 300,000 sampled rows, scoring ${speedChurn.active.toLocaleString('en')} active customers and the interval ${speedChurn.assess.toFixed(1)} s.`,
  '<!-- /bench:predict -->',
].join('\n');
console.log(body);
if (!QUICK) {
  const docPath = join(root, 'docs', 'benchmarks.md');
  const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
  const re = /<!-- bench:predict -->[\s\S]*?<!-- \/bench:predict -->/;
  writeFileSync(docPath, re.test(doc) ? doc.replace(re, body) : `${doc.trimEnd()}\n\n${body}\n`);
  console.log('\nwrote docs/benchmarks.md');
}
