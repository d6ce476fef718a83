#!/usr/bin/env node
// The HTTP API under load (part of `npm run bench`; runs alone with node scripts/bench-server.mjs):
// requests/s and latency of the scorecard endpoint and of the metric query endpoint on the
// demo project, next to a trivial route (/api/health) of the same server in the same run,
// 100 concurrent connections each (autocannon). Writes its section of docs/benchmarks.md.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { addUser, createToken, initProject, openProject } from '@kpi/app';
import { startServer } from '@kpi/server';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'bench-data', 'server-demo');
const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 10);
const CONNECTIONS = 100;
const END = '2026-11-21';

rmSync(dir, { recursive: true, force: true });
await initProject({ dir, demo: true, endDate: END });
let lp = openProject(dir);
await addUser(lp, { email: 'bench@example.com', password: 'bench password 123', role: 'viewer' });
const { token } = await createToken(lp, 'bench@example.com', { name: 'bench', access: 'read' });
lp = openProject(dir);
const server = await startServer({ project: lp, port: 0, log: () => undefined });

const run = (title, path) =>
  new Promise((resolve, reject) => {
    autocannon(
      {
        url: server.url + path,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { authorization: `Bearer ${token}` },
      },
      (err, r) => (err ? reject(err) : resolve({ title, path, r })),
    );
  });

const check = async (path) => {
  const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' / ');
const coldStart = performance.now();
const card = await check(`/api/scorecard?asOf=${END}`);
const coldMs = performance.now() - coldStart;
const cardBytes = JSON.stringify(card).length;
await check('/api/metrics/leads/values?grain=week&last=8');
const kpis = card.goals.reduce((n, g) => n + g.kpis.length, 0);

const results = [];
for (const [title, path] of [
  ['trivial route: GET /api/health', '/api/health'],
  [`scorecard: GET /api/scorecard (${kpis} KPIs, ${card.goals.length} goals)`, `/api/scorecard?asOf=${END}`],
  [
    'metric query: GET /api/metrics/leads/values?grain=week&last=8',
    '/api/metrics/leads/values?grain=week&last=8',
  ],
]) {
  const out = await run(title, path);
  if (out.r.non2xx > 0 || out.r.errors > 0)
    throw new Error(`${title}: ${out.r.non2xx} non-2xx, ${out.r.errors} errors`);
  results.push(out);
  console.log(
    `${title}: ${Math.round(out.r.requests.average)} req/s, p50 ${out.r.latency.p50} ms, p99 ${out.r.latency.p99} ms`,
  );
}
await server.close();

const lines = results.map(
  ({ title, r }) =>
    `| ${title} | ${Math.round(r.requests.average).toLocaleString('en-US')} | ${r.latency.p50} | ${r.latency.p99} | ${r.latency.max} |`,
);
const duck = JSON.parse(
  readFileSync(join(root, 'node_modules/@duckdb/node-api/package.json'), 'utf8'),
).version;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, @duckdb/node-api ${duck}`;
const section = `<!-- bench:server -->
## HTTP API under load (\`npm run bench\`, or \`node scripts/bench-server.mjs\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine}. \`kpi serve\` on the demo project
(as of ${END}), ${CONNECTIONS} concurrent connections for ${SECONDS} s per route (autocannon), a read-only
API token on every request (looked up in the store once, then cached for 10 s). The
routes run one after the other against the same server in the same run; every answer was a 2xx.
Scorecard and query answers are computed once per data generation (one scorecard
evaluation of the demo takes about ${Math.round(coldMs)} ms alone, ${card.queries} store statements) and then served from
the server's read cache until a push, an import or an edit; the scorecard answer is
${Math.round(cardBytes / 1024)} KiB of JSON, so its rate is bound by writing it out. Load average at the start:
${load} (autocannon runs on the same machine).

| route | requests/s | p50 ms | p99 ms | max ms |
|---|---|---|---|---|
${lines.join('\n')}
<!-- /bench:server -->`;
const docPath = join(root, 'docs/benchmarks.md');
const doc = existsSync(docPath)
  ? readFileSync(docPath, 'utf8')
  : '# Benchmarks\n\nFigures written by `npm run bench`; each section says what it measures against.\n';
const re = /<!-- bench:server -->[\s\S]*<!-- \/bench:server -->/;
writeFileSync(docPath, re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`);
console.log(`written to ${docPath}`);
