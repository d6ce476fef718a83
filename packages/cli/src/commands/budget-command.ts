// `kpi budget --goal G --total N`: the split of a budget across channels (or any dimension)
// that maximises the goal's outcome under limits, from response curves fitted on the daily
// history; what it does to the goal's KPI; a CSV for the media buyer. Parses, calls the
// use-case, prints.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  BUDGET_PERIODS,
  budgetPlanCsv,
  findProjectDir,
  openProject,
  planBudget,
  planSentence,
  type BudgetPeriod,
} from '@kpi/app';
import { IoError, UsageError, formatValue, isIsoDate } from '@kpi/core';
import { parse } from '../args.js';
import { bold, dim, type Command } from '../cli-context.js';
import { renderJson, renderTable } from '../output/table-output.js';

const usage =
  'kpi budget --goal GOAL [--total N] [--period rest-of-goal|rest-of-month|next-month|next-quarter] [--max-change 20%] [--min NAME=N] [--max NAME=N] [--dim DIM] [--spend METRIC] [--kpi KPI] [--csv FILE] [--json]';

/** "12000", "12,000.50" -> 12000, 12000.5; anything else is a usage error naming the flag. */
const parseAmount = (v: string, flag: string): number => {
  const t = v.trim().replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(t))
    throw new UsageError(
      'cli.bad_amount',
      `${flag} "${v}" is not an amount`,
      `write it as digits, e.g. ${flag} 12000`,
    );
  return Number(t);
};

/** "20%" or "0.2" -> 0.2. */
const parseShare = (v: string, flag: string): number => {
  const t = v.trim();
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(t);
  if (!m)
    throw new UsageError(
      'cli.bad_share',
      `${flag} "${v}" is not a share`,
      `write it as a percent, e.g. ${flag} 20%`,
    );
  const x = Number(m[1]) / (m[2] ? 100 : 1);
  if (x > 10) throw new UsageError('cli.bad_share', `${flag} ${v} is more than 1000%`);
  return x;
};

/** Repeated NAME=AMOUNT pairs into an own-keys record (a Map while collecting). */
const parseLimits = (
  values: readonly string[] | undefined,
  flag: string,
): Record<string, number> | undefined => {
  if (!values?.length) return undefined;
  const out = new Map<string, number>();
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0)
      throw new UsageError(
        'cli.bad_limit',
        `${flag} "${v}" is not NAME=AMOUNT`,
        `e.g. ${flag} meta_ads=2000`,
      );
    out.set(v.slice(0, eq).trim(), parseAmount(v.slice(eq + 1), flag));
  }
  return Object.fromEntries(out);
};

