// e2e: the Report buttons of the web app, in Debian's chromium against the real server on
// the demo (clock fixed: yesterday is 21 Nov 2026, so "last week" is 9–15 Nov). A viewer
// opens a goal's report (HTML, new tab) and downloads its PDF; the overview's button gives
// every goal. Checked against the API's scorecard for the report's last day.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
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

interface Score {
  goals: {
    goal: string;
    title: string;
    kpis: { kpi: string; label: string; verdict?: { phrase: string } }[];
  }[];
}

let demo: DemoServer;
let browser: Browser;
let tmp = '';
before(async () => {
  demo = await startDemoServer();
  browser = await launchBrowser();
  tmp = mkdtempSync(join(tmpdir(), 'kpi-report-e2e-'));
});
after(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const flat = (s: string): string => s.replace(/\s+/g, ' ');

test('a viewer opens a goal report and downloads its PDF; the overview reports every goal', async () => {
  const api = await apiSession(demo.url, VIEWER);
  const score = await api.get<Score>('/api/goals/qualified_leads/scorecard?asOf=2026-11-15');
  const goal = score.goals[0];
  assert.ok(goal && goal.kpis.length > 0);
  const page = await browser.newPage();
  await signIn(page, demo.url, VIEWER);
  await page.goto(`${demo.url}/goals/qualified_leads`);
  const [tab] = await Promise.all([
    browser.context.waitForEvent('page'),
    page.getByTestId('report-html').click(),
  ]);
  await tab.waitForLoadState('load');
  assert.equal(await tab.locator('section.goal > h2').innerText(), goal.title);
  assert.match(await tab.locator('h1').innerText(), /report for 9–15 Nov 2026/);
  for (const k of goal.kpis) {
    const phrase = await tab.locator(`article.card[data-kpi="${k.kpi}"] [data-part="verdict"]`).innerText();
    assert.equal(phrase, k.verdict?.phrase, `${k.kpi}: the API's verdict phrase`);
  }
  await screenshot(tab, 'report-goal');
  await tab.close();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('report-pdf').click(),
  ]);
  const pdf = join(tmp, download.suggestedFilename());
  assert.match(download.suggestedFilename(), /^report-2026-11-09-2026-11-15\.pdf$/);
  await download.saveAs(pdf);
  const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
  assert.equal(text.status, 0, text.stderr);
  assert.ok(flat(text.stdout).includes(goal.title));
  for (const k of goal.kpis) assert.ok(flat(text.stdout).includes(k.label), `${k.label} in the PDF`);

  const all = await api.get<Score>('/api/scorecard?asOf=2026-11-15');
  await page.goto(demo.url);
  const [whole] = await Promise.all([
    browser.context.waitForEvent('page'),
    page.getByTestId('report-html').click(),
  ]);
  await whole.waitForLoadState('load');
  assert.deepEqual(
    await whole.locator('section.goal > h2').allInnerTexts(),
    all.goals.map((g) => g.title),
  );
  assert.equal(
    await whole.locator('article.card').count(),
    all.goals.reduce((n, g) => n + g.kpis.length, 0),
  );
  await whole.close();
  assert.deepEqual(browser.errors, []);
});
