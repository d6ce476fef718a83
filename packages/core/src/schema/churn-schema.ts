// Churn definitions: which dataset holds the customers' activity, who the customer is, and
// when a customer counts as gone (no activity for N days, or an explicit cancel event). Pure.
// Invariant: a definition names at least one way to leave (inactive_days or cancel).

import { z } from 'zod';
import { identifierSchema } from './common-schema.js';

export const churnSchema = z
  .strictObject({
    label: z.string().min(1).optional().describe('Display name, e.g. "Subscriber churn".'),
    description: z.string().optional(),
    dataset: identifierSchema.describe('The dataset of activity rows (orders, logins, opens), one row per customer and event.'),
    customer: identifierSchema.describe('The column that names the customer.'),
    inactive_days: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .describe('A customer has churned after this many days without activity.'),
    cancel: z
      .strictObject({
        column: identifierSchema,
        value: z.union([z.string().min(1), z.boolean(), z.number()]),
      })
      .optional()
      .describe('An explicit cancel event: rows whose column holds this value.'),
    revenue: identifierSchema.optional().describe('Column of money per activity row, for the revenue at risk.'),
    segments: z
      .array(identifierSchema)
      .max(5)
      .optional()
      .describe('Dimensions whose risk is compared over time (the cause: which segments got riskier).'),
    horizon_days: z
      .number()
      .int()
      .min(7)
      .max(365)
      .optional()
      .describe('How far ahead a risk speaks of ("next period"); default inactive_days, else 30.'),
  })
  .refine((c) => c.inactive_days !== undefined || c.cancel !== undefined, {
    error: 'a churn definition needs inactive_days, cancel, or both',
  })
  .describe('How customers of a dataset churn, for churn risk.');

export type ChurnDef = z.infer<typeof churnSchema>;
