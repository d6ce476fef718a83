// Public surface of @kpi/rules: the KPI checks, the engine that runs them, SARIF output. Pure.
export * from './rule-types.js';
export * from './run-rules.js';
export * from './all-rules.js';
export * from './sarif-report.js';
export * from './lagged-correlation.js';
export * from './goal-focus.js';
export { vanityKind } from './rules/vanity-metric-rule.js';
export * from './cascade/kpi-rollup.js';
export * from './cascade/okr-progress.js';
export * from './cascade/retired-kpis.js';
export { OKR_KEY_RESULTS } from './rules/okr-measurable-rule.js';
