// Public surface of @kpi/engines: the Engine interface and its implementations. IO.
export * from './engine.js';
export * from './duckdb/duckdb-engine.js';
export * from './postgres/postgres-engine.js';
