// `kpi status [--goal G] [--as-of DATE] [--json]`: the scorecard in the terminal.
import { resolve } from 'node:path';
import { evaluateScorecard, findProjectDir, likelihoodText, openProject, scorecardWithPlan } from '@kpi/app';
import { UsageError, isIsoDate } from '@kpi/core';
import { parse } from '../args.js';
import { bold, type Command } from '../cli-context.js';
import { renderJson } from '../output/table-output.js';
import { renderScorecard } from '../output/scorecard-view.js';

const usage = 'kpi status [--goal GOAL] [--as-of DATE] [--plan FILE] [--json]';

export const statusCommand: Command = {
  name: 'status',
  summary: 'the scorecard: every goal and KPI with target, pace, comparison and cause',
  help: `usage: ${usage}

Shows every goal (title first) with its leading and lagging KPIs side by side: status
(in words, and in colour on a terminal), the value, the target and the pace, the change
on the previous period and on the same period last year, a sparkline, the biggest driver
of the change, and one sentence per KPI. The supporting metrics follow as context.
Each KPI is read over its review cadence (weekly, monthly, quarterly; weekly by
default); a period that is not over is compared with the same days of the other period.

options:
  --goal GOAL         only this goal's KPIs
  --as-of DATE        evaluate as if DATE were the last complete day (default: yesterday)
  --plan FILE         also show what a budget plan (the CSV of kpi budget --csv) does to its goal's KPI
  --json              every number behind the view, as JSON
  --project, -p DIR   project folder

examples:
  kpi status
  kpi status --goal qualified_leads --as-of 2026-10-11
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        goal: { type: 'string' },
        'as-of': { type: 'string' },
        plan: { type: 'string' },
        json: { type: 'boolean' },
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
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const opts = {
      ...(asOf === undefined ? {} : { asOf }),
      ...(values.goal === undefined ? {} : { goal: values.goal }),
    };
    const columns = Number(ctx.env['COLUMNS']) || (ctx.stdoutIsTty ? (process.stdout.columns ?? 120) : 120);
    if (values.plan === undefined) {
      const card = await evaluateScorecard(lp, opts);
      ctx.out(values.json ? renderJson(card) : renderScorecard(ctx, card, columns));
      return 0;
    }
    const { card, plan } = await scorecardWithPlan(lp, opts, resolve(ctx.cwd, values.plan));
    if (values.json) {
      ctx.out(renderJson({ ...card, budgetPlan: plan }));
      return 0;
    }
    ctx.out(renderScorecard(ctx, card, columns));
    ctx.out(
      `\n${bold(ctx, `Budget plan ${values.plan}`)} (${plan.period.start} to ${plan.period.end}, ${plan.goalTitle})\n${plan.sentence}\n`,
    );
    if (plan.kpi)
      ctx.out(
        `${plan.kpi.label}: ${likelihoodText(plan.kpi.probabilityNow)} likely as things go → ${likelihoodText(plan.kpi.probabilityPlan)} with the plan (${plan.kpi.verdictNow} → ${plan.kpi.verdictPlan}).\n`,
      );
    ctx.out(`${plan.caveat}\n`);
    return 0;
  },
};
