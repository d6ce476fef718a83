#!/usr/bin/env node
// `npm run bench:alerts`: one alert evaluation pass over 500 KPIs (500 verdict alerts, one
// per KPI) on a real DuckDB project — the scheduler pass that checks them all, steps each
// state machine, writes the states and the log, and delivers the messages to a webhook
// receiver on 127.0.0.1 — next to the reference measured in the same run: evaluating the
// scorecard of the same 500 KPIs alone (what any alert check must at least do). Also the
// pure state machine alone. Writes the figures to docs/benchmarks.md (## Alerts).
// A script, not a test: nothing here asserts a timing. Fixed seed; fixed clocks.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  closeSharedStore,
  evaluateScorecardOn,
  fixedClock,
  importDataset,
  loadSecrets,
  openProject,
  openSharedStore,
  runSchedule,
  stakeholderReportRenderer,
} from '@kpi/app';
import { INITIAL_ALERT_STATE, newWebhookSecret, stepAlert } from '@kpi/delivery';

const KPIS = Number(process.env.BENCH_KPIS ?? 500);
const CHANNELS = Math.max(1, Math.floor(KPIS / 10));
const DAYS = 400;
const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'kpi-bench-alerts-'));

// A seeded generator (mulberry32).
let seed = 20261203;
const rand = () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const received = [];
const rx = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received.push(req.url);
    res.end('ok');
  });
});
await new Promise((r) => rx.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${rx.address().port}/hook`;

const kpis = [];
const alerts = [];
for (let i = 0; i < KPIS; i++) {
  const ch = `ch_${String(i % CHANNELS).padStart(2, '0')}`;
  // Ten targets per channel (a level of 60 to 150 open orders), from easy to out of reach.
  const target = 60 + (Math.floor(i / CHANNELS) % 10) * 10;
  kpis.push(`  k_${i}:
    metric: orders
    goal: g_${i % 10}
    filter: { channel: ${ch} }
    target: { kind: stay_above, value: ${target} }
    cadence: weekly`);
  alerts.push(`  a_${i}: { kpi: k_${i}, when: { kind: verdict }, check: '0 9 * * *', to: [hook] }`);
}
writeFileSync(
  join(dir, 'kpi.yaml'),
  `version: 1
project: { name: Alert bench, timezone: Europe/Berlin }
datasets:
  orders:
    time: date
    key: [date, channel]
    dimensions: [channel]
    columns:
      date: { type: date }
      channel: { type: string }
      orders: { type: integer }
metrics:
  orders: { kind: snapshot, dataset: orders, column: orders }
goals:
${Array.from({ length: 10 }, (_, g) => `  g_${g}: { title: Goal ${g}, period: { start: 2026-01-01, end: 2026-12-31 } }`).join('\n')}
kpis:
${kpis.join('\n')}
channels:
  hook: { kind: webhook, url_secret: HOOK_URL, signing_secret: HOOK_KEY }
alerts:
${alerts.join('\n')}
`,
);
const rows = ['date,channel,orders'];
const start = Date.UTC(2025, 8, 1);
for (let d = 0; d < DAYS; d++) {
  const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
  for (let c = 0; c < CHANNELS; c++)
    rows.push(
      `${day},ch_${String(c).padStart(2, '0')},${Math.round(80 + 40 * rand() - (d > DAYS - 10 ? c : 0))}`,
    );
}
writeFileSync(join(dir, 'orders.csv'), `${rows.join('\n')}\n`);
await importDataset(openProject(dir), 'orders', join(dir, 'orders.csv'));
const lastDay = new Date(start + (DAYS - 1) * 86_400_000);
const dayAfter = (n) => new Date(lastDay.getTime() + n * 86_400_000).toISOString().slice(0, 10);
const secrets = loadSecrets({ env: { HOOK_URL: url, HOOK_KEY: newWebhookSecret() }, projectDir: dir });
const opts = { secrets, owner: 'bench', renderReport: stakeholderReportRenderer({ pdf: false }) };
const at = (iso) => openProject(dir, { clock: fixedClock(iso) });

const lp0 = at(`${dayAfter(1)}T06:00:00Z`);
await openSharedStore(lp0);
await runSchedule(lp0, opts); // starts the cursors

const time = async (fn) => {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
};
const engine = await openSharedStore(lp0);
const asOf = dayAfter(0);
const names = Array.from({ length: KPIS }, (_, i) => `k_${i}`);
// Reference: the scorecard of the same KPIs, alone (warm-up first).
await evaluateScorecardOn(engine, lp0.project, { asOf, kpis: names, withoutSupporting: true });
const [refMs] = await time(() =>
  evaluateScorecardOn(engine, lp0.project, { asOf, kpis: names, withoutSupporting: true }),
);
// The first pass at 09:00 Berlin: every alert checked; the ones off track fire and are delivered.
const [firstMs, first] = await time(() => runSchedule(at(`${dayAfter(1)}T08:00:30Z`), opts));
// The next day's pass: every alert checked again; nothing new fires (the state machine holds).
const [secondMs, second] = await time(() => runSchedule(at(`${dayAfter(2)}T08:00:30Z`), opts));
// A pass with nothing due (the same day, later): the fixed cost of a pass (project load, store checks).
const [idleMs] = await time(() => runSchedule(at(`${dayAfter(2)}T08:30:00Z`), opts));
const [refMs2] = await time(() =>
  evaluateScorecardOn(engine, lp0.project, { asOf: dayAfter(1), kpis: names, withoutSupporting: true }),
);
if (process.env.BENCH_DEBUG) {
  const sc = await evaluateScorecardOn(engine, lp0.project, { asOf, kpis: names, withoutSupporting: true });
  console.error(sc.goals.flatMap((g) => g.kpis.map((k) => `${k.kpi}:${k.status}:${k.value}`)).join(' '));
}
await closeSharedStore(dir);
// The pure state machine alone.
const obs = Array.from({ length: 1000 }, (_, i) => ({ at: `t${i}`, active: i % 7 < 3, summary: '' }));
const t0 = performance.now();
let steps = 0;
for (let r = 0; r < 100; r++) {
  let s = INITIAL_ALERT_STATE;
  for (const o of obs) {
    s = stepAlert(s, o).state;
    steps++;
  }
}
const stepUs = ((performance.now() - t0) * 1000) / steps;
rx.close();
rmSync(dir, { recursive: true, force: true });

const f = (ms) => `${(ms / 1000).toFixed(2)} s`;
const lines = [
  '## Alerts',
  '',
  `\`npm run bench:alerts\` (scripts/bench-alerts.mjs), ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores shared with other work, Node ${process.version}.`,
  `A real DuckDB project: ${KPIS} KPIs (one dataset, ${CHANNELS} channels × 10 targets, ${DAYS} days, ${(DAYS * CHANNELS).toLocaleString('en')} rows), ${KPIS} verdict alerts (one per KPI) checked at 09:00 Europe/Berlin; messages go to a signed webhook receiver on 127.0.0.1.`,
  '',
  '| What | Time | Notes |',
  '| --- | ---: | --- |',
  `| Reference: the scorecard of the same ${KPIS} KPIs alone (as of ${asOf}) | ${f(refMs)} | what any check must at least compute; ${f(refMs2)} for the next day |`,
  `| Alert pass, first check | ${f(firstMs)} | ${first.alertsChecked} alerts checked, ${first.events} fired, ${first.sent} webhooks delivered: ${(firstMs / refMs).toFixed(2)} × the reference |`,
  `| Alert pass, next day | ${f(secondMs)} | ${second.alertsChecked} checked, ${second.events} events, ${second.sent} delivered: ${(secondMs / refMs2).toFixed(2)} × the reference |`,
  `| Pass with nothing due | ${f(idleMs)} | loading the project (${KPIS} KPIs, ${KPIS} alerts) and checking the store |`,
  `| State machine alone | ${stepUs.toFixed(2)} µs per step | ${steps.toLocaleString('en')} steps |`,
  '',
  `The pass evaluates the scorecard once for all ${KPIS} KPIs (one day-cube statement per dataset), then steps each alert and writes every state in one transaction; the first check's extra time is mostly the deliveries, one by one (claim, send, record). Seconds depend on the load of the shared machine (this run shared it with other test suites): compare the ratios, measured in the same run.`,
  '',
];
console.log(lines.join('\n'));
const docPath = join(root, 'docs', 'benchmarks.md');
const doc = readFileSync(docPath, 'utf8');
const section = lines.join('\n');
const re = /## Alerts\n[\s\S]*?(?=\n## |$)/;
writeFileSync(
  docPath,
  re.test(doc) ? doc.replace(re, section.trimEnd() + '\n') : `${doc.trimEnd()}\n\n${section}`,
);