export const budgetCommand: Command = {
  name: 'budget',
  summary: "split a budget across channels for the most outcome, and what it does to the goal's KPI",
  help: `usage: ${usage}

Fits a response curve per channel (spend -> the goal's outcome, with carry-over and
diminishing returns) on the last two years of daily data, then splits the total over the
period so that the next euro always goes where it returns most, within the limits. Shows
the expected outcome against keeping today's split, and the chance of the goal's KPI
target with and without the plan. A channel whose spend never varied enough keeps
today's spend, with the reason. The plan reads correlations in past data: test it with a
holdout before moving the whole budget.

options:
  --goal GOAL          the goal (its KPI on a summed metric such as leads is the outcome)
  --total N            budget for the period (default: today's pace over the period)
  --period P           rest-of-goal (default while the goal runs), rest-of-month, next-month, next-quarter
  --max-change S       largest change per channel from today, e.g. 20% (default: none)
  --min NAME=N         least spend for a channel over the period (repeatable)
  --max NAME=N         most spend for a channel over the period (repeatable)
  --dim DIM            the dimension to split by (default channel)
  --spend METRIC       the spend metric (default spend)
  --kpi KPI            the goal's KPI whose metric is the outcome
  --as-of DATE         treat DATE as the last complete day (default: yesterday)
  --csv FILE           also write the plan as CSV (one row per channel)
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        goal: { type: 'string' },
        total: { type: 'string' },
        period: { type: 'string' },
        'max-change': { type: 'string' },
        min: { type: 'string', multiple: true },
        max: { type: 'string', multiple: true },
        dim: { type: 'string' },
        spend: { type: 'string' },
        kpi: { type: 'string' },
        'as-of': { type: 'string' },
        csv: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (positionals.length)
      throw new UsageError('cli.bad_arguments', 'budget takes no positional arguments', `usage: ${usage}`);
    if (values.goal === undefined)
      throw new UsageError('cli.bad_arguments', 'budget needs --goal', `usage: ${usage}`);
    const period = values.period;
    if (period !== undefined && !(BUDGET_PERIODS as readonly string[]).includes(period))
      throw new UsageError(
        'cli.bad_period',
        `--period "${period}" is not one of ${BUDGET_PERIODS.join(', ')}`,
      );
    const asOf = values['as-of'];
    if (asOf !== undefined && !isIsoDate(asOf))
      throw new UsageError('cli.bad_date', `--as-of "${asOf}" is not a date written YYYY-MM-DD`);
    const min = parseLimits(values.min, '--min');
    const max = parseLimits(values.max, '--max');
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const out = await planBudget(lp, {
      goal: values.goal,
      ...(values.total !== undefined ? { total: parseAmount(values.total, '--total') } : {}),
      ...(period !== undefined ? { period: period as BudgetPeriod } : {}),
      ...(values['max-change'] !== undefined
        ? { maxChange: parseShare(values['max-change'], '--max-change') }
        : {}),
      ...(min ? { min } : {}),
      ...(max ? { max } : {}),
      ...(values.dim !== undefined ? { dimension: values.dim } : {}),
      ...(values.spend !== undefined ? { spendMetric: values.spend } : {}),
      ...(values.kpi !== undefined ? { kpi: values.kpi } : {}),
      ...(asOf !== undefined ? { asOf } : {}),
    });
    if (values.csv !== undefined) {
      const path = resolve(ctx.cwd, values.csv);
      try {
        writeFileSync(path, budgetPlanCsv(out));
      } catch (e) {
        throw new IoError('budget.write_failed', `cannot write ${path}: ${(e as Error).message}`, {
          cause: e,
        });
      }
    }
    const sentence = planSentence(out);
    if (values.json) {
      ctx.out(renderJson({ ...out, sentence }));
      return 0;
    }
    const cur = { unit: 'currency' as const, currency: out.currency };
    const money = (x: number | undefined) => formatValue(x === undefined ? null : Math.round(x), cur);
    const n = (x: number) => formatValue(Math.round(x), { unit: 'count' });
    ctx.out(
      `${bold(ctx, `Budget plan: ${out.goalTitle}`)}\n${formatValue(out.total, cur)} from ${out.period.start} to ${out.period.end} (${out.period.days} days; today's pace ${formatValue(out.todayTotal, cur)})${out.maxChange !== undefined ? ` · at most ±${Math.round(out.maxChange * 100)}% per ${out.dimensionLabel.toLowerCase()}` : ''}\n\n`,
    );
    const label = out.outcomeLabel;
    const rows = out.members.map((m) => ({
      [out.dimensionLabel]: m.label,
      today: money(m.today),
      plan: money(m.plan),
      change: m.today > 0 ? formatValue((m.plan - m.today) / m.today, { unit: 'percent', decimals: 0 }) : '—',
      [label]: `${n(m.outcomeToday)} → ${n(m.outcomePlan)}`,
      'cost per extra':
        m.marginalCostPlan === undefined
          ? '—'
          : `${money(m.marginalCostToday)} → ${money(m.marginalCostPlan)}`,
      note: m.refused
        ? 'kept: no curve'
        : m.status === 'at_max'
          ? 'at its most'
          : m.status === 'at_min'
            ? 'at its least'
            : '',
    }));
    ctx.out(
      renderTable(
        [
          { name: out.dimensionLabel },
          { name: 'today', numeric: true },
          { name: 'plan', numeric: true },
          { name: 'change', numeric: true },
          { name: label, numeric: true },
          { name: 'cost per extra', numeric: true },
          { name: 'note' },
        ],
        rows,
      ),
    );
    const o = out.outcome;
    ctx.out(
      `\nExpected ${label.toLowerCase()} over the period: ${n(o.plan.mean)} with the plan (80%: ${n(o.plan.low80)}–${n(o.plan.high80)}) against ${n(o.today.mean)} keeping today's split (80%: ${n(o.today.low80)}–${n(o.today.high80)}).\n`,
    );
    ctx.out(`${bold(ctx, sentence)}\n`);
    if (out.kpi)
      ctx.out(`${out.kpi.label}: ${out.kpi.verdictNow} now → ${out.kpi.verdictPlan} with the plan.\n`);
    for (const m of out.members.filter((x) => x.refused))
      ctx.out(`${m.label}: no curve — ${m.refused?.message}. ${m.refused?.hint ?? ''}\n`);
    for (const m of out.members.filter((x) => x.curve && !x.curve.saturationSeen))
      ctx.out(
        `${m.label}: returns had not flattened over the spend seen, so its curve past ${money(m.curve?.spendMax)} a day is a guess.\n`,
      );
    ctx.out(dim(ctx, `\n${out.caveat}\n`));
    if (values.csv !== undefined) ctx.out(dim(ctx, `Plan written to ${values.csv}\n`));
    return 0;
  },
};
