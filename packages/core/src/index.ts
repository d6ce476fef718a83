// Public surface of @kpi/core: domain types, schemas, project loading, errors. Pure.
export * from './result.js';
export * from './errors.js';
export * from './schema/common-schema.js';
export * from './schema/dataset-schema.js';
export * from './schema/metric-schema.js';
export * from './schema/goal-schema.js';
export * from './schema/project-schema.js';
export * from './schema/json-schema.js';
export * from './project/project-model.js';
export * from './project/load-project.js';
export * from './project/metric-graph.js';
export * from './project/validate-project.js';
export * from './expr/expression-parser.js';
export * from './time/calendar.js';
export * from './format/number-format.js';
