#!/usr/bin/env node
// `kpi check` at scale (part of `npm run bench`; runs alone with node scripts/bench-check.mjs):
// a generated project of 500 KPIs on 100 goals over the bench store's paid_campaigns rows,
// checked end to end by the same use-case as the CLI (load the YAML, one scorecard
// evaluation for the data-backed facts, the reviews, every rule). Writes its section of
// docs/benchmarks.md between the bench:check markers. A script: nothing asserts a timing.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { checkProject, openProject } from '@kpi/app';
import { addDays, loadProject, metricDatasets } from '@kpi/core';
import { generateDemo } from '@kpi/demo';
import { openDuckDb } from '@kpi/engines';
import { CADENCES, FILTERS } from './bench-scorecard.mjs';

const root = new URL('..', import.meta.url).pathname;
const GOALS = 100;
const PER_GOAL = 5;
const TOPICS = ['qualified leads', 'paid revenue', 'efficient spend', 'brand reach', 'conversions'];

/** kpi.yaml (as JSON, which YAML reads) with the paid_campaigns dataset, its metrics, 100 goals and 500 KPIs. */
export const checkProjectFile = (demoProject, year) => {
  const metrics = Object.fromEntries(
    Object.entries(demoProject.metrics).filter(([name]) =>
      metricDatasets(demoProject.metrics, name).every((d) => d === 'paid_campaigns'),
    ),
  );
  const names = Object.keys(metrics).sort();
  const goals = {};
  const kpis = {};
  for (let g = 0; g < GOALS; g++) {
    const goal = `g${String(g).padStart(3, '0')}`;
    const q = g % 4;
    goals[goal] = {
      title: `Grow ${TOPICS[g % TOPICS.length]} in segment ${g}`,
      owner: `owner${g % 7}`,
      period: {
        start: `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`,
        end: addDays(
          `${q === 3 ? year + 1 : year}-${String((((q + 1) * 3) % 12) + 1).padStart(2, '0')}-01`,
          -1,
        ),
      },
    };
    for (let j = 0; j < PER_GOAL; j++) {
      const i = g * PER_GOAL + j;
      const metric = names[i % names.length];
      const filter = FILTERS[i % FILTERS.length];
      kpis[`k${String(i).padStart(3, '0')}`] = {
        metric,
        goal,
        ...(filter ? { filter } : {}),
        owner: `owner${i % 11}`,
        cadence: CADENCES[i % 3],
        indicator: j < 2 ? 'leading' : 'lagging',
        baseline: { value: 100 + i },
        target: { kind: 'reach', value: 1000 + i },
        ...(j === 4 && metrics['roas'] ? { counter_metric: { metric: 'roas', tolerance: 0.05 } } : {}),
      };
    }
  }
  return {
    version: 1,
    project: { ...demoProject.settings, name: 'Check bench (500 KPIs)' },
    datasets: { paid_campaigns: demoProject.datasets['paid_campaigns'] },
    metrics,
    goals,
    kpis,
  };
};

