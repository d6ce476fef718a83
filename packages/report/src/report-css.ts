// The report's one stylesheet, inlined into the HTML: screen and print (A4 / Letter set by
// the printer), status colours that also print, cards that never split across pages. Pure.

export const REPORT_CSS = `
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#111827;margin:0;padding:24px;line-height:1.4;background:#fff;-webkit-print-color-adjust:exact;print-color-adjust:exact}
header.report-head h1{font-size:22px;margin:0 0 4px}
.meta{color:#4b5563;font-size:13px;margin:0 0 2px}
section.goal{margin-top:24px}
section.goal>h2{font-size:18px;margin:0 0 2px;break-after:avoid}
.goal-meta{color:#4b5563;font-size:13px;margin:0 0 8px;break-after:avoid}
.changes{border:1px solid #e5e7eb;border-radius:6px;padding:8px 12px;margin:0 0 12px;font-size:13px;break-inside:avoid}
.changes h3{font-size:13px;margin:0 0 4px}
.changes ul{margin:0;padding-left:18px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:12px}
article.card{border:1px solid #d1d5db;border-left-width:6px;border-radius:6px;padding:10px 12px;break-inside:avoid;page-break-inside:avoid;font-size:13px}
article.card h3{font-size:15px;margin:0}
.card-head{display:flex;justify-content:space-between;gap:8px;align-items:baseline}
.badge{font-size:12px;font-weight:600;border-radius:10px;padding:1px 8px;white-space:nowrap}
.phrase{margin:2px 0 6px;font-weight:600}
.value{font-size:20px;font-weight:700;font-variant-numeric:tabular-nums}
.when{color:#4b5563;font-size:12px;margin-left:4px}
.card p{margin:3px 0}
.label{color:#4b5563}
.annotation{color:#4b5563;font-style:italic}
.review{border-top:1px dashed #d1d5db;padding-top:4px;margin-top:6px}
.warning{color:#92400e}
svg.spark{display:block;margin:4px 0}
svg.pace{display:block;margin:4px 0 2px}
.card.status-on_track,.card.status-achieved{border-left-color:#15803d}
.card.status-at_risk{border-left-color:#d97706}
.card.status-off_track,.card.status-missed{border-left-color:#b91c1c}
.card.status-no_data,.card.status-no_target{border-left-color:#9ca3af}
.badge.status-on_track,.badge.status-achieved{background:#dcfce7;color:#14532d}
.badge.status-at_risk{background:#fef3c7;color:#78350f}
.badge.status-off_track,.badge.status-missed{background:#fee2e2;color:#7f1d1d}
.badge.status-no_data,.badge.status-no_target{background:#f3f4f6;color:#374151}
section.appendix{margin-top:28px;break-before:auto}
section.appendix h2{font-size:16px}
table{border-collapse:collapse;font-size:12px;width:100%}
th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #e5e7eb}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tr{break-inside:avoid}
@media print{body{padding:0}.cards{grid-template-columns:1fr 1fr}}
`;
