// Routes: health, the project's settings, and the KPI checks. IO.
// Invariants: /api/health needs no login and says nothing about the data; the checks run
// once per project and data version (read cache) and are narrowed per request.

import type { z } from 'zod';
import { NotFoundError, type Issue, ownGet } from '@kpi/core';
import { checkProject } from '@kpi/app';
import type { RouteDef } from '../http/route-types.js';
import { READ, cachedValue, route } from './route-helpers.js';
import { checksQuery, checksSchema, healthSchema, projectSchema } from './api-schemas.js';

type Finding = z.infer<typeof checksSchema>['findings'][number];
type Checks = z.infer<typeof checksSchema>;

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** A warning found loading the project files, as a finding (with its KPI or goal when it names one). */
const loadFinding = (i: Issue): Finding => {
  const [section, name] = i.path;
  const owner =
    typeof name !== 'string'
      ? {}
      : section === 'kpis'
        ? { kpi: name }
        : section === 'goals'
          ? { goal: name }
          : {};
  return { rule: 'project.load', ...i, path: [...i.path], ...owner };
};

const countOf = (findings: readonly Finding[]): Checks['counts'] => ({
  error: findings.filter((f) => f.severity === 'error').length,
  warning: findings.filter((f) => f.severity === 'warning').length,
  info: findings.filter((f) => f.severity === 'info').length,
});

const runChecks = async (lp: Parameters<typeof checkProject>[0], withData: boolean): Promise<Checks> => {
  const { today, report } = await checkProject(lp, withData ? {} : { withoutData: true });
  const findings = [...report.findings, ...lp.warnings.map(loadFinding)]
    .map((f) => ({ ...f, path: [...f.path] }) as Finding)
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const suppressed = report.suppressed.map((f) => ({
    rule: f.rule,
    code: f.code,
    ...(f.kpi === undefined ? {} : { kpi: f.kpi }),
    ...(f.goal === undefined ? {} : { goal: f.goal }),
    reason: f.reason,
  }));
  return { today, withData, counts: countOf(findings), findings, suppressed };
};

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
          churn: Object.keys(p.churn ?? {}).sort(),
        },
      };
    },
  }),
  route({
    method: 'GET',
    path: '/api/checks',
    tag: 'project',
    summary:
      'The KPI checks (SMART, vanity, 3-5 per goal, leading/lagging, Goodhart, reviews, freshness) and the warnings found loading the files, as in `kpi check`.',
    access: READ,
    querySchema: checksQuery,
    response: checksSchema,
    async handle(ctx, { query }) {
      const q = query as z.infer<typeof checksQuery>;
      const withData = q.data !== 'false';
      const lp = ctx.state.project();
      if (q.kpi !== undefined && !ownGet(lp.project.kpis, q.kpi))
        throw new NotFoundError('kpi.not_found', `no KPI "${q.kpi}"`);
      if (q.goal !== undefined && !ownGet(lp.project.goals, q.goal))
        throw new NotFoundError('goal.not_found', `no goal "${q.goal}"`);
      const all = await cachedValue(ctx, ['checks', withData], () => runChecks(lp, withData));
      if (q.kpi === undefined && q.goal === undefined) return { body: all };
      const findings = all.findings.filter(
        (f) => (q.kpi === undefined || f.kpi === q.kpi) && (q.goal === undefined || f.goal === q.goal),
      );
      const suppressed = all.suppressed.filter(
        (f) => (q.kpi === undefined || f.kpi === q.kpi) && (q.goal === undefined || f.goal === q.goal),
      );
      return { body: { ...all, counts: countOf(findings), findings, suppressed } };
    },
  }),
];
