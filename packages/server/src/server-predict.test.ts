// The predictive reads over real HTTP on the demo (a real DuckDB file): the budget plan of
// a goal (sums to the total, within ±max change, same answer as the use-case), the churn
// risk, auth, and precise 400s / 404s for bad input.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser, churnRisk, createToken, fixedClock, initProject, openProject, planBudget } from '@kpi/app';
import { startServer, type RunningServer } from './start-server.js';

const END = '2026-11-20';
let dir = '';
let server: RunningServer;
let token = '';
const get = async (path: string, auth = true) => {
  const res = await fetch(server.url + path, auth ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-server-predict-'));
  await initProject({ dir, demo: true, endDate: END });
  const lp = openProject(dir);
  await addUser(lp, {
    email: 'viewer@example.com',
    password: 'correct horse battery staple',
    role: 'viewer',
  });
  token = (await createToken(lp, 'viewer@example.com', { name: 'viewer' })).token;
  server = await startServer({
    project: openProject(dir),
    port: 0,
    log: () => {},
    limits: {},
    clock: fixedClock('2026-11-21T10:00:00Z'),
  });
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('predict routes', () => {
  test('GET /api/goals/{name}/budget: the plan, its limits, the same numbers as the use-case', async () => {
    const r = await get('/api/goals/qualified_leads/budget?total=70000&maxChange=0.2');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const sum = r.body.members.reduce((a: number, m: { plan: number }) => a + m.plan, 0);
    assert.ok(Math.abs(sum - 70000) < 0.005);
    for (const m of r.body.members as { today: number; plan: number }[])
      assert.ok(Math.abs(m.plan - m.today) <= m.today * 0.2 + 0.01 || m.plan === m.today);
    const direct = await planBudget(openProject(dir, { clock: fixedClock('2026-11-21T10:00:00Z') }), {
      goal: 'qualified_leads',
      total: 70000,
      maxChange: 0.2,
    });
    assert.deepEqual(
      r.body.members.map((m: { plan: number }) => m.plan),
      direct.members.map((m) => m.plan),
    );
    assert.match(r.body.sentence, /qualified leads/);
    assert.match(r.body.caveat, /hold out/);
  });

  test('GET /api/churn/{name}: the same risk as the use-case', async () => {
    const r = await get('/api/churn/subscribers?top=5');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const direct = await churnRisk(openProject(dir, { clock: fixedClock('2026-11-21T10:00:00Z') }), {
      name: 'subscribers',
      top: 5,
    });
    assert.equal(r.body.activeCustomers, direct.activeCustomers);
    assert.deepEqual(
      r.body.customers.map((c: { customer: string }) => c.customer),
      direct.customers.map((c) => c.customer),
    );
  });

  test('auth and bad input', async () => {
    assert.equal((await get('/api/goals/qualified_leads/budget', false)).status, 401);
    const bad = await get('/api/goals/qualified_leads/budget?maxChange=lots');
    assert.equal(bad.status, 422);
    assert.match(JSON.stringify(bad.body), /maxChange/);
    assert.equal((await get('/api/goals/no_such_goal/budget')).status, 404);
    assert.equal((await get('/api/churn/nobody')).status, 404);
    const infeasible = await get('/api/goals/qualified_leads/budget?total=9000000&maxChange=0.1');
    assert.equal(infeasible.status, 422);
    assert.match(JSON.stringify(infeasible.body), /above the most the limits allow/);
  });
});
