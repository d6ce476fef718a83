// Public surface of @kpi/semantic: dialects and the metric compiler. Pure.
export * from './dialect.js';
export * from './dialects/duckdb-dialect.js';
export * from './dialects/postgres-dialect.js';
export * from './query/metric-query.js';
export { planMetricQuery } from './query/plan-metric-query.js';
export { renderMetricQuery } from './query/render-query.js';
export { compileMetricQuery } from './compile-metric-query.js';
export * from './cube/leaf-cube.js';
export * from './cube/cube-node.js';
export { compileLeafCube } from './cube/compile-leaf-cube.js';
