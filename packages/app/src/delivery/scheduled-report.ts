// The report a schedule sends: the stakeholder report (@kpi/report through makeReport)
// for the schedule's goal and period, as of the last complete day at send time; HTML for
// the e-mail body, Markdown for chat, the PDF printed by chromium when it is present. IO.
// Invariant: without chromium the report still goes out (HTML and Markdown) and says
// why there is no PDF.

import { IoError } from '@kpi/core';
import { printPdf } from '@kpi/delivery';
import { renderHtml, renderMarkdown } from '@kpi/report';
import { todayIn } from '../dates.js';
import { addDays } from '@kpi/core';
import { makeReport } from '../use-cases/stakeholder-report.js';
import type { RenderedReport, ReportRenderer, ReportRequest } from './report-renderer.js';

export interface StakeholderRendererOptions {
  /** Print a PDF (default true); chromium is looked for as the PDF printer does. */
  readonly pdf?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The stakeholder report as the scheduled renderer. */
export const stakeholderReportRenderer =
  (opts: StakeholderRendererOptions = {}): ReportRenderer =>
  async (req: ReportRequest): Promise<RenderedReport> => {
    const asOf = addDays(todayIn(req.lp.project.settings.timezone, req.now), -1);
    const report = await makeReport(req.lp, {
      period: req.def.period,
      asOf,
      ...(req.def.goal === undefined ? {} : { goal: req.def.goal }),
    });
    const html = renderHtml(report);
    let pdf: Uint8Array | undefined;
    let pdfNote: string | undefined;
    if (opts.pdf !== false) {
      try {
        pdf = await printPdf(html, opts.env ? { env: opts.env } : {});
      } catch (e) {
        if (!(e instanceof IoError)) throw e;
        pdfNote = `no PDF attached: ${e.message}`;
      }
    }
    const counts = report.goals.map((g) => `${g.title}: ${g.summary}`).join('\n');
    return {
      title: req.def.title ?? report.title,
      html,
      markdown: renderMarkdown(report),
      ...(pdf ? { pdf } : {}),
      summary: [counts, ...(pdfNote ? [pdfNote] : [])].join('\n'),
      data: {
        title: req.def.title ?? report.title,
        period: report.period,
        asOf: report.asOf,
        goals: report.goals.map((g) => ({
          goal: g.goal,
          title: g.title,
          summary: g.summary,
          kpis: g.kpis.map((k) => ({
            kpi: k.kpi,
            label: k.label,
            status: k.status,
            verdict: k.phrase,
            sentence: k.sentence,
          })),
        })),
      },
    };
  };
