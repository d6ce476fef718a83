// e2e in Debian's chromium against the real server: the web import loads a decimal-comma
// file; the mapping chosen for a renamed header is kept after the file is fixed and chosen
// again (remembered per dataset in the browser); no hint names a command-line flag.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  ADMIN,
  apiSession,
  launchBrowser,
  screenshot,
  signIn,
  startDemoServer,
  type Browser,
  type DemoServer,
} from './e2e-fixture.js';

let demo: DemoServer;
let browser: Browser;
let page: Page;
let post: <T>(path: string, body: unknown) => Promise<T>;

describe('web import options', () => {
  before(async () => {
    demo = await startDemoServer();
    browser = await launchBrowser();
    page = await browser.newPage();
    await signIn(page, demo.url, ADMIN);
    ({ post } = await apiSession(demo.url, ADMIN));
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('a decimal-comma file loads; the mapping of a renamed header is kept after a fix', async () => {
    // ;-separated, decimal comma; "Besuche" is no column's name (the user maps it onto sessions).
    const bad = [
      'date;source;medium;utm_campaign;Besuche;engaged_sessions;conversions;revenue',
      '2026-11-22;e2e_eu;cpc;eu_a;120;80;3;54,50',
      '2026-11-22;e2e_eu;cpc;eu_b;viele;80;3;1.234,50',
      '2026-11-22;e2e_eu;cpc;eu_c;90;60;2;31,25',
    ].join('\n');
    await page.goto(`${demo.url}/import/web_sessions`);
    await page
      .getByLabel('File')
      .setInputFiles({ name: 'eu.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    // Before the mapping: the unmatched header is named prominently.
    await page.getByTestId('import-unused-headers').waitFor();
    assert.match((await page.getByTestId('import-unused-headers').textContent()) ?? '', /“Besuche”/);
    await page.getByLabel('Header for sessions').selectOption('Besuche');
    await page.getByLabel('Decimal separator').selectOption('comma');
    await page.getByRole('button', { name: 'Check file' }).click();
    const rejected = page.getByText(/"viele" is not a number/);
    await rejected.first().waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    assert.doesNotMatch(text, /--[a-z]/, 'no command-line flag in the web');
    await screenshot(page, 'import-options-rejected');

    // The fixed file, chosen again: the mapping (sessions <- Besuche) is still there.
    const fixed = bad.replace(';viele;', ';75;');
    await page
      .getByLabel('File')
      .setInputFiles({ name: 'eu.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
    assert.equal(await page.getByLabel('Header for sessions').inputValue(), 'Besuche');
    await page.getByLabel('Decimal separator').selectOption('comma');
    await page.getByRole('button', { name: 'Check file' }).click();
    const commit = page.getByRole('button', { name: /^Import 3 rows/ });
    await commit.waitFor();
    await commit.click();
    await page.getByTestId('import-done').waitFor();
    await screenshot(page, 'import-options-done');
    const q = await post<{ rows: Record<string, unknown>[] }>('/api/query', {
      metrics: ['sessions', 'revenue'],
      from: '2026-11-22',
      to: '2026-11-22',
      grain: 'day',
      where: { source: ['e2e_eu'] },
    });
    // 120 + 75 + 90 sessions; 54,50 + 1.234,50 + 31,25 = 1320.25.
    assert.deepEqual(q.rows, [{ period: '2026-11-22', sessions: 285, revenue: 1320.25 }]);
    // A reload of the page (a new mount) still starts from the remembered mapping.
    await page.reload();
    await page
      .getByLabel('File')
      .setInputFiles({ name: 'eu.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
    assert.equal(await page.getByLabel('Header for sessions').inputValue(), 'Besuche');
    assert.deepEqual(browser.errors, []);
  });
});
