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
const timed = async (n, fn) => {
  await fn();
  const runs = [];
  let v;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    v = await fn();
    runs.push(performance.now() - t);
  }
  return { ms: median(runs), v };
};

export const benchReport = async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kpi-bench-report-'));
  try {
    const dir = join(tmp, 'demo');
    await initProject({ dir, demo: true, endDate: END });
    const lp = openProject(dir, { clock: fixedClock(`2026-11-22T12:00:00Z`) });
    const scorecard = await timed(5, () => evaluateScorecard(lp, { asOf: '2026-11-15' }));
    const model = await timed(5, () => makeReport(lp));
    const report = model.v;
    const html = await timed(5, async () => renderHtml(report));
    const md = await timed(5, async () => renderMarkdown(report));
    const pdfCold = await timed(3, () => printPdf(html.v));
    const printer = await openPdfPrinter();
    const pdfWarm = await timed(3, () => printer.print(html.v));
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
      scorecard: scorecard.ms,
      model: model.ms,
      html: html.ms,
      md: md.ms,
      pdfCold: pdfCold.ms,
      pdfWarm: pdfWarm.ms,
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
  const ms = (x) => `${x.toFixed(0)} ms`;
  const kb = (x) => `${(x / 1024).toFixed(0)} KiB`;
  const rows = [
    `| reference: one scorecard evaluation as of the report's last day | ${ms(r.scorecard)} | 1.00 |`,
    `| report model (two evaluations, changes, reviews, names) | ${ms(r.model)} | ${(r.model / r.scorecard).toFixed(2)} |`,
    `| HTML from the model (${kb(r.htmlBytes)}, inline CSS and SVG) | ${ms(r.html)} | ${(r.html / r.scorecard).toFixed(3)} |`,
    `| Markdown from the model | ${ms(r.md)} | ${(r.md / r.scorecard).toFixed(3)} |`,
    `| PDF from the HTML, chromium launched for it (${r.pages} A4 pages, ${kb(r.pdfBytes)}) | ${ms(r.pdfCold)} | ${(r.pdfCold / r.scorecard).toFixed(2)} |`,
    `| PDF from the HTML, chromium kept open | ${ms(r.pdfWarm)} | ${(r.pdfWarm / r.scorecard).toFixed(2)} |`,
    `| \`kpi report --format html\` end to end (model + HTML) | ${ms(r.model + r.html)} | ${((r.model + r.html) / r.scorecard).toFixed(2)} |`,
    `| \`kpi report --format pdf\` end to end (model + HTML + PDF, launch included) | ${ms(r.model + r.html + r.pdfCold)} | ${((r.model + r.html + r.pdfCold) / r.scorecard).toFixed(2)} |`,
  ];
  console.log(rows.join('\n'));
  const section = `<!-- bench:report -->
## Stakeholder report (\`npm run bench:report\`, also run by \`npm run bench\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; load average ${r.load.toFixed(1)} at the end of
the run (the machine is shared: compare the ratios, which come from the same run). The demo
(end date ${END}, ${r.goals} goals, ${r.kpis} KPIs), the report for last week (9–15 Nov 2026), every goal.
Reference: one scorecard evaluation as of the report's last day, the work \`kpi status\` does. A
report evaluates twice (its period's end, with forecasts, and the last report's, for the status
changes), then reads the changes and reviews. Median of 5 runs (PDF: 3) after a warm-up; the
process start of the CLI is not included.

| what | time | × reference |
|---|---|---|
${rows.join('\n')}
<!-- /bench:report -->`;
  const docPath = join(root, 'docs/benchmarks.md');
  const doc = readFileSync(docPath, 'utf8');
  const re = /<!-- bench:report -->[\s\S]*<!-- \/bench:report -->/;
  writeFileSync(docPath, re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`);
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchReport();
