// `kpi tree`: the cascade of units, goals and KPIs with statuses, roll-ups and OKR progress.
import { cascadeTree, findProjectDir, openProject } from '@kpi/app';
import { isIsoDate, UsageError } from '@kpi/core';
import { parse } from '../args.js';
import type { Command } from '../cli-context.js';
import { renderJson } from '../output/table-output.js';
import { renderTree } from '../output/tree-view.js';

const usage = 'kpi tree [--as-of DATE] [--json]';

export const treeCommand: Command = {
  name: 'tree',
  summary: 'print the cascade: units > goals > KPIs with statuses, roll-ups and OKR progress',
  help: `usage: ${usage}

Declare the cascade in YAML:
  units:
    acme: { title: Acme, kind: company }
    growth: { title: Growth, kind: department, parent: acme }
  goals:
    leads_q3: { title: ..., unit: growth, parent: company_goal, period: {...} }
  kpis:
    all_leads: { metric: leads, goal: company_goal,
                 rollup: { from: [paid_leads, social_leads], method: sum } }
  objectives:
    win_q3: { title: ..., quarter: 2025-Q3,
              key_results: [ { title: ..., start: 500, target: 900, metric: leads }, ... ] }

Roll-up methods: sum, weighted_average (weights: {kpi: w}), worst_status. Key results
bound to a metric read the metric's quarter-to-date value; objective progress is the
weighted mean of key-result progress (each clamped to 0..100%). Retired KPIs are left out.

options:
  --as-of DATE         evaluate as of this day (default: yesterday)
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values } = parse(args, { json: { type: 'boolean' }, 'as-of': { type: 'string' } }, usage);
    const asOf = values['as-of'];
    if (asOf !== undefined && !isIsoDate(asOf))
      throw new UsageError('cli.bad_date', `--as-of "${asOf}" is not a date written YYYY-MM-DD`);
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const tree = await cascadeTree(lp, asOf !== undefined ? { asOf } : {});
    ctx.out(values.json ? renderJson(tree) : renderTree(ctx, tree));
    return 0;
  },
};
