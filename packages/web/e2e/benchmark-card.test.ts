// End-to-end: a benchmark set dropped into the project's benchmarks/ folder reaches the
// API's KPI reading and the KPI card. The quartiles are set from the KPI's own value (a
// quarter, a half and three quarters of it), so by hand the value sits above the p75; the
// card repeats the sentence with its example label, source and year. Real server, chromium.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openProject } from '@kpi/app';
import { ownGet } from '@kpi/core';
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
  goal: string;
  metric: string;
  grain: string;
  current: { value: number | null };
  benchmarks?: { band: string; phrase: string }[];
}
type Card = { goals: { goal: string; kpis: Reading[] }[] };

let demo: DemoServer;
let browser: Browser;
let page: Page;
let get: Awaited<ReturnType<typeof apiSession>>['get'];

describe('benchmark on the KPI card', { timeout: 300_000 }, () => {
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

  test('the reading and the card say where the value sits, with source and year', async () => {
    const before = await get<Card>('/api/scorecard');
    // A KPI without a filter, reviewed weekly or monthly, with a positive value.
    const kpis = openProject(demo.dir).project.kpis;
    const k = before.goals
      .flatMap((g) => g.kpis)
      .find(
        (r) =>
          (r.grain === 'week' || r.grain === 'month') &&
          (r.current.value ?? 0) > 0 &&
          ownGet(kpis, r.kpi)?.filter === undefined,
      );
    assert.ok(k, 'the demo has a KPI without a filter and with a value');
    const v = k.current.value as number;
    mkdirSync(join(demo.dir, 'benchmarks'), { recursive: true });
    writeFileSync(
      join(demo.dir, 'benchmarks', 'example-set.yaml'),
      `label: example brands\nsource: kpi e2e fixture\ndate: 2026-05-01\nexample: true\nbenchmarks:\n  - metric: ${k.metric}\n    period: ${k.grain}\n    p25: ${v / 4}\n    p50: ${v / 2}\n    p75: ${(3 * v) / 4}\n`,
    );
    // The server re-reads the project files when they change (checked at most once a second).
    let reading: Reading | undefined;
    for (let i = 0; i < 40 && !reading?.benchmarks; i++) {
      await sleep(250);
      const card = await get<Card>('/api/scorecard');
      reading = card.goals.flatMap((g) => g.kpis).find((r) => r.kpi === k.kpi);
    }
    const b = reading?.benchmarks?.[0];
    assert.equal(b?.band, 'above_p75');
    const phrase =
      'above the p75 of example brands (example figures, not real data; source kpi e2e fixture, 2026)';
    assert.equal(b?.phrase, phrase);
    await page.goto(`${demo.url}/goals/${k.goal}`);
    const line = page.locator(`[data-testid="kpi-card"][data-kpi="${k.kpi}"] [data-testid="kpi-benchmark"]`);
    await line.waitFor();
    assert.equal(await line.textContent(), `Benchmark: ${phrase}`);
    await screenshot(page, 'benchmark-card');
  });
});
