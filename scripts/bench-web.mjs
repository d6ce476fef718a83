#!/usr/bin/env node
// `npm run bench:web` (also run by `npm run bench`): the web app in Debian's chromium.
// 1. Time from navigation to a fully drawn goal dashboard with 25 KPI cards on the demo
//    (every card and every sparkline drawn: the page sets data-ready="true"), read in the
//    browser as performance.now() at that moment (its origin is the navigation start).
//    Cold = the server's read cache emptied before the load; warm = cache filled.
//    Reference in the same run: the same scorecard fetched from Node over HTTP (the API alone).
// 2. The gzipped size of the JavaScript the first page load needs (index.html's module
//    script and its modulepreloads), against the lazily loaded chunks.
// Writes its section of docs/benchmarks.md. A script: nothing here asserts a timing.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { addUser, initProject, openProject } from '@kpi/app';
import { startServer } from '@kpi/server';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'packages/web/dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('bench-web: the web app is not built; run npm run build first');
  process.exit(2);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// --- initial JavaScript size -------------------------------------------------------------
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [
  ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
].map((m) => m[1]);
const gz = (rel) => gzipSync(readFileSync(join(dist, rel)), { level: 9 }).length;
const initialGz = initial.reduce((s, f) => s + gz(f), 0);
const initialRaw = initial.reduce((s, f) => s + readFileSync(join(dist, f)).length, 0);
const allJs = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const lazyGz = allJs
  .filter((f) => !initial.includes(`assets/${f}`))
  .reduce((s, f) => s + gz(`assets/${f}`), 0);
console.log(
  `initial JS: ${initial.length} file(s), ${(initialRaw / 1024).toFixed(1)} kB raw, ${(initialGz / 1024).toFixed(1)} kB gzipped; lazy chunks ${(lazyGz / 1024).toFixed(1)} kB gzipped`,
);

// --- the demo with a 25-KPI goal --------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'kpi-bench-web-'));
const dir = join(work, 'demo');
const END = '2026-11-21';
await initProject({ dir, demo: true, endDate: END });
let lp = openProject(dir);
const metrics = Object.entries(lp.project.metrics)
  .filter(([, m]) => m.kind === 'ratio' || (m.kind === 'simple' && ['sum', 'count'].includes(m.agg)))
  .map(([name, m]) => ({ name, ratio: m.kind === 'ratio' }));
const picked = [];
for (let i = 0; picked.length < 25; i++) picked.push(metrics[i % metrics.length]);
const yaml = [
  'goals:',
  '  bench_dashboard:',
  '    title: Bench dashboard with 25 KPIs',
  '    owner: Bench',
  '    period:',
  '      start: "2026-10-01"',
  '      end: "2026-12-31"',
  'kpis:',
  ...picked.flatMap((m, i) => [
    `  bench_kpi_${String(i + 1).padStart(2, '0')}:`,
    `    metric: ${m.name}`,
    '    goal: bench_dashboard',
    '    target:',
    m.ratio ? '      kind: stay_above' : '      kind: cumulative',
    m.ratio ? '      value: 0' : `      value: ${1000 * (i + 1)}`,
    '    owner: Bench',
    `    cadence: ${['weekly', 'monthly', 'quarterly'][i % 3]}`,
    `    indicator: ${i % 2 ? 'leading' : 'lagging'}`,
  ]),
  '',
].join('\n');
writeFileSync(join(dir, 'definitions', 'bench-dashboard.yaml'), yaml);
lp = openProject(dir);
const who = { email: 'bench@demo.local', password: 'bench-password-123' };
await addUser(lp, { ...who, role: 'viewer', name: 'Bench' });
const server = await startServer({ project: openProject(dir), port: 0, webRoot: dist, log: () => {} });
const goalUrl = `${server.url}/goals/bench_dashboard`;

