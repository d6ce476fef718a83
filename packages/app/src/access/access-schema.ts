// Roles, account and token inputs: the zod schemas shared by the CLI and the HTTP API.
// Pure. Invariant: an email is stored lower-case; a password is 10..200 characters.

import { z } from 'zod';
import { nameSchema } from '@kpi/core';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a token may do: everything its user may, only read, or only push rows. */
export const TOKEN_ACCESS = ['full', 'read', 'push'] as const;
export type TokenAccess = (typeof TOKEN_ACCESS)[number];

export const emailSchema = z
  .email({ error: 'must be an email address' })
  .max(254)
  .transform((e) => e.toLowerCase());

export const passwordSchema = z
  .string()
  .min(10, { error: 'must be at least 10 characters' })
  .max(200, { error: 'must be at most 200 characters' });

export const newUserSchema = z.strictObject({
  email: emailSchema,
  name: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Display name; KPI owners are matched by name or email.'),
  password: passwordSchema,
  role: z.enum(ROLES).default('viewer'),
});
export type NewUser = z.infer<typeof newUserSchema>;

export const newTokenSchema = z
  .strictObject({
    name: z.string().min(1).max(100).describe('What the token is for, e.g. "meta-ads nightly push".'),
    access: z.enum(TOKEN_ACCESS).default('full'),
    datasets: z
      .array(nameSchema)
      .min(1)
      .optional()
      .describe('With access "push": the only datasets the token may push rows into.'),
    expiresInDays: z
      .int({ error: 'must be a whole number of days' })
      .min(1, { error: 'must be at least 1 day' })
      .max(3650, { error: 'must be at most 3650 days (10 years)' })
      .optional()
      .describe('The token stops working this many days from now. Without it (and expiresAt), never.'),
    expiresAt: z.iso
      .datetime({ offset: true, error: 'must be an ISO date-time, e.g. 2027-01-31T00:00:00Z' })
      .optional()
      .describe('The moment the token stops working (ISO date-time, in the future).'),
  })
  .refine((t) => t.expiresInDays === undefined || t.expiresAt === undefined, {
    error: 'give expiresInDays or expiresAt, not both',
    path: ['expiresAt'],
  })
  .refine((t) => t.access === 'push' || t.datasets === undefined, {
    error: 'datasets only applies to access "push"',
    path: ['datasets'],
  })
  .refine((t) => t.access !== 'push' || t.datasets !== undefined, {
    error: 'a push token names the datasets it may push into',
    path: ['datasets'],
  });
export type NewToken = z.infer<typeof newTokenSchema>;

export const ROLE_RANK: Readonly<Record<Role, number>> = { viewer: 0, editor: 1, admin: 2 };

export const atLeast = (role: Role, needed: Role): boolean => ROLE_RANK[role] >= ROLE_RANK[needed];
