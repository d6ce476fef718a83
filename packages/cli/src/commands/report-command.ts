// `kpi report [--goal G] [--period P] [--as-of DATE] [--format html|pdf|md|json] [--paper a4|letter] [-o FILE]`:
// the stakeholder report. Parses, calls the app's reportDocument, writes the result.
// Invariants: html / md / json go to stdout unless -o is given; a PDF never goes to a
// terminal: without -o it is written to report.pdf in the current folder.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPORT_FORMATS, findProjectDir, openProject, reportDocument, type ReportFormat } from '@kpi/app';
import { IoError, UsageError, isIsoDate } from '@kpi/core';
import { parse } from '../args.js';
import type { Command } from '../cli-context.js';

const usage =
  'kpi report [--goal GOAL] [--period last-week|last-month|last-quarter|FROM..TO] [--as-of DATE] [--format html|pdf|md|json] [--paper a4|letter] [-o FILE]';

export const reportCommand: Command = {
  name: 'report',
  summary: 'the stakeholder report of a period: HTML, PDF, Markdown or JSON',
  help: `usage: ${usage}

The two-minute report for the people who act on the KPIs. Per goal (its title is the
heading): each KPI's verdict, its value against the target with the pace, the comparison
with the previous period, the cause in one sentence with its annotation, the forecast and
its probability, and the latest review comment; what changed since the last report (status
changes, and target changes with who and why); the supporting metrics as an appendix.

The numbers are as of the period's last day. "The last report" is the one for the period
before (the week, month or quarter before; for FROM..TO the same number of days before):
status changes compare with the verdicts at its end, and changes made since the day after
it are listed.

options:
  --goal GOAL         only this goal
  --period P          last-week (default), last-month, last-quarter: the latest complete
                      one on or before the as-of day; or FROM..TO (YYYY-MM-DD..YYYY-MM-DD)
  --as-of DATE        the last complete day (default: yesterday)
  --format F          html (default): one self-contained file, shows offline;
                      pdf: that page printed by chromium (apt install chromium, or KPI_CHROMIUM);
                      md: Markdown for Slack and Notion; json: the report model
  --paper P           PDF paper: a4 (default) or letter
  -o, --out FILE      write to FILE; without it html, md and json go to stdout and a PDF
                      is written to report.pdf in the current folder
  --project, -p DIR   project folder

examples:
  kpi report -o weekly.html
  kpi report --period last-month --format pdf --paper letter -o october.pdf
  kpi report --goal qualified_leads --period 2026-11-01..2026-11-15 --format md
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        goal: { type: 'string' },
        period: { type: 'string' },
        'as-of': { type: 'string' },
        format: { type: 'string' },
        paper: { type: 'string' },
        out: { type: 'string', short: 'o' },
      },
      usage,
    );
    if (positionals.length)
      throw new UsageError(
        'cli.bad_arguments',
        `unexpected argument "${positionals[0] ?? ''}"`,
        `usage: ${usage}`,
      );
    const asOf = values['as-of'];
    if (asOf !== undefined && !isIsoDate(asOf))
      throw new UsageError('cli.bad_date', `--as-of "${asOf}" is not a date written YYYY-MM-DD`);
    const format = values.format ?? 'html';
    if (!(REPORT_FORMATS as readonly string[]).includes(format))
      throw new UsageError(
        'cli.bad_format',
        `--format "${format}" is not a report format`,
        'use html, pdf, md or json',
      );
    const paper = values.paper;
    if (paper !== undefined && paper !== 'a4' && paper !== 'letter')
      throw new UsageError('cli.bad_paper', `--paper "${paper}" is not a paper size`, 'use a4 or letter');
    if (paper !== undefined && format !== 'pdf')
      throw new UsageError('cli.bad_paper', '--paper applies to --format pdf only');
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const doc = await reportDocument(lp, {
      format: format as ReportFormat,
      ...(paper === undefined ? {} : { paper }),
      ...(asOf === undefined ? {} : { asOf }),
      ...(values.goal === undefined ? {} : { goal: values.goal }),
      ...(values.period === undefined ? {} : { period: values.period }),
      env: ctx.env,
    });
    const out = values.out ?? (doc.format === 'pdf' ? 'report.pdf' : undefined);
    if (out === undefined) {
      ctx.out(typeof doc.body === 'string' ? doc.body : '');
      return 0;
    }
    const path = resolve(ctx.cwd, out);
    try {
      writeFileSync(path, doc.body);
    } catch (e) {
      throw new IoError('report.write_failed', `cannot write ${path}: ${(e as Error).message}`, {
        hint: 'choose a writable path with -o',
        cause: e,
      });
    }
    ctx.err(`wrote ${out} (${doc.format}, report for ${doc.report.period.text})\n`);
    return 0;
  },
};
