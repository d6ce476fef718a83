// End-to-end: meeting mode as TV tiles and a goal page on paper. At 1280×720 and 1920×1080
// one rotation of the slides shows every KPI of every goal (the demo's nl_awareness has 9)
// with each tile inside the screen and nothing to scroll; the printed goal page keeps its
// pace bars (non-zero size and a visible background under print media), hides navigation
// and buttons, and its PDF (chromium's page.pdf, read with pdftotext) names every KPI.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  ADMIN,
  ARTIFACTS,
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
  label?: string;
  verdict?: { phrase: string };
}
interface Goal {
  goal: string;
  title: string;
  kpis: Reading[];
}

let demo: DemoServer;
let browser: Browser;
let page: Page;
let goals: Goal[];

const progress = async (): Promise<string> =>
  ((await page.locator('.meeting-progress').textContent()) ?? '').trim();

/** Walks one full rotation from the first slide; per slide, the KPIs shown, each checked to fit the screen. */
const rotation = async (width: number, height: number): Promise<Map<string, Set<string>>> => {
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${demo.url}/meeting?seconds=600`);
  await page.getByText(`Goal 1 of ${goals.length}`).waitFor({ timeout: 60_000 });
  const seen = new Map<string, Set<string>>();
  const first = await progress();
  for (let n = 0; n < 40; n++) {
    const label = await progress();
    if (n > 0 && label === first) break;
    const title = ((await page.locator('.meeting-goal-head h1').textContent()) ?? '').trim();
    const goal = goals.find((g) => g.title === title);
    assert.ok(goal, `slide ${label}: a goal title (${title})`);
    const tiles = page.getByTestId('kpi-card');
    await tiles.first().waitFor();
    const scroll = await page.evaluate(() => ({
      h: document.documentElement.scrollHeight,
      w: document.documentElement.scrollWidth,
      ih: window.innerHeight,
      iw: window.innerWidth,
    }));
    assert.ok(
      scroll.h <= scroll.ih && scroll.w <= scroll.iw,
      `${width}×${height} ${label}: scrolls ${JSON.stringify(scroll)}`,
    );
    const set = seen.get(goal.goal) ?? new Set<string>();
    seen.set(goal.goal, set);
    for (let i = 0; i < (await tiles.count()); i++) {
      const tile = tiles.nth(i);
      const kpi = (await tile.getAttribute('data-kpi')) ?? '';
      const box = await tile.boundingBox();
      assert.ok(box && box.width > 100 && box.height > 60, `${kpi}: a real tile`);
      assert.ok(
        box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5,
        `${width}×${height} ${kpi}: inside the screen ${JSON.stringify(box)}`,
      );
      const r: Reading | undefined = goal.kpis.find((k) => k.kpi === kpi);
      assert.ok(r, `${kpi} belongs to ${goal.goal}`);
      if (r.verdict)
        assert.equal((await tile.getByTestId('verdict-phrase').textContent())?.trim(), r.verdict.phrase, kpi);
      set.add(kpi);
    }
    if (n === 0) await screenshot(page, `meeting-tiles-${width}x${height}`);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (prev) => document.querySelector('.meeting-progress')?.textContent?.trim() !== prev,
      label,
    );
  }
  return seen;
};

describe('meeting mode and print in chromium', { timeout: 400_000 }, () => {
  before(async () => {
    demo = await startDemoServer();
    browser = await launchBrowser({ width: 1280, height: 720 });
    page = await browser.newPage();
    const { get } = await apiSession(demo.url, ADMIN);
    goals = (await get<{ goals: Goal[] }>('/api/scorecard')).goals;
    await signIn(page, demo.url, ADMIN);
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const)
    test(`at ${width}×${height} one rotation shows every KPI of every goal, on tiles inside the screen`, async () => {
      const nine = goals.find((g) => g.kpis.length >= 9);
      assert.ok(nine, 'the demo has a goal with 9 KPIs');
      const seen = await rotation(width, height);
      for (const g of goals)
        assert.deepEqual(
          [...(seen.get(g.goal) ?? [])].sort(),
          g.kpis.map((k) => k.kpi).sort(),
          `${width}×${height}: every KPI of ${g.goal}`,
        );
    });

  test('the printed goal page keeps its pace bars, drops navigation and buttons, and names every KPI', async () => {
    const goal = goals.find((g) => g.kpis.length >= 9) ?? (goals[0] as Goal);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ media: 'print', reducedMotion: 'reduce' });
    await page.goto(`${demo.url}/goals/${goal.goal}`);
    await page.locator('[data-testid="goal-dashboard"][data-ready="true"]').waitFor({ timeout: 60_000 });
    const bars = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.card-pace-bar, .card-pace-fill')).map((el) => {
        const r = el.getBoundingClientRect();
        return { cls: el.className, w: r.width, h: r.height, bg: getComputedStyle(el).backgroundColor };
      }),
    );
    assert.ok(bars.filter((b) => b.cls === 'card-pace-bar').length >= 3, 'pace bars on the page');
    for (const b of bars) {
      assert.ok(b.h > 0, `${b.cls}: height ${b.h}`);
      if (b.cls === 'card-pace-bar') assert.ok(b.w > 0, `${b.cls}: width ${b.w}`);
      assert.ok(!/rgba\(0, 0, 0, 0\)|transparent/.test(b.bg), `${b.cls}: background ${b.bg}`);
    }
    const adjust = await page.evaluate(
      () => getComputedStyle(document.querySelector('.card-pace-fill') as Element).printColorAdjust,
    );
    assert.equal(adjust, 'exact');
    const hidden = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.app-nav, .app-header, button')).every(
        (el) =>
          getComputedStyle(el).display === 'none' ||
          el.closest('[style*="display: none"]') !== null ||
          (el as HTMLElement).offsetParent === null,
      ),
    );
    assert.ok(hidden, 'no navigation or button on paper');
    const breaks = await page.evaluate(
      () => getComputedStyle(document.querySelector('.kpi-card') as Element).breakInside,
    );
    assert.equal(breaks, 'avoid');

    const dir = join(ARTIFACTS, 'print');
    mkdirSync(dir, { recursive: true });
    const pdf = join(dir, `goal-${goal.goal}.pdf`);
    await page.pdf({ path: pdf, format: 'A4' });
    // Reading order (no -layout); a label wrapped inside its card reads with one space.
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.ok(text.includes(goal.title), 'the PDF holds the goal title');
    for (const k of goal.kpis)
      assert.ok(text.includes(k.label ?? k.kpi), `the PDF names ${k.label ?? k.kpi}`);
    await page.emulateMedia({ media: 'screen' });
  });
});
