// Routes: read-only share links. Editors and admins create them; each lists and revokes
// its own, admins every link. The shared page's data (GET /api/shared/{token}) and the
// shared report need no account. IO. Invariants: a share token opens only these two
// routes (handle-request refuses it with 403 everywhere else, reads and writes alike);
// a PIN is tried at most a few times before a back-off (per link); a forged, expired or
// revoked link answers with what happened and what to do, never with data.

import { z } from 'zod';
import {
  REPORT_FORMATS,
  createShare,
  evaluateScorecard,
  listShares,
  newShareSchema,
  openShare,
  reportDocument,
  revokeShare,
  sharedGoal,
  type ShareInfo,
} from '@kpi/app';
import { ownGet } from '@kpi/core';
import { HttpError } from '../http/http-error.js';
import type { RequestContext, RouteDef } from '../http/route-types.js';
import { EDIT, param, principalOf, route } from './route-helpers.js';
import { goalReadingTop, idParams } from './api-schemas.js';

export const SHARE_PIN_HEADER = 'x-share-pin';

const tokenParams = z.strictObject({
  token: z
    .string()
    .max(120)
    .regex(/^kpis_[0-9A-Za-z._-]+$/, { error: 'not a share link' }),
});

export const shareInfoSchema = z.object({
  id: z.string(),
  view: z.enum(['dashboard', 'report']),
  goal: z.string().nullable(),
  label: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  hasPin: z.boolean(),
});

const createdOut = z.object({
  token: z.string().describe('The link’s secret; shown this once only.'),
  path: z.string().describe('The shared page: /s/<token> on this server.'),
  url: z.string().describe('The full link, from the Host the request came to.'),
  info: shareInfoSchema,
});

const sharedOut = z
  .object({
    kind: z.literal('shared'),
    view: z.enum(['dashboard', 'report']),
    goal: z.string().nullable(),
    label: z.string().nullable(),
    expiresAt: z.string(),
    project: z.string(),
    description: z.string().nullable().describe('The shared goal’s description, if it has one.'),
    scorecard: z
      .looseObject({
        asOf: z.string(),
        goals: z.array(goalReadingTop),
        supporting: z.array(z.looseObject({})),
      })
      .nullable()
      .describe('The goal’s scorecard (dashboard links).'),
    report: z
      .looseObject({})
      .nullable()
      .describe('The report model, as GET /api/report?format=json (report links).'),
  })
  .describe('What a share link shows; read-only.');

const pinHeader = [{ name: 'X-Share-Pin', description: 'The link’s PIN, when it has one.' }] as const;

const DATE = (iso: string): string => iso.slice(0, 10);

/** The live link behind the request's token, or the HTTP error that says why not. */
const liveShare = async (ctx: RequestContext): Promise<ShareInfo> => {
  const { state } = ctx;
  const token = param(ctx, 'token');
  const raw = ctx.req.headers[SHARE_PIN_HEADER];
  const pin = typeof raw === 'string' && raw !== '' ? raw.slice(0, 40) : undefined;
  const lp = state.project();
  let found = await openShare(lp, token, undefined, state.now());
  if (found.kind === 'pin_required' && pin !== undefined) {
    const wait = state.shareGuard.attempt(`share:${found.id}`, ctx.clientIp, state.now());
    if (wait > 0)
      throw new HttpError(429, 'share.pin_backoff', 'too many wrong PINs for this link; wait and retry', {
        headers: { 'retry-after': String(wait) },
        hint: `retry in ${wait} s`,
      });
    found = await openShare(lp, token, pin, state.now());
    if (found.kind === 'live')
      state.shareGuard.succeeded(`share:${found.info.id}`, ctx.clientIp, state.now());
  }
  switch (found.kind) {
    case 'live':
      return found.info;
    case 'invalid':
      throw new HttpError(404, 'share.invalid', 'this share link is not valid', {
        hint: 'check that the whole link was copied, or ask whoever sent it for a new one',
      });
    case 'expired':
      throw new HttpError(410, 'share.expired', `this share link expired on ${DATE(found.expiresAt)}`, {
        hint: 'ask whoever sent it for a new link',
      });
    case 'revoked':
      throw new HttpError(
        410,
        'share.revoked',
        `this share link was turned off on ${DATE(found.revokedAt)}`,
        {
          hint: 'ask whoever sent it for a new link',
        },
      );
    case 'pin_required':
      throw new HttpError(401, 'share.pin_required', 'this share link asks for a PIN', {
        hint: 'type the PIN you were given with the link',
      });
    case 'pin_wrong':
      throw new HttpError(401, 'share.pin_wrong', 'that PIN is not right', {
        hint: 'type the PIN you were given with the link; after a few wrong tries you wait a little',
      });
  }
};

