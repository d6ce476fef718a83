// End-to-end: the campaign link builder in Debian's chromium on the demo served by the real
// server. The link is checked against one written out by hand (encoding, the page's own
// query and fragment kept); the demo's rules flag capitals, spaces and an unknown source as
// you type; "Fix the style" gives the rules' spelling; batch mode makes one link per content
// variant; the copy button puts the link on the clipboard; the attribution table shows the
// API's spend for the top campaign, formatted by core's formatter.

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

let demo: DemoServer;
let browser: Browser;
let page: Page;

const links = () => page.locator('.utm-url').allTextContents();

describe('campaign link builder', () => {
  before(async () => {
    demo = await startDemoServer();
    browser = await launchBrowser();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.url });
    page = await browser.newPage();
    await signIn(page, demo.url, VIEWER);
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('builds the link as you type, flags what breaks the rules, fixes it, copies it', async () => {
    await page.goto(`${demo.url}/`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Campaign links' })
      .click();
    await page.getByRole('heading', { name: 'Campaign link builder' }).waitFor();
    await page.getByLabel('Landing page URL').fill('https://shop.example/coffee?ref=ig#beans');
    await page.getByLabel('Source (required)').fill('Facebook');
    await page.getByLabel('Medium (required)').fill('paid_social');
    await page.getByLabel('Campaign (required)').fill('Spring Sale');
    await page.getByText('Source "Facebook" is not one of the project\'s sources').waitFor();
    await page.getByText('Campaign "Spring Sale" has a space').waitFor();
    assert.deepEqual(await links(), [
      'https://shop.example/coffee?ref=ig&utm_source=Facebook&utm_medium=paid_social&utm_campaign=Spring%20Sale#beans',
    ]);
    await screenshot(page, 'utm-builder-problems');

    await page.getByLabel('Source (required)').fill('meta');
    await page.getByRole('button', { name: 'Fix the style' }).click();
    await page.getByText("The link follows the project's rules.").waitFor();
    assert.equal(await page.getByLabel('Campaign (required)').inputValue(), 'spring_sale');
    const url =
      'https://shop.example/coffee?ref=ig&utm_source=meta&utm_medium=paid_social&utm_campaign=spring_sale#beans';
    assert.deepEqual(await links(), [url]);
    await page.getByRole('button', { name: 'Copy the link' }).click();
    await page.getByRole('button', { name: 'Copy the link' }).getByText('Copied').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);

    await page.getByLabel('Several content variants').check();
    await page.getByLabel('Content', { exact: true }).fill('hero_video\ncarousel_a\nCarousel B');
    assert.deepEqual(await links(), [
      `${url.replace('#beans', '')}&utm_content=hero_video#beans`,
      `${url.replace('#beans', '')}&utm_content=carousel_a#beans`,
      `${url.replace('#beans', '')}&utm_content=Carousel%20B#beans`,
    ]);
    await page.getByText('Content "Carousel B" has a space').waitFor();
    await screenshot(page, 'utm-builder-batch');
    assert.deepEqual(browser.errors, []);
  });

  test('the attribution table shows the API’s top campaign and its spend', async () => {
    const api = await apiSession(demo.url, VIEWER);
    const a = await api.get<{ currency: string; campaigns: { campaign: string; spend: number }[] }>(
      '/api/utm/attribution',
    );
    const top = a.campaigns[0];
    assert.ok(top);
    await page.goto(`${demo.url}/utm`);
    const row = page.getByRole('row', { name: new RegExp(`^${top.campaign}`) });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.ok(
      text.includes(formatValue(top.spend, { unit: 'currency', currency: a.currency, decimals: 2 })),
      text,
    );
    assert.deepEqual(browser.errors, []);
  });
});
