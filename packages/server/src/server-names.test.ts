// Names that mean something to JavaScript objects ("constructor", "__proto__", "toString"),
// over real HTTP: a reserved name written into a definition is refused by the schema with
// the field named; a lookup of one answers exactly as for any other unknown name; a
// "__proto__" key in a body or a column map is refused, never dropped. After every
// attempt the project files, the stored rows, the reviews and the tokens are unchanged,
// and the scorecard and the checks still answer 200 for everyone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PASSWORD,
  call,
  projectFiles,
  startFixture,
  type Answer,
  type Fixture,
} from '../test/server-fixture.js';

let f: Fixture;

let adminCookie = '';

/** The parts of the store a refused request must not change. */
const storeState = async (): Promise<string> => {
  const datasets = await call(f, 'GET', '/api/datasets', { token: f.tokens.admin });
  const reviews = await call(f, 'GET', '/api/reviews', { token: f.tokens.admin });
  // Tokens cannot list tokens: an admin's session lists everyone's.
  const tokens = await call(f, 'GET', '/api/tokens', { headers: { cookie: adminCookie } });
  assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
  const history = await call(f, 'GET', '/api/history', { token: f.tokens.admin });
  return JSON.stringify([
    datasets.body.map((d: { stats: { rows: number } }) => d.stats.rows),
    reviews.body,
    tokens.body,
    history.body,
  ]);
};

const issuePaths = (a: Answer): string[] =>
  ((a.body?.error?.details?.issues ?? []) as { path: (string | number)[] }[]).map((i) => i.path.join('.'));

const raw = (json: string) => ({ raw: json, type: 'application/json' });

const RESERVED = ['constructor', '__proto__', 'prototype'] as const;

