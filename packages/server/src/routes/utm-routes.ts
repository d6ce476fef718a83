// Routes: UTM links — the project's naming rules with GA4's nine parameters (the web
// builder checks links against them as you type, with core's own checks), and attribution
// by campaign (sessions and conversions joined to the paid datasets' spend). Both are reads.
// IO. Handlers parse, call one use-case and shape output.

import { z } from 'zod';
import { UTM_DESCRIPTIONS, UTM_LABELS, UTM_PARAMS, isoDateSchema } from '@kpi/core';
import { utmAttribution, utmRules } from '@kpi/app';
import type { RouteDef } from '../http/route-types.js';
import { READ, cachedRead, route } from './route-helpers.js';

const rulesOut = z
  .looseObject({
    rules: z.looseObject({
      sources: z.array(z.string()),
      mediums: z.array(z.string()),
      lowercase: z.boolean(),
      allowSpaces: z.boolean(),
      separator: z.string().nullable(),
      required: z.array(z.string()),
    }),
    params: z.array(
      z.looseObject({ name: z.string(), label: z.string(), description: z.string(), required: z.boolean() }),
    ),
    attribution: z
      .boolean()
      .describe('Whether the project names sessions and paid datasets (utm: in kpi.yaml).'),
  })
  .describe("The project's naming rules for campaign links and GA4's nine parameters.");

const rangeQuery = z.strictObject({
  from: isoDateSchema.optional().describe('First day (default: all data).'),
  to: isoDateSchema.optional().describe('Last day (default: all data).'),
});

const attributionOut = z
  .looseObject({
    campaigns: z.array(
      z.looseObject({
        campaign: z.string(),
        spend: z.number(),
        sessions: z.number(),
        conversions: z.number(),
        costPerConversion: z.number().nullable(),
      }),
    ),
    unmatchedSessions: z.array(z.looseObject({ campaign: z.string(), sessions: z.number() })),
    unmatchedSpend: z.array(z.looseObject({ campaign: z.string(), spend: z.number() })),
    currency: z.string(),
  })
  .describe(
    'Spend, sessions, conversions and cost per conversion per campaign; the campaigns found on one side only.',
  );

export const utmRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/utm',
    tag: 'utm',
    summary: "The project's naming rules for campaign links (utm: in kpi.yaml) and GA4's nine parameters.",
    access: READ,
    response: rulesOut,
    handle: async (ctx) => {
      const lp = ctx.state.project();
      const rules = utmRules(lp);
      const u = lp.project.utm;
      return {
        body: {
          rules: { ...rules, separator: rules.separator ?? null },
          params: UTM_PARAMS.map((p) => ({
            name: p,
            label: UTM_LABELS[p],
            description: UTM_DESCRIPTIONS[p],
            required: rules.required.includes(p),
          })),
          attribution: u?.sessions !== undefined && (u.paid ?? []).length > 0,
        },
      };
    },
  }),
  route({
    method: 'GET',
    path: '/api/utm/attribution',
    tag: 'utm',
    summary:
      'Attribution by campaign: spend, sessions, conversions, cost per conversion, unmatched campaigns.',
    access: READ,
    querySchema: rangeQuery,
    response: attributionOut,
    handle: (ctx, { query }) => {
      const q = query as z.infer<typeof rangeQuery>;
      const range = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
      return cachedRead(ctx, ['utm-attribution', range], () => utmAttribution(ctx.state.project(), range));
    },
  }),
];
