// Routes: the admin's users page — list accounts with their state, invite (a generated
// password shown once), change a role, deactivate or reactivate, reset a password. IO.
// Invariants: admins only; a generated password appears in exactly one response; any
// change clears the cached principals, so a new role or a deactivation holds at once.

import { z } from 'zod';
import {
  ROLES,
  accountChangeSchema,
  changeAccount,
  emailSchema,
  inviteSchema,
  inviteUser,
  listAccounts,
  resetPassword,
} from '@kpi/app';
import type { RouteDef } from '../http/route-types.js';
import { ADMIN, param, principalOf, route } from './route-helpers.js';

const accountSchema = z.object({
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  active: z.boolean(),
  deactivatedAt: z.string().nullable(),
});

const withPassword = z.object({
  user: accountSchema,
  password: z.string().describe('The generated password: shown this once; pass it on to the user.'),
});

const emailParams = z.strictObject({ email: emailSchema });

export const accountRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/accounts',
    tag: 'access',
    summary: 'Every user with role and whether they are active (admins).',
    access: ADMIN,
    response: z.array(accountSchema),
    handle: async (ctx) => ({ body: await listAccounts(ctx.state.project()) }),
  }),
  route({
    method: 'POST',
    path: '/api/accounts',
    tag: 'access',
    summary: 'Invite a user: creates the account with a generated password, returned once (admins).',
    access: ADMIN,
    body: { kind: 'json', schema: inviteSchema },
    response: withPassword,
    status: 201,
    async handle(ctx, { body }) {
      const made = await inviteUser(ctx.state.project(), body);
      ctx.state.principals.clear();
      return { status: 201, body: made };
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/accounts/{email}',
    tag: 'access',
    summary: 'Change a user’s role, or deactivate / reactivate them (admins; one active admin always stays).',
    access: ADMIN,
    params: emailParams,
    body: { kind: 'json', schema: accountChangeSchema },
    response: accountSchema,
    async handle(ctx, { body }) {
      const changed = await changeAccount(
        ctx.state.project(),
        param(ctx, 'email'),
        body,
        principalOf(ctx),
        ctx.state.now(),
      );
      ctx.state.principals.clear();
      return { body: changed };
    },
  }),
  route({
    method: 'POST',
    path: '/api/accounts/{email}/password',
    tag: 'access',
    summary: 'Reset a user’s password to a generated one, returned once; their sessions end (admins).',
    access: ADMIN,
    params: emailParams,
    response: withPassword,
    async handle(ctx) {
      const reset = await resetPassword(ctx.state.project(), param(ctx, 'email'));
      ctx.state.principals.clear();
      return { body: reset };
    },
  }),
];
