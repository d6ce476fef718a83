// End-to-end: what a marketer reads is plain. A stay-above/below sentence names the goal
// period it judges (never "this week so far"); the drill-down's breakdown rows name members
// by their YAML labels; check findings show the message, with the rule id only in a closed
// details line (open it and the API's rule id is there). Real server, Debian's chromium.

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

interface Reading {
  kpi: string;
  sentence: string;
  target?: { kind: string };
}
interface Finding {
  rule: string;
  message: string;
  kpi?: string;
  severity: string;
}

let demo: DemoServer;
let browser: Browser;
let page: Page;
let get: Awaited<ReturnType<typeof apiSession>>['get'];

describe('plain display in chromium', { timeout: 300_000 }, () => {
  before(async () => {
    demo = await startDemoServer();
    browser = await launchBrowser();
    page = await browser.newPage();
    ({ get } = await apiSession(demo.url, ADMIN));
    await signIn(page, demo.url, ADMIN);
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('a stay-above/below sentence names the goal period it judges, on the API and on the KPI page', async () => {
    const card = await get<{ goals: { kpis: Reading[] }[] }>('/api/scorecard');
    const stays = card.goals
      .flatMap((g) => g.kpis)
      .filter((r) => r.target?.kind === 'stay_above' || r.target?.kind === 'stay_below');
    assert.ok(stays.length >= 3, `the demo has stay KPIs (${stays.length})`);
    for (const r of stays) {
      assert.doesNotMatch(r.sentence, /this (week|month|quarter|year) so far/, r.kpi);
      if (!/no data/.test(r.sentence)) assert.match(r.sentence, /over the goal period/, r.kpi);
    }
    const ctr = stays.find((r) => r.kpi === 'ad_ctr') ?? (stays[0] as Reading);
    await page.goto(`${demo.url}/kpis/${ctr.kpi}`);
    const sentence = page.getByTestId('kpi-sentence').first();
    await sentence.waitFor({ timeout: 60_000 });
    assert.equal((await sentence.textContent())?.trim(), ctr.sentence);
  });

  test('the drill-down breakdown names members by their YAML labels', async () => {
    const datasets =
      await get<{ columns: Record<string, { labels?: Record<string, string> }> }[]>('/api/datasets');
    const labels = new Map<string, string>();
    for (const ds of datasets)
      for (const col of Object.values(ds.columns))
        for (const [code, label] of Object.entries(col.labels ?? {})) labels.set(code, label);
    await page.goto(`${demo.url}/kpis/leads_this_quarter`);
    await page.getByRole('tab', { name: /channel/i }).click();
    await page.getByRole('button', { name: 'Meta ads details' }).click();
    const market = page.getByRole('region', { name: 'Meta ads by Market' });
    await market.locator('tbody tr').first().waitFor({ timeout: 60_000 });
    const names = (await market.locator('tbody th').allTextContents()).map((s) => s.trim());
    assert.ok(names.length >= 2, `market rows: ${names.join(', ')}`);
    for (const n of names)
      assert.ok(['Germany', 'Netherlands', 'Austria'].includes(n), `a market row reads ${n}`);
    // No breakdown row anywhere in the panel shows a code that has a label.
    const all = (await page.locator('.kpi-drill-breakdown tbody th').allTextContents()).map((s) => s.trim());
    for (const n of all) assert.ok(!labels.has(n), `a breakdown row shows the raw member ${n}`);
    await screenshot(page, 'drill-labels');
  });

  test('findings show the plain message; the rule id only in a closed details line', async () => {
    const checks = await get<{ findings: Finding[] }>('/api/checks');
    const shown = checks.findings.filter((f) => f.severity !== 'info');
    assert.ok(shown.length > 0, 'the demo has findings');
    const rules = [...new Set(checks.findings.map((f) => f.rule))];

    await page.goto(demo.url);
    const list = page.locator('.finding');
    await list.first().waitFor({ timeout: 60_000 });
    const items = await list.count();
    for (let i = 0; i < items; i++) {
      const item = list.nth(i);
      const visible = await item.innerText();
      for (const rule of rules) assert.ok(!visible.includes(rule), `finding ${i} shows the rule id ${rule}`);
      const details = item.locator('details.rule-details');
      assert.equal(await details.getAttribute('open'), null, 'the details line starts closed');
    }
    const first = list.first();
    await first.locator('details.rule-details summary').click();
    const opened = await first.innerText();
    assert.ok(
      rules.some((r) => opened.includes(r)),
      `the opened details line names a rule id: ${opened}`,
    );
    await screenshot(page, 'findings-plain');

    const kpi = checks.findings.find((f) => f.kpi)?.kpi;
    assert.ok(kpi, 'a finding names a KPI');
    await page.goto(`${demo.url}/kpis/${kpi}`);
    const section = page.locator('section[aria-labelledby="kpi-checks-h"]');
    await section.locator('.kpi-finding').first().waitFor({ timeout: 60_000 });
    const text = await section.innerText();
    const mine = checks.findings.filter((f) => f.kpi === kpi);
    for (const f of mine) {
      assert.ok(text.includes(f.message), `the KPI page shows "${f.message}"`);
      assert.ok(!text.includes(f.rule), `the KPI page shows the rule id ${f.rule}`);
    }
    await section.locator('details.rule-details summary').first().click();
    // The page keeps the server's order: the first details line is the first finding's.
    assert.ok(
      (await section.innerText()).includes((mine[0] as Finding).rule),
      'the opened details line names the rule id',
    );
  });
});
