#!/usr/bin/env node
// `npm run bench`: import and query speed of kpi against DuckDB's own SQL, in one run on
// the same file and the same machine. Writes the figures to docs/benchmarks.md.
//   BENCH_ROWS=1000000 npm run bench   (default 10,000,000 rows)
// A script, not a test: nothing here asserts a timing.
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadProject } from '@kpi/core';
import { generateDemo, toCsvLines } from '@kpi/demo';
import { openDuckDb } from '@kpi/engines';
import { ensureDatasetTables, importFile } from '@kpi/ingest';
import { compileMetricQuery } from '@kpi/semantic';
import { benchScorecard } from './bench-scorecard.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const root = new URL('..', import.meta.url).pathname;
const work = join(root, 'bench-data');
const csvPath = join(work, `paid_campaigns_${ROWS}.csv`);
const END = '2026-11-21';
mkdirSync(work, { recursive: true });

// paid_campaigns holds about 48% of the demo's fact rows; ask for enough, keep ROWS.
const demo = generateDemo({ endDate: END, scale: Math.ceil(ROWS / 0.45), seed: 42 });
const project = (() => {
  const r = loadProject(demo.files);
  if (!r.ok) throw new Error('demo project invalid');
  return r.value;
})();

const writeCsv = async () => {
  if (existsSync(csvPath) && existsSync(csvPath + '.done')) return;
  const ds = demo.datasets.find((d) => d.name === 'paid_campaigns');
  const out = createWriteStream(csvPath);
  let n = -1;
  let buf = '';
  for (const line of toCsvLines(ds.columns, ds.rows())) {
    if (n++ >= ROWS) break;
    buf += line + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  if (n < ROWS) throw new Error(`generator gave only ${n} rows`);
  writeFileSync(csvPath + '.done', '');
};

const fresh = async (name) => {
  const p = join(work, `${name}.duckdb`);
  rmSync(p, { force: true });
  rmSync(p + '.wal', { force: true });
  return openDuckDb(p);
};

const time = async (fn) => {
  const t = performance.now();
  const v = await fn();
  return { s: (performance.now() - t) / 1000, v };
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const benchImport = async () => {
  const kpiRuns = [];
  const copyRuns = [];
  for (let i = 0; i < 2; i++) {
    const e1 = await fresh('kpi');
    await ensureDatasetTables(e1, project);
    const k = await time(() => importFile(e1, project, 'paid_campaigns', csvPath, {}));
    if (k.v.inserted !== ROWS) throw new Error(`kpi imported ${k.v.inserted} rows`);
    kpiRuns.push(k.s);
    if (i === 0) var route = k.v.route;
    await e1.close();

    const e2 = await fresh('copy');
    await e2.exec(`CREATE TABLE paid_campaigns (date DATE, channel VARCHAR, campaign VARCHAR, market VARCHAR,
      impressions BIGINT, clicks BIGINT, spend DOUBLE, leads BIGINT, conversions BIGINT, revenue DOUBLE)`);
    const c = await time(() => e2.exec(`COPY paid_campaigns FROM '${csvPath}' (FORMAT csv, HEADER true)`));
    const n = (await e2.query('SELECT count(*) AS n FROM paid_campaigns')).rows[0].n;
    if (n !== ROWS) throw new Error(`COPY loaded ${n} rows`);
    copyRuns.push(c.s);
    await e2.close();
  }
  return { kpi: Math.min(...kpiRuns), copy: Math.min(...copyRuns), route };
};

const benchQuery = async () => {
  const engine = await openDuckDb(join(work, 'kpi.duckdb'));
  const request = {
    metrics: ['paid_impressions', 'clicks', 'ctr', 'spend', 'cost_per_lead'],
    grain: 'week',
    groupBy: ['channel'],
  };
  const compiled = compileMetricQuery(project, request, engine.dialect);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  const hand = `SELECT CAST(date_trunc('week', "date") AS DATE) AS period, channel,
      sum(impressions) AS paid_impressions, sum(clicks) AS clicks,
      sum(clicks) / NULLIF(sum(impressions), 0) AS ctr, sum(spend) AS spend,
      sum(spend) / NULLIF(sum(leads), 0) AS cost_per_lead
    FROM paid_campaigns GROUP BY 1, 2 ORDER BY 1, 2`;
  const runs = { kpi: [], hand: [] };
  let a;
  let b;
  for (let i = 0; i < 7; i++) {
    const k = await time(() => engine.query(compiled.value.sql, compiled.value.params));
    const h = await time(() => engine.query(hand));
    if (i > 0) {
      runs.kpi.push(k.s);
      runs.hand.push(h.s);
    }
    a = k.v.rows;
    b = h.v.rows;
  }
  await engine.close();
  if (a.length !== b.length) throw new Error('row counts differ');
  a.forEach((r, i) => {
    for (const col of Object.keys(b[i])) {
      const x = r[col];
      const y = b[i][col];
      if (typeof x === 'number' ? Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(y)) : x !== y)
        throw new Error(`results differ at ${i}.${col}`);
    }
  });
  return { kpi: median(runs.kpi), hand: median(runs.hand), rows: a.length };
};

const t0 = performance.now();
await writeCsv();
const sizeMb = statSync(csvPath).size / 1e6;
console.log(
  `file: ${csvPath} (${ROWS.toLocaleString('en-US')} rows, ${sizeMb.toFixed(0)} MB), ready in ${((performance.now() - t0) / 1000).toFixed(1)}s`,
);
const imp = await benchImport();
const q = await benchQuery();
const fmt = (x) => x.toFixed(2);
const rps = (s) => Math.round(ROWS / s).toLocaleString('en-US');
const lines = [
  `| import ${ROWS.toLocaleString('en-US')}-row CSV (${sizeMb.toFixed(0)} MB) | kpi import (${imp.route} route): ${fmt(imp.kpi)} s, ${rps(imp.kpi)} rows/s | DuckDB COPY: ${fmt(imp.copy)} s, ${rps(imp.copy)} rows/s | ${(imp.kpi / imp.copy).toFixed(2)} |`,
  `| weekly query, 5 metrics by channel (${q.rows} rows out) | kpi query: ${(q.kpi * 1000).toFixed(0)} ms | hand-written SQL: ${(q.hand * 1000).toFixed(0)} ms | ${(q.kpi / q.hand).toFixed(2)} |`,
];
console.log(lines.join('\n'));

const duckVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/@duckdb/node-api/package.json'), 'utf8'),
).version;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, @duckdb/node-api ${duckVersion}`;
const section = `<!-- bench:import-query -->
## Import and query (\`npm run bench\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine}. Import: best of 2 runs each, into a fresh
DuckDB file; the file is the demo's \`paid_campaigns\` dataset (10 columns: a date, 3 text
dimensions, 6 numbers). Query: median of 6 runs after a warm-up, on the imported store;
kpi's compiled SQL and the hand-written SQL return identical rows (checked in the run).
kpi's import does more than COPY: it maps headers, checks a sample, refuses duplicate natural
keys with an exact GROUP BY over the key (an extra pass over all rows) and records the import,
all in one transaction; the aim of at most 1.2 x COPY is not met on this machine.

