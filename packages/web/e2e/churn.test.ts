// End-to-end: the churn view in Debian's chromium on the demo served by the real server. The
// churn rate, the expected churners with the interval, the revenue at risk and the segments
// whose churn rose on the page are the API's, formatted by core's formatter; the riskiest
// customers carry their reasons in words; the CSV for a win-back campaign holds the rows shown.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

interface Churn {
  label: string;
  currency: string;
  lastPeriod: { rate: number; churned: number; active: number };
  expected: { mean: number; low: number; high: number };
  revenueAtRisk: number;
  segments: { dimensionLabel: string; label: string; rateBefore: number; rateNow: number }[];
  customers: { customer: string; risk: number; reason: string }[];
}

let demo: DemoServer;
let browser: Browser;
let page: Page;

describe('churn view', () => {
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

  test('shows the API’s churn figures, the rising segments and the riskiest customers; the CSV downloads', async () => {
    const api = await apiSession(demo.url, VIEWER);
    const c = await api.get<Churn>('/api/churn/subscribers?top=20');
    await page.goto(`${demo.url}/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Churn' }).click();
    await page.getByRole('heading', { name: c.label, level: 1 }).waitFor();
    const n = (v: number) => formatValue(Math.round(v), { unit: 'count' });
    const pct = (v: number) => formatValue(v, { unit: 'percent', decimals: 1 });
    const rate = (await page.getByTestId('churn-rate').textContent()) ?? '';
    assert.ok(rate.includes(pct(c.lastPeriod.rate)), rate);
    assert.ok(rate.includes(`${n(c.lastPeriod.churned)} of ${n(c.lastPeriod.active)}`), rate);
    const expected = (await page.getByTestId('churn-expected').textContent()) ?? '';
    assert.ok(
      expected.includes(`${n(c.expected.mean)} (80%: ${n(c.expected.low)}–${n(c.expected.high)})`),
      expected,
    );
    const revenue = (await page.getByTestId('churn-revenue').textContent()) ?? '';
    assert.ok(
      revenue.includes(formatValue(c.revenueAtRisk, { unit: 'currency', currency: c.currency, decimals: 0 })),
      revenue,
    );
    // The demo plants a rise of the Dutch hazard in its last weeks: the API names it, the page shows it.
    assert.ok(
      c.segments.some((s) => s.label === 'Netherlands'),
      JSON.stringify(c.segments),
    );
    for (const s of c.segments)
      await page
        .getByText(`${pct(s.rateBefore)} → ${pct(s.rateNow)}`)
        .first()
        .waitFor();
    const rows = page.locator('.churn-table tbody tr');
    assert.equal(await rows.count(), c.customers.length);
    const first = c.customers[0];
    assert.ok(first);
    const firstRow = (await rows.first().textContent()) ?? '';
    assert.ok(firstRow.startsWith(first.customer), firstRow);
    assert.ok(firstRow.includes(first.reason), `reason in words: ${firstRow}`);
    assert.ok(firstRow.includes(formatValue(first.risk, { unit: 'percent', decimals: 0 })), firstRow);
    assert.doesNotMatch(firstRow, /recency|frequency|tenure/, 'reasons are words, not feature names');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download for a win-back campaign (CSV)' }).click(),
    ]);
    const path = await download.path();
    assert.ok(path);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    assert.equal(lines.length, c.customers.length + 1);
    assert.match(lines[0] ?? '', /^customer,risk,last_activity,days_since_activity,amount_90_days,reason/);
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',')[0]),
      c.customers.map((x) => x.customer),
    );
    await screenshot(page, 'churn-page');
    assert.deepEqual(browser.errors, []);
  });
});
