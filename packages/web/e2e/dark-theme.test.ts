// e2e: the dark theme in Debian's chromium. With the system in light mode the toggle flips
// the page's computed background from light to dark and back, and the choice survives a
// reload; with the system in dark mode (prefers-color-scheme) the page is dark untouched.
// Dark and light are told apart by the background's luminance, not by a pinned colour.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  VIEWER,
  axeViolations,
  launchBrowser,
  signIn,
  startDemoServer,
  type Browser,
  type DemoServer,
} from './e2e-fixture.js';

let demo: DemoServer;
let browser: Browser;
before(async () => {
  demo = await startDemoServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

/** The relative luminance (0 black .. 1 white) of the body's computed background. */
const background = async (page: Page): Promise<number> => {
  const css = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r = 0, g = 0, b = 0] = (css.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};

test('the toggle flips the background and is remembered; the system setting picks by default', async () => {
  const page = await browser.newPage();
  await page.emulateMedia({ colorScheme: 'light' });
  await signIn(page, demo.url, VIEWER);
  assert.ok((await background(page)) > 0.8, 'light to start with');
  await page.getByTestId('theme-toggle').click();
  assert.ok((await background(page)) < 0.05, 'dark after the toggle');
  assert.equal(await page.getByTestId('theme-toggle').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(
    (await axeViolations(page)).map((x) => `${x.id} ${x.targets.join(', ')}`),
    [],
  );
  await page.reload();
  await page.getByTestId('signed-in-as').waitFor();
  assert.ok((await background(page)) < 0.05, 'still dark after a reload');
  await page.getByTestId('theme-toggle').click();
  assert.ok((await background(page)) > 0.8, 'light again');

  // No choice remembered: the system's dark mode makes the page dark.
  await page.evaluate(() => localStorage.removeItem('kpi-theme'));
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await page.getByTestId('signed-in-as').waitFor();
  assert.ok((await background(page)) < 0.05, 'dark from prefers-color-scheme');
  // Printing keeps the light colours.
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  assert.ok((await background(page)) > 0.8, 'light on paper');
  assert.deepEqual(browser.errors, []);
});
