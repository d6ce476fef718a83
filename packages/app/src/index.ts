// Public surface of @kpi/app: the use-cases the CLI and the server call. IO.
export * from './project-files.js';
export * from './store.js';
export * from './dates.js';
export * from './use-cases/init-project.js';
export * from './use-cases/import-dataset.js';
export * from './use-cases/list-datasets.js';
export * from './use-cases/query-metrics.js';
