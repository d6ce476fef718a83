// Public surface of @kpi/server: start the HTTP API on a project, and its route table
// and OpenAPI document (for docs and tests). IO.
export { startServer, apiRoutes, type ServeOptions, type RunningServer } from './start-server.js';
export { openApiDocument } from './openapi/openapi-document.js';
export { trustedProxies, clientAddress, type TrustedProxies } from './http/client-address.js';
export { DEFAULT_LIMITS, type ServerLimits } from './server-state.js';
export type { RouteDef } from './http/route-types.js';
export type { LogSink } from './http/json-log.js';
export type { SchedulerOptions } from './server-scheduler.js';
