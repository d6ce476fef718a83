// `kpi explain <kpi> [--as-of DATE] [--periods N] [--json]`: one KPI's full drill-down.
import { explainKpi, findProjectDir, openProject } from '@kpi/app';
import { UsageError, isIsoDate } from '@kpi/core';
import { parse, parsePositiveInt } from '../args.js';
import type { Command } from '../cli-context.js';
import { renderJson } from '../output/table-output.js';
import { renderExplanation } from '../output/explain-view.js';

const usage = 'kpi explain <kpi> [--as-of DATE] [--periods N] [--members N] [--json]';

export const explainCommand: Command = {
  name: 'explain',
  summary: "one KPI's drill-down: series, target path, comparisons and drivers",
  help: `usage: ${usage}

Explains one KPI: its status and sentence, the target with the expected value today and
the run-rate needed, the series against the target path, the comparisons, and the cause:
for every dimension of its dataset, each member's part of the change against the previous
period (for ratios split into mix and rate, which add up to the change), with the
annotations of the period.

options:
  --as-of DATE        evaluate as if DATE were the last complete day (default: yesterday)
  --periods N         periods in the series (default 26)
  --members N         members per dimension in the driver tables (default 10)
  --json              every number, as JSON
  --project, -p DIR   project folder

example:
  kpi explain leads_this_quarter --as-of 2026-10-11
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        'as-of': { type: 'string' },
        periods: { type: 'string' },
        members: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    const [kpi, ...extra] = positionals;
    if (kpi === undefined)
      throw new UsageError('cli.missing_kpi', 'name the KPI to explain', `usage: ${usage}`);
    if (extra.length)
      throw new UsageError('cli.bad_arguments', `unexpected argument "${extra[0] ?? ''}"`, `usage: ${usage}`);
    const asOf = values['as-of'];
    if (asOf !== undefined && !isIsoDate(asOf))
      throw new UsageError('cli.bad_date', `--as-of "${asOf}" is not a date written YYYY-MM-DD`);
    const periods = parsePositiveInt(values.periods, '--periods');
    const members = parsePositiveInt(values.members, '--members');
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const e = await explainKpi(lp, kpi, {
      ...(asOf === undefined ? {} : { asOf }),
      ...(periods === undefined ? {} : { periods }),
      ...(members === undefined ? {} : { members }),
    });
    ctx.out(values.json ? renderJson(e) : renderExplanation(ctx, e));
    return 0;
  },
};
