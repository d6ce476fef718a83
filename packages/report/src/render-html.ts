// The report as one self-contained HTML file: inline CSS, charts as inline SVG, no fonts,
// scripts, images or links to fetch, so it shows offline and prints the same. Pure.
// Invariants: every text from the project (titles, labels, notes) is escaped; each KPI is
// one `article.card` (data-kpi) that never splits across printed pages.

import { formatRange } from '@kpi/core';
import type { Report, ReportBudget, ReportChurn, ReportGoal, ReportKpi } from './report-model.js';
import { REPORT_CSS } from './report-css.js';
import { paceBarSvg, sparklineSvg } from './svg-builders.js';

export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const e = escapeHtml;
const line = (cls: string, label: string, text: string | null): string =>
  text === null ? '' : `<p class="${cls}"><span class="label">${e(label)}:</span> ${e(text)}</p>`;

const cardHtml = (k: ReportKpi): string => {
  const parts = [
    `<article class="card status-${k.status}" data-kpi="${e(k.kpi)}">`,
    `<div class="card-head"><h3>${e(k.label)}</h3><span class="badge status-${k.status}">${e(k.statusText)}</span></div>`,
    `<p class="phrase" data-part="verdict">${e(k.phrase)}</p>`,
    `<p><span class="value" data-part="value">${e(k.value)}</span><span class="when">${e(k.valueWhen)}</span></p>`,
    k.target === null
      ? `<p class="target" data-part="target"><span class="label">Target:</span> none set</p>`
      : `<p class="target" data-part="target"><span class="label">Target:</span> ${e(k.target)}</p>`,
    k.paceBar ? paceBarSvg(k.paceBar) : '',
    line('pace', 'Pace', k.pace),
    k.comparison === null
      ? ''
      : `<p data-part="comparison"><span class="label">Compared:</span> ${e(k.comparison)}</p>`,
    k.cause === null
      ? ''
      : `<p data-part="cause"><span class="label">Why:</span> ${e(k.cause)}${k.annotation ? ` <span class="annotation">(${e(k.annotation)})</span>` : ''}</p>`,
    k.cause === null && k.annotation ? `<p class="annotation">Note: ${e(k.annotation)}</p>` : '',
    sparklineSvg(k.spark, { label: e(`${k.label}: the series and its target path`) }),
    k.forecast === null
      ? ''
      : `<p data-part="forecast"><span class="label">Forecast:</span> ${e(k.forecast)}${k.probability ? ` · <strong>${e(k.probability)}</strong> likely to hit` : ''}</p>`,
    ...k.warnings.map((w) => `<p class="warning">⚠ ${e(w)}</p>`),
    k.ownerName ? `<p class="label">Owner: ${e(k.ownerName)}</p>` : '',
    k.review
      ? `<p class="review" data-part="review"><span class="label">Latest review (${e(k.review.who)}, ${e(k.review.date)}, ${e(k.review.decision)}):</span> ${e(k.review.note)}</p>`
      : '',
    `</article>`,
  ];
  return parts.filter((p) => p !== '').join('\n');
};

const goalHtml = (g: ReportGoal): string => {
  const changes =
    g.changes.length === 0
      ? '<div class="changes"><h3>Since the last report</h3><p>No status or target changes.</p></div>'
      : `<div class="changes"><h3>Since the last report</h3><ul>${g.changes
          .map(
            (c) =>
              `<li><strong>${e(c.label)}</strong>: ${e(c.text)}${c.who ? ` — ${e(c.who)}${c.date ? `, ${e(c.date)}` : ''}` : ''}${c.why ? `: “${e(c.why)}”` : ''}</li>`,
          )
          .join('')}</ul></div>`;
  return [
    `<section class="goal" data-goal="${e(g.goal)}">`,
    `<h2>${e(g.title)}</h2>`,
    `<p class="goal-meta">${[g.ownerName ? `Owner: ${e(g.ownerName)}` : '', `Goal period ${e(g.period)}`, e(g.summary)].filter((x) => x).join(' · ')}</p>`,
    changes,
    `<div class="cards">`,
    ...g.kpis.map(cardHtml),
    `</div>`,
    `</section>`,
  ].join('\n');
};

const budgetHtml = (b: ReportBudget): string =>
  [
    `<section class="predictive budget" data-budget="${e(b.goal)}">`,
    `<h2>Budget: ${e(b.title)} (${e(b.period)})</h2>`,
    `<p class="phrase" data-part="plan">${e(b.headline)}</p>`,
    `<table><thead><tr><th>${e(b.dimensionLabel)}</th><th>Today's split</th><th>Plan</th><th>Change</th></tr></thead><tbody>${b.rows
      .map(
        (x) =>
          `<tr><td>${e(x.label)}</td><td class="num">${e(x.today)}</td><td class="num">${e(x.plan)}</td><td class="num">${e(x.change)}</td></tr>`,
      )
      .join('')}</tbody></table>`,
    `<p data-part="outcome">${e(b.outcome)}</p>`,
    b.probability ? `<p data-part="probability">${e(b.probability)}</p>` : '',
    `<p class="warning" data-part="caveat">${e(b.caveat)}</p>`,
    `</section>`,
  ]
    .filter((x) => x !== '')
    .join('\n');

const churnHtml = (c: ReportChurn): string =>
  [
    `<section class="predictive churn" data-churn="${e(c.name)}">`,
    `<h2>Churn: ${e(c.label)}</h2>`,
    `<p data-part="rate"><span class="label">Last period:</span> ${e(c.rate)}</p>`,
    `<p data-part="expected"><span class="label">Next period:</span> ${e(c.expected)}</p>`,
    `<p data-part="revenue"><span class="label">Revenue at risk:</span> ${e(c.revenueAtRisk)}</p>`,
    c.segments.length
      ? `<ul data-part="segments">${c.segments.map((s) => `<li>Risk rose: ${e(s)}</li>`).join('')}</ul>`
      : `<p data-part="segments">No segment’s churn rose clearly.</p>`,
    `</section>`,
  ].join('\n');

const appendixHtml = (r: Report): string =>
  r.supporting.length === 0
    ? ''
    : `<section class="appendix"><h2>Supporting metrics${r.supportingRange ? ` (${e(r.supportingRange)})` : ''}</h2><table><thead><tr><th>Metric</th><th>Value</th><th>Change</th></tr></thead><tbody>${r.supporting
        .map(
          (m) => `<tr><td>${e(m.label)}</td><td class="num">${e(m.value)}</td><td>${e(m.change)}</td></tr>`,
        )
        .join('')}</tbody></table></section>`;

export const renderHtml = (r: Report): string =>
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(r.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="report-head">
<h1>${e(r.title)}</h1>
<p class="meta">Period covered: ${e(r.period.text)} · numbers as of ${e(r.asOf)} · changes since the last report (${e(formatRange(r.period.previous))})</p>
<p class="meta">Made ${e(r.generatedAt.slice(0, 16).replace('T', ' '))} UTC</p>
</header>
${r.goals.map(goalHtml).join('\n')}
${(r.budget ?? []).map(budgetHtml).join('\n')}
${(r.churn ?? []).map(churnHtml).join('\n')}
${appendixHtml(r)}
</body>
</html>
`;
