// e2e: the Alerts page in Debian's chromium against the real server (scheduler on, its
// channel a webhook to a real HTTP receiver on 127.0.0.1). An editor sees the demo alert
// with its state, presses "Send test", and exactly one signed webhook request arrives at
// the receiver, marked as a test; the page says it was sent and the delivery log shows
// the test. A viewer has no Alerts link.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { addUser, fixedClock, initProject, loadSecrets, newWebhookSecret, openProject } from '@kpi/app';
import { startServer, type RunningServer } from '@kpi/server';
import { startHttpReceiver, type HttpReceiver } from '../../app/test/delivery-receivers.js';
import { VIEWER, WEB_DIST, axeViolations, launchBrowser, signIn, type Browser } from './e2e-fixture.js';

const EDITOR = { email: 'editor@demo.local', password: 'e2e-editor-password-1', name: 'Eve Editor' };
let root = '';
let server: RunningServer;
let hooks: HttpReceiver;
let browser: Browser;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'kpi-alerts-e2e-'));
  const dir = join(root, 'demo');
  await initProject({ dir, demo: true, endDate: '2026-11-21' });
  let lp = openProject(dir);
  await addUser(lp, { ...EDITOR, role: 'editor' });
  await addUser(lp, { ...VIEWER, role: 'viewer' });
  const kpi = Object.keys(lp.project.kpis)[0] ?? '';
  hooks = await startHttpReceiver();
  appendFileSync(
    join(dir, 'kpi.yaml'),
    `\nchannels:\n  ops_hook: { kind: webhook, url_secret: HOOK_URL, signing_secret: HOOK_KEY }\nalerts:\n  lead_watch: { kpi: ${kpi}, when: { kind: verdict }, to: [ops_hook] }\n`,
  );
  lp = openProject(dir);
  server = await startServer({
    project: lp,
    port: 0,
    webRoot: WEB_DIST,
    log: () => {},
    clock: fixedClock('2026-11-22T12:00:00Z'),
    scheduler: {
      secrets: loadSecrets({
        env: { HOOK_URL: `${hooks.url}/hook`, HOOK_KEY: newWebhookSecret() },
        projectDir: dir,
      }),
      intervalMs: 3_600_000,
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await hooks?.close();
  rmSync(root, { recursive: true, force: true });
});

test('an editor sends a test of an alert; one signed test message arrives', async () => {
  const page = await browser.newPage();
  await signIn(page, server.url, EDITOR);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  const row = page.locator('[data-testid="alert-row"][data-alert="lead_watch"]');
  await row.waitFor();
  assert.match(await row.innerText(), /Lead watch/);
  assert.match(await row.innerText(), /verdict changes/);
  const before = hooks.requests.filter((r) => r.path === '/hook').length;
  await row.getByRole('button', { name: 'Send test' }).click();
  await row.getByTestId('test-results').filter({ hasText: 'Sent to Ops hook' }).waitFor();
  const sent = hooks.requests.filter((r) => r.path === '/hook').slice(before);
  assert.equal(sent.length, 1);
  const [msg] = sent;
  assert.ok(msg?.headers['webhook-signature'], 'signed the Standard Webhooks way');
  assert.match(msg?.body ?? '', /"test":\s*true/);
  await page.locator('[data-testid="delivery-row"][data-kind="test"]').first().waitFor();
  assert.deepEqual(
    (await axeViolations(page)).map((x) => `${x.id} ${x.targets.join(', ')}`),
    [],
  );
  assert.deepEqual(browser.errors, []);
});

test('a viewer has no Alerts link', async () => {
  const page = await browser.newPage();
  await page.context().clearCookies();
  await signIn(page, server.url, VIEWER);
  assert.equal(
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).count(),
    0,
  );
});
