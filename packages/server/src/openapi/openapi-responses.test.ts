// Every route of the API driven over real HTTP on a demo project (GETs with valid params,
// every write, and the main refusals), each JSON answer validated with ajv — an
// independent JSON Schema 2020-12 validator — against the schema that /api/openapi.json
// declares for that route and status code. A response the document does not declare, or a
// route no case drives, fails the test.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { addUser, createToken, initProject, loadSecrets, newWebhookSecret, openProject } from '@kpi/app';
import { startHttpReceiver, type HttpReceiver } from '../../../app/test/delivery-receivers.js';
import { startServer, type RunningServer } from '../start-server.js';

let hooks: HttpReceiver | undefined;

const PASSWORD = 'correct horse battery staple';
const AS_OF = '2026-11-15';
const T0 = Date.UTC(2026, 10, 16, 9, 0, 0);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Case {
  /** The route as declared: "GET /api/kpis/{name}". */
  readonly route: string;
  readonly path: string;
  readonly status: number;
  readonly as?: 'admin' | 'session' | 'anonymous';
  readonly body?: unknown;
  readonly raw?: string;
  readonly type?: string;
  readonly server?: 'main' | 'fresh';
  readonly headers?: Readonly<Record<string, string>>;
}

let root = '';
let main: RunningServer;
let fresh: RunningServer;
let adminToken = '';
let session: Record<string, string> = {};
let doc: Json = {};
const names = { metric: '', kpi: '', goal: '' };

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i);
const compiled = new Map<string, ValidateFunction>();

/** The validator of the schema the document declares for `route` answering `status`. */
const declared = (
  route: string,
  status: number,
  type = 'application/json',
): { html: boolean; validate?: ValidateFunction } => {
  const [method = '', path = ''] = route.split(' ');
  const op = doc['paths']?.[path]?.[method.toLowerCase()];
  assert.ok(op, `${route} is not in the OpenAPI document`);
  const response = op.responses?.[String(status)];
  assert.ok(response, `${route} answered ${status}, which the document does not declare`);
  const content = response.content as Record<string, { schema: Json }>;
  // A document in a declared media type other than JSON (an HTML page, the report's formats).
  const media = type.split(';')[0]?.trim() ?? '';
  if (media !== 'application/json' && content[media]) return { html: true };
  if (content['text/html'] && !content['application/json']) return { html: true };
  const schema = content['application/json']?.schema;
  assert.ok(schema, `${route} ${status}: no application/json schema`);
  assert.ok(
    ['type', '$ref', 'anyOf', 'oneOf', 'allOf'].some((k) => k in schema),
    `${route} ${status}: the declared schema says nothing (${JSON.stringify(schema).slice(0, 80)})`,
  );
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    // References point into the document (#/components/schemas/...): compile beside them.
    validate = ajv.compile({ ...schema, components: doc['components'] });
    compiled.set(key, validate);
  }
  return { html: false, validate };
};

