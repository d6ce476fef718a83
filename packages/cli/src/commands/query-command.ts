// `kpi query <metric>... [--by grain] [--from] [--to] [--last N] [--dim d] [--where d=v]`.
import { findProjectDir, openProject, queryMetrics } from '@kpi/app';
import { GRAINS, ProblemsError, UsageError, isIsoDate, type Grain } from '@kpi/core';
import { parse, parsePositiveInt, parseWhere, splitList } from '../args.js';
import type { Command } from '../cli-context.js';
import { renderCsv, renderJson, renderTable } from '../output/table-output.js';

const UNKNOWN_NAME = new Set(['query.metric.unknown', 'query.dimension.unknown']);

const usage =
  'kpi query <metric>[,<metric>...] [--by GRAIN] [--from DATE] [--to DATE] [--last N] [--dim DIM] [--where DIM=VALUE] [--json|--csv]';

export const queryCommand: Command = {
  name: 'query',
  summary: 'compute metrics by period and dimension',
  help: `usage: ${usage}

Computes one or more metrics over the project's store. Ratios are sum / sum after
aggregation; dates are calendar days in the project time zone, both ends included.

options:
  --by GRAIN           day, week, month, quarter or year (weeks start on the project's week_start)
  --from DATE          first day, YYYY-MM-DD
  --to DATE            last day, YYYY-MM-DD
  --last N             the last N periods of --by, the current one included
  --dim DIM            group by a dimension (repeat or comma-separate for several)
  --where DIM=VALUE    keep rows whose DIM is VALUE (VALUE may be a comma list; repeatable)
  --json | --csv       machine-readable output (raw numbers)
  --sql                also print the SQL and its bound parameters (to stderr)
  --project, -p DIR    project folder

examples:
  kpi query ctr --by week --last 12 --where platform=instagram
  kpi query spend,leads,cost_per_lead --by month --dim channel --from 2026-01-01
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        by: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        last: { type: 'string' },
        dim: { type: 'string', multiple: true },
        where: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        sql: { type: 'boolean' },
      },
      usage,
    );
    const metrics = splitList(positionals);
    if (metrics.length === 0)
      throw new UsageError('cli.missing_metric', 'name at least one metric', `usage: ${usage}`);
    if (values.json && values.csv)
      throw new UsageError('cli.bad_arguments', '--json and --csv cannot be combined');
    const by = values.by;
    if (by !== undefined && !(GRAINS as readonly string[]).includes(by)) {
      throw new UsageError(
        'cli.bad_grain',
        `--by "${by}" is not a grain`,
        `use one of: ${GRAINS.join(', ')}`,
      );
    }
    for (const [flag, v] of [
      ['--from', values.from],
      ['--to', values.to],
    ] as const) {
      if (v !== undefined && !isIsoDate(v))
        throw new UsageError('cli.bad_date', `${flag} "${v}" is not a date written YYYY-MM-DD`);
    }
    const last = parsePositiveInt(values.last, '--last');
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const out = await queryMetrics(lp, {
      metrics,
      ...(by !== undefined ? { grain: by as Grain } : {}),
      ...(values.from !== undefined ? { from: values.from } : {}),
      ...(values.to !== undefined ? { to: values.to } : {}),
      ...(last !== undefined ? { last } : {}),
      groupBy: splitList(values.dim),
      where: parseWhere(values.where, usage),
    }).catch((e: unknown) => {
      // Only unknown names on the command line: a usage error (exit 2), like an unknown KPI.
      if (e instanceof ProblemsError && e.issues.every((i) => UNKNOWN_NAME.has(i.code)))
        throw new ProblemsError(e.code, e.message, e.issues, e.details, 'not_found');
      throw e;
    });
    if (values.sql) ctx.err(`${out.sql}\n-- params: ${JSON.stringify(out.params)}\n`);
    if (values.json) ctx.out(renderJson({ columns: out.columns, rows: out.rows }));
    else if (values.csv) ctx.out(renderCsv(out.columns, out.rows));
    else
      ctx.out(
        out.rows.length
          ? renderTable(out.columns, out.rows)
          : 'no rows: the store has no data for this query\n',
      );
    return 0;
  },
};