const reportQuery = z.strictObject({
  format: z.enum(REPORT_FORMATS).optional().describe('html (default), md, json or pdf.'),
});

export const shareRoutes: readonly RouteDef[] = [
  route({
    method: 'POST',
    path: '/api/shares',
    tag: 'sharing',
    summary: 'Create a read-only share link for a goal dashboard or the report (editors and admins).',
    access: EDIT,
    body: { kind: 'json', schema: newShareSchema },
    response: createdOut,
    status: 201,
    async handle(ctx, { body }) {
      const p = principalOf(ctx);
      const made = await createShare(ctx.state.project(), p.user.email, body, ctx.state.now());
      const host = ctx.req.headers['host'] ?? '127.0.0.1';
      const scheme = ctx.state.secureCookies ? 'https' : 'http';
      return { status: 201, body: { ...made, url: `${scheme}://${host}${made.path}` } };
    },
  }),
  route({
    method: 'GET',
    path: '/api/shares',
    tag: 'sharing',
    summary: 'List share links: your own (editors), every link (admins). Secrets are never listed.',
    access: EDIT,
    response: z.array(shareInfoSchema),
    async handle(ctx) {
      const p = principalOf(ctx);
      return {
        body: await listShares(ctx.state.project(), p.user.role === 'admin' ? undefined : p.user.email),
      };
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/shares/{id}',
    tag: 'sharing',
    summary: 'Revoke a share link (its creator, or an admin); it stops working at once.',
    access: EDIT,
    params: idParams,
    response: shareInfoSchema,
    handle: async (ctx) => ({
      body: await revokeShare(ctx.state.project(), param(ctx, 'id'), principalOf(ctx), ctx.state.now()),
    }),
  }),
  route({
    method: 'GET',
    path: '/api/shared/{token}',
    tag: 'sharing',
    summary: 'What a share link shows (no account needed): the goal’s scorecard, or the report model.',
    access: 'public',
    shareLink: true,
    params: tokenParams,
    headers: pinHeader,
    response: sharedOut,
    async handle(ctx) {
      const info = await liveShare(ctx);
      const lp = ctx.state.project();
      const goal = sharedGoal(lp, info);
      const description = goal === undefined ? undefined : ownGet(lp.project.goals, goal)?.description;
      const base = {
        kind: 'shared' as const,
        view: info.view,
        goal: info.goal,
        label: info.label,
        expiresAt: info.expiresAt,
        project: lp.project.settings.name,
        description: description ?? null,
      };
      if (info.view === 'report') {
        const doc = await reportDocument(lp, { format: 'json', ...(goal ? { goal } : {}) });
        return { body: { ...base, scorecard: null, report: doc.report } };
      }
      const sc = await evaluateScorecard(lp, goal === undefined ? {} : { goal });
      return { body: { ...base, scorecard: sc, report: null } };
    },
  }),
  route({
    method: 'GET',
    path: '/api/shared/{token}/report',
    tag: 'sharing',
    summary: 'The stakeholder report of a share link’s goal (or every goal), as HTML, Markdown, JSON or PDF.',
    access: 'public',
    shareLink: true,
    params: tokenParams,
    headers: pinHeader,
    querySchema: reportQuery,
    response: z.looseObject({ kind: z.literal('report') }),
    contentTypes: ['text/html', 'text/markdown', 'application/json', 'application/pdf'],
    async handle(ctx, { query }) {
      const info = await liveShare(ctx);
      const lp = ctx.state.project();
      const goal = sharedGoal(lp, info);
      const format = (query as z.infer<typeof reportQuery>).format ?? 'html';
      const doc = await reportDocument(lp, { format, ...(goal ? { goal } : {}) });
      const name = `report-${doc.report.period.range.start}-${doc.report.period.range.end}.${doc.format}`;
      return {
        file: {
          body: doc.body,
          contentType: doc.mediaType,
          disposition: `${doc.format === 'pdf' ? 'attachment' : 'inline'}; filename="${name}"`,
        },
      };
    },
  }),
];
