// e2e: the admin's users page in Debian's chromium against the real server on the demo. The
// admin invites a user and reads the password shown once; a second browser signs in with
// it; the admin makes them an editor (the API says so), resets their password (the old one
// no longer signs in, the new one does) and deactivates them (their open page is signed
// out on reload, and sign-in is refused). A viewer has no Users link.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  ADMIN,
  VIEWER,
  apiSession,
  axeViolations,
  launchBrowser,
  screenshot,
  signIn,
  startDemoServer,
  type Browser,
  type DemoServer,
} from './e2e-fixture.js';

let demo: DemoServer;
let admin: Browser;
let other: Browser;
before(async () => {
  demo = await startDemoServer();
  admin = await launchBrowser();
  other = await launchBrowser();
});
after(async () => {
  await admin?.close();
  await other?.close();
  await demo?.close();
});

const loginStatus = async (email: string, password: string): Promise<number> =>
  (
    await fetch(`${demo.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
  ).status;

test('an admin invites, promotes, resets and deactivates a user without the CLI', async () => {
  const page = await admin.newPage();
  await signIn(page, demo.url, ADMIN);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await page.getByTestId('users-page').waitFor();
  const form = page.getByRole('form', { name: 'Invite a user' });
  await form.getByLabel('Email').fill('nia@demo.local');
  await form.getByLabel('Name').fill('Nia New');
  await form.getByRole('button', { name: 'Invite' }).click();
  const first = await page.getByTestId('password-value').inputValue();
  assert.match(first, /^[\w-]{20}$/);
  const row = page.locator('[data-testid="user-row"][data-email="nia@demo.local"]');
  await row.waitFor();
  assert.equal(await row.getByTestId('user-state').innerText(), 'active');
  await screenshot(page, 'users-page');
  assert.deepEqual(
    (await axeViolations(page)).map((x) => `${x.id} ${x.targets.join(', ')}`),
    [],
  );

  const o = await other.newPage();
  await signIn(o, demo.url, { email: 'nia@demo.local', password: first });
  assert.match(await o.getByTestId('signed-in-as').innerText(), /Nia New\s*viewer/);

  await row.getByLabel('Role of Nia New').selectOption('editor');
  const api = await apiSession(demo.url, ADMIN);
  const roleOf = async () =>
    (await api.get<{ email: string; role: string; active: boolean }[]>('/api/accounts')).find(
      (u) => u.email === 'nia@demo.local',
    );
  for (let i = 0; i < 50 && (await roleOf())?.role !== 'editor'; i++) await page.waitForTimeout(100);
  assert.equal((await roleOf())?.role, 'editor');

  await row.getByRole('button', { name: 'Reset password' }).click();
  await page.getByTestId('password-once').filter({ hasText: 'New password for' }).waitFor();
  const second = await page.getByTestId('password-value').inputValue();
  assert.notEqual(second, first);
  assert.equal(await loginStatus('nia@demo.local', first), 401);
  assert.equal(await loginStatus('nia@demo.local', second), 200);

  await row.getByRole('button', { name: 'Deactivate' }).click();
  await row
    .getByTestId('user-state')
    .filter({ hasText: /deactivated/ })
    .waitFor();
  assert.equal((await roleOf())?.active, false);
  assert.equal(await loginStatus('nia@demo.local', second), 401);
  await o.reload();
  await o.getByLabel('Password').waitFor();
  assert.equal(await o.getByTestId('signed-in-as').count(), 0);
  assert.equal(await row.getByRole('button', { name: 'Reactivate' }).count(), 1);
  assert.deepEqual(admin.errors, []);
});

test('a viewer sees no Users link and the page says only admins manage users', async () => {
  const page = await other.newPage();
  await signIn(page, demo.url, VIEWER);
  assert.equal(
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).count(),
    0,
  );
  await page.goto(`${demo.url}/users`);
  await page.getByText('Only admins manage users.').waitFor();
});
