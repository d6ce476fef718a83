// Use-case: the stakeholder report (`kpi report`, GET /api/report): evaluates the scorecard
// at the end of the period and at the end of the last report's period, reads the KPI
// changes and reviews since, and builds the report model (@kpi/report). IO. Invariants: the
// numbers are as of the period's last day; changes count from the day after the last
// report's period to now (or to the as-of day when one is given); the latest review of a
// KPI is the newest at that same bound; people are shown by name (people-names).

import { KpiError, UsageError, calendarOf, isIsoDate, ownGet } from '@kpi/core';
import { PAPER_SIZES, chromiumPath, printPdf, type PaperSize, type PdfOptions } from '@kpi/delivery';
import {
  buildReport,
  renderHtml,
  renderJson,
  renderMarkdown,
  reportPeriod,
  type BudgetSectionInput,
  type ChurnSectionInput,
  type KpiChangeInput,
  type Report,
  type ReviewInput,
} from '@kpi/report';
import { systemClock, todayIn, yesterdayOf } from '../dates.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { listChanges } from './change-history.js';
import { evaluateScorecardOn } from './evaluate-scorecard.js';
import { listReviews } from './manage-reviews.js';
import { planBudget } from './budget-plan.js';
import { planSentence } from './budget-summary.js';
import { churnRisk } from './churn-risk.js';
import { displayName, readAccountNames } from './people-names.js';

export type { Report } from '@kpi/report';

export interface ReportOptions {
  /** Only this goal. */
  readonly goal?: string;
  /** last-week (default), last-month, last-quarter, or FROM..TO. */
  readonly period?: string;
  /** The last complete day (default: yesterday in the project time zone). */
  readonly asOf?: string;
}

/** Budget plans cannot be made for goals without a spend-driven KPI; those goals get no budget section. */
const skipped = (e: unknown): boolean => e instanceof KpiError && e.code.startsWith('budget.');

/**
 * The predictive sections as of the report's last day: today's pace as the budget of each
 * goal with a spend-driven KPI (the report's goal only, when one was asked for), and every
 * churn definition with enough history (all of them, whatever the goal).
 */
const predictiveSections = async (
  lp: LoadedProject,
  goal: string | undefined,
  asOf: string,
): Promise<{ budget: BudgetSectionInput[]; churn: ChurnSectionInput[] }> => {
  const budget: BudgetSectionInput[] = [];
  for (const g of goal === undefined ? Object.keys(lp.project.goals) : [goal]) {
    const plan = await planBudget(lp, { goal: g, asOf }).catch((e: unknown) => {
      if (skipped(e)) return undefined;
      throw e;
    });
    if (plan)
      budget.push({
        goal: plan.goal,
        goalTitle: plan.goalTitle,
        sentence: planSentence(plan),
        dimensionLabel: plan.dimensionLabel,
        outcomeLabel: plan.outcomeLabel,
        currency: plan.currency,
        period: plan.period,
        members: plan.members,
        outcome: plan.outcome,
        ...(plan.kpi ? { kpi: plan.kpi } : {}),
        caveat: plan.caveat,
      });
  }
  const churn: ChurnSectionInput[] = [];
  for (const name of Object.keys(lp.project.churn ?? {}).sort()) {
    const c = await churnRisk(lp, { name, asOf, top: 1 }).catch((e: unknown) => {
      if (e instanceof KpiError && e.code === 'churn.not_enough_data') return undefined;
      throw e;
    });
    if (c) churn.push(c);
  }
  return { budget, churn };
};

