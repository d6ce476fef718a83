// Public surface of @kpi/report: the stakeholder report — readings -> a report model ->
// HTML (inline CSS and SVG), Markdown, JSON. Pure: no IO, no node:*.
export * from './report-model.js';
export * from './report-period.js';
export * from './build-report.js';
export * from './report-predictive.js';
export * from './render-html.js';
export * from './render-markdown.js';
export * from './svg-builders.js';
export { renderJson } from './render-json.js';
