// End-to-end: the brand-voice KPI page in Debian's chromium, on the demo served by the real
// server with its clock on the day after the planted bad week (so every as-of is the
// burst's last day). The net-sentiment KPI's page shows the theme cause — the planted theme
// (the generator's own word for it) with example mentions — and an editor's correction of
// an example's label changes the theme's count on the page and in the API alike, by one.
// A viewer gets no correction control.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { addUser, fixedClock, initProject, openProject } from '@kpi/app';
import { addDays } from '@kpi/core';
import { demoPlantedBurst } from '@kpi/demo';
import { startServer, type RunningServer } from '@kpi/server';
import {
  ADMIN,
  VIEWER,
  WEB_DIST,
  apiSession,
  launchBrowser,
  screenshot,
  signIn,
  type Browser,
} from './e2e-fixture.js';

const END = '2026-11-21';
const burst = demoPlantedBurst({ endDate: END });
const root = mkdtempSync(join(tmpdir(), 'kpi-e2e-voice-'));
let server: RunningServer;
let browser: Browser;
let page: Page;

interface Themes {
  terms: { term: string; current: number; examples: { key: string[]; text: string }[] }[];
}
const apiThemes = async (): Promise<Themes> => {
  const api = await apiSession(server.url, VIEWER);
  const e = await api.get<{ reading: { cause: { themes: Themes } } }>('/api/kpis/net_sentiment/scorecard');
  return e.reading.cause.themes;
};
/** The count the page shows for the first theme ("“shipping”: 112 negative mentions this week, ..."). */
const pageCount = async (): Promise<number> => {
  const text = (await page.getByTestId('theme').first().textContent()) ?? '';
  const m = /: ([\d,]+) negative mention/.exec(text);
  assert.ok(m, text);
  return Number(m[1]!.replace(/,/g, ''));
};

describe('brand voice: the theme cause on the KPI page', () => {
  before(async () => {
    const dir = join(root, 'demo');
    await initProject({ dir, demo: true, endDate: END });
    const lp = openProject(dir);
    await addUser(lp, { ...ADMIN, role: 'admin' });
    await addUser(lp, { ...VIEWER, role: 'viewer' });
    server = await startServer({
      project: openProject(dir),
      port: 0,
      webRoot: WEB_DIST,
      log: () => {},
      clock: fixedClock(`${addDays(burst.to, 1)}T12:00:00Z`),
    });
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('the net-sentiment page names the planted theme with example mentions', async () => {
    await signIn(page, server.url, VIEWER);
    await page.goto(`${server.url}/kpis/net_sentiment`);
    const section = page.getByTestId('kpi-themes');
    await section.waitFor();
    assert.match((await section.getByRole('heading').first().textContent()) ?? '', /negative mentions/);
    const first = section.getByTestId('theme').first();
    assert.match((await first.locator('.theme-term').textContent()) ?? '', new RegExp(`“${burst.theme}”`));
    const examples = await first.getByTestId('theme-example').allTextContents();
    assert.equal(examples.length, 3);
    for (const x of examples) assert.ok(x.toLowerCase().includes(burst.theme), x);
    const api = await apiThemes();
    assert.equal(api.terms[0]?.term, burst.theme);
    assert.equal(await pageCount(), api.terms[0]?.current);
    assert.equal(
      await first.getByRole('button', { name: 'Save label' }).count(),
      0,
      'a viewer cannot correct',
    );
    await screenshot(page, 'brand-voice-themes');
  });

  test('an editor corrects an example: the theme loses that mention, on the page and in the API', async () => {
    const before = await apiThemes();
    const top = before.terms[0]!;
    const corrected = top.examples[0]!;
    await page.context().clearCookies();
    await signIn(page, server.url, ADMIN);
    await page.goto(`${server.url}/kpis/net_sentiment`);
    const first = page.getByTestId('kpi-themes').getByTestId('theme').first();
    await first.waitFor();
    const ex = first.getByTestId('theme-example').first();
    assert.ok(((await ex.textContent()) ?? '').includes(corrected.text));
    await ex.getByRole('combobox').selectOption('neutral');
    await ex.getByRole('button', { name: 'Save label' }).click();
    await page.getByText('Label saved: Neutral').waitFor();
    // The reading reloads: one negative mention fewer with the theme, and the corrected one is no example.
    await page.waitForFunction((n) => {
      const t = document.querySelector('[data-testid="theme"]')?.textContent ?? '';
      return new RegExp(`: ${n} negative mention`).test(t.replace(/,/g, ''));
    }, top.current - 1);
    const after = await apiThemes();
    assert.equal(after.terms[0]?.term, burst.theme);
    assert.equal(after.terms[0]?.current, top.current - 1);
    assert.ok(!after.terms[0]?.examples.some((e) => e.key[0] === corrected.key[0]));
    assert.equal(await pageCount(), top.current - 1);
    assert.deepEqual(browser.errors, []);
  });
});