const send = async (c: Case) => {
  const headers: Record<string, string> = {};
  if ((c.as ?? 'admin') === 'admin') headers['authorization'] = `Bearer ${adminToken}`;
  if (c.as === 'session') Object.assign(headers, session);
  Object.assign(headers, c.headers);
  let body: string | undefined;
  if (c.raw !== undefined) body = c.raw;
  else if (c.body !== undefined) body = JSON.stringify(c.body);
  if (body !== undefined) headers['content-type'] = c.type ?? 'application/json';
  const base = c.server === 'fresh' ? fresh.url : main.url;
  const method = c.route.split(' ')[0] ?? 'GET';
  const res = await fetch(base + c.path, { method, headers, ...(body === undefined ? {} : { body }) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

const cases = (): Case[] => {
  const { metric, kpi, goal } = names;
  const sessionRow = {
    date: '2026-11-16',
    source: 'openapi',
    medium: 'test',
    utm_campaign: 'x',
    sessions: 10,
    engaged_sessions: 5,
    conversions: 1,
    revenue: 9.5,
  };
  return [
    { route: 'GET /api/health', path: '/api/health', status: 200, as: 'anonymous' },
    { route: 'GET /api/project', path: '/api/project', status: 200 },
    { route: 'GET /api/report', path: `/api/report?asOf=${AS_OF}&goal=${goal}&format=json`, status: 200 },
    { route: 'GET /api/report', path: `/api/report?asOf=${AS_OF}&goal=${goal}&format=md`, status: 200 },
    { route: 'GET /api/report', path: `/api/report?asOf=${AS_OF}&goal=${goal}`, status: 200, as: 'session' },
    { route: 'GET /api/report', path: '/api/report?format=docx', status: 422 },
    { route: 'GET /api/report', path: '/api/report?period=last-fortnight', status: 400 },
    { route: 'GET /api/report', path: '/api/report', status: 401, as: 'anonymous' },
    {
      route: 'GET /api/goals/{name}/budget',
      path: `/api/goals/qualified_leads/budget?asOf=${AS_OF}&total=70000&maxChange=0.2`,
      status: 200,
    },
    { route: 'GET /api/goals/{name}/budget', path: '/api/goals/no_such_goal/budget', status: 404 },
    {
      route: 'GET /api/goals/{name}/budget',
      path: '/api/goals/qualified_leads/budget?maxChange=lots',
      status: 422,
    },
    { route: 'GET /api/churn/{name}', path: `/api/churn/subscribers?asOf=${AS_OF}&top=3`, status: 200 },
    { route: 'GET /api/churn/{name}', path: '/api/churn/nobody', status: 404 },
    { route: 'GET /api/utm', path: '/api/utm', status: 200 },
    {
      route: 'GET /api/utm/attribution',
      path: '/api/utm/attribution?from=2026-10-01&to=2026-10-31',
      status: 200,
    },
    { route: 'GET /api/utm/attribution', path: '/api/utm/attribution?to=soon', status: 422 },
    { route: 'GET /api/checks', path: '/api/checks', status: 200 },
    { route: 'GET /api/checks', path: `/api/checks?data=false&kpi=${kpi}`, status: 200 },
    { route: 'GET /api/checks', path: '/api/checks?data=maybe', status: 422 },
    {
      route: 'POST /api/auth/login',
      path: '/api/auth/login',
      status: 401,
      as: 'anonymous',
      body: { email: 'admin@example.com', password: 'not the password' },
    },
    { route: 'GET /api/auth/me', path: '/api/auth/me', status: 200 },
    { route: 'GET /api/auth/me', path: '/api/auth/me', status: 200, as: 'session' },
    { route: 'GET /api/auth/me', path: '/api/auth/me', status: 401, as: 'anonymous' },
    {
      route: 'POST /api/setup',
      path: '/api/setup',
      status: 403,
      as: 'anonymous',
      body: { setupToken: 'guess', email: 'x@example.com', password: PASSWORD },
    },
    { route: 'GET /api/users', path: '/api/users', status: 200 },
    {
      route: 'POST /api/users',
      path: '/api/users',
      status: 201,
      body: { email: 'new@example.com', password: PASSWORD, role: 'viewer' },
    },
    {
      route: 'POST /api/users',
      path: '/api/users',
      status: 409,
      body: { email: 'new@example.com', password: PASSWORD },
    },
    { route: 'GET /api/tokens', path: '/api/tokens', status: 200, as: 'session' },
    { route: 'GET /api/tokens', path: '/api/tokens', status: 403 },
    {
      route: 'POST /api/tokens',
      path: '/api/tokens',
      status: 201,
      as: 'session',
      body: { name: 'openapi', access: 'read', expiresInDays: 7 },
    },
    // DELETE /api/tokens/{id} is sent with the id of the token just created (see below).
    { route: 'DELETE /api/tokens/{id}', path: '/api/tokens/{created}', status: 200, as: 'session' },
    { route: 'DELETE /api/tokens/{id}', path: '/api/tokens/{created}', status: 409, as: 'session' },
    { route: 'GET /api/datasets', path: '/api/datasets', status: 200 },
    {
      route: 'POST /api/datasets/{name}/import',
      path: '/api/datasets/web_sessions/import?filename=extra.csv',
      status: 201,
      raw:
        'date,source,medium,utm_campaign,sessions,engaged_sessions,conversions,revenue\n' +
        '2026-11-16,openapi,csv,y,3,2,0,0\n',
      type: 'text/csv',
    },
    {
      route: 'POST /api/datasets/{name}/rows',
      path: '/api/datasets/web_sessions/rows',
      status: 201,
      body: [sessionRow],
    },
    {
      route: 'POST /api/datasets/{name}/rows',
      path: '/api/datasets/web_sessions/rows?dryRun=true',
      status: 201,
      raw: JSON.stringify(sessionRow) + '\n',
      type: 'application/x-ndjson',
    },
    {
      route: 'POST /api/datasets/{name}/rows',
      path: '/api/datasets/nope/rows',
      status: 404,
      body: [sessionRow],
    },
    { route: 'GET /api/metrics', path: '/api/metrics', status: 200 },
    { route: 'GET /api/metrics/{name}', path: `/api/metrics/${metric}`, status: 200 },
    { route: 'GET /api/metrics/{name}', path: '/api/metrics/no_such_metric', status: 404 },
    {
      route: 'GET /api/metrics/{name}/values',
      path: `/api/metrics/${metric}/values?grain=week&from=2026-10-01&to=${AS_OF}`,
      status: 200,
    },
    {
      route: 'POST /api/query',
      path: '/api/query',
      status: 200,
      body: { metrics: [metric], grain: 'month', from: '2026-08-01', to: AS_OF },
    },
    { route: 'POST /api/query', path: '/api/query', status: 422, body: { metrics: [] } },
    { route: 'GET /api/goals', path: '/api/goals', status: 200 },
    { route: 'GET /api/goals/{name}', path: `/api/goals/${goal}`, status: 200 },
    {
      route: 'POST /api/goals',
      path: '/api/goals',
      status: 201,
      body: { name: 'openapi_goal', title: 'Checked', period: { start: '2026-01-01', end: '2026-12-31' } },
    },
    {
      route: 'PATCH /api/goals/{name}',
      path: '/api/goals/openapi_goal',
      status: 200,
      body: { title: 'Changed' },
    },
    { route: 'GET /api/kpis', path: '/api/kpis', status: 200 },
    { route: 'GET /api/kpis/{name}', path: `/api/kpis/${kpi}`, status: 200 },
    {
      route: 'POST /api/kpis',
      path: '/api/kpis',
      status: 201,
      body: { name: 'openapi_kpi', metric, goal: 'openapi_goal' },
    },
    {
      route: 'PATCH /api/kpis/{name}',
      path: '/api/kpis/openapi_kpi',
      status: 200,
      body: { owner: 'someone' },
    },
    {
      route: 'PATCH /api/kpis/{name}',
      path: '/api/kpis/openapi_kpi',
      status: 422,
      body: { metric: 'no_such' },
    },
    { route: 'GET /api/kpis/{name}/history', path: '/api/kpis/openapi_kpi/history', status: 200 },
    { route: 'GET /api/history', path: '/api/history?limit=50', status: 200 },
    { route: 'GET /api/annotations', path: '/api/annotations', status: 200 },
    {
      route: 'POST /api/annotations',
      path: '/api/annotations',
      status: 201,
      body: { date: '2026-11-01', title: 'Checked' },
    },
    { route: 'GET /api/kpis/{name}/reviews', path: `/api/kpis/${kpi}/reviews`, status: 200 },
    {
      route: 'POST /api/kpis/{name}/reviews',
      path: `/api/kpis/${kpi}/reviews`,
      status: 201,
      body: { decision: 'keep', note: 'still right' },
    },
    { route: 'GET /api/reviews', path: '/api/reviews', status: 200 },
    {
      route: 'POST /api/datasets/{name}/sentiment-corrections',
      path: '/api/datasets/mentions/sentiment-corrections',
      status: 200,
      body: { key: ['mn-000001'], label: 'negative' },
    },
    {
      route: 'POST /api/datasets/{name}/sentiment-corrections',
      path: '/api/datasets/mentions/sentiment-corrections',
      status: 404,
      body: { key: ['mn-x'], label: 'negative' },
    },
    {
      route: 'POST /api/datasets/{name}/sentiment-corrections',
      path: '/api/datasets/mentions/sentiment-corrections',
      status: 422,
      body: { key: ['mn-000001'], label: 'great' },
    },
    {
      route: 'POST /api/reviews',
      path: '/api/reviews',
      status: 201,
      body: { decision: 'keep', note: 'the list holds' },
    },
    { route: 'GET /api/alerts', path: '/api/alerts', status: 200 },
    { route: 'POST /api/alerts/{name}/test', path: '/api/alerts/openapi_alert/test', status: 200 },
    {
      route: 'POST /api/alerts/{name}/snooze',
      path: '/api/alerts/openapi_alert/snooze',
      status: 200,
      body: { until: '2026-12-01T09:00:00Z' },
    },
    { route: 'GET /api/deliveries', path: '/api/deliveries?limit=10', status: 200 },
    {
      route: 'POST /api/accounts',
      path: '/api/accounts',
      status: 201,
      body: { email: 'invited@example.com', name: 'Ivy Invited' },
    },
    {
      route: 'POST /api/accounts',
      path: '/api/accounts',
      status: 409,
      body: { email: 'invited@example.com' },
    },
    { route: 'GET /api/accounts', path: '/api/accounts', status: 200 },
    {
      route: 'PATCH /api/accounts/{email}',
      path: '/api/accounts/invited@example.com',
      status: 200,
      body: { role: 'editor', active: false },
    },
    {
      route: 'PATCH /api/accounts/{email}',
      path: '/api/accounts/admin@example.com',
      status: 409,
      body: { active: false },
    },
    {
      route: 'POST /api/accounts/{email}/password',
      path: '/api/accounts/invited@example.com/password',
      status: 200,
    },
    { route: 'POST /api/shares', path: '/api/shares', status: 201, body: { goal, pin: '2468' } },
    { route: 'POST /api/shares', path: '/api/shares', status: 422, body: { view: 'dashboard' } },
    { route: 'GET /api/shares', path: '/api/shares', status: 200 },
    {
      route: 'GET /api/shared/{token}',
      path: '/api/shared/{share}',
      status: 401,
      as: 'anonymous',
    },
    {
      route: 'GET /api/shared/{token}',
      path: '/api/shared/{share}',
      status: 200,
      as: 'anonymous',
      headers: { 'x-share-pin': '2468' },
    },
    {
      route: 'GET /api/shared/{token}/report',
      path: '/api/shared/{share}/report?format=json',
      status: 200,
      as: 'anonymous',
      headers: { 'x-share-pin': '2468' },
    },
    { route: 'GET /api/shared/{token}', path: '/api/shared/kpis_forged.x.y', status: 404, as: 'anonymous' },
    { route: 'DELETE /api/shares/{id}', path: '/api/shares/{shareId}', status: 200 },
    { route: 'GET /api/shared/{token}', path: '/api/shared/{share}', status: 410, as: 'anonymous' },
    { route: 'GET /api/scorecard', path: `/api/scorecard?asOf=${AS_OF}`, status: 200 },
    { route: 'GET /api/scorecard', path: '/api/scorecard', status: 401, as: 'anonymous' },
    {
      route: 'GET /api/goals/{name}/scorecard',
      path: `/api/goals/${goal}/scorecard?asOf=${AS_OF}`,
      status: 200,
    },
    {
      route: 'GET /api/kpis/{name}/scorecard',
      path: `/api/kpis/${kpi}/scorecard?asOf=${AS_OF}`,
      status: 200,
    },
    { route: 'GET /api/kpis/{name}/scorecard', path: `/api/kpis/nope/scorecard?asOf=${AS_OF}`, status: 404 },
    { route: 'GET /api/kpis/{name}/forecast', path: `/api/kpis/${kpi}/forecast?asOf=${AS_OF}`, status: 200 },
    { route: 'GET /api/openapi.json', path: '/api/openapi.json', status: 200, as: 'anonymous' },
    { route: 'GET /api/docs', path: '/api/docs', status: 200, as: 'anonymous' },
    { route: 'GET /setup', path: '/setup', status: 200, as: 'anonymous' },
    {
      route: 'POST /api/setup',
      path: '/api/setup',
      status: 201,
      as: 'anonymous',
      server: 'fresh',
      body: { setupToken: '{setup}', email: 'first@example.com', password: PASSWORD },
    },
    { route: 'POST /api/auth/login', path: '/api/auth/login', status: 200, as: 'anonymous', body: {} },
    { route: 'POST /api/auth/logout', path: '/api/auth/logout', status: 200, as: 'session' },
  ];
};

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'kpi-openapi-'));
  const dir = join(root, 'demo');
  await initProject({ dir, demo: true, endDate: AS_OF });
  let lp = openProject(dir);
  await addUser(lp, { email: 'admin@example.com', password: PASSWORD, role: 'admin' });
  adminToken = (await createToken(lp, 'admin@example.com', { name: 'admin' })).token;
  lp = openProject(dir);
  names.metric = Object.keys(lp.project.metrics)[0] ?? '';
  const [kpiName, kpi] = Object.entries(lp.project.kpis)[0] ?? ['', undefined];
  names.kpi = kpiName;
  names.goal = kpi?.goal ?? '';
  // A channel and an alert, for the delivery routes (test messages go to a local receiver).
  hooks = await startHttpReceiver();
  appendFileSync(
    join(dir, 'kpi.yaml'),
    `\nchannels:\n  hook: { kind: webhook, url_secret: HOOK_URL, signing_secret: HOOK_KEY }\nalerts:\n  openapi_alert: { kpi: ${kpiName}, when: { kind: verdict }, to: [hook] }\n`,
  );
  lp = openProject(dir);
  main = await startServer({
    project: lp,
    port: 0,
    log: () => {},
    authClock: () => T0,
    scheduler: {
      secrets: loadSecrets({
        env: { HOOK_URL: `${hooks.url}/hook`, HOOK_KEY: newWebhookSecret() },
        projectDir: dir,
      }),
      intervalMs: 3_600_000,
    },
  });
  const starter = join(root, 'starter');
  await initProject({ dir: starter, name: 'Fresh', timezone: 'UTC', currency: 'EUR' });
  fresh = await startServer({ project: openProject(starter), port: 0, log: () => {} });
  doc = JSON.parse(
    (await send({ route: 'GET /api/openapi.json', path: '/api/openapi.json', status: 200 })).text,
  );
  const login = await fetch(`${main.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: PASSWORD }),
  });
  assert.equal(login.status, 200);
  session = {
    cookie: login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
    'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken,
  };
});

after(async () => {
  await main?.close();
  await fresh?.close();
  await hooks?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('every API response matches its declared OpenAPI schema', () => {
  test('all routes driven; every answer declared and valid', async () => {
    const all = cases();
    const driven = new Set(all.filter((c) => c.status < 300).map((c) => c.route));
    const routes = main.routes.map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(
      routes.filter((r) => !driven.has(r)),
      [],
      'routes without a success case',
    );
    let created = '';
    let share = { token: '', id: '' };
    const failures: string[] = [];
    let checked = 0;
    for (const raw of all) {
      let c = raw;
      if (c.path.includes('{created}')) c = { ...c, path: c.path.replace('{created}', created) };
      c = { ...c, path: c.path.replace('{share}', share.token).replace('{shareId}', share.id) };
      if (c.route === 'POST /api/setup' && c.server === 'fresh')
        c = {
          ...c,
          body: { ...(c.body as Json), setupToken: new URL(fresh.setupUrl ?? 'x:#').hash.slice(1) },
        };
      if (c.route === 'POST /api/auth/login' && c.status === 200) {
        const r = await send({ ...c, body: { email: 'admin@example.com', password: PASSWORD } });
        assert.equal(r.status, 200, r.text);
        const { validate } = declared(c.route, 200);
        if (!validate?.(JSON.parse(r.text)))
          failures.push(`${c.route} 200: ${ajv.errorsText(validate?.errors)}`);
        checked += 1;
        continue;
      }
      const r = await send(c);
      assert.equal(r.status, c.status, `${c.route} (${c.path}): ${r.text.slice(0, 300)}`);
      const { html, validate } = declared(c.route, r.status, r.type);
      checked += 1;
      if (html) {
        assert.match(
          r.type,
          c.route === 'GET /api/report' ? /^text\/(html|markdown)/ : /^text\/html/,
          c.route,
        );
        continue;
      }
      assert.match(r.type, /^application\/json/, c.route);
      const body: unknown = JSON.parse(r.text);
      if (!validate?.(body))
        failures.push(
          `${c.route} ${r.status} (${c.path}): ${ajv.errorsText(validate?.errors, { separator: '; ' }).slice(0, 600)}`,
        );
      if (c.route === 'POST /api/tokens') created = (body as { info: { id: string } }).info.id;
      if (c.route === 'POST /api/shares' && r.status === 201) {
        const made = body as { token: string; info: { id: string } };
        share = { token: made.token, id: made.info.id };
      }
    }
    assert.deepEqual(failures, []);
    const statuses = new Set(all.map((c) => c.status));
    console.log(
      `openapi responses: ${routes.length} routes, ${checked} responses checked (statuses ${[...statuses].sort().join(', ')})`,
    );
  });

  test('no success schema accepts anything where a value is declared (only open objects stay open)', () => {
    const vague: string[] = [];
    const SAYS = ['type', '$ref', 'const', 'enum', 'anyOf', 'oneOf', 'allOf'];
    const walk = (node: Json, at: string): void => {
      if (!SAYS.some((k) => k in node)) vague.push(at);
      for (const [name, child] of Object.entries((node['properties'] ?? {}) as Record<string, Json>))
        walk(child, `${at}.${name}`);
      if (node['items'] && typeof node['items'] === 'object') walk(node['items'] as Json, `${at}[]`);
      for (const k of ['anyOf', 'oneOf', 'allOf'])
        ((node[k] ?? []) as Json[]).forEach((child, i) => walk(child, `${at}|${k}${i}`));
      // additionalProperties: {} is an open object (looseObject, record of anything): allowed.
    };
    let schemas = 0;
    for (const [path, item] of Object.entries(doc['paths'] as Record<string, Record<string, Json>>))
      for (const [method, op] of Object.entries(item))
        for (const [code, response] of Object.entries(op['responses'] as Record<string, Json>)) {
          const schema = (response['content'] as Record<string, { schema: Json }>)['application/json']
            ?.schema;
          if (!schema || Number(code) >= 300) continue;
          schemas += 1;
          walk(schema, `${method.toUpperCase()} ${path} ${code}`);
        }
    assert.ok(schemas >= 40, `${schemas} success schemas`);
    assert.deepEqual(vague, []);
  });
});
