// Routes: reviews of a KPI (by editors, or by the KPI's owner) and of the KPI list
// (editors). IO. Invariants: the owner check reads the KPI's owner from the served
// project; a new review drops the cached reads (the checks read review dates).

import { z } from 'zod';
import { addReview, listReviews, newReviewSchema } from '@kpi/app';
import type { RouteDef } from '../http/route-types.js';
import { EDIT, READ, param, principalOf, route } from './route-helpers.js';
import { nameParams, reviewSchema } from './api-schemas.js';
import { ownGet } from '@kpi/core';

export const reviewRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/kpis/{name}/reviews',
    tag: 'reviews',
    summary: 'Reviews of one KPI, newest first.',
    access: READ,
    params: nameParams,
    response: z.array(reviewSchema),
    handle: async (ctx) => ({ body: await listReviews(ctx.state.project(), param(ctx, 'name')) }),
  }),
  route({
    method: 'POST',
    path: '/api/kpis/{name}/reviews',
    tag: 'reviews',
    summary: 'Review a KPI (keep, adjust, replace, retire, or a note). Editors, and the KPI’s owner.',
    access: (ctx) => ({
      kind: 'review',
      kpiOwner: ownGet(ctx.state.project().project.kpis, param(ctx, 'name'))?.owner,
    }),
    params: nameParams,
    body: { kind: 'json', schema: newReviewSchema },
    response: reviewSchema,
    status: 201,
    async handle(ctx, { body }) {
      const review = await addReview(
        ctx.state.project(),
        principalOf(ctx).user.email,
        param(ctx, 'name'),
        body,
      );
      ctx.state.dataChanged();
      return { status: 201, body: review };
    },
  }),
  route({
    method: 'GET',
    path: '/api/reviews',
    tag: 'reviews',
    summary: 'All reviews (of KPIs and of the KPI list), newest first.',
    access: READ,
    response: z.array(reviewSchema),
    handle: async (ctx) => ({ body: await listReviews(ctx.state.project()) }),
  }),
  route({
    method: 'POST',
    path: '/api/reviews',
    tag: 'reviews',
    summary: 'Review the KPI list itself (editors).',
    access: EDIT,
    body: { kind: 'json', schema: newReviewSchema },
    response: reviewSchema,
    status: 201,
    async handle(ctx, { body }) {
      const review = await addReview(ctx.state.project(), principalOf(ctx).user.email, null, body);
      ctx.state.dataChanged();
      return { status: 201, body: review };
    },
  }),
];