const time = async (fn) => {
  const t = performance.now();
  const v = await fn();
  return { s: (performance.now() - t) / 1000, v };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Copies the store into a fresh project folder (the bench store stays untouched) and times kpi check. */
export const benchCheck = async (storeFile, demoProject) => {
  const probe = await openDuckDb(storeFile);
  const info = (
    await probe.query('SELECT count(*) AS n, CAST(max(date) AS VARCHAR) AS last FROM paid_campaigns')
  ).rows[0];
  await probe.close();
  const rows = Number(info.n);
  const today = addDays(String(info.last), 1);
  const dir = join(root, 'bench-data', 'check-project');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, '.kpi'), { recursive: true });
  copyFileSync(storeFile, join(dir, '.kpi', 'kpi.duckdb'));
  const file = checkProjectFile(demoProject, Number(today.slice(0, 4)));
  writeFileSync(join(dir, 'kpi.yaml'), JSON.stringify(file, null, 1));
  const once = (input) => time(async () => checkProject(openProject(dir), { today, ...input }));
  await once({});
  const medianOf = async (input) => {
    const runs = [];
    let last;
    for (let i = 0; i < 3; i++) {
      const r = await once(input);
      runs.push(r.s);
      last = r.v;
    }
    return { s: median(runs), last };
  };
  const full = await medianOf({});
  const noForecast = await medianOf({ withoutForecast: true });
  const noData = await medianOf({ withoutData: true });
  const findings = full.last.report.findings;
  const result = {
    rows,
    today,
    kpis: Object.keys(file.kpis).length,
    goals: Object.keys(file.goals).length,
    withData: full.s,
    withoutForecast: noForecast.s,
    withoutData: noData.s,
    findings: findings.length,
    errors: findings.filter((f) => f.severity === 'error').length,
    rules: full.last.report.rulesRun.length,
  };
  rmSync(dir, { recursive: true, force: true });
  writeSection(result);
  return result;
};

const writeSection = (r) => {
  const duck = JSON.parse(
    readFileSync(join(root, 'node_modules/@duckdb/node-api/package.json'), 'utf8'),
  ).version;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, @duckdb/node-api ${duck}`;
  const n = (x) => x.toLocaleString('en-US');
  const line1 = `| kpi check, every rule with data (${r.kpis} KPIs, ${r.goals} goals, ${n(r.rows)} rows) | ${(r.withData * 1000).toFixed(0)} ms |`;
  const line2 = `| kpi check --no-forecast (achievability from the history alone) | ${(r.withoutForecast * 1000).toFixed(0)} ms |`;
  const line3 = `| kpi check --no-data (static rules only) | ${(r.withoutData * 1000).toFixed(0)} ms |`;
  console.log(
    `${line1}\n${line2}\n${line3}\n  ${r.findings} findings (${r.errors} errors) from ${r.rules} rules, today ${r.today}`,
  );
  const section = `<!-- bench:check -->
## kpi check at scale (\`npm run bench\`, alone: \`node scripts/bench-check.mjs\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine}. A generated project of
${r.kpis} KPIs on ${r.goals} goals (every metric of the demo's \`paid_campaigns\`, 8 filters, weekly /
monthly / quarterly cadences, leading and lagging, counter-metrics) over the bench store's
${n(r.rows)} \`paid_campaigns\` rows, checked as of ${r.today} by the same use-case as
\`kpi check\`: load and validate the YAML, one scorecard evaluation with 53-period series for the
data-backed facts (freshness, achievability with a forecast per KPI, counter-metrics, lead/lag
correlation), the review dates, then all ${r.rules} rules. Median of 3 runs after a warm-up, each opening the
store as the CLI does. The run found ${n(r.findings)} findings (${r.errors} errors).

| what | time |
|---|---|
${line1}
${line2}
${line3}
<!-- /bench:check -->`;
  const docPath = join(root, 'docs/benchmarks.md');
  const doc = readFileSync(docPath, 'utf8');
  const re = /<!-- bench:check -->[\s\S]*<!-- \/bench:check -->/;
  writeFileSync(docPath, re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`);
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = Number(process.env.BENCH_ROWS ?? 10_000_000);
  const store = process.env.BENCH_STORE ?? join(root, 'bench-data', 'kpi.duckdb');
  if (!existsSync(store))
    throw new Error(
      `no bench store at ${store}: run npm run bench (or BENCH_ROWS=1000000 npm run bench) first`,
    );
  const demo = generateDemo({ endDate: '2026-11-21', scale: 1000, seed: 42 });
  const r = loadProject(demo.files);
  if (!r.ok) throw new Error('demo project invalid');
  console.log(`kpi check bench on ${store} (expected about ${rows.toLocaleString('en-US')} rows)`);
  await benchCheck(store, r.value);
}
