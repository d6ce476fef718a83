// Routes: health, the project's settings, and checks. IO.
// Invariant: /api/health needs no login and says nothing about the data.

import type { RouteDef } from '../http/route-types.js';
import { READ, route } from './route-helpers.js';
import { checksSchema, healthSchema, projectSchema } from './api-schemas.js';

export const projectRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/health',
    tag: 'system',
    summary: 'Liveness: 200 while the server accepts requests.',
    access: 'public',
    response: healthSchema,
    handle: async () => ({ body: { status: 'ok', project: 'loaded' } }),
  }),
  route({
    method: 'GET',
    path: '/api/project',
    tag: 'project',
    summary: 'The project: name, time zone, calendar, currency, and how many definitions it has.',
    access: READ,
    response: projectSchema,
    async handle(ctx) {
      const p = ctx.state.project().project;
      return {
        body: {
          ...p.settings,
          counts: {
            datasets: Object.keys(p.datasets).length,
            metrics: Object.keys(p.metrics).length,
            goals: Object.keys(p.goals).length,
            kpis: Object.keys(p.kpis).length,
            annotations: p.annotations.length,
          },
        },
      };
    },
  }),
  route({
    method: 'GET',
    path: '/api/checks',
    tag: 'project',
    summary: 'Checks of the project: the warnings found when loading it.',
    access: READ,
    response: checksSchema,
    handle: async (ctx) => ({
      body: {
        issues: ctx.state.project().warnings,
        note: 'project validation warnings; the KPI checks (SMART, vanity, Goodhart...) join here when the rules package lands',
      },
    }),
  }),
];
