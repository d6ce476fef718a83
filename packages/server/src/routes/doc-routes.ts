// Routes: the OpenAPI document, the browsable API page and the setup page. IO-free.
import { z } from 'zod';
import type { RouteDef } from '../http/route-types.js';
import { docsPage, setupPage } from '../openapi/docs-page.js';
import { route } from './route-helpers.js';

/** `document` is filled in by the server once every route is known. */
export const docRoutes = (document: () => unknown): readonly RouteDef[] => [
  route({
    method: 'GET',
    path: '/api/openapi.json',
    tag: 'system',
    summary: 'This API as an OpenAPI 3.1 document.',
    access: 'public',
    response: z.looseObject({
      openapi: z.literal('3.1.0'),
      info: z.looseObject({ title: z.string(), version: z.string() }),
      paths: z.record(z.string(), z.looseObject({})),
    }),
    handle: async () => ({ body: document() }),
  }),
  route({
    method: 'GET',
    path: '/api/docs',
    tag: 'system',
    summary: 'A browsable page of this API (HTML).',
    access: 'public',
    response: z.string(),
    html: true,
    handle: async () => ({ html: docsPage() }),
  }),
  route({
    method: 'GET',
    path: '/setup',
    tag: 'system',
    summary: 'The first-admin setup page (HTML); the secret travels in the URL fragment.',
    access: 'public',
    response: z.string(),
    html: true,
    handle: async () => ({ html: setupPage() }),
  }),
];
