// Routes: the team's sentiment corrections. An editor sets a mention's label; the
// correction is kept, overrides the model in every metric and survives rescoring. IO.
// Invariants: the body is validated (a label of three, a key of at most MAX_KEY_PARTS
// short values, a known column name); the row is looked up by bound values only; a
// correction drops the cached reads (every sentiment metric may change).

import { z } from 'zod';
import { correctSentiment } from '@kpi/app';
import type { RouteDef } from '../http/route-types.js';
import { EDIT, param, principalOf, route } from './route-helpers.js';
import { nameParams } from './api-schemas.js';

/** Most key columns a dataset key may have in a correction, and the longest key value. */
const MAX_KEY_PARTS = 8;
const MAX_KEY_VALUE = 200;

const correctionSchema = z.strictObject({
  key: z
    .array(z.string().min(1).max(MAX_KEY_VALUE))
    .min(1)
    .max(MAX_KEY_PARTS)
    .describe('The row\'s natural key values, in the dataset\'s key order (e.g. ["mn-000123"]).'),
  label: z.enum(['positive', 'neutral', 'negative']),
  column: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,62}$/, { error: 'not a column name' })
    .optional()
    .describe("Which sentiment column (default: the dataset's first)."),
});

const correctionOut = z.object({
  dataset: z.string(),
  key: z.array(z.string()),
  column: z.string(),
  previous: z.string().nullable(),
  label: z.enum(['positive', 'neutral', 'negative']),
});

export const sentimentRoutes: readonly RouteDef[] = [
  route({
    method: 'POST',
    path: '/api/datasets/{name}/sentiment-corrections',
    tag: 'datasets',
    summary:
      "Correct a row's sentiment label (editors): kept, it overrides the model in every metric and after every rescore.",
    access: EDIT,
    params: nameParams,
    body: { kind: 'json', schema: correctionSchema },
    response: correctionOut,
    async handle(ctx, input) {
      // Checked against correctionSchema before handle runs.
      const body = input.body as z.infer<typeof correctionSchema>;
      const dataset = param(ctx, 'name');
      const user = principalOf(ctx).user;
      const r = await correctSentiment(ctx.state.project(), {
        dataset,
        key: body.key,
        label: body.label,
        by: user.name ?? user.email,
        ...(body.column === undefined ? {} : { column: body.column }),
      });
      ctx.state.dataChanged();
      return { body: { dataset, key: body.key, ...r } };
    },
  }),
];
