// Use-case: the scorecard with a budget plan file's effect (`kpi status --plan plan.csv`): the
// CSV `kpi budget --csv` writes (a media buyer may have edited the spends) is read back,
// evaluated on the same curves, and its effect on the goal's KPI is shown next to the
// scorecard. IO.
// Invariants: a bad file gets a precise error (file:line, the column, how to fix) and no
// partial plan; only the plan's days after the as-of day count (spend per day kept).

import { readFileSync } from 'node:fs';
import { IoError, UsageError, addDays, dayNumber, isIsoDate } from '@kpi/core';
import type { LoadedProject } from '../project-files.js';
import { yesterdayOf } from '../dates.js';
import { evaluateScorecard, type ScorecardOptions } from './evaluate-scorecard.js';
import { planBudget, type BudgetPlanOutput } from './budget-plan.js';
import { planSentence } from './budget-summary.js';

export interface PlanFile {
  readonly goal: string;
  readonly dimension: string;
  readonly start: string;
  readonly end: string;
  /** Planned spend per member over start..end. */
  readonly spends: ReadonlyMap<string, number>;
}

const MAX_PLAN_BYTES = 1_000_000;

/** One CSV line into fields (double quotes, "" inside quotes). */
const fields = (line: string): string[] => {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
};

/** Parses a plan CSV; every problem names the file and line. */
export const parsePlanFile = (text: string, file: string): PlanFile => {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = fields(lines[0] ?? '');
  const col = (name: string) => {
    const i = head.indexOf(name);
    if (i < 0)
      throw new UsageError(
        'plan.column_missing',
        `${file}:1: no column "${name}"`,
        'use the CSV that kpi budget --csv writes',
      );
    return i;
  };
  const [iSpend, iStart, iEnd, iGoal] = [
    col('planned_spend'),
    col('period_start'),
    col('period_end'),
    col('goal'),
  ];
  const dimension = head[0] ?? '';
  let goal: string | undefined;
  let start: string | undefined;
  let end: string | undefined;
  const spends = new Map<string, number>();
  lines.slice(1).forEach((line, k) => {
    const at = `${file}:${k + 2}`;
    const f = fields(line);
    const member = f[0] ?? '';
    const spend = Number(f[iSpend]);
    if (!member) throw new UsageError('plan.member_missing', `${at}: the ${dimension} is empty`);
    if (!(spend >= 0) || f[iSpend]?.trim() === '')
      throw new UsageError(
        'plan.bad_spend',
        `${at}: planned_spend "${f[iSpend] ?? ''}" is not an amount`,
        'write it as digits, e.g. 12000.50',
      );
    if (spends.has(member)) throw new UsageError('plan.duplicate', `${at}: ${member} appears twice`);
    const [g, s, e] = [f[iGoal] ?? '', f[iStart] ?? '', f[iEnd] ?? ''];
    if (!isIsoDate(s) || !isIsoDate(e))
      throw new UsageError(
        'plan.bad_date',
        `${at}: period_start and period_end must be dates written YYYY-MM-DD`,
      );
    if ((goal !== undefined && g !== goal) || (start !== undefined && (s !== start || e !== end)))
      throw new UsageError('plan.mixed', `${at}: every row must have the same goal and period as the first`);
    goal = g;
    start = s;
    end = e;
    spends.set(member, spend);
  });
  if (goal === undefined || start === undefined || end === undefined)
    throw new UsageError('plan.empty', `${file}: the plan has no rows`);
  return { goal, dimension, start, end, spends };
};

export const readPlanFile = (path: string): PlanFile => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new IoError('plan.read_failed', `cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
  if (text.length > MAX_PLAN_BYTES)
    throw new UsageError('plan.too_large', `${path} is over ${MAX_PLAN_BYTES} bytes`);
  return parsePlanFile(text, path);
};

export type PlanEffect = BudgetPlanOutput & { readonly sentence: string; readonly file: string };

/** The scorecard, and what the plan file would do to its goal's KPI from the day after the as-of day. */
export const scorecardWithPlan = async (lp: LoadedProject, opts: ScorecardOptions, path: string) => {
  const file = readPlanFile(path);
  const asOf = opts.asOf ?? yesterdayOf(lp);
  if (file.end <= asOf)
    throw new UsageError(
      'plan.over',
      `the plan in ${path} ended on ${file.end}, on or before ${asOf}`,
      'make a new plan with kpi budget',
    );
  const start = file.start > asOf ? file.start : addDays(asOf, 1);
  // Days already past are dropped; the daily budget stays what the plan says.
  const share =
    (dayNumber(file.end) - dayNumber(start) + 1) / (dayNumber(file.end) - dayNumber(file.start) + 1);
  const plan = Object.fromEntries([...file.spends].map(([m, s]) => [m, Math.round(s * share * 100) / 100]));
  const card = await evaluateScorecard(lp, opts);
  const out = await planBudget(lp, {
    goal: file.goal,
    dimension: file.dimension,
    asOf,
    plan,
    range: { start, end: file.end },
  });
  const effect: PlanEffect = { ...out, sentence: planSentence(out), file: path };
  return { card, plan: effect };
};
