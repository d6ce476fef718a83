#!/usr/bin/env node
// `npm run bench:report` (also run by `npm run bench`): stakeholder report generation on the
// demo (made for a fixed end date), HTML and PDF, next to the reference in the same run: one
// scorecard evaluation as of the report's last day (a report makes two — the period's end
// and the last report's — plus the changes, reviews and rendering). PDF: printed by Debian's
// chromium through @kpi/delivery, once with the browser launch (what `kpi report --format
// pdf` pays) and once on a browser kept open (what a schedule run pays). Median of 5 runs
// (3 for the PDFs) after a warm-up. Writes docs/benchmarks.md between the bench:report
// markers. A script, not a test: nothing here asserts a timing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { evaluateScorecard, fixedClock, initProject, makeReport, openProject } from '@kpi/app';
import { openPdfPrinter, printPdf } from '@kpi/delivery';
import { renderHtml, renderMarkdown } from '@kpi/report';

const root = new URL('..', import.meta.url).pathname;
const END = '2026-11-21';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Wall time and this process's CPU time (all threads, DuckDB's included) of one call. */
const once = async (fn) => {
  const c = process.cpuUsage();
  const t = performance.now();
  const v = await fn();
  const u = process.cpuUsage(c);
  return { wall: performance.now() - t, cpu: (u.user + u.system) / 1000, v };
};
/** Runs the functions in turn, `n` rounds after a warm-up round, so load hits them alike; medians. */
const interleaved = async (n, fns) => {
  for (const fn of fns) await fn();
  const runs = fns.map(() => []);
  for (let i = 0; i < n; i++) for (const [j, fn] of fns.entries()) runs[j].push(await once(fn));
  return runs.map((rs) => ({
    ms: median(rs.map((r) => r.wall)),
    cpu: median(rs.map((r) => r.cpu)),
    v: rs.at(-1).v,
  }));
};

export const benchReport = async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kpi-bench-report-'));
  try {
    const dir = join(tmp, 'demo');
    await initProject({ dir, demo: true, endDate: END });
    const lp = openProject(dir, { clock: fixedClock(`2026-11-22T12:00:00Z`) });
    const [scorecard, model] = await interleaved(5, [
      () => evaluateScorecard(lp, { asOf: '2026-11-15' }),
      () => makeReport(lp),
    ]);
    const report = model.v;
    const [html, md] = await interleaved(20, [
      async () => renderHtml(report),
      async () => renderMarkdown(report),
    ]);
    const printer = await openPdfPrinter();
    const [pdfCold, pdfWarm] = await interleaved(3, [() => printPdf(html.v), () => printer.print(html.v)]);
    await printer.close();
    const pdfPath = join(tmp, 'report.pdf');
    writeFileSync(pdfPath, pdfCold.v);
    const pages = /Pages:\s+(\d+)/.exec(
      spawnSync('pdfinfo', [pdfPath], { encoding: 'utf8' }).stdout ?? '',
    )?.[1];
    const kpis = report.goals.reduce((n, g) => n + g.kpis.length, 0);
    const r = {
      goals: report.goals.length,
      kpis,
      scorecard,
      model,
      html,
      md,
      pdfCold,
      pdfWarm,
      htmlBytes: Buffer.byteLength(html.v),
      pdfBytes: pdfCold.v.byteLength,
      pages: pages ?? '?',
      load: loadavg()[0],
    };
    writeSection(r);
    return r;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
};

const writeSection = (r) => {
  const chromium = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '?';
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${chromium}`;
  const ms = (v) => (v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(0)} ms`);
  const kb = (x) => `${(x / 1024).toFixed(0)} KiB`;
  const x = (a, b) => (a / b).toFixed(a / b < 0.01 ? 4 : 2);
  const row = (what, t, cpu = true) =>
    `| ${what} | ${ms(t.ms)} | ${x(t.ms, r.scorecard.ms)} | ${cpu ? `${ms(t.cpu)} | ${x(t.cpu, r.scorecard.cpu)}` : '— (chromium is its own process) | —'} |`;
  const rows = [
    row("reference: one scorecard evaluation as of the report's last day", r.scorecard),
    row('report model (two evaluations, changes, reviews, names)', r.model),
    row(`HTML from the model (${kb(r.htmlBytes)}, inline CSS and SVG)`, r.html),
    row('Markdown from the model', r.md),
    row(
      `PDF from the HTML, chromium launched for it (${r.pages} A4 pages, ${kb(r.pdfBytes)})`,
      r.pdfCold,
      false,
    ),
    row('PDF from the HTML, chromium kept open', r.pdfWarm, false),
  ];
  console.log(rows.join('\n'));
  const section = `<!-- bench:report -->
## Stakeholder report (\`npm run bench:report\`, also run by \`npm run bench\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; load average ${r.load.toFixed(1)} at the end of
the run (the machine is shared: compare the ratios, which come from the same run). The demo
(end date ${END}, ${r.goals} goals, ${r.kpis} KPIs), the report for last week (9–15 Nov 2026), every goal.
Reference: one scorecard evaluation as of the report's last day, the work \`kpi status\` does. A
report evaluates twice (its period's end, with forecasts, and the last report's, for the status
changes), then reads the changes and reviews. The runs alternate (reference, report, reference,
…) so the load falls on both alike; median of 5 rounds (HTML and Markdown: 20, PDF: 3) after a
warm-up round. CPU time is this process's, DuckDB's threads included (steadier than wall time on a
shared machine). \`kpi report --format html\` costs the model plus the HTML; \`--format pdf\` adds
the launched-chromium PDF. The CLI's process start is not included.

| what | wall time | × reference | CPU time | × reference |
|---|---|---|---|---|
${rows.join('\n')}
<!-- /bench:report -->`;
  const docPath = join(root, 'docs/benchmarks.md');
  const doc = readFileSync(docPath, 'utf8');
  const re = /<!-- bench:report -->[\s\S]*<!-- \/bench:report -->/;
  writeFileSync(docPath, re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`);
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchReport();
