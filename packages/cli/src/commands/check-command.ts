// `kpi check`: lint the KPI list (SMART, vanity, focus, leading/lagging, Goodhart, drift).
// Exit 1 when any finding is an error, so it can gate a pull request in CI.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkProject, findProjectDir, openProject } from '@kpi/app';
import { addDays, formatIssue, IoError, isIsoDate, UsageError } from '@kpi/core';
import { ALL_RULES, toSarif } from '@kpi/rules';
import { parse } from '../args.js';
import { bold, dim, green, red, yellow, type CliContext, type Command } from '../cli-context.js';
import { renderJson } from '../output/table-output.js';

const usage =
  'kpi check [--format text|json|sarif] [--output FILE] [--no-data] [--no-forecast] [--as-of DATE] [--list-rules]';

const listRules = (ctx: CliContext): void => {
  for (const r of ALL_RULES)
    ctx.out(
      `${bold(ctx, r.id.padEnd(22))} ${r.defaultSeverity.padEnd(8)} ${r.title}\n${dim(ctx, `  ${r.rationale}`)}\n`,
    );
};

export const checkCommand: Command = {
  name: 'check',
  summary: 'check the KPI list: SMART, vanity metrics, 3-5 per goal, leading/lagging, Goodhart, reviews',
  help: `usage: ${usage}

Checks the KPI list itself, like a linter: every finding explains the problem and how
to fix it, with the file:line of the KPI or goal. Exit code 1 when a finding is an error.
Rules that need data (freshness, achievability, counter-metrics, reviews) read the store.

Change a rule's severity in kpi.yaml, with the reason kept in the file:
  project:
    checks:
      goal.focus: { severity: off, reason: "Launch quarter: we track 7 on purpose" }
or on one KPI only:
  kpis:
    total_followers:
      checks:
        kpi.vanity: { severity: off, reason: "Board asked for it; reviewed every quarter" }
Retired KPIs (retired: {date, reason}, see kpi review --help) are not checked.

options:
  --format F           text (default), json, or sarif (for pull-request annotations)
  --json               same as --format json
  --output, -o FILE    write the report to FILE instead of standard output
  --no-data            skip the data-backed rules (no store needed)
  --no-forecast        judge achievability by the history alone (faster on large lists)
  --as-of DATE         check as if DATE were the last complete day (default: yesterday),
                       as in kpi status
  --today DATE         deprecated: the day after --as-of (check as if today were DATE)
  --list-rules         list the rules with their ids and default severities
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values } = parse(
      args,
      {
        format: { type: 'string' },
        json: { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        'no-data': { type: 'boolean' },
        'no-forecast': { type: 'boolean' },
        today: { type: 'string' },
        'as-of': { type: 'string' },
        'list-rules': { type: 'boolean' },
      },
      usage,
    );
    if (values['list-rules']) {
      listRules(ctx);
      return 0;
    }
    const format = values.json ? 'json' : (values.format ?? 'text');
    if (format !== 'text' && format !== 'json' && format !== 'sarif') {
      throw new UsageError(
        'cli.bad_format',
        `--format "${format}" is not supported`,
        'use text, json or sarif',
      );
    }
    for (const [flag, v] of [
      ['--as-of', values['as-of']],
      ['--today', values.today],
    ] as const) {
      if (v !== undefined && !isIsoDate(v))
        throw new UsageError('cli.bad_date', `${flag} "${v}" is not a date written YYYY-MM-DD`);
    }
    if (values.today !== undefined && values['as-of'] !== undefined)
      throw new UsageError('cli.bad_arguments', '--today and --as-of cannot be combined', 'use --as-of');
    if (values.today !== undefined)
      ctx.err(
        dim(
          ctx,
          `--today is deprecated and will be removed: use --as-of ${addDays(values.today, -1)} (the last complete day, as in kpi status)\n`,
        ),
      );
    const asked = values['as-of'] !== undefined ? addDays(values['as-of'], 1) : values.today;
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const { report, today, withData } = await checkProject(lp, {
      ...(asked !== undefined ? { today: asked } : {}),
      ...(values['no-data'] ? { withoutData: true } : {}),
      ...(values['no-forecast'] ? { withoutForecast: true } : {}),
    });
    const errors = report.findings.filter((f) => f.severity === 'error').length;
    const warnings = report.findings.filter((f) => f.severity === 'warning').length;
    let text: string;
    if (format === 'sarif') text = renderJson(toSarif(report, ALL_RULES, '0.1.0'));
    else if (format === 'json') text = renderJson({ today, withData, errors, warnings, ...report });
    else {
      const paint = (s: string, sev: string) =>
        sev === 'error' ? red(ctx, s) : sev === 'warning' ? yellow(ctx, s) : dim(ctx, s);
      const lines = report.findings.map((f) => paint(formatIssue(f), f.severity));
      for (const s of report.suppressed)
        lines.push(dim(ctx, `(off) ${s.code}${s.kpi ? ` on ${s.kpi}` : ''}: ${s.reason}`));
      const summary = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${report.findings.length - errors - warnings} note(s)${withData ? '' : ' (data-backed rules skipped)'}`;
      text = `${lines.join('\n')}${lines.length ? '\n\n' : ''}${errors ? red(ctx, summary) : warnings ? yellow(ctx, summary) : green(ctx, summary)}\n`;
    }
    if (values.output !== undefined) {
      const path = resolve(ctx.cwd, values.output);
      try {
        writeFileSync(path, text);
      } catch (e) {
        throw new IoError('check.write_failed', `cannot write ${path}: ${(e as Error).message}`, {
          cause: e,
        });
      }
    } else ctx.out(text);
    return errors > 0 ? 1 : 0;
  },
};
