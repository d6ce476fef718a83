// Public surface of @kpi/scorecard: KPI evaluation (progress, pace, status, comparisons,
// contribution analysis, narrative). Pure: takes numbers, returns readings.
export * from './kpi-reading.js';
export * from './target-status.js';
export * from './verdict.js';
export * from './compare-values.js';
export * from './contribution.js';
export * from './cause-analysis.js';
export * from './theme-cause.js';
export * from './narrative.js';
export * from './evaluate-kpi.js';
export * from './scorecard-reading.js';
export * from './benchmark-position.js';
