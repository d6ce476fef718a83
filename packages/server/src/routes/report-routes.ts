// Route: the stakeholder report — GET /api/report?goal=&period=&asOf=&format=&paper= — as
// HTML (one self-contained page), Markdown, JSON (the report model) or PDF (printed by
// chromium). IO. Invariants: any signed-in role may read it; the handler parses, calls the
// app's reportDocument and sends its bytes with the format's media type; a PDF comes as an
// attachment, the other formats inline.

import { z } from 'zod';
import { isoDateSchema } from '@kpi/core';
import { REPORT_FORMATS, reportDocument } from '@kpi/app';
import type { RouteDef } from '../http/route-types.js';
import { READ, route } from './route-helpers.js';

const reportQuery = z.strictObject({
  goal: z.string().min(1).max(200).optional().describe('Only this goal (its name).'),
  period: z
    .string()
    .max(40)
    .optional()
    .describe('last-week (default), last-month, last-quarter, or FROM..TO (YYYY-MM-DD..YYYY-MM-DD).'),
  asOf: isoDateSchema
    .optional()
    .describe('The last complete day (default: yesterday in the project time zone).'),
  format: z.enum(REPORT_FORMATS).optional().describe('html (default), md, json or pdf.'),
  paper: z.enum(['a4', 'letter']).optional().describe('PDF paper size (default a4).'),
});

const line = z.string().nullable();
const reportKpiOut = z.looseObject({
  kpi: z.string(),
  label: z.string(),
  status: z.string(),
  statusText: z.string(),
  phrase: z.string().describe('The verdict phrase, as the scorecard’s verdict.phrase.'),
  value: z.string(),
  valueWhen: z.string(),
  target: line,
  pace: line,
  comparison: line,
  cause: line,
  annotation: line,
  forecast: line,
  probability: line,
  review: z
    .looseObject({ who: z.string(), date: z.string(), decision: z.string(), note: z.string() })
    .nullable(),
  sentence: z.string(),
});

const reportOut = z
  .looseObject({
    kind: z.literal('report'),
    project: z.string(),
    title: z.string(),
    period: z.looseObject({
      spec: z.string(),
      range: z.looseObject({ start: z.string(), end: z.string() }),
      text: z.string(),
      previous: z.looseObject({ start: z.string(), end: z.string() }),
    }),
    asOf: z.string(),
    generatedAt: z.string(),
    goals: z.array(
      z.looseObject({
        goal: z.string(),
        title: z.string(),
        period: z.string(),
        summary: z.string(),
        kpis: z.array(reportKpiOut),
        changes: z.array(
          z.looseObject({
            kind: z.enum(['status', 'target']),
            kpi: z.string(),
            label: z.string(),
            text: z.string(),
          }),
        ),
      }),
    ),
    supporting: z.array(
      z.looseObject({
        metric: z.string(),
        label: z.string(),
        value: z.string(),
        change: z.string(),
        range: z.string(),
      }),
    ),
  })
  .describe('The stakeholder report (format=json); html, md and pdf carry the same content.');

export const reportRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/report',
    tag: 'report',
    summary:
      'The stakeholder report of a period: per goal each KPI’s verdict, target and pace, comparison, cause, forecast and latest review; what changed since the last report.',
    access: READ,
    querySchema: reportQuery,
    response: reportOut,
    contentTypes: ['text/html', 'text/markdown', 'application/json', 'application/pdf'],
    handle: async (ctx, { query }) => {
      const q = query as z.infer<typeof reportQuery>;
      const doc = await reportDocument(ctx.state.project(), {
        format: q.format ?? 'html',
        ...(q.goal === undefined ? {} : { goal: q.goal }),
        ...(q.period === undefined ? {} : { period: q.period }),
        ...(q.asOf === undefined ? {} : { asOf: q.asOf }),
        ...(q.paper === undefined ? {} : { paper: q.paper }),
      });
      const name = `report-${doc.report.period.range.start}-${doc.report.period.range.end}.${doc.format}`;
      return {
        file: {
          body: doc.body,
          contentType: doc.mediaType,
          disposition: `${doc.format === 'pdf' ? 'attachment' : 'inline'}; filename="${name}"`,
        },
      };
    },
  }),
];
