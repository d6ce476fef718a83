// Use-case: the stakeholder report (`kpi report`, GET /api/report): evaluates the scorecard
// at the end of the period and at the end of the last report's period, reads the KPI
// changes and reviews since, and builds the report model (@kpi/report). IO. Invariants: the
// numbers are as of the period's last day; changes count from the day after the last
// report's period to now (or to the as-of day when one is given); the latest review of a
// KPI is the newest at that same bound; people are shown by name (people-names).

import { UsageError, calendarOf, isIsoDate, ownGet } from '@kpi/core';
import { PAPER_SIZES, chromiumPath, printPdf, type PaperSize, type PdfOptions } from '@kpi/delivery';
import {
  buildReport,
  renderHtml,
  renderJson,
  renderMarkdown,
  reportPeriod,
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
