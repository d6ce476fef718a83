// Routes: goals, KPIs and annotations — read, create, edit (written back into the YAML
// files, with history). IO. Invariant: after a successful edit the server serves the
// reloaded project; a refused edit changes neither the files nor the served project.

import { z } from 'zod';
import { NotFoundError, type Project, ownGet } from '@kpi/core';
import {
  addAnnotation,
  createGoal,
  createKpi,
  editGoal,
  editKpi,
  goalPatchSchema,
  kpiPatchSchema,
  listChanges,
  newAnnotationSchema,
  newGoalSchema,
  newKpiSchema,
  type EditResult,
} from '@kpi/app';
import { annotationSchema, goalSchema, kpiSchema } from '@kpi/core';
import type { RequestContext, Reply, RouteDef } from '../http/route-types.js';
import { EDIT, READ, param, principalOf, route } from './route-helpers.js';
import { changeSchema, editResultSchema, goalOut, historyQuery, kpiOut, nameParams } from './api-schemas.js';

const goalView = (p: Project, name: string) => {
  const g = ownGet(p.goals, name);
  if (!g) throw new NotFoundError('goal.not_found', `no goal "${name}"`);
  const kpis = Object.entries(p.kpis)
    .filter(([, k]) => k.goal === name)
    .map(([k]) => k);
  return { name, ...g, kpis };
};

const kpiView = (p: Project, name: string) => {
  const k = ownGet(p.kpis, name);
  if (!k) throw new NotFoundError('kpi.not_found', `no KPI "${name}"`);
  return { name, ...k };
};

const applied = (ctx: RequestContext, r: EditResult, value: unknown, status = 200): Reply => {
  ctx.state.setProject(r.project);
  return { status, body: { file: r.file, value } };
};

const actor = (ctx: RequestContext): string => principalOf(ctx).user.email;

export const definitionRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/goals',
    tag: 'goals',
    summary: 'Goals, each with the names of its KPIs.',
    access: READ,
    response: z.array(goalOut),
    handle: async (ctx) => {
      const p = ctx.state.project().project;
      return { body: Object.keys(p.goals).map((g) => goalView(p, g)) };
    },
  }),
  route({
    method: 'GET',
    path: '/api/goals/{name}',
    tag: 'goals',
    summary: 'One goal with the names of its KPIs.',
    access: READ,
    params: nameParams,
    response: goalOut,
    handle: async (ctx) => ({ body: goalView(ctx.state.project().project, param(ctx, 'name')) }),
  }),
  route({
    method: 'POST',
    path: '/api/goals',
    tag: 'goals',
    summary: 'Create a goal (written into the project files).',
    access: EDIT,
    body: { kind: 'json', schema: newGoalSchema },
    response: editResultSchema(goalSchema),
    status: 201,
    async handle(ctx, { body }) {
      const r = await createGoal(ctx.state.project(), actor(ctx), body);
      const name = (body as { name: string }).name;
      return applied(ctx, r, ownGet(r.project.project.goals, name), 201);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/goals/{name}',
    tag: 'goals',
    summary: 'Change a goal (title, owner, period...); kept in the history with the reason.',
    access: EDIT,
    params: nameParams,
    body: { kind: 'json', schema: goalPatchSchema },
    response: editResultSchema(goalSchema),
    async handle(ctx, { body }) {
      const name = param(ctx, 'name');
      const r = await editGoal(ctx.state.project(), actor(ctx), name, body);
      return applied(ctx, r, ownGet(r.project.project.goals, name));
    },
  }),
  route({
    method: 'GET',
    path: '/api/kpis',
    tag: 'kpis',
    summary: 'KPIs with targets, owners and cadence.',
    access: READ,
    response: z.array(kpiOut),
    handle: async (ctx) => {
      const p = ctx.state.project().project;
      return { body: Object.keys(p.kpis).map((k) => kpiView(p, k)) };
    },
  }),
  route({
    method: 'GET',
    path: '/api/kpis/{name}',
    tag: 'kpis',
    summary: 'One KPI.',
    access: READ,
    params: nameParams,
    response: kpiOut,
    handle: async (ctx) => ({ body: kpiView(ctx.state.project().project, param(ctx, 'name')) }),
  }),
  route({
    method: 'POST',
    path: '/api/kpis',
    tag: 'kpis',
    summary: 'Create a KPI (written into the file of its goal).',
    access: EDIT,
    body: { kind: 'json', schema: newKpiSchema },
    response: editResultSchema(kpiSchema),
    status: 201,
    async handle(ctx, { body }) {
      const r = await createKpi(ctx.state.project(), actor(ctx), body);
      return applied(ctx, r, ownGet(r.project.project.kpis, (body as { name: string }).name), 201);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/kpis/{name}',
    tag: 'kpis',
    summary: 'Change a KPI: target (field by field), owner, cadence...; kept in the history with the reason.',
    access: EDIT,
    params: nameParams,
    body: { kind: 'json', schema: kpiPatchSchema },
    response: editResultSchema(kpiSchema),
    async handle(ctx, { body }) {
      const name = param(ctx, 'name');
      const r = await editKpi(ctx.state.project(), actor(ctx), name, body);
      return applied(ctx, r, ownGet(r.project.project.kpis, name));
    },
  }),
  route({
    method: 'GET',
    path: '/api/kpis/{name}/history',
    tag: 'kpis',
    summary: 'Changes made to a KPI through kpi: who, when, why, before and after.',
    access: READ,
    params: nameParams,
    response: z.array(changeSchema),
    handle: async (ctx) => ({
      body: await listChanges(ctx.state.project(), { entity: 'kpi', name: param(ctx, 'name') }),
    }),
  }),
  route({
    method: 'GET',
    path: '/api/history',
    tag: 'history',
    summary: 'The change history of goals, KPIs and annotations, newest first.',
    access: READ,
    querySchema: historyQuery,
    response: z.array(changeSchema),
    handle: async (ctx, { query }) => ({
      body: await listChanges(ctx.state.project(), query as z.infer<typeof historyQuery>),
    }),
  }),
  route({
    method: 'GET',
    path: '/api/annotations',
    tag: 'annotations',
    summary: 'Annotations: dated events that explain movements.',
    access: READ,
    response: z.array(annotationSchema),
    handle: async (ctx) => ({ body: ctx.state.project().project.annotations }),
  }),
  route({
    method: 'POST',
    path: '/api/annotations',
    tag: 'annotations',
    summary: 'Add an annotation (written into the project files).',
    access: EDIT,
    body: { kind: 'json', schema: newAnnotationSchema },
    response: editResultSchema(annotationSchema),
    status: 201,
    async handle(ctx, { body }) {
      const r = await addAnnotation(ctx.state.project(), actor(ctx), body);
      const { reason: _r, ...value } = body as z.infer<typeof newAnnotationSchema>;
      return applied(ctx, r, value, 201);
    },
  }),
];
