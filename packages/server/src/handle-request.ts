// The request pipeline: route, authenticate, authorise, rate-limit, read and validate
// the input, call the route, send JSON; every failure goes through the one error mapper.
// A GET/HEAD that no route answers, outside /api/, goes to the web app when one is served.
// IO. Invariants: authorisation is decided before the body is read; every response
// carries X-Request-Id; one log line per request, with no secrets in it; redactions are
// applied longest first (a temporary folder is a prefix of the file inside it).

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { ProblemsError, inputLimits, safeParseInput } from '@kpi/core';
import { inputIssues, looksLikeShareToken, may } from '@kpi/app';
import { authenticate } from './auth/authenticate.js';
import { clientAddress } from './http/client-address.js';
import { HttpError, mapError } from './http/http-error.js';
import { parseJson, readBody, requireMediaType } from './http/request-body.js';
import type { Reply, RequestContext } from './http/route-types.js';
import type { Router } from './http/router.js';
import type { StaticFiles } from './http/static-files.js';
import type { ServerState } from './server-state.js';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** How long a refused body is still read (and dropped) after its 413 went out. */
const LINGER_MS = 2000;

/**
 * A lingering close for a body refused while the client is still sending it: the server
 * half-closes after the answer and keeps reading (dropping) for LINGER_MS before it closes.
 * Closing at once with unread bytes makes the kernel send a reset, which can reach the
 * client before it has read the 413, so it sees a broken pipe instead of the answer.
 */
const lingerOnClose = (req: IncomingMessage): void => {
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    socket.on('data', () => undefined);
    socket.resume();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
};

const send = (
  res: ServerResponse,
  requestId: string,
  reply: Reply,
  redactions: Map<string, string>,
): void => {
  if (reply.file !== undefined) {
    // A self-contained document: nothing to load but its own inline styles.
    res.writeHead(reply.status ?? 200, {
      ...SECURITY_HEADERS,
      'x-request-id': requestId,
      'content-type': reply.file.contentType,
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      ...(reply.file.disposition ? { 'content-disposition': reply.file.disposition } : {}),
    });
    res.end(reply.file.body);
    return;
  }
  let text = reply.html ?? reply.json ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  // Longest first: a temporary folder is a prefix of the file inside it.
  const longestFirst = [...redactions].sort(([a], [b]) => b.length - a.length);
  for (const [from, to] of longestFirst) text = text.split(from).join(to);
  const headers: Record<string, string | readonly string[]> = {
    ...SECURITY_HEADERS,
    'x-request-id': requestId,
    'content-type': reply.html !== undefined ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    ...reply.headers,
  };
  if (reply.html !== undefined)
    headers['content-security-policy'] =
      "default-src 'self'; script-src 'unsafe-inline' 'self'; style-src 'unsafe-inline'";
  res.writeHead(reply.status ?? 200, headers as Record<string, string | string[]>);
  res.end(text);
};

/** Whether the request presents a share-link token (as a bearer token or in X-Share-Token). */
const carriesShareToken = (req: IncomingMessage): boolean => {
  const auth = req.headers['authorization'];
  const bearer = typeof auth === 'string' ? /^Bearer\s+(\S+)$/i.exec(auth)?.[1] : undefined;
  return (bearer !== undefined && looksLikeShareToken(bearer)) || req.headers['x-share-token'] !== undefined;
};

const queryObject = (q: URLSearchParams): Record<string, string> => Object.fromEntries(q.entries());

/** The input checked by its schema; a `__proto__` key anywhere is refused, never dropped. */
const validate = (schema: z.ZodType, v: unknown, where: string): unknown => {
  const r = safeParseInput(schema, v);
  if (!r.success)
    throw new ProblemsError(
      'input.invalid',
      `the request ${where} is not valid`,
      inputIssues(r.error as never, [where]),
    );
  return r.data;
};

