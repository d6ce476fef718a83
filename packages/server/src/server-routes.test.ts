// Every route's happy path over real HTTP against a real DuckDB project, and edits
// written back into kpi.yaml with comments kept and history recorded.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, startFixture, PASSWORD, type Fixture } from '../test/server-fixture.js';

let f: Fixture;
const covered = new Set<string>();
const hit = async (method: string, path: string, template: string, c: Parameters<typeof call>[3] = {}) => {
  covered.add(`${method} ${template}`);
  return call(f, method, path, c);
};

describe('HTTP API happy paths', () => {
  before(async () => {
    f = await startFixture();
  });
  after(async () => {
    await f.close();
  });

  test('health, project, checks, docs', async () => {
    assert.deepEqual((await hit('GET', '/api/health', '/api/health')).body, {
      status: 'ok',
      project: 'loaded',
    });
    const p = await hit('GET', '/api/project', '/api/project', { token: f.tokens.viewer });
    assert.equal(p.status, 200);
    assert.equal(p.body.name, 'Test');
    assert.deepEqual(p.body.counts, { datasets: 1, metrics: 3, goals: 1, kpis: 1, annotations: 0 });
    const checks = await hit('GET', '/api/checks', '/api/checks', { token: f.tokens.viewer });
    assert.equal(checks.status, 200);
    assert.ok(Array.isArray(checks.body.findings));
    assert.equal(
      checks.body.counts.warning,
      checks.body.findings.filter((x: { severity: string }) => x.severity === 'warning').length,
    );
    const doc = await hit('GET', '/api/openapi.json', '/api/openapi.json');
    assert.equal(doc.body.openapi, '3.1.0');
    const page = await hit('GET', '/api/docs', '/api/docs');
    assert.match(String(page.body), /kpi API/);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(String((await hit('GET', '/setup', '/setup')).body), /first admin/);
  });

  test('log in, who am I, log out (session cookie + CSRF)', async () => {
    const login = await hit('POST', '/api/auth/login', '/api/auth/login', {
      body: { email: 'Editor@Example.com', password: PASSWORD },
    });
    assert.equal(login.status, 200);
    assert.equal(login.body.user.role, 'editor');
    const cookies = login.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('kpi_session='));
    assert.ok(session?.includes('HttpOnly') && session.includes('SameSite=Strict'));
    const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
    const me = await hit('GET', '/api/auth/me', '/api/auth/me', { headers: { cookie } });
    assert.deepEqual([me.body.user.email, me.body.via], ['editor@example.com', 'session']);
    const out = await hit('POST', '/api/auth/logout', '/api/auth/logout', {
      headers: { cookie, 'x-csrf-token': login.body.csrfToken },
    });
    assert.equal(out.status, 200);
    assert.equal((await call(f, 'GET', '/api/auth/me', { headers: { cookie } })).status, 401);
  });

  test('users and tokens', async () => {
    const users = await hit('GET', '/api/users', '/api/users', { token: f.tokens.admin });
    assert.deepEqual(
      users.body.map((u: { email: string }) => u.email),
      ['admin@example.com', 'editor@example.com', 'viewer@example.com', 'you@example.com'],
    );
    const added = await hit('POST', '/api/users', '/api/users', {
      token: f.tokens.admin,
      body: { email: 'new@example.com', password: PASSWORD, role: 'editor' },
    });
    assert.equal(added.status, 201);
    assert.equal(added.body.role, 'editor');
    assert.equal(added.body.password_hash, undefined);
    // Tokens are managed with a session (a token cannot mint tokens).
    const login = await call(f, 'POST', '/api/auth/login', {
      body: { email: 'new@example.com', password: PASSWORD },
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const auth = { cookie, 'x-csrf-token': login.body.csrfToken };
    const made = await hit('POST', '/api/tokens', '/api/tokens', {
      headers: auth,
      body: { name: 'ci', access: 'read' },
    });
    assert.equal(made.status, 201);
    assert.match(made.body.token, /^kpi_/);
    const listed = await hit('GET', '/api/tokens', '/api/tokens', { headers: auth });
    assert.deepEqual(
      listed.body.map((t: { name: string }) => t.name),
      ['ci'],
    );
    assert.ok(
      !JSON.stringify(listed.body).includes(made.body.token),
      'a listed token never shows its secret',
    );
    assert.equal((await call(f, 'GET', '/api/project', { token: made.body.token })).status, 200);
    const revoked = await hit('DELETE', `/api/tokens/${made.body.info.id}`, '/api/tokens/{id}', {
      headers: auth,
    });
    assert.ok(revoked.body.revokedAt);
    assert.equal((await call(f, 'GET', '/api/project', { token: made.body.token })).status, 401);
  });

  test('datasets: list, import a file, push rows', async () => {
    const list = await hit('GET', '/api/datasets', '/api/datasets', { token: f.tokens.viewer });
    assert.equal(list.body[0].name, 'web_sessions');
    assert.equal(list.body[0].stats.rows, 4);
    const csv = 'Date,Source,Sessions,Conversions\n2026-01-13,google,80,1\n2026-01-05,google,101,3\n';
    const imp = await hit(
      'POST',
      '/api/datasets/web_sessions/import?filename=jan.csv',
      '/api/datasets/{name}/import',
      {
        token: f.tokens.editor,
        raw: csv,
        type: 'text/csv',
      },
    );
    assert.equal(imp.status, 201, JSON.stringify(imp.body));
    assert.deepEqual([imp.body.inserted, imp.body.updated, imp.body.file], [1, 1, 'jan.csv']);
    const push = await hit('POST', '/api/datasets/web_sessions/rows', '/api/datasets/{name}/rows', {
      token: f.tokens.push,
      body: [{ date: '2026-01-14', source: 'tiktok', sessions: 7, conversions: 0 }],
    });
    assert.equal(push.status, 201, JSON.stringify(push.body));
    assert.deepEqual([push.body.inserted, push.body.replayed], [1, false]);
    const after = await call(f, 'GET', '/api/datasets', { token: f.tokens.viewer });
    assert.equal(after.body[0].stats.rows, 6);
  });

  test('metrics: list, one, values, query (sum / sum ratios)', async () => {
    const all = await hit('GET', '/api/metrics', '/api/metrics', { token: f.tokens.viewer });
    assert.deepEqual(all.body.map((m: { name: string }) => m.name).sort(), [
      'conversion_rate',
      'conversions',
      'sessions',
    ]);
    const one = await hit('GET', '/api/metrics/conversion_rate', '/api/metrics/{name}', {
      token: f.tokens.viewer,
    });
    assert.equal(one.body.kind, 'ratio');
    const values = await hit(
      'GET',
      '/api/metrics/sessions/values?grain=month&from=2026-01-01&to=2026-01-31',
      '/api/metrics/{name}/values',
      {
        token: f.tokens.read,
      },
    );
    assert.equal(values.status, 200, JSON.stringify(values.body));
    // Hand sum of the January rows after the import and push above: 101+40+120+90+80+7.
    assert.deepEqual(values.body.rows, [{ period: '2026-01-01', sessions: 438 }]);
    const q = await hit('POST', '/api/query', '/api/query', {
      token: f.tokens.read,
      body: {
        metrics: ['conversion_rate'],
        groupBy: ['source'],
        where: { source: ['google'] },
        from: '2026-01-01',
        to: '2026-01-31',
      },
    });
    assert.equal(q.status, 200, JSON.stringify(q.body));
    // google: (3+4+2+1) / (101+120+90+80) = 10 / 391
    assert.equal(q.body.rows.length, 1);
    assert.ok(Math.abs(q.body.rows[0].conversion_rate - 10 / 391) < 1e-12);
  });

  test('goals and KPIs: read, create, edit written back into kpi.yaml with comments kept, with history', async () => {
    const goals = await hit('GET', '/api/goals', '/api/goals', { token: f.tokens.viewer });
    assert.deepEqual(goals.body[0].kpis, ['conversion_rate']);
    assert.equal(
      (await hit('GET', '/api/goals/grow_signups', '/api/goals/{name}', { token: f.tokens.viewer })).body
        .title,
      'Grow sign-ups from the website',
    );
    const g = await hit('POST', '/api/goals', '/api/goals', {
      token: f.tokens.editor,
      body: {
        name: 'more_traffic',
        title: 'More traffic',
        period: { start: '2026-01-01', end: '2026-06-30' },
        parent: 'grow_signups',
      },
    });
    assert.equal(g.status, 201, JSON.stringify(g.body));
    const gp = await hit('PATCH', '/api/goals/more_traffic', '/api/goals/{name}', {
      token: f.tokens.editor,
      body: { period: { end: '2026-03-31' }, owner: 'Ada Admin' },
    });
    assert.deepEqual(gp.body.value.period, { start: '2026-01-01', end: '2026-03-31' });
    // A new goal has no KPI yet: its own scorecard still names it (an empty dashboard, not a 404).
    const empty = await call(f, 'GET', '/api/goals/more_traffic/scorecard', { token: f.tokens.viewer });
    assert.equal(empty.status, 200, JSON.stringify(empty.body));
    assert.deepEqual(
      empty.body.goals.map((x: { goal: string; kpis: unknown[] }) => [x.goal, x.kpis.length]),
      [['more_traffic', 0]],
    );
    const before = readFileSync(join(f.dir, 'kpi.yaml'), 'utf8');
    const k = await hit('POST', '/api/kpis', '/api/kpis', {
      token: f.tokens.editor,
      body: {
        name: 'sessions_q1',
        metric: 'sessions',
        goal: 'more_traffic',
        target: { kind: 'cumulative', value: 5000 },
        owner: 'Ada Admin',
      },
    });
    assert.equal(k.status, 201, JSON.stringify(k.body));
    const edit = await hit('PATCH', '/api/kpis/conversion_rate', '/api/kpis/{name}', {
      token: f.tokens.editor,
      body: { target: { value: 0.035 }, cadence: 'monthly', reason: 'agreed at the Q1 planning' },
    });
    assert.equal(edit.status, 200, JSON.stringify(edit.body));
    assert.deepEqual(edit.body.value.target, { kind: 'reach', value: 0.035 });
    const text = readFileSync(join(f.dir, 'kpi.yaml'), 'utf8');
    // Comments and layout survive: only the edited lines differ, plus the new entries.
    assert.ok(text.startsWith(before.split('\n').slice(0, 3).join('\n')), 'header comments kept');
    assert.match(text, /target: \{ kind: reach, value: 0\.035 \}/);
    assert.match(text, /cadence: monthly/);
    assert.match(text, /sessions_q1:/);
    const removedLines = before.split('\n').filter((l) => !text.split('\n').includes(l));
    assert.deepEqual(removedLines, ['    target: { kind: reach, value: 0.03 }', '    cadence: weekly']);
    assert.equal((await hit('GET', '/api/kpis', '/api/kpis', { token: f.tokens.viewer })).body.length, 2);
    const one = await hit('GET', '/api/kpis/conversion_rate', '/api/kpis/{name}', { token: f.tokens.viewer });
    assert.equal(one.body.cadence, 'monthly');
    const hist = await hit('GET', '/api/kpis/conversion_rate/history', '/api/kpis/{name}/history', {
      token: f.tokens.viewer,
    });
    assert.equal(hist.body.length, 1);
    assert.deepEqual(
      [
        hist.body[0].actor,
        hist.body[0].reason,
        hist.body[0].before.target.value,
        hist.body[0].after.target.value,
      ],
      ['editor@example.com', 'agreed at the Q1 planning', 0.03, 0.035],
    );
    const all = await hit('GET', '/api/history?entity=goal', '/api/history', { token: f.tokens.viewer });
    assert.deepEqual(
      all.body.map((c: { action: string }) => c.action),
      ['update', 'create'],
    );
  });

  test('annotations and reviews (an owner may review their KPI)', async () => {
    const a = await hit('POST', '/api/annotations', '/api/annotations', {
      token: f.tokens.editor,
      body: { date: '2026-01-06', title: 'Newsletter sent', scope: { source: 'newsletter' } },
    });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    const list = await hit('GET', '/api/annotations', '/api/annotations', { token: f.tokens.viewer });
    assert.deepEqual(list.body, [
      { date: '2026-01-06', title: 'Newsletter sent', scope: { source: 'newsletter' } },
    ]);
    const r = await hit('POST', '/api/kpis/conversion_rate/reviews', '/api/kpis/{name}/reviews', {
      token: f.tokens.owner,
      body: { decision: 'keep', note: 'still the best signal of sign-up intent' },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const lr = await hit('POST', '/api/reviews', '/api/reviews', {
      token: f.tokens.editor,
      body: { decision: 'note', note: 'the KPI list is short enough' },
    });
    assert.equal(lr.status, 201);
    const kr = await hit('GET', '/api/kpis/conversion_rate/reviews', '/api/kpis/{name}/reviews', {
      token: f.tokens.viewer,
    });
    assert.deepEqual(
      kr.body.map((x: { author: string; decision: string }) => [x.author, x.decision]),
      [['you@example.com', 'keep']],
    );
    const allr = await hit('GET', '/api/reviews', '/api/reviews', { token: f.tokens.viewer });
    assert.equal(allr.body.length, 2);
  });

  test('scorecard: whole, per goal, one KPI drill-down', async () => {
    const asOf = '2026-01-14';
    const whole = await hit('GET', `/api/scorecard?asOf=${asOf}`, '/api/scorecard', {
      token: f.tokens.viewer,
    });
    assert.equal(whole.status, 200, JSON.stringify(whole.body));
    assert.deepEqual([whole.body.kind, whole.body.asOf], ['scorecard', asOf]);
    const goalNames = whole.body.goals.map((g: { kpis: { name?: string; kpi?: string }[] }) => g.kpis.length);
    assert.ok(goalNames.length >= 1);
    const goal = await hit(
      'GET',
      `/api/goals/grow_signups/scorecard?asOf=${asOf}`,
      '/api/goals/{name}/scorecard',
      {
        token: f.tokens.viewer,
      },
    );
    assert.equal(goal.status, 200, JSON.stringify(goal.body));
    assert.equal(goal.body.goals.length, 1);
    const kpi = await hit(
      'GET',
      `/api/kpis/conversion_rate/scorecard?asOf=${asOf}`,
      '/api/kpis/{name}/scorecard',
      {
        token: f.tokens.viewer,
      },
    );
    assert.equal(kpi.status, 200, JSON.stringify(kpi.body));
    assert.equal(kpi.body.kind, 'kpi_explanation');
    assert.equal((await call(f, 'GET', '/api/kpis/nope/scorecard', { token: f.tokens.viewer })).status, 404);
    // The KPI went monthly above; January alone is too little to forecast: no band, a note.
    const band = await hit(
      'GET',
      `/api/kpis/conversion_rate/forecast?asOf=${asOf}`,
      '/api/kpis/{name}/forecast',
      { token: f.tokens.viewer },
    );
    assert.equal(band.status, 200, JSON.stringify(band.body));
    assert.deepEqual([band.body.grain, band.body.points, typeof band.body.note], ['month', [], 'string']);
  });

  test('alerts and the delivery log (editors; test messages need the scheduler)', async () => {
    const list = await hit('GET', '/api/alerts', '/api/alerts', { token: f.tokens.editor });
    assert.deepEqual([list.status, list.body], [200, []]);
    assert.equal((await call(f, 'GET', '/api/alerts', { token: f.tokens.viewer })).status, 403);
    const log = await hit('GET', '/api/deliveries?limit=5', '/api/deliveries', { token: f.tokens.editor });
    assert.deepEqual([log.status, log.body], [200, []]);
    const t = await hit('POST', '/api/alerts/nope/test', '/api/alerts/{name}/test', {
      token: f.tokens.editor,
    });
    assert.equal(t.status, 409);
    const z = await hit('POST', '/api/alerts/nope/snooze', '/api/alerts/{name}/snooze', {
      token: f.tokens.editor,
      body: { until: null },
    });
    assert.equal(z.status, 404);
  });

  test('the stakeholder report (the report route, covered here since the merge)', async () => {
    const r = await hit('GET', '/api/report?format=json', '/api/report', { token: f.tokens.viewer });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  });

  test('predictive reads on a project without paid data or churn: 404 naming what exists', async () => {
    // The plans and risks themselves are checked on the demo (server-predict, openapi-responses).
    const b = await hit('GET', '/api/goals/qualified_leads/budget', '/api/goals/{name}/budget', {
      token: f.tokens.viewer,
    });
    assert.equal(b.status, 404, JSON.stringify(b.body));
    assert.match(JSON.stringify(b.body), /grow_signups/);
    const c = await hit('GET', '/api/churn/subscribers', '/api/churn/{name}', { token: f.tokens.viewer });
    assert.equal(c.status, 404, JSON.stringify(c.body));
  });

  test('share links: create, list, open, the shared report, revoke (server-share checks the rest)', async () => {
    const made = await hit('POST', '/api/shares', '/api/shares', {
      token: f.tokens.editor,
      body: { goal: 'grow_signups' },
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const list = await hit('GET', '/api/shares', '/api/shares', { token: f.tokens.editor });
    assert.deepEqual(
      list.body.map((s: { id: string }) => s.id),
      [made.body.info.id],
    );
    const shared = await hit('GET', `/api/shared/${made.body.token}`, '/api/shared/{token}');
    assert.equal(shared.status, 200, JSON.stringify(shared.body));
    assert.equal(shared.body.scorecard.goals[0].goal, 'grow_signups');
    const report = await hit('GET', `/api/shared/${made.body.token}/report`, '/api/shared/{token}/report');
    assert.equal(report.status, 200);
    assert.match(String(report.body), /Grow sign-ups from the website/);
    const gone = await hit('DELETE', `/api/shares/${made.body.info.id}`, '/api/shares/{id}', {
      token: f.tokens.editor,
    });
    assert.equal(gone.status, 200);
    assert.equal((await call(f, 'GET', `/api/shared/${made.body.token}`)).status, 410);
  });

  test('the users page: list, invite, change, reset (server-accounts checks the rest)', async () => {
    const made = await hit('POST', '/api/accounts', '/api/accounts', {
      token: f.tokens.admin,
      body: { email: 'invited@example.com', role: 'editor' },
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const list = await hit('GET', '/api/accounts', '/api/accounts', { token: f.tokens.admin });
    assert.ok(list.body.some((u: { email: string }) => u.email === 'invited@example.com'));
    const off = await hit('PATCH', '/api/accounts/invited@example.com', '/api/accounts/{email}', {
      token: f.tokens.admin,
      body: { active: false },
    });
    assert.deepEqual([off.status, off.body.active], [200, false]);
    const reset = await hit(
      'POST',
      '/api/accounts/invited@example.com/password',
      '/api/accounts/{email}/password',
      { token: f.tokens.admin },
    );
    assert.equal(reset.status, 200);
    assert.notEqual(reset.body.password, made.body.password);
  });

  test('UTM reads on a project without a utm: section: default rules; attribution is a 404 saying what to add', async () => {
    // The rules and the attribution of a project that has them are checked on the demo (server-utm).
    const u = await hit('GET', '/api/utm', '/api/utm', { token: f.tokens.viewer });
    assert.equal(u.status, 200, JSON.stringify(u.body));
    assert.equal(u.body.attribution, false);
    const a = await hit('GET', '/api/utm/attribution', '/api/utm/attribution', { token: f.tokens.viewer });
    assert.equal(a.status, 404, JSON.stringify(a.body));
    assert.match(JSON.stringify(a.body), /utm\.sessions_missing/);
  });

  test('sentiment corrections: the starter project has no sentiment column (the happy path is in server-sentiment)', async () => {
    const r = await hit(
      'POST',
      '/api/datasets/web_sessions/sentiment-corrections',
      '/api/datasets/{name}/sentiment-corrections',
      { token: f.tokens.editor, body: { key: ['2026-01-05'], label: 'negative' } },
    );
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.match(r.body.error.message, /web_sessions has no sentiment column/);
  });

  test('every declared route was exercised above', () => {
    const declared = f.server.routes
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => r !== 'POST /api/setup');
    assert.deepEqual(
      declared.filter((r) => !covered.has(r)),
      [],
    );
  });
});
