// `kpi history <kpi>`: the KPI's changes (who, when, why, before -> after) and reviews, newest first.
import { findProjectDir, kpiHistory, openProject } from '@kpi/app';
import { UsageError } from '@kpi/core';
import { parse } from '../args.js';
import type { Command } from '../cli-context.js';
import { historyLines } from '../output/review-view.js';
import { renderJson } from '../output/table-output.js';

const usage = 'kpi history <kpi> [--json]';

export const historyCommand: Command = {
  name: 'history',
  summary: "show a KPI's changes (target, baseline, owner, cadence...) and reviews, newest first",
  help: `usage: ${usage}

Every change made through kpi (the web app, or kpi review --decision retire) is kept in
the store with who, when and why; reviews are listed alongside. A retired or removed KPI
keeps its history.

options:
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } }, usage);
    const kpi = positionals[0];
    if (kpi === undefined || positionals.length > 1)
      throw new UsageError('cli.bad_arguments', 'name one KPI', `usage: ${usage}`);
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const entries = await kpiHistory(lp, kpi);
    ctx.out(values.json ? renderJson({ kpi, entries }) : historyLines(ctx, kpi, entries));
    return 0;
  },
};
