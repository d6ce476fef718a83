// The HTML and Markdown renderers on a small report made by hand: project text is escaped
// (no tag, attribute or Markdown markup gets through), the page fetches nothing, and the
// SVG builders draw the series, the dashed target path and the hollow last point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Report, ReportKpi } from './report-model.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { paceBarSvg, sparklineSvg } from './svg-builders.js';

const kpi: ReportKpi = {
  kpi: 'leads',
  label: 'Leads <b>"x"</b> & *co*',
  status: 'at_risk',
  statusText: 'at risk',
  phrase: 'at risk, 35% likely',
  value: '1,234',
  valueWhen: 'to date',
  target: 'Reach 2,000 in total by 31 Dec 2026',
  pace: '62% of the way to 2,000',
  paceBar: { fill: 0.62, marker: 0.7, ahead: false },
  comparison: '+12% on the previous week (100 → 112)',
  cause: 'Meta ads produced 58% of the rise (26 → 30)',
  annotation: '12 Nov: <script>alert(1)</script>',
  forecast: '1,900 by 31 Dec 2026 (80%: 1,700–2,100)',
  probability: '35%',
  review: { who: 'Anna Berg', date: '20 Nov 2026', decision: 'keep', note: 'Push [LinkedIn](http://evil)' },
  warnings: [],
  sentence: 'Leads: …',
  spark: { values: [1, 3, 2, 4], targets: [1, 2, 3, 4], partialLast: true },
  raw: { value: 1234, target: 2000, probability: 0.35, format: { unit: 'count' } },
};
const report: Report = {
  kind: 'report',
  project: 'P',
  title: 'P: report for 9–15 Nov 2026',
  period: {
    spec: 'last-week',
    range: { start: '2026-11-09', end: '2026-11-15' },
    text: '9–15 Nov 2026',
    previous: { start: '2026-11-02', end: '2026-11-08' },
  },
  asOf: '2026-11-15',
  generatedAt: '2026-11-22T12:00:00.000Z',
  goals: [
    {
      goal: 'g',
      title: 'Win <em>big</em>',
      period: '1 Oct – 31 Dec 2026',
      summary: '1 at risk',
      kpis: [kpi],
      changes: [{ kind: 'status', kpi: 'leads', label: kpi.label, text: 'on track → at risk' }],
    },
  ],
  supporting: [
    { metric: 'm', label: 'Clicks', value: '5', change: '+1% on the week before', range: '9–15 Nov 2026' },
  ],
  supportingRange: '9–15 Nov 2026',
};

test('HTML: escaped, self-contained, one card per KPI with its parts', () => {
  const html = renderHtml(report);
  assert.ok(!html.includes('<script>'), 'no script gets through');
  assert.ok(!html.includes('<em>big'), 'no tag from a title');
  assert.ok(html.includes('Win &lt;em&gt;big&lt;/em&gt;'));
  assert.ok(html.includes('Leads &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; *co*'));
  assert.doesNotMatch(
    html.replaceAll('xmlns="http://www.w3.org/2000/svg"', ''),
    /<script|<link|<img|url\(|src=|href=/,
  );
  assert.equal(html.match(/<article class="card/g)?.length, 1);
  assert.match(html, /break-inside:avoid/);
  for (const part of ['verdict', 'value', 'target', 'comparison', 'cause', 'forecast', 'review'])
    assert.match(html, new RegExp(`data-part="${part}"`), part);
});

test('Markdown: headings and bullets, project text escaped', () => {
  const md = renderMarkdown(report);
  assert.match(md, /^# P: report for 9–15 Nov 2026\n/);
  assert.match(md, /\n## Win \\<em\\>big\\<\/em\\>\n/);
  assert.match(md, /\n### Leads \\<b\\>"x"\\<\/b\\> & \\\*co\\\* — at risk, 35% likely\n/);
  assert.match(
    md,
    /- \*\*Latest review:\*\* Anna Berg, 20 Nov 2026 \(keep\): Push \\\[LinkedIn\\\]\(http:\/\/evil\)/,
  );
  assert.match(
    md,
    /\n## Supporting metrics \(9–15 Nov 2026\)\n\n- Clicks: \*\*5\*\* \(\+1% on the week before\)/,
  );
});

test('SVG: solid series, dashed target path, hollow unfinished point; pace bar fill and marker', () => {
  const svg = sparklineSvg(kpi.spark, { width: 98, height: 38 });
  // 4 px padding: x 4, 34, 64, 94 (3 steps of 90 / 3); values 1..4 over 30 px: y 34, 24, 14, 4.
  assert.match(
    svg,
    /<path d="M4 34L34 24L64 14L94 4" fill="none" stroke="#6b7280"[^>]*stroke-dasharray="4 3"/,
  );
  assert.match(svg, /<path d="M4 34L34 14L64 24" fill="none" stroke="#1d4ed8" stroke-width="2"/);
  assert.match(svg, /<path d="M64 24L94 4"[^>]*stroke-dasharray="2 2"/);
  assert.match(svg, /<circle cx="94" cy="4" r="3" fill="#fff"/);
  assert.equal(
    sparklineSvg({ values: [1, null], targets: [1, 1], partialLast: false }),
    '',
    'one value: no line',
  );
  const bar = paceBarSvg({ fill: 0.5, marker: 0.25, ahead: true }, { width: 200, height: 10 });
  assert.match(bar, /<rect x="0" y="0" width="100" height="10" rx="3" fill="#15803d"\/>/);
  assert.match(bar, /<rect x="50" y="0" width="2" height="10" fill="#111827"\/>/);
});