| what | kpi | reference | ratio |
|---|---|---|---|
${lines.join('\n')}
<!-- /bench:import-query -->`;
const docPath = join(root, 'docs/benchmarks.md');
const doc = existsSync(docPath)
  ? readFileSync(docPath, 'utf8')
  : '# Benchmarks\n\nFigures written by `npm run bench`; each section says what it measures against.\n';
const re = /<!-- bench:import-query -->[\s\S]*<!-- \/bench:import-query -->/;
writeFileSync(docPath, re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`);
console.log(`written to ${docPath}`);

// The scorecard section (bench:scorecard): 50 KPIs evaluated by kpi against hand-written SQL.
const sc = await benchScorecard(join(work, 'kpi.duckdb'), project);
const scLine = `| ${sc.kpis}-KPI scorecard over ${ROWS.toLocaleString('en-US')} rows, as of ${sc.asOf} | kpi (${sc.kpiStatements} statements + evaluation): ${(sc.kpi * 1000).toFixed(0)} ms | hand-written SQL (${sc.handStatements} statements): ${(sc.hand * 1000).toFixed(0)} ms | ${(sc.kpi / sc.hand).toFixed(2)} |`;
console.log(scLine);
const scSection = `<!-- bench:scorecard -->
## Scorecard (\`npm run bench\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, on the store imported above. The
scorecard: 50 KPIs on \`paid_campaigns\` (10 metrics — sums and ratios — under 8 filters, weekly,
monthly and quarterly cadences), each with a 12-period series, the current period to date, the
previous period and the same period last year (aligned to the same days), the goal period to
date, a baseline for a quarter of them, and the per-member figures of the cause for every
dimension (channel, campaign, market) in the current and previous windows. kpi: one day-cube
statement and one driver statement, then the evaluation in JS (pace, status, contribution, the
sentences). Reference: hand-written SQL returning the same numbers (a GROUP BY period per
cadence, one row of range aggregates, one GROUPING SETS over the windows joined to a VALUES list
of them). The numbers of both are compared in the run; median of 3 runs after a warm-up. The
member figures dominate (30,501 campaigns × the windows): the hand-written query returns one
FILTERed column per KPI part and member; kpi's driver statement returns the finest rows (window ×
channel × campaign × market) with one plain sum per column and applies the KPIs' filters while
rolling them up in Node.

| what | kpi | reference | ratio |
|---|---|---|---|
${scLine}
<!-- /bench:scorecard -->`;
const doc2 = readFileSync(docPath, 'utf8');
const re2 = /<!-- bench:scorecard -->[\s\S]*<!-- \/bench:scorecard -->/;
writeFileSync(docPath, re2.test(doc2) ? doc2.replace(re2, scSection) : `${doc2.trimEnd()}\n\n${scSection}\n`);

// The HTTP API section (bench:server): the scorecard and metric query endpoints under load.
await import('./bench-server.mjs');

// The kpi check section (bench:check): 500 KPIs over the same store.
await (await import('./bench-check.mjs')).benchCheck(join(work, 'kpi.duckdb'), project);

// The web app section (bench:web): a 25-card goal dashboard in chromium, and the initial JS size.
await import('./bench-web.mjs');

// The stakeholder report section (bench:report): the demo's report, HTML and PDF.
await (await import('./bench-report.mjs')).benchReport();
