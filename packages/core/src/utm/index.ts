// UTM links: GA4's campaign parameters, building and reading tagged URLs, linting exports,
// and attribution by campaign. Pure and free of zod, so the web app imports it as
// `@kpi/core/utm`.
export * from './utm-params.js';
export * from './utm-value-check.js';
export * from './utm-url.js';
export * from './utm-lint.js';
export * from './utm-attribution.js';