describe('reserved names and prototype keys', () => {
  before(async () => {
    f = await startFixture();
    const login = await call(f, 'POST', '/api/auth/login', {
      body: { email: 'admin@example.com', password: PASSWORD },
    });
    adminCookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  });
  after(async () => {
    await f.close();
  });

  test('a definition may not be named, or refer to, a reserved name (422 naming the field)', async () => {
    const files = projectFiles(f.dir);
    const store = await storeState();
    const cases: readonly { path: string; body: unknown; field: string; method?: string }[] = [
      {
        path: '/api/kpis',
        body: { name: 'broken', metric: 'constructor', goal: 'grow_signups' },
        field: 'body.metric',
      },
      {
        path: '/api/kpis',
        body: { name: 'broken', metric: '__proto__', goal: 'grow_signups' },
        field: 'body.metric',
      },
      {
        path: '/api/kpis',
        body: { name: 'broken', metric: 'sessions', goal: 'constructor' },
        field: 'body.goal',
      },
      {
        path: '/api/kpis',
        body: { name: 'constructor', metric: 'sessions', goal: 'grow_signups' },
        field: 'body.name',
      },
      {
        path: '/api/kpis',
        body: { name: 'prototype', metric: 'sessions', goal: 'grow_signups' },
        field: 'body.name',
      },
      {
        path: '/api/kpis',
        body: { name: 'broken', metric: 'sessions', goal: 'grow_signups', counter_metric: 'constructor' },
        field: 'body.counter_metric',
      },
      {
        path: '/api/kpis',
        body: { name: 'broken', metric: 'sessions', goal: 'grow_signups', filter: { constructor: 'x' } },
        field: 'body.filter.constructor',
      },
      {
        method: 'PATCH',
        path: '/api/kpis/conversion_rate',
        body: { metric: 'constructor' },
        field: 'body.metric',
      },
      {
        method: 'PATCH',
        path: '/api/kpis/conversion_rate',
        body: { counter_metric: { metric: 'constructor' } },
        field: 'body.counter_metric',
      },
      {
        path: '/api/goals',
        body: { name: 'constructor', title: 'T', period: { start: '2026-01-01', end: '2026-03-31' } },
        field: 'body.name',
      },
      {
        path: '/api/goals',
        body: {
          name: 'g2',
          title: 'T',
          period: { start: '2026-01-01', end: '2026-03-31' },
          parent: 'constructor',
        },
        field: 'body.parent',
      },
      {
        method: 'PATCH',
        path: '/api/goals/grow_signups',
        body: { parent: '__proto__' },
        field: 'body.parent',
      },
    ];
    for (const c of cases) {
      const r = await call(f, c.method ?? 'POST', c.path, { token: f.tokens.editor, body: c.body });
      const what = `${c.method ?? 'POST'} ${c.path} ${JSON.stringify(c.body)}`;
      assert.equal(r.status, 422, `${what}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'input.invalid', what);
      assert.ok(
        issuePaths(r).some((p) => p.startsWith(c.field)),
        `${what}: ${issuePaths(r).join(', ')}`,
      );
      assert.match(JSON.stringify(r.body.error.details.issues), /reserved name/, what);
    }
    assert.equal(projectFiles(f.dir), files);
    assert.equal(await storeState(), store);
  });

  test('a "__proto__" key in a body is refused with its path, never dropped', async () => {
    const files = projectFiles(f.dir);
    const store = await storeState();
    const cases: readonly { method: string; path: string; json: string; field: string; token?: string }[] = [
      {
        method: 'POST',
        path: '/api/kpis',
        json: '{"name":"broken","metric":"sessions","goal":"grow_signups","filter":{"__proto__":"x"}}',
        field: 'body.filter.__proto__',
      },
      {
        method: 'PATCH',
        path: '/api/kpis/conversion_rate',
        json: '{"filter":{"__proto__":"x","source":"google"}}',
        field: 'body.filter.__proto__',
      },
      {
        method: 'PATCH',
        path: '/api/kpis/conversion_rate',
        json: '{"__proto__":{"owner":"x"}}',
        field: 'body.__proto__',
      },
      {
        method: 'POST',
        path: '/api/annotations',
        json: '{"date":"2026-01-05","title":"Launch","scope":{"__proto__":"google"}}',
        field: 'body.scope.__proto__',
      },
      {
        method: 'POST',
        path: '/api/query',
        json: '{"metrics":["sessions"],"where":{"__proto__":["google"]}}',
        field: 'body.where.__proto__',
        token: f.tokens.viewer,
      },
      {
        method: 'POST',
        path: '/api/query',
        json: '{"metrics":["sessions"],"where":{"source":["google"],"__proto__":{"source":["x"]}}}',
        field: 'body.where.__proto__',
        token: f.tokens.viewer,
      },
      {
        method: 'POST',
        path: '/api/kpis/conversion_rate/reviews',
        json: '{"decision":"note","note":"n","__proto__":{}}',
        field: 'body.__proto__',
      },
    ];
    for (const c of cases) {
      const r = await call(f, c.method, c.path, { token: c.token ?? f.tokens.editor, ...raw(c.json) });
      const what = `${c.method} ${c.path} ${c.json}`;
      assert.equal(r.status, 422, `${what}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'input.invalid', what);
      assert.deepEqual(issuePaths(r), [c.field], what);
      assert.equal(r.body.error.details.issues[0].code, 'input.reserved_key', what);
    }
    assert.equal(projectFiles(f.dir), files);
    assert.equal(await storeState(), store);
  });

  test('a "__proto__" key in a pushed row or a column map is refused, nothing stored', async () => {
    const files = projectFiles(f.dir);
    const store = await storeState();
    const push = await call(f, 'POST', '/api/datasets/web_sessions/rows', {
      token: f.tokens.push,
      ...raw('[{"date":"2026-02-02","source":"x","sessions":5,"__proto__":{"conversions":9}}]'),
    });
    assert.equal(push.status, 422, JSON.stringify(push.body));
    assert.equal(push.body.error.code, 'push.invalid_rows');
    assert.deepEqual(issuePaths(push), ['0.__proto__']);
    const csv = 'Day,Source,Sessions\n2026-02-02,x,5\n';
    const columns = encodeURIComponent('{"__proto__":"Day","source":"Source"}');
    const imp = await call(f, 'POST', `/api/datasets/web_sessions/import?columns=${columns}`, {
      token: f.tokens.push,
      raw: csv,
      type: 'text/csv',
    });
    assert.equal(imp.status, 422, JSON.stringify(imp.body));
    assert.deepEqual(issuePaths(imp), ['query.columns.__proto__']);
    const q = await call(f, 'GET', '/api/checks?__proto__=x', { token: f.tokens.viewer });
    assert.equal(q.status, 422, JSON.stringify(q.body));
    assert.deepEqual(issuePaths(q), ['query.__proto__']);
    assert.equal(projectFiles(f.dir), files);
    assert.equal(await storeState(), store);
  });

  test('looking up a reserved name answers as for any other unknown name', async () => {
    const files = projectFiles(f.dir);
    const store = await storeState();
    const same = async (
      who: string,
      method: string,
      template: (name: string) => string,
      body?: (name: string) => unknown,
      names: readonly string[] = RESERVED,
    ): Promise<void> => {
      const ask = (name: string) =>
        call(f, method, template(name), {
          token: who,
          ...(body === undefined ? {} : { body: body(name) }),
        });
      const unknown = await ask('no_such_name');
      assert.ok(
        unknown.status >= 400 && unknown.status < 500,
        `${template('no_such_name')}: ${unknown.status}`,
      );
      for (const name of names) {
        const r = await ask(name);
        const what = `${method} ${template(name)}`;
        assert.equal(r.status, unknown.status, `${what}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.error.code, unknown.body.error.code, what);
        assert.equal(
          r.body.error.message,
          unknown.body.error.message.replaceAll('no_such_name', name),
          `${what}: the same message, naming ${name}`,
        );
      }
    };
    const { admin, editor, viewer } = f.tokens;
    await same(viewer, 'GET', (n) => `/api/metrics/${n}`);
    await same(viewer, 'GET', (n) => `/api/metrics/${n}/values`);
    await same(viewer, 'GET', (n) => `/api/metrics/sessions/values?by=${n}`);
    await same(viewer, 'GET', (n) => `/api/kpis/${n}`);
    await same(viewer, 'GET', (n) => `/api/kpis/${n}/scorecard`);
    await same(viewer, 'GET', (n) => `/api/kpis/${n}/forecast`);
    await same(viewer, 'GET', (n) => `/api/goals/${n}`);
    await same(viewer, 'GET', (n) => `/api/goals/${n}/scorecard`);
    await same(viewer, 'GET', (n) => `/api/checks?kpi=${n}`);
    await same(viewer, 'GET', (n) => `/api/checks?goal=${n}`);
    await same(
      viewer,
      'POST',
      () => '/api/query',
      (n) => ({ metrics: [n] }),
    );
    await same(
      viewer,
      'POST',
      () => '/api/query',
      (n) => ({ metrics: ['sessions'], groupBy: [n] }),
    );
    // (A "__proto__" key is refused as such, above.)
    await same(
      viewer,
      'POST',
      () => '/api/query',
      (n) => ({ metrics: ['sessions'], where: { [n]: ['x'] } }),
      ['constructor', 'prototype'],
    );
    await same(
      editor,
      'PATCH',
      (n) => `/api/kpis/${n}`,
      () => ({ owner: 'x@example.com' }),
    );
    await same(
      editor,
      'PATCH',
      (n) => `/api/goals/${n}`,
      () => ({ owner: 'x@example.com' }),
    );
    await same(
      editor,
      'POST',
      (n) => `/api/kpis/${n}/reviews`,
      () => ({ decision: 'note', note: 'n' }),
    );
    await same(
      viewer,
      'POST',
      (n) => `/api/kpis/${n}/reviews`,
      () => ({ decision: 'note', note: 'n' }),
    );
    await same(
      admin,
      'POST',
      (n) => `/api/datasets/${n}/rows`,
      () => [{ date: '2026-02-02' }],
    );
    await same(
      admin,
      'POST',
      (n) => `/api/datasets/${n}/rows?dryRun=true`,
      () => [{ date: '2026-02-02' }],
    );
    await same(
      viewer,
      'POST',
      () => '/api/tokens',
      (n) => ({ name: 't', access: 'push', datasets: [n] }),
    );
    await same(
      admin,
      'POST',
      () => '/api/tokens',
      (n) => ({ name: 't', access: 'push', datasets: [n] }),
    );
    const imported = async (n: string) =>
      call(
        f,
        'POST',
        `/api/datasets/web_sessions/import?columns=${encodeURIComponent(JSON.stringify({ [n]: 'Day' }))}`,
        {
          token: admin,
          raw: 'Day,Source,Sessions\n2026-02-02,x,5\n',
          type: 'text/csv',
        },
      );
    const unknownColumn = await imported('no_such_name');
    for (const n of ['constructor', 'prototype']) {
      const r = await imported(n);
      assert.equal(r.status, unknownColumn.status, JSON.stringify(r.body));
      assert.equal(r.body.error.code, unknownColumn.body.error.code);
    }
    // Imports into a reserved dataset name: 404 like any unknown dataset.
    for (const n of RESERVED) {
      const r = await call(f, 'POST', `/api/datasets/${n}/import`, {
        token: admin,
        raw: 'a\n1\n',
        type: 'text/csv',
      });
      assert.equal(r.status, 404, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'dataset.not_found');
    }
    // The history of an unknown KPI is empty, whatever its name.
    for (const n of [...RESERVED, 'no_such_name']) {
      const r = await call(f, 'GET', `/api/kpis/${n}/history`, { token: viewer });
      assert.deepEqual([r.status, r.body], [200, []], n);
    }
    assert.equal(projectFiles(f.dir), files);
    assert.equal(await storeState(), store);
  });

  test('after every attempt the scorecard and the checks still answer 200 for everyone', async () => {
    for (const who of ['admin', 'editor', 'viewer', 'read'] as const) {
      for (const path of [
        '/api/scorecard',
        '/api/checks',
        '/api/goals/grow_signups/scorecard',
        '/api/kpis',
      ]) {
        const r = await call(f, 'GET', path, { token: f.tokens[who] });
        assert.equal(r.status, 200, `${who} ${path}: ${JSON.stringify(r.body)}`);
      }
    }
    const kpis = await call(f, 'GET', '/api/kpis', { token: f.tokens.viewer });
    assert.deepEqual(
      kpis.body.map((k: { name: string }) => k.name),
      ['conversion_rate'],
    );
  });
});
