// Routes: log in and out, who am I, first-admin setup, users (admins) and API tokens.
// IO. Invariants: a token secret appears in exactly one response (its creation); the
// setup link works once, and only while the project has no user.

import { z } from 'zod';
import {
  addUser,
  checkLogin,
  countUsers,
  createSession,
  createToken,
  endSession,
  listTokens,
  listUsers,
  revokeToken,
  sameSecret,
  newTokenSchema,
  newUserSchema,
  type UserInfo,
} from '@kpi/app';
import { serializeCookie } from '../http/cookies.js';
import { HttpError } from '../http/http-error.js';
import type { RequestContext, Reply, RouteDef } from '../http/route-types.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/authenticate.js';
import { ADMIN, READ, param, principalOf, route } from './route-helpers.js';
import {
  idParams,
  loginSchema,
  meSchema,
  okSchema,
  setupSchema,
  tokenInfoSchema,
  userSchema,
} from './api-schemas.js';

const loginReply = async (ctx: RequestContext, user: UserInfo): Promise<Reply> => {
  const { state } = ctx;
  const s = await createSession(state.project(), user, state.limits.sessionMs);
  const maxAge = Math.floor(state.limits.sessionMs / 1000);
  return {
    headers: {
      'set-cookie': [
        serializeCookie(SESSION_COOKIE, s.id, { httpOnly: true, secure: state.secureCookies, maxAge }),
        serializeCookie(CSRF_COOKIE, s.csrf, { httpOnly: false, secure: state.secureCookies, maxAge }),
      ],
    },
    body: { user, via: 'session', csrfToken: s.csrf },
  };
};

export const authRoutes: readonly RouteDef[] = [
  route({
    method: 'POST',
    path: '/api/auth/login',
    tag: 'access',
    summary: 'Log in with email and password; sets an HTTP-only session cookie and returns the CSRF token.',
    access: 'public',
    rateLimit: 'login',
    body: { kind: 'json', schema: loginSchema },
    response: meSchema,
    async handle(ctx, { body }) {
      const { email, password } = body as z.infer<typeof loginSchema>;
      const { loginGuard, now } = ctx.state;
      const wait = loginGuard.attempt(email, ctx.clientIp, now());
      if (wait > 0)
        throw new HttpError(
          429,
          'auth.login_backoff',
          'too many failed logins on this account; wait and retry',
          {
            headers: { 'retry-after': String(wait) },
            hint: `retry in ${wait} s; the wait doubles with each further failure (at most ${ctx.state.limits.loginBackoffCapSeconds} s) and ends at a successful login`,
          },
        );
      const user = await checkLogin(ctx.state.project(), email, password);
      if (!user) throw new HttpError(401, 'auth.bad_login', 'wrong email or password');
      loginGuard.succeeded(email, ctx.clientIp, now());
      return loginReply(ctx, user);
    },
  }),
  route({
    method: 'POST',
    path: '/api/auth/logout',
    tag: 'access',
    summary: 'End the current session.',
    access: READ,
    response: okSchema,
    async handle(ctx) {
      if (ctx.sessionId) await endSession(ctx.state.project(), ctx.sessionId);
      ctx.state.principals.clear();
      const gone = { httpOnly: true, secure: ctx.state.secureCookies, maxAge: 0 };
      return {
        headers: {
          'set-cookie': [serializeCookie(SESSION_COOKIE, '', gone), serializeCookie(CSRF_COOKIE, '', gone)],
        },
        body: { ok: true },
      };
    },
  }),
  route({
    method: 'GET',
    path: '/api/auth/me',
    tag: 'access',
    summary: 'Who is calling: the user, and the token when called with one.',
    access: READ,
    response: meSchema,
    async handle(ctx) {
      const p = principalOf(ctx);
      const token = p.token ? { id: p.token.id, name: p.token.name, access: p.token.access } : undefined;
      return { body: { user: p.user, via: p.token ? 'token' : 'session', ...(token ? { token } : {}) } };
    },
  }),
  route({
    method: 'POST',
    path: '/api/setup',
    tag: 'access',
    summary: 'Create the first admin with the one-time setup secret printed at first start.',
    access: 'public',
    rateLimit: 'login',
    body: { kind: 'json', schema: setupSchema },
    response: meSchema,
    status: 201,
    async handle(ctx, { body }) {
      const { setupToken, ...user } = body as z.infer<typeof setupSchema>;
      const secret = ctx.state.setupSecret;
      if (
        secret === undefined ||
        !sameSecret(setupToken, secret) ||
        (await countUsers(ctx.state.project())) > 0
      )
        throw new HttpError(
          403,
          'setup.closed',
          'the setup link is not valid (wrong, used, or users exist already)',
        );
      const created = await addUser(ctx.state.project(), { ...user, role: 'admin' });
      ctx.state.setupSecret = undefined;
      ctx.state.log.log('info', 'setup.admin_created', { email: created.email });
      return { ...(await loginReply(ctx, created)), status: 201 };
    },
  }),
  route({
    method: 'GET',
    path: '/api/users',
    tag: 'access',
    summary: 'List the users of this project (admins).',
    access: ADMIN,
    response: z.array(userSchema),
    handle: async (ctx) => ({ body: await listUsers(ctx.state.project()) }),
  }),
  route({
    method: 'POST',
    path: '/api/users',
    tag: 'access',
    summary: 'Add a user with a role (admins).',
    access: ADMIN,
    body: { kind: 'json', schema: newUserSchema },
    response: userSchema,
    status: 201,
    handle: async (ctx, { body }) => ({ status: 201, body: await addUser(ctx.state.project(), body) }),
  }),
  route({
    method: 'GET',
    path: '/api/tokens',
    tag: 'access',
    summary: 'List your API tokens (admins: everyone’s). Secrets are never listed.',
    access: () => ({ kind: 'manage_own_tokens' }),
    response: z.array(tokenInfoSchema),
    async handle(ctx) {
      const p = principalOf(ctx);
      return {
        body: await listTokens(ctx.state.project(), p.user.role === 'admin' ? undefined : p.user.email),
      };
    },
  }),
  route({
    method: 'POST',
    path: '/api/tokens',
    tag: 'access',
    summary: 'Create an API token for yourself; the secret is in this response only.',
    access: () => ({ kind: 'manage_own_tokens' }),
    body: { kind: 'json', schema: newTokenSchema },
    response: z.object({ token: z.string(), info: tokenInfoSchema }),
    status: 201,
    handle: async (ctx, { body }) => ({
      status: 201,
      body: await createToken(ctx.state.project(), principalOf(ctx).user.email, body, ctx.state.now()),
    }),
  }),
  route({
    method: 'DELETE',
    path: '/api/tokens/{id}',
    tag: 'access',
    summary: 'Revoke an API token (yours; admins: any).',
    access: () => ({ kind: 'manage_own_tokens' }),
    params: idParams,
    response: tokenInfoSchema,
    async handle(ctx) {
      const revoked = await revokeToken(ctx.state.project(), param(ctx, 'id'), principalOf(ctx));
      ctx.state.principals.clear();
      return { body: revoked };
    },
  }),
];
