// End-to-end fixture: the demo project in a temp folder, one admin and one viewer, the
// real server (`startServer`, as `kpi serve` runs it) serving the built web app, and
// Debian's chromium driven by playwright-core with a fresh profile. No downloaded
// browser, no mocks. Screenshots go to artifacts/screenshots/ (KPI_ARTIFACTS overrides).

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { addUser, fixedClock, initProject, openProject } from '@kpi/app';
import { addDays } from '@kpi/core';
import { startServer, type RunningServer } from '@kpi/server';

const ROOT = new URL('../../..', import.meta.url).pathname;
export const WEB_DIST = join(ROOT, 'packages/web/dist');
export const ARTIFACTS = process.env['KPI_ARTIFACTS'] ?? join(ROOT, 'artifacts');
export const CHROMIUM = process.env['KPI_CHROMIUM'] ?? '/usr/bin/chromium';

/** The flags this machine needs (shared with the bench): no sandbox as root, no background network calls. */
export const CHROMIUM_ARGS: readonly string[] = JSON.parse(
  readFileSync(new URL('./chromium-flags.json', import.meta.url), 'utf8'),
) as string[];

export const ADMIN = { email: 'admin@demo.local', password: 'e2e-admin-password-1', name: 'Ada Admin' };
export const VIEWER = { email: 'viewer@demo.local', password: 'e2e-viewer-password-1', name: 'Vic Viewer' };

export interface DemoServer {
  readonly dir: string;
  readonly url: string;
  readonly server: RunningServer;
  close(): Promise<void>;
}

/**
 * The demo project with data up to `endDate`, users, and the server with the web app. The
 * server's clock is fixed at noon UTC the day after `endDate`, so "yesterday" (every default
 * as-of date) is `endDate` whatever the wall clock says.
 */
export const startDemoServer = async (endDate = '2026-11-21'): Promise<DemoServer> => {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error(`the web app is not built (${WEB_DIST}/index.html missing): run npm run build first`);
  const root = mkdtempSync(join(tmpdir(), 'kpi-e2e-'));
  const dir = join(root, 'demo');
  await initProject({ dir, demo: true, endDate });
  const lp = openProject(dir);
  await addUser(lp, { ...ADMIN, role: 'admin' });
  await addUser(lp, { ...VIEWER, role: 'viewer' });
  const clock = fixedClock(`${addDays(endDate, 1)}T12:00:00Z`);
  const server = await startServer({
    project: openProject(dir),
    port: 0,
    webRoot: WEB_DIST,
    log: () => {},
    clock,
  });
  return {
    dir,
    url: server.url,
    server,
    async close() {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
};

export interface Browser {
  readonly context: BrowserContext;
  /** Console errors and uncaught page errors seen so far (a test may assert there are none). */
  readonly errors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export const launchBrowser = async (viewport = { width: 1280, height: 900 }): Promise<Browser> => {
  const profile = mkdtempSync(join(tmpdir(), 'kpi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport,
  });
  const errors: string[] = [];
  const watch = (p: Page): void => {
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    p.on('console', (m) => {
      // Chromium logs every 4xx answer as a failed resource; those are refusals the page
      // handles and shows (401 before signing in, 422 on bad input, 403 for a viewer).
      // Every other console error is a defect.
      if (m.type() === 'error' && !/status of 4\d\d /.test(m.text())) errors.push(`console: ${m.text()}`);
    });
  };
  context.on('page', watch);
  for (const p of context.pages()) watch(p);
  return {
    context,
    errors,
    newPage: async () => context.pages()[0] ?? (await context.newPage()),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

export const signIn = async (page: Page, url: string, who: { email: string; password: string }) => {
  await page.goto(url);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
};

/** Saves a full-page screenshot under artifacts/screenshots/<name>.png; returns the path. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  const dir = join(ARTIFACTS, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
};

/** API calls from Node with a session of their own: a JSON GET and a JSON POST (with CSRF). */
export const apiSession = async (url: string, who: { email: string; password: string }) => {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const r = await fetch(`${url}${path}`, { ...init, headers: { cookie, ...init.headers } });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return {
    get: <T>(path: string) => call<T>(path),
    post: <T>(path: string, body: unknown) =>
      call<T>(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: JSON.stringify(body),
      }),
  };
};

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * Runs axe-core (an independent accessibility checker) on the page for WCAG 2.1 A and AA,
 * contrast included; returns the violations (none is the aim).
 */
export const axeViolations = async (page: Page): Promise<AxeViolation[]> => {
  // Evaluated through the DevTools protocol, so the app's CSP (script-src 'self') stays on.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<unknown> } })
      .axe;
    const r = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
};