export const makeReport = async (lp: LoadedProject, opts: ReportOptions = {}): Promise<Report> => {
  const asOf = opts.asOf ?? yesterdayOf(lp);
  if (!isIsoDate(asOf))
    throw new UsageError('report.bad_as_of', `as-of "${asOf}" is not a date`, 'write it YYYY-MM-DD');
  const period = reportPeriod(opts.period ?? 'last-week', asOf, calendarOf(lp.project.settings));
  if (!period.ok) {
    const i = period.issues[0];
    throw new UsageError('report.bad_period', i?.message ?? 'bad period', i?.hint);
  }
  const p = period.value;
  const tz = lp.project.settings.timezone;
  const dayOf = (at: string): string => todayIn(tz, new Date(at));
  const within = (day: string): boolean => opts.asOf === undefined || day <= opts.asOf;
  const changes = (await listChanges(lp, { entity: 'kpi' }))
    .map((c) => ({ c, day: dayOf(c.at) }))
    .filter(({ day }) => day > p.previous.end && within(day));
  const reviews = (await listReviews(lp))
    .map((r) => ({ r, day: dayOf(r.at) }))
    .filter(({ r, day }) => r.kpi !== null && within(day));
  const { budget, churn } = await predictiveSections(lp, opts.goal, p.range.end);
  return withStore(lp, async (engine) => {
    const base = { ...(opts.goal === undefined ? {} : { goal: opts.goal }) };
    const scorecard = await evaluateScorecardOn(engine, lp.project, { ...base, asOf: p.range.end });
    const previous = await evaluateScorecardOn(engine, lp.project, {
      ...base,
      asOf: p.previous.end,
      withoutSupporting: true,
    });
    const names = await readAccountNames(engine);
    const kpiChanges: KpiChangeInput[] = changes.map(({ c, day }) => ({
      kpi: c.name,
      date: day,
      who: displayName(c.actor, names),
      reason: c.reason,
      before: c.before,
      after: c.after,
    }));
    // Newest first from listReviews: the first per KPI is the latest.
    const latest = new Map<string, ReviewInput>();
    for (const { r, day } of reviews)
      if (r.kpi !== null && !latest.has(r.kpi))
        latest.set(r.kpi, {
          kpi: r.kpi,
          date: day,
          who: displayName(r.author, names),
          decision: r.decision,
          note: r.note,
        });
    return buildReport({
      scorecard,
      previous,
      period: p,
      changes: kpiChanges,
      reviews: [...latest.values()],
      generatedAt: (lp.clock ?? systemClock).now().toISOString(),
      budget,
      churn,
    });
  });
};

export const REPORT_FORMATS = ['html', 'md', 'json', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportDocument {
  readonly format: ReportFormat;
  readonly mediaType: string;
  /** Text for html / md / json, bytes for pdf. */
  readonly body: string | Uint8Array;
  readonly report: Report;
}

const MEDIA: Readonly<Record<ReportFormat, string>> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
};

/** The report in one format: the model, rendered; PDF printed from the HTML by chromium. */
export const reportDocument = async (
  lp: LoadedProject,
  opts: ReportOptions & {
    readonly format: ReportFormat;
    readonly paper?: PaperSize;
    readonly env?: PdfOptions['env'];
  },
): Promise<ReportDocument> => {
  if (!(REPORT_FORMATS as readonly string[]).includes(opts.format))
    throw new UsageError(
      'report.bad_format',
      `format "${String(opts.format)}" is not a report format`,
      'use html, md, json or pdf',
    );
  if (opts.paper !== undefined && !(PAPER_SIZES as readonly string[]).includes(opts.paper))
    throw new UsageError(
      'report.bad_paper',
      `paper "${String(opts.paper)}" is not a paper size`,
      'use a4 or letter',
    );
  if (opts.format === 'pdf') chromiumPath(opts.env ? { env: opts.env } : {});
  const report = await makeReport(lp, opts);
  const body =
    opts.format === 'html'
      ? renderHtml(report)
      : opts.format === 'md'
        ? renderMarkdown(report)
        : opts.format === 'json'
          ? renderJson(report)
          : await printPdf(renderHtml(report), {
              ...(opts.paper ? { paper: opts.paper } : {}),
              ...(opts.env ? { env: opts.env } : {}),
            });
  return { format: opts.format, mediaType: ownGet(MEDIA, opts.format) ?? MEDIA.html, body, report };
};