const run = async (ctx: RequestContext, router: Router): Promise<Reply> => {
  const { req, state } = ctx;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const found = router.match(req.method ?? 'GET', url.pathname);
  if (found === undefined)
    throw new HttpError(404, 'route.not_found', `no route ${url.pathname}`, { hint: 'see /api/docs' });
  if (found === 'method')
    throw new HttpError(405, 'route.method_not_allowed', `${req.method} is not allowed on ${url.pathname}`);
  const { route, params } = found;
  // A share link opens its own page and nothing else: no other read, no write, no login.
  if (route.shareLink !== true && carriesShareToken(req))
    throw new HttpError(
      403,
      'auth.share_read_only',
      'a share link only shows what was shared; it cannot read or change anything else',
      { hint: 'sign in with an account to do more' },
    );
  Object.assign(ctx.params, params);
  if (route.params) validate(route.params, params, 'path');
  state.refresh();
  if (route.access !== 'public') {
    const caller = await authenticate(req, state);
    Object.assign(ctx, caller);
    if (!caller.principal)
      throw new HttpError(401, 'auth.required', 'log in or send an API token', {
        hint: 'POST /api/auth/login, or send Authorization: Bearer <token>',
      });
    const action = route.access(ctx);
    if (!may(caller.principal, action))
      throw new HttpError(
        403,
        'auth.forbidden',
        `your ${caller.principal.token ? 'token' : 'role'} does not allow this`,
        {
          details: { needs: action.kind },
        },
      );
  }
  if (route.rateLimit) {
    const limiter = route.rateLimit === 'login' ? state.loginLimiter : state.pushLimiter;
    const key =
      route.rateLimit === 'login'
        ? ctx.clientIp
        : (ctx.principal?.token?.id ?? ctx.principal?.user.email ?? ctx.clientIp);
    const wait = limiter.hit(key, state.now());
    if (wait > 0)
      throw new HttpError(429, 'request.rate_limited', 'too many requests; slow down', {
        headers: { 'retry-after': String(wait) },
      });
  }
  const query = route.querySchema
    ? validate(route.querySchema, queryObject(url.searchParams), 'query')
    : undefined;
  let body: unknown;
  if (route.body?.kind === 'json') {
    requireMediaType(req, ['application/json']);
    const raw = await readBody(req, state.limits.jsonBytes);
    body = validate(
      route.body.schema,
      parseJson(raw, inputLimits(state.project().project.settings.limits)),
      'body',
    );
  }
  return route.handle({ ...ctx, query: url.searchParams }, { body, query });
};

/** Serves the web app for a GET/HEAD that no API route answers; the status, or undefined. */
const serveApp = (
  req: IncomingMessage,
  res: ServerResponse,
  router: Router,
  web: StaticFiles | undefined,
): number | undefined => {
  if (!web || (req.method !== 'GET' && req.method !== 'HEAD')) return undefined;
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  if (!pathname.startsWith('/') || router.match(req.method, pathname) !== undefined) return undefined;
  return web.serve(req, res, pathname);
};

export const handleRequest = async (
  req: IncomingMessage,
  res: ServerResponse,
  state: ServerState,
  router: Router,
  web?: StaticFiles,
): Promise<void> => {
  const requestId = randomUUID();
  const started = performance.now();
  const appStatus = (() => {
    res.setHeader('x-request-id', requestId);
    try {
      return serveApp(req, res, router, web);
    } catch (e) {
      state.log.log('error', 'static.failed', { requestId, message: (e as Error).message });
      return undefined;
    }
  })();
  if (appStatus !== undefined) {
    state.log.log('info', 'request', {
      requestId,
      method: req.method,
      path: (req.url ?? '/').split('?')[0],
      status: appStatus,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    return;
  }
  const ctx: RequestContext = {
    req,
    res,
    state,
    requestId,
    params: {},
    query: new URLSearchParams(),
    principal: undefined,
    sessionId: undefined,
    clientIp: clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], state.trustedProxies),
    redactions: new Map(),
  };
  let status = 500;
  try {
    const reply = await run(ctx, router);
    status = reply.status ?? 200;
    send(res, requestId, reply, ctx.redactions);
  } catch (e) {
    const mapped = mapError(e, requestId);
    status = mapped.status;
    if (mapped.internal)
      state.log.log('error', 'request.failed', {
        requestId,
        error:
          e instanceof Error
            ? { name: e.name, message: e.message, code: (e as { code?: unknown }).code }
            : String(e),
      });
    if (mapped.status === 413) lingerOnClose(req);
    if (!res.headersSent)
      send(
        res,
        requestId,
        { status: mapped.status, body: mapped.body, headers: mapped.headers },
        ctx.redactions,
      );
    else res.destroy();
  } finally {
    const path = (req.url ?? '/').split('?')[0];
    state.log.log(status >= 500 ? 'error' : 'info', 'request', {
      requestId,
      method: req.method,
      path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      user: ctx.principal?.user.email,
      via: ctx.principal ? (ctx.principal.token ? `token:${ctx.principal.token.id}` : 'session') : undefined,
    });
  }
};
