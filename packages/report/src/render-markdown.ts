// The report as Markdown that reads well in Slack and in Notion: headings, bold and bullet
// lists only (no tables: Slack shows them as raw pipes; no HTML; no images). Pure.
// Invariants: one `## ` heading per goal (its title), one `### ` per KPI (its label) with
// its verdict phrase first; project text has Markdown control characters escaped.

import { formatRange } from '@kpi/core';
import type { Report, ReportBudget, ReportChurn, ReportGoal, ReportKpi } from './report-model.js';

/** Escapes the characters that would turn project text into Markdown markup. */
export const escapeMarkdown = (s: string): string => s.replace(/([\\`*_[\]<>#|~])/g, '\\$1');
const m = escapeMarkdown;

const kpiMd = (k: ReportKpi): string[] => {
  const out = [`### ${m(k.label)} — ${m(k.phrase)}`, ''];
  const item = (label: string, text: string | null | undefined): void => {
    if (text) out.push(`- **${label}:** ${text}`);
  };
  item('Value', `${m(k.value)} (${m(k.valueWhen)})`);
  item('Target', k.target === null ? 'none set' : m(k.target));
  item('Pace', k.pace && m(k.pace));
  item('Compared', k.comparison && m(k.comparison));
  item('Why', k.cause && `${m(k.cause)}${k.annotation ? ` _(${m(k.annotation)})_` : ''}`);
  if (!k.cause) item('Note', k.annotation && m(k.annotation));
  item(
    'Forecast',
    k.forecast && `${m(k.forecast)}${k.probability ? `, ${m(k.probability)} likely to hit` : ''}`,
  );
  for (const w of k.warnings) item('Warning', m(w));
  item('Owner', k.ownerName && m(k.ownerName));
  item(
    'Latest review',
    k.review && `${m(k.review.who)}, ${m(k.review.date)} (${m(k.review.decision)}): ${m(k.review.note)}`,
  );
  out.push('');
  return out;
};

const goalMd = (g: ReportGoal): string[] => [
  `## ${m(g.title)}`,
  '',
  [g.ownerName ? `Owner: ${m(g.ownerName)}` : '', `Goal period ${m(g.period)}`, m(g.summary)]
    .filter((x) => x)
    .join(' · '),
  '',
  '**Since the last report**',
  '',
  ...(g.changes.length === 0
    ? ['- No status or target changes.']
    : g.changes.map(
        (c) =>
          `- **${m(c.label)}:** ${m(c.text)}${c.who ? ` — ${m(c.who)}${c.date ? `, ${m(c.date)}` : ''}` : ''}${c.why ? `: “${m(c.why)}”` : ''}`,
      )),
  '',
  ...g.kpis.flatMap(kpiMd),
];

const budgetMd = (b: ReportBudget): string[] => [
  `## Budget: ${m(b.title)} (${m(b.period)})`,
  '',
  `**${m(b.headline)}**`,
  '',
  ...b.rows.map((x) => `- ${m(x.label)}: ${m(x.today)} → **${m(x.plan)}** (${m(x.change)})`),
  '',
  `- ${m(b.outcome)}`,
  ...(b.probability ? [`- ${m(b.probability)}`] : []),
  `- _${m(b.caveat)}_`,
  '',
];

const churnMd = (c: ReportChurn): string[] => [
  `## Churn: ${m(c.label)}`,
  '',
  `- **Last period:** ${m(c.rate)}`,
  `- **Next period:** ${m(c.expected)}`,
  `- **Revenue at risk:** ${m(c.revenueAtRisk)}`,
  ...(c.segments.length
    ? c.segments.map((s) => `- **Risk rose:** ${m(s)}`)
    : ['- No segment’s churn rose clearly.']),
  '',
];

export const renderMarkdown = (r: Report): string =>
  [
    `# ${m(r.title)}`,
    '',
    `Period covered: ${m(r.period.text)} · numbers as of ${r.asOf} · changes since the last report (${m(formatRange(r.period.previous))})`,
    '',
    ...r.goals.flatMap(goalMd),
    ...(r.budget ?? []).flatMap(budgetMd),
    ...(r.churn ?? []).flatMap(churnMd),
    ...(r.supporting.length === 0
      ? []
      : [
          `## Supporting metrics${r.supportingRange ? ` (${m(r.supportingRange)})` : ''}`,
          '',
          ...r.supporting.map((x) => `- ${m(x.label)}: **${m(x.value)}** (${m(x.change)})`),
          '',
        ]),
  ].join('\n');
