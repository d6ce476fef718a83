// Test support of @kpi/engines (the `@kpi/engines/testing` entry): the one engine suite and
// a throwaway PostgreSQL server. IO; never imported by the product.
export * from './engine-suite.js';
export * from './test-postgres.js';
export * from './engine-targets.js';
export * from './copy-tables.js';
