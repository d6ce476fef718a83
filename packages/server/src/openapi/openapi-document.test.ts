// The OpenAPI document validates with an independent validator and lists every route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { apiRoutes } from '../start-server.js';
import { openApiDocument } from './openapi-document.js';

const routes = apiRoutes(() => undefined);
const doc = openApiDocument(routes, '0.1.0') as {
  paths: Record<string, Record<string, { operationId: string }>>;
};

test('the OpenAPI 3.1 document is valid', async () => {
  const v = new Validator();
  const r = await v.validate(doc);
  assert.equal(v.version, '3.1');
  assert.ok(r.valid, JSON.stringify(r.errors, null, 2));
});

test('every route is in the document, with a unique operation id', () => {
  const listed = Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`),
  );
  assert.deepEqual(listed.sort(), routes.map((r) => `${r.method} ${r.path}`).sort());
  const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((o) => o.operationId));
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(listed.includes('PATCH /api/kpis/{name}') && listed.includes('POST /api/datasets/{name}/rows'));
});
