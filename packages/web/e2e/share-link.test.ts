// e2e: share links in Debian's chromium against the real server on the demo. An admin makes
// a link with the Share button of a goal; a second browser, never signed in, opens it and
// sees the goal dashboard (the API's KPIs, in the same order) without the app's navigation,
// without a link into the app and without a single edit control; every write route of the
// OpenAPI document, called from that page with the link's token, is refused with 403. A
// PIN link asks for its PIN; the admin revokes a link on the Share links page and the open
// page, reloaded, says the link was turned off.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  ADMIN,
  apiSession,
  axeViolations,
  launchBrowser,
  screenshot,
  signIn,
  startDemoServer,
  type Browser,
  type DemoServer,
} from './e2e-fixture.js';

interface Score {
  goals: { goal: string; title: string; kpis: { kpi: string; label: string }[] }[];
}

let demo: DemoServer;
let admin: Browser;
let visitor: Browser;
before(async () => {
  demo = await startDemoServer();
  admin = await launchBrowser();
  visitor = await launchBrowser();
});
after(async () => {
  await admin?.close();
  await visitor?.close();
  await demo?.close();
});

const GOAL = 'qualified_leads';

test('a share link opens a goal dashboard without signing in; no write control is there or works', async () => {
  const api = await apiSession(demo.url, ADMIN);
  const score = await api.get<Score>(`/api/goals/${GOAL}/scorecard`);
  const goal = score.goals[0];
  assert.ok(goal && goal.kpis.length > 0);

  const page = await admin.newPage();
  await signIn(page, demo.url, ADMIN);
  await page.goto(`${demo.url}/goals/${GOAL}`);
  await page.getByTestId('share-open').click();
  await page.getByLabel('Who it is for').fill('board deck');
  await page.getByTestId('share-create').click();
  const link = await page.getByTestId('share-url').inputValue();
  assert.match(link, new RegExp(`^${demo.url}/s/kpis_[0-9a-f]{12}-`));
  const token = link.split('/s/')[1] ?? '';

  const v = await visitor.newPage();
  await v.goto(link);
  await v.getByTestId('goal-dashboard').waitFor();
  assert.equal(await v.locator('h1').innerText(), goal.title);
  assert.match(await v.getByTestId('shared-banner').innerText(), /Shared read-only view .* for board deck/);
  const cards = v.getByTestId('kpi-card');
  // The same KPIs as the API's (grouped leading / lagging on the page, so compared as sets).
  assert.deepEqual(
    (await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-kpi')))).sort(),
    goal.kpis.map((k) => k.kpi).sort(),
  );
  // Not signed in: no navigation, no user, no link into the app, no control at all.
  assert.equal(await v.locator('nav[aria-label="Main"]').count(), 0);
  assert.equal(await v.getByTestId('signed-in-as').count(), 0);
  assert.equal(await v.locator('a[href]').count(), 0);
  assert.equal(await v.locator('button, input, select, textarea, form').count(), 0);
  await screenshot(v, 'share-link-dashboard');
  assert.deepEqual(
    (await axeViolations(v)).map((x) => x.id),
    [],
  );

  // Every write the API declares, sent from the shared page with the link's token.
  const refused = await v.evaluate(async (t) => {
    const doc = (await (await fetch('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const out: [string, number][] = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const method of Object.keys(ops)) {
        if (method === 'get') continue;
        const url = path.replace(/\{(\w+)\}/g, (_m, p: string) => (p === 'token' ? t : 'qualified_leads'));
        const r = await fetch(url, {
          method: method.toUpperCase(),
          headers: { 'x-share-token': t, 'content-type': 'application/json' },
          body: '{}',
        });
        out.push([`${method.toUpperCase()} ${path}`, r.status]);
      }
    return out;
  }, token);
  assert.ok(refused.length >= 15, `${refused.length} writes`);
  assert.deepEqual(
    refused.filter(([, s]) => s !== 403),
    [],
  );
  // The definitions did not change.
  assert.deepEqual((await api.get<Score>(`/api/goals/${GOAL}/scorecard`)).goals[0]?.kpis, goal.kpis);

  // The admin revokes it on the Share links page; the visitor's page then says so.
  await page.goto(`${demo.url}/shares`);
  const row = page.locator(`[data-testid="share-row"]`, { hasText: 'board deck' });
  await row.getByTestId('share-revoke').click();
  await row
    .getByTestId('share-state')
    .filter({ hasText: /revoked/ })
    .waitFor();
  await v.reload();
  const closed = v.getByTestId('share-closed');
  await closed.waitFor();
  assert.equal(await closed.getAttribute('data-code'), 'share.revoked');
  assert.match(await closed.innerText(), /This share link was turned off/);
  assert.equal(await v.getByTestId('kpi-card').count(), 0);
  await screenshot(v, 'share-link-revoked');
  assert.deepEqual(admin.errors, []);
  assert.deepEqual(visitor.errors, []);
});

test('a PIN link asks for its PIN, refuses a wrong one, opens with the right one', async () => {
  const api = await apiSession(demo.url, ADMIN);
  const made = await api.post<{ path: string }>('/api/shares', { goal: GOAL, pin: '5173', view: 'report' });
  const v = await visitor.newPage();
  await v.goto(`${demo.url}${made.path}`);
  const form = v.getByTestId('share-pin');
  await form.waitFor();
  await v.getByLabel('PIN').fill('0000');
  await v.getByRole('button', { name: 'Open' }).click();
  await v
    .getByRole('alert')
    .filter({ hasText: /that PIN is not right/ })
    .waitFor();
  assert.equal(await v.getByTestId('shared-report').count(), 0);
  await v.getByLabel('PIN').fill('5173');
  await v.getByRole('button', { name: 'Open' }).click();
  await v.getByTestId('shared-report').waitFor();
  const report = await api.get<{ goals: { title: string; kpis: { kpi: string }[] }[] }>(
    `/api/report?format=json&goal=${GOAL}`,
  );
  assert.equal(await v.locator('.shared-report h2').first().innerText(), report.goals[0]?.title);
  assert.deepEqual(
    await v.getByTestId('kpi-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-kpi'))),
    report.goals[0]?.kpis.map((k) => k.kpi),
  );
  assert.equal(await v.locator('a[href]').count(), 0);
  await screenshot(v, 'share-link-report');
});
