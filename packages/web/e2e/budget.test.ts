// End-to-end: the budget page in Debian's chromium on the demo served by the real server.
// The sentence, the KPI's chances and the planned spends on the page are the API's, formatted
// by core's formatter; one response curve (inline SVG) per channel; the caveat; the CSV.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { formatValue } from '@kpi/core';
import {
  VIEWER,
  apiSession,
  launchBrowser,
  screenshot,
  signIn,
  startDemoServer,
  type Browser,
  type DemoServer,
} from './e2e-fixture.js';

interface Plan {
  sentence: string;
  currency: string;
  caveat: string;
  members: { label: string; plan: number }[];
}

let demo: DemoServer;
let browser: Browser;
let page: Page;

describe('budget page', () => {
  before(async () => {
    demo = await startDemoServer();
    browser = await launchBrowser();
    page = await browser.newPage();
    await signIn(page, demo.url, VIEWER);
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('shows the API’s plan, a curve per channel and the caveat; the CSV downloads', async () => {
    const api = await apiSession(demo.url, VIEWER);
    const plan = await api.get<Plan>('/api/goals/qualified_leads/budget?maxChange=0.2');
    await page.goto(`${demo.url}/goals/qualified_leads`);
    await page.getByRole('link', { name: 'Budget plan' }).click();
    await page.getByText(plan.sentence).waitFor();
    for (const m of plan.members) {
      const row = page.getByRole('row', { name: new RegExp(`^${m.label}`) });
      const text = (await row.textContent()) ?? '';
      assert.ok(
        text.includes(
          formatValue(Math.round(m.plan), { unit: 'currency', currency: plan.currency, decimals: 0 }),
        ),
        `${m.label}: ${text}`,
      );
    }
    assert.equal(await page.locator('.curve-chart svg').count(), plan.members.length);
    assert.ok(
      (await page.locator('.curve-chart svg circle').count()) > plan.members.length * 10,
      'observed points drawn',
    );
    await page.getByText(plan.caveat).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the plan (CSV)' }).click(),
    ]);
    const path = await download.path();
    assert.ok(path);
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    assert.equal(lines.length, plan.members.length + 1);
    await screenshot(page, 'budget-page');
    assert.deepEqual(browser.errors, []);
  });
});
