// Builds the OpenAPI 3.1 document from the route declarations and their zod schemas
// (z.toJSONSchema, JSON Schema 2020-12 as OpenAPI 3.1 uses). Pure.
// Invariant: every declared route is in the document, with its parameters, body,
// success response and the shared error shape.

import { z } from 'zod';
import type { RouteDef } from '../http/route-types.js';
import { errorSchema } from '../routes/api-schemas.js';

type Json = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, {
    io,
    unrepresentable: 'any',
    reused: 'inline',
  }) as Json;
  return rest;
};

const properties = (
  s: z.ZodObject,
): { name: string; schema: Json; required: boolean; description?: string }[] => {
  const js = schemaOf(s, 'input');
  const props = (js['properties'] ?? {}) as Record<string, Json>;
  const required = new Set((js['required'] ?? []) as string[]);
  return Object.entries(props).map(([name, schema]) => ({
    name,
    schema,
    required: required.has(name),
    ...(typeof schema['description'] === 'string' ? { description: schema['description'] } : {}),
  }));
};

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad request (malformed JSON, bad parameter)',
  401: 'Not logged in, or a bad token',
  403: 'Not allowed for your role or token (or a missing CSRF token)',
  404: 'Not found',
  409: 'Conflict (exists already, or an Idempotency-Key reused for other data)',
  410: 'Gone (a share link that expired or was revoked)',
  413: 'Body too large',
  415: 'Wrong Content-Type',
  422: 'Invalid input: details.issues lists every problem',
  429: 'Rate limited (see Retry-After)',
  500: 'Server fault (the response carries a request id)',
  503: 'Query timed out, or PDF printing without chromium on the server',
};

const operation = (r: RouteDef): Json => {
  const parameters: Json[] = [];
  if (r.params)
    for (const p of properties(r.params))
      parameters.push({ name: p.name, in: 'path', required: true, schema: p.schema });
  if (r.querySchema)
    for (const p of properties(r.querySchema))
      parameters.push({
        name: p.name,
        in: 'query',
        required: p.required,
        schema: p.schema,
        ...(p.description ? { description: p.description } : {}),
      });
  for (const h of r.headers ?? [])
    parameters.push({
      name: h.name,
      in: 'header',
      required: false,
      description: h.description,
      schema: { type: 'string' },
    });
  const op: Json = {
    operationId: `${r.method.toLowerCase()}${r.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    tags: [r.tag],
    summary: r.summary,
    ...(parameters.length ? { parameters } : {}),
    responses: {
      [String(r.status ?? 200)]: {
        description: 'Success',
        content: r.contentTypes
          ? Object.fromEntries(
              r.contentTypes.map((t) => [
                t,
                t === 'application/json'
                  ? { schema: schemaOf(r.response, 'output') }
                  : { schema: { type: 'string', ...(t === 'application/pdf' ? { format: 'binary' } : {}) } },
              ]),
            )
          : { [r.html ? 'text/html' : 'application/json']: { schema: schemaOf(r.response, 'output') } },
      },
      ...Object.fromEntries(
        Object.entries(STATUS_TEXT).map(([code, description]) => [
          code,
          {
            description,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
  };
  if (r.access === 'public') op['security'] = [];
  if (r.body?.kind === 'json')
    op['requestBody'] = {
      required: true,
      content: { 'application/json': { schema: schemaOf(r.body.schema, 'input') } },
    };
  if (r.body?.kind === 'file') {
    const spec = r.body;
    op['requestBody'] = {
      required: true,
      description: spec.description,
      content: Object.fromEntries(
        spec.contentTypes.map((t) => [
          t,
          {
            schema:
              t === 'application/json' && spec.jsonSchema
                ? schemaOf(spec.jsonSchema, 'input')
                : { type: 'string' },
          },
        ]),
      ),
    };
  }
  return op;
};

export const openApiDocument = (routes: readonly RouteDef[], version: string): Json => {
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const item = (paths[r.path] ??= {});
    item[r.method.toLowerCase()] = operation(r);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'kpi API',
      version,
      description:
        'KPIs as code over HTTP: datasets, metrics, goals, KPIs, reviews and annotations of one kpi project. ' +
        'Log in (session cookie + X-CSRF-Token on writes) or send an API token as Authorization: Bearer.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: schemaOf(errorSchema, 'output') },
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token from `kpi token create` or POST /api/tokens.',
        },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'kpi_session' },
      },
    },
  };
};
