// Public surface of @kpi/semantic: dialects and the metric compiler. Pure.
export * from './dialect.js';
export * from './dialects/duckdb-dialect.js';
