#!/usr/bin/env node
// The PostgreSQL part of `npm run bench` (also `npm run bench:postgres` on its own, after
// `npm run bench` has written the 10M-row file): the same weekly metric query and the same
// 50-KPI scorecard as on DuckDB, on a throwaway PostgreSQL server started here, each against
// hand-written SQL on the same server in the same run, with the numbers of both compared.
// Writes the section bench:postgres of docs/benchmarks.md. A script: nothing here asserts a timing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadProject } from '@kpi/core';
import { generateDemo } from '@kpi/demo';
import { openPostgres } from '@kpi/engines';
import { startTestPostgres } from '@kpi/engines/testing';
import { compileMetricQuery } from '@kpi/semantic';
import { benchScorecard } from './bench-scorecard.mjs';

const root = new URL('..', import.meta.url).pathname;

const time = async (fn) => {
  const t = performance.now();
  const v = await fn();
  return { s: (performance.now() - t) / 1000, v };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const sameRows = (a, b) => {
  if (a.length !== b.length) throw new Error(`row counts differ: ${a.length} vs ${b.length}`);
  a.forEach((r, i) => {
    for (const col of Object.keys(b[i])) {
      const x = r[col];
      const y = b[i][col];
      if (typeof x === 'number' ? Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(y)) : x !== y)
        throw new Error(`results differ at ${i}.${col}: ${x} vs ${y}`);
    }
  });
};

/** Loads the bench file into PostgreSQL and times the metric query and the scorecard there. */
export const benchPostgres = async ({ csvPath, project, rows, machine }) => {
  const server = await startTestPostgres();
  try {
    const engine = await openPostgres(server.url, { poolSize: 2 });
    await engine.exec(`CREATE TABLE paid_campaigns (date DATE, channel VARCHAR, campaign VARCHAR, market VARCHAR,
      impressions BIGINT, clicks BIGINT, spend DOUBLE PRECISION, leads BIGINT, conversions BIGINT, revenue DOUBLE PRECISION)`);
    // Server-side COPY: the server (its own unprivileged user) reads the file.
    const load = await time(() =>
      engine.exec(`COPY paid_campaigns FROM '${csvPath.replace(/'/g, "''")}' (FORMAT csv, HEADER true)`),
    );
    await engine.exec('ANALYZE paid_campaigns');
    const n = (await engine.query('SELECT count(*) AS n FROM paid_campaigns')).rows[0].n;
    if (n !== rows) throw new Error(`COPY loaded ${n} rows`);
    console.log(`postgres: COPY ${rows.toLocaleString('en-US')} rows in ${load.s.toFixed(1)} s`);

    const request = {
      metrics: ['paid_impressions', 'clicks', 'ctr', 'spend', 'cost_per_lead'],
      grain: 'week',
      groupBy: ['channel'],
    };
    const compiled = compileMetricQuery(project, request, engine.dialect);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
    const hand = `SELECT CAST(date_trunc('week', "date") AS DATE) AS period, channel,
        sum(impressions) AS paid_impressions, sum(clicks) AS clicks,
        CAST(sum(clicks) AS double precision) / NULLIF(sum(impressions), 0) AS ctr, sum(spend) AS spend,
        sum(spend) / NULLIF(sum(leads), 0) AS cost_per_lead
      FROM paid_campaigns GROUP BY 1, 2 ORDER BY 1, 2`;
    const runs = { kpi: [], hand: [] };
    let a;
    let b;
    for (let i = 0; i < 4; i++) {
      const k = await time(() => engine.query(compiled.value.sql, compiled.value.params));
      const h = await time(() => engine.query(hand));
      if (i > 0) {
        runs.kpi.push(k.s);
        runs.hand.push(h.s);
      }
      a = k.v.rows;
      b = h.v.rows;
    }
    sameRows(a, b);
    const q = { kpi: median(runs.kpi), hand: median(runs.hand), rows: a.length };
    await engine.close();

    const sc = await benchScorecard(undefined, project, 1, () => openPostgres(server.url, { poolSize: 2 }));
    const lines = [
      `| weekly query, 5 metrics by channel (${q.rows} rows out) | kpi query: ${(q.kpi * 1000).toFixed(0)} ms | hand-written SQL: ${(q.hand * 1000).toFixed(0)} ms | ${(q.kpi / q.hand).toFixed(2)} |`,
      `| ${sc.kpis}-KPI scorecard, as of ${sc.asOf} | kpi (${sc.kpiStatements} statements + evaluation): ${(sc.kpi * 1000).toFixed(0)} ms | hand-written SQL (${sc.handStatements} statements): ${(sc.hand * 1000).toFixed(0)} ms | ${(sc.kpi / sc.hand).toFixed(2)} |`,
    ];
    console.log(lines.join('\n'));
    const pgVersion = await (async () => {
      const e = await openPostgres(server.url);
      try {
        return (await e.query('SHOW server_version')).rows[0].server_version;
      } finally {
        await e.close();
      }
    })();
    const section = `<!-- bench:postgres -->
## PostgreSQL (\`npm run bench\`, or \`npm run bench:postgres\` after it)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, PostgreSQL ${pgVersion} (Debian's
server, started by the script in a temporary folder, default settings but fsync off; a pool of
2 connections). The same ${rows.toLocaleString('en-US')}-row \`paid_campaigns\` file as above, loaded with
the server's own COPY in ${load.s.toFixed(0)} s, then ANALYZE. Both lines compare kpi against
hand-written SQL **on the same server in the same run**, and the numbers of both are checked
equal before a time counts: the metric query (median of 3 runs after a warm-up) and the 50-KPI
scorecard of the DuckDB section (kpi's two statements plus the evaluation in Node, one run after
a warm-up: each takes long on a row store). Not measured yet: two \`kpi serve\` instances against
one database (the server cannot use PostgreSQL yet).

| what (PostgreSQL) | kpi | reference | ratio |
|---|---|---|---|
${lines.join('\n')}
<!-- /bench:postgres -->`;
    const docPath = join(root, 'docs/benchmarks.md');
    const doc = readFileSync(docPath, 'utf8');
    const re = /<!-- bench:postgres -->[\s\S]*<!-- \/bench:postgres -->/;
    writeFileSync(docPath, re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`);
    console.log(`written to ${docPath}`);
  } finally {
    await server.stop();
  }
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = Number(process.env.BENCH_ROWS ?? 10_000_000);
  const csvPath = process.env.BENCH_CSV ?? join(root, 'bench-data', `paid_campaigns_${rows}.csv`);
  if (!existsSync(`${csvPath}.done`)) {
    console.error(
      `${csvPath} is missing: run \`npm run bench\` first (it writes the file), or set BENCH_CSV`,
    );
    process.exit(2);
  }
  const demo = generateDemo({ endDate: '2026-11-21', scale: 1, seed: 42 });
  const r = loadProject(demo.files);
  if (!r.ok) throw new Error('demo project invalid');
  const { cpus, totalmem } = await import('node:os');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  await benchPostgres({ csvPath, project: r.value, rows, machine });
}