// --- reference: the API alone, from Node -----------------------------------------------
const login = await fetch(`${server.url}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(who),
});
const cookie = login.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .join('; ');
const apiTime = async () => {
  const t = performance.now();
  const r = await fetch(`${server.url}/api/goals/bench_dashboard/scorecard`, { headers: { cookie } });
  const body = await r.json();
  if (!r.ok) throw new Error(JSON.stringify(body));
  return { ms: performance.now() - t, cards: body.goals?.[0]?.kpis?.length ?? body.kpis?.length };
};

// --- the browser -------------------------------------------------------------------------
const profile = mkdtempSync(join(tmpdir(), 'kpi-bench-chromium-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.KPI_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  // The same flags as the end-to-end tests: no sandbox as root, no background network calls.
  args: JSON.parse(readFileSync(join(root, 'packages/web/e2e/chromium-flags.json'), 'utf8')),
  viewport: { width: 1440, height: 900 },
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
await page.goto(server.url);
await page.getByLabel('Email').fill(who.email);
await page.getByLabel('Password').fill(who.password);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByTestId('signed-in-as').waitFor();

const load = async () => {
  await page.goto('about:blank');
  await page.goto(goalUrl);
  const handle = await page.waitForFunction(
    () =>
      globalThis.document.querySelector('[data-testid="goal-dashboard"][data-ready="true"]') !== null &&
      performance.now(),
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const ms = await handle.jsonValue();
  // When the page had its data: the last /api/ answer of this navigation.
  const dataAt = await page.evaluate(() =>
    Math.max(
      0,
      ...globalThis.performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/'))
        .map((e) => e.responseEnd),
    ),
  );
  const cards = await page.getByTestId('kpi-card').count();
  const sparklines = await page.locator('[data-testid="kpi-card"] svg').count();
  return { ms, dataAt, cards, sparklines };
};

const coldApi = [];
const cold = [];
const warm = [];
await load(); // warm-up: browser caches of the static files, JIT
for (let i = 0; i < 3; i++) {
  server.state.dataChanged();
  coldApi.push((await apiTime()).ms);
  server.state.dataChanged();
  cold.push(await load());
}
for (let i = 0; i < 5; i++) warm.push(await load());
const warmApi = [];
for (let i = 0; i < 5; i++) warmApi.push((await apiTime()).ms);
await ctx.close();
await server.close();
rmSync(profile, { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });

const cards = cold[0].cards;
const f0 = (x) => x.toFixed(0);
console.log(`cards drawn: ${cards}, sparkline SVGs: ${cold[0].sparklines}`);
console.log(
  `navigation -> drawn, cold cache: ${cold.map((c) => f0(c.ms)).join(', ')} ms (API alone ${coldApi.map(f0).join(', ')} ms)`,
);
console.log(
  `navigation -> drawn, warm cache: ${warm.map((c) => f0(c.ms)).join(', ')} ms (API alone ${warmApi.map(f0).join(', ')} ms)`,
);

const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.env.KPI_CHROMIUM ?? '/usr/bin/chromium'}`;
const section = `<!-- bench:web -->
## Web app (\`npm run bench:web\`, also run by \`npm run bench\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine}. The demo project (data to ${END})
with an extra goal of 25 KPIs (sums, counts and ratios; weekly, monthly and quarterly cadences),
served by the real server with the built app; Debian's chromium (headless, through
playwright-core), 1440×900, signed in. Time = \`performance.now()\` in the page when the
dashboard marks itself drawn (${cards} cards and ${cold[0].sparklines} sparkline SVGs in the DOM),
i.e. from the start of the navigation. Cold: the server's read cache emptied before each load
(the scorecard is evaluated for the request); warm: answered from the cache. Reference: the same
\`GET /api/goals/bench_dashboard/scorecard\` fetched from Node in the same run. The rest of a warm
load is drawing: 25 cards and 25 recharts sparklines after the data has arrived.

| what | web app | reference (API alone) | aim |
|---|---|---|---|
| navigation to a drawn 25-card goal dashboard, cold cache (median of 3) | ${f0(median(cold.map((c) => c.ms)))} ms | ${f0(median(coldApi))} ms | < 1,500 ms |
| navigation to a drawn 25-card goal dashboard, warm cache (median of 5) | ${f0(median(warm.map((c) => c.ms)))} ms | ${f0(median(warmApi))} ms | < 1,500 ms |
| of which: the page had all its API answers at (warm, median) | ${f0(median(warm.map((c) => c.dataAt)))} ms | | |
| initial JavaScript (index.html's script + modulepreloads), gzip -9 | ${(initialGz / 1024).toFixed(1)} kB (${(initialRaw / 1024).toFixed(1)} kB raw, ${initial.length} file${initial.length === 1 ? '' : 's'}) | lazily loaded chunks (charts, ...): ${(lazyGz / 1024).toFixed(1)} kB gzipped | < 300 kB |
<!-- /bench:web -->`;
const docPath = join(root, 'docs/benchmarks.md');
const doc = readFileSync(docPath, 'utf8');
const re = /<!-- bench:web -->[\s\S]*<!-- \/bench:web -->/;
writeFileSync(docPath, re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`);
console.log(`written to ${docPath}`);
