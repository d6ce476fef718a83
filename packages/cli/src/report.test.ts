// The "Done when" tests of the stakeholder report (issue 13): `kpi report` on the demo made
// for a fixed end date, as-of fixed. HTML: one file that chromium shows with the network
// off, no request leaving, every goal's title and every KPI's verdict, target, comparison
// and cause, checked against `kpi status --json` (the scorecard the API serves) formatted by
// core's formatter. PDF: pdftotext holds every goal title and KPI name, every page is
// numbered, and every card lands whole on one page (and the same check does find split
// cards once `break-inside: avoid` is taken away). Markdown: its structure. JSON: the model.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { formatPair, formatValue } from '@kpi/core';
import {
  addReview,
  fixedClock,
  insertChange,
  openProject,
  withStore,
  type Report,
  type Scorecard,
} from '@kpi/app';
import { CHROMIUM_FLAGS, openPdfPrinter } from '@kpi/delivery';

const BIN = new URL('../bin/kpi.js', import.meta.url).pathname;
const CHROMIUM = process.env['KPI_CHROMIUM'] ?? '/usr/bin/chromium';
const run = (args: string[], cwd: string, env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const text = (file: string, args: string[] = []): string => {
  const r = spawnSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};
const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

const END = '2026-11-21';
// last-week as of Saturday 21 Nov: the complete week 9–15 Nov; the last report's is 2–8 Nov.
const PERIOD_END = '2026-11-15';

let leadTarget = 0;
let root = '';
let demo = '';
let card: Scorecard;
let html = '';
const notes = new Map<string, string>();

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'kpi-report-'));
  demo = join(root, 'demo');
  const r = run(['init', demo, '--demo', '--end-date', END], root);
  assert.equal(r.code, 0, r.err);
  // Every KPI gets a review on 20 Nov (the project's clock), each with its own note.
  const lp = openProject(demo, { clock: fixedClock('2026-11-20T09:00:00Z') });
  let i = 0;
  for (const k of Object.keys(lp.project.kpis)) {
    const note = `Review note ${++i} for ${k}: keep the plan`;
    notes.set(k, note);
    await addReview(lp, 'jonas.weber@northwind.example', k, { decision: 'keep', note });
  }
  // A target change on 18 Nov (after the last report's period), with who and why.
  const before = lp.project.kpis['leads_this_quarter'];
  assert.ok(before?.target);
  leadTarget = before.target.value;
  await withStore(lp, (engine) =>
    insertChange(
      engine,
      {
        actor: 'anna.berg@northwind.example',
        entity: 'kpi',
        name: 'leads_this_quarter',
        action: 'update',
        before: { ...before, target: { ...before.target, value: 1900 } },
        after: before,
        reason: 'the LinkedIn budget was raised',
        file: null,
      },
      '2026-11-18T10:00:00.000Z',
    ),
  );
  const s = run(['status', '--json', '--as-of', PERIOD_END], demo);
  assert.equal(s.code, 0, s.err);
  card = JSON.parse(s.out) as Scorecard;
  assert.ok(card.goals.length >= 2);
  const h = run(['report', '--as-of', END], demo);
  assert.equal(h.code, 0, h.err);
  html = h.out;
});
after(() => rmSync(root, { recursive: true, force: true }));

const kpis = () => card.goals.flatMap((g) => g.kpis);

test('kpi report --format html: one file chromium shows offline, with every verdict, target, comparison and cause', async () => {
  const file = join(root, 'report.html');
  writeFileSync(file, html);
  assert.doesNotMatch(
    html.replaceAll('xmlns="http://www.w3.org/2000/svg"', ''),
    /<script|<link|<img|@import|url\(|https?:\/\//i,
    'nothing to fetch',
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS] });
  try {
    const context = await browser.newContext({ offline: true });
    const requests: string[] = [];
    context.on('request', (q) => requests.push(q.url()));
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    assert.deepEqual(requests, [pathToFileURL(file).href], 'the page itself is the only request');
    const titles = await page.locator('section.goal > h2').allInnerTexts();
    assert.deepEqual(
      titles,
      card.goals.map((g) => g.title),
    );
    let causes = 0;
    for (const k of kpis()) {
      const el = page.locator(`article.card[data-kpi="${k.kpi}"]`);
      assert.equal(await el.count(), 1, `${k.kpi}: one card`);
      const t = flat(await el.innerText());
      const say = (what: string, s: string) => assert.ok(t.includes(s), `${k.kpi}: ${what} "${s}" in «${t}»`);
      say('label', k.label);
      assert.ok(k.verdict);
      say('verdict', k.verdict.phrase);
      say('value', formatValue(k.value, k.format));
      if (k.target) say('target', formatValue(k.target.value, k.format));
      const c = k.comparisons.find((x) => x.kind === 'previous_period');
      assert.ok(c);
      if (c.value !== null && k.current.value !== null && !c.thin) {
        const [was, now] = formatPair(c.value, k.current.value, k.format);
        say('comparison', `${was} → ${now}`);
      }
      const d = k.cause.drivers[0];
      if (k.cause.noise) say('cause', 'No meaningful change');
      else if (d && k.cause.change) {
        causes++;
        say('cause', d.label ?? d.member);
        const a = d.annotations[0];
        if (a) say('annotation', a.title);
      }
      say('review', notes.get(k.kpi) ?? '?');
    }
    assert.ok(causes >= 3, `drivers named on at least 3 cards (${causes})`);
  } finally {
    await browser.close();
  }
});

/** Pages (1-based) whose text holds `s`. */
const pagesWith = (pages: readonly string[], s: string): number[] =>
  pages.flatMap((p, i) => (flat(p).includes(s) ? [i + 1] : []));

/** Cards whose parts are not all on the page that holds the card's own review note. */
const splitCards = (pdf: string): string[] => {
  const pages = text(pdf).split('\f').slice(0, -1);
  return kpis().flatMap((k) => {
    const note = notes.get(k.kpi) ?? '?';
    const at = pagesWith(pages, note);
    if (at.length !== 1) return [`${k.kpi}: note on pages ${at.join(',')}`];
    const page = flat(pages[(at[0] ?? 1) - 1] ?? '');
    const parts = [k.label, k.verdict?.phrase ?? '', formatValue(k.value, k.format)];
    const missing = parts.filter((p) => !page.includes(p));
    return missing.length === 0 ? [] : [`${k.kpi}: ${missing.join(' | ')} not on page ${at[0]}`];
  });
};

test('kpi report --format pdf: every goal title and KPI name, numbered pages, no card split over a page break', async () => {
  const r = run(['report', '--as-of', END, '--format', 'pdf'], demo);
  assert.equal(r.code, 0, r.err);
  const pdf = join(demo, 'report.pdf');
  assert.match(r.err, /wrote report\.pdf/);
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
  const all = flat(text(pdf));
  for (const g of card.goals) assert.ok(all.includes(g.title), `goal title "${g.title}"`);
  for (const k of kpis()) assert.ok(all.includes(k.label), `KPI "${k.label}"`);
  const pages = text(pdf).split('\f').slice(0, -1);
  assert.ok(pages.length >= 2, `several pages (${pages.length})`);
  pages.forEach((p, i) =>
    assert.match(flat(p), new RegExp(`\\b${i + 1} ?/ ?${pages.length}\\b`), `page ${i + 1} numbered`),
  );
  assert.deepEqual(splitCards(pdf), []);
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
  assert.match(info, /Page size:\s+595\.\d+ x 841\.\d+|Page size:\s+595\.\d+ x 842\.\d+/, 'A4 by default');

  // Letter paper; and the check finds split cards once break-inside: avoid is taken away.
  const printer = await openPdfPrinter();
  try {
    const letter = join(root, 'letter.pdf');
    writeFileSync(letter, await printer.print(html, 'letter'));
    assert.match(spawnSync('pdfinfo', [letter], { encoding: 'utf8' }).stdout, /Page size:\s+612 x 792/);
    assert.deepEqual(splitCards(letter), []);
    const loose = join(root, 'loose.pdf');
    const unguarded = html.replace(
      '</style>',
      'article.card{break-inside:auto!important;page-break-inside:auto!important}</style>',
    );
    writeFileSync(loose, await printer.print(unguarded, 'letter'));
    assert.ok(
      splitCards(loose).length > 0,
      'without break-inside: avoid some card splits, and the check sees it',
    );
  } finally {
    await printer.close();
  }
});

test('kpi report --format md and json: one goal, its structure for Slack and Notion, the model behind it', () => {
  const j = run(['report', '--as-of', END, '--goal', 'qualified_leads', '--format', 'json'], demo);
  assert.equal(j.code, 0, j.err);
  const model = JSON.parse(j.out) as Report;
  const goal = card.goals.find((g) => g.goal === 'qualified_leads');
  assert.ok(goal);
  assert.equal(model.kind, 'report');
  assert.deepEqual(model.period.range, { start: '2026-11-09', end: PERIOD_END });
  assert.deepEqual(model.period.previous, { start: '2026-11-02', end: '2026-11-08' });
  assert.deepEqual(
    model.goals.map((g) => g.title),
    [goal.title],
  );
  assert.deepEqual(
    model.goals[0]?.kpis.map((k) => [k.kpi, k.phrase]),
    goal.kpis.map((k) => [k.kpi, k.verdict?.phrase]),
  );
  const changes = model.goals[0]?.changes ?? [];
  const target = changes.find((c) => c.kind === 'target');
  assert.equal(target?.kpi, 'leads_this_quarter');
  assert.equal(target?.who, 'Anna Berg', 'a name, not an email');
  assert.equal(target?.why, 'the LinkedIn budget was raised');
  // From the target written in the demo's YAML (the demo calibrates it from its generated leads).
  assert.ok(
    target?.text.includes(`1,900 in total → reach ${leadTarget.toLocaleString('en-US')} in total`),
    target?.text,
  );
  for (const k of model.goals[0]?.kpis ?? []) assert.equal(k.review?.who, 'Jonas Weber');

  const m = run(['report', '--as-of', END, '--goal', 'qualified_leads', '--format', 'md'], demo);
  assert.equal(m.code, 0, m.err);
  const lines = m.out.split('\n');
  assert.deepEqual(
    lines.filter((l) => l.startsWith('# ')),
    [`# ${model.title}`],
  );
  const h2 = lines.filter((l) => l.startsWith('## '));
  assert.deepEqual(h2, [
    `## ${goal.title}`,
    `## Budget: ${goal.title} (${model.budget?.[0]?.period ?? ''})`,
    '## Churn: Subscriber churn',
    ...(model.supporting.length > 0 ? [h2.at(-1)] : []),
  ]);
  assert.match(h2.at(-1) ?? '', /^## Supporting metrics/);
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
  const h3 = lines.filter((l) => l.startsWith('### ')).map(unescape);
  assert.deepEqual(
    h3,
    goal.kpis.map((k) => `### ${k.label} — ${k.verdict?.phrase ?? ''}`),
  );
  // Each KPI's block: its value first, then target and the rest as bullets, its review last.
  const blocks = m.out
    .split(/^### /m)
    .slice(1)
    .map((b) => b.split(/^## /m)[0] ?? '');
  blocks.forEach((b, i) => {
    const k = goal.kpis[i];
    assert.ok(k);
    const bullets = b
      .split('\n')
      .filter((l) => l.startsWith('- **'))
      .map((l) => /^- \*\*([^:]+):\*\*/.exec(l)?.[1]);
    assert.equal(bullets[0], 'Value');
    assert.equal(bullets[1], 'Target');
    assert.ok(bullets.includes('Compared'), `${k.kpi}: a comparison`);
    assert.equal(bullets.at(-1), 'Latest review');
    assert.ok(unescape(b).includes(formatValue(k.value, k.format)));
  });
  // Status changes first ("- **Label:** old → new"; which KPIs changed depends on the demo's data).
  assert.match(
    m.out,
    /\*\*Since the last report\*\*\n\n- \*\*[^*\n]+:\*\* (on track|at risk|off track|no data) → (on track|at risk|off track|no data)\n/,
  );
  assert.doesNotMatch(m.out, /<[a-z]|\|\s*---|!\[/i, 'no HTML, tables or images');
  assert.doesNotMatch(m.out, /@northwind/, 'no emails');
});

test('kpi report: a bad period is a usage error, a missing chromium names the Debian package', () => {
  const p = run(['report', '--period', 'last-fortnight'], demo);
  assert.equal(p.code, 2);
  assert.match(
    p.err,
    /period "last-fortnight" is not a period[\s\S]*last-week, last-month, last-quarter or FROM\.\.TO/,
  );
  const late = run(['report', '--as-of', END, '--period', '2026-11-01..2026-11-30'], demo);
  assert.equal(late.code, 2);
  assert.match(late.err, /ends after the as-of day 2026-11-21/);
  const c = run(['report', '--format', 'pdf', '-o', join(root, 'x.pdf')], demo, {
    KPI_CHROMIUM: join(root, 'no-chromium'),
  });
  assert.equal(c.code, 3);
  assert.match(c.err, /needs chromium[\s\S]*apt install chromium[\s\S]*KPI_CHROMIUM/);
});

test('kpi report: the budget and churn sections say what `kpi budget --json` and `kpi churn --json` say, as of the period end', () => {
  const j = run(['report', '--as-of', END, '--goal', 'qualified_leads', '--format', 'json'], demo);
  assert.equal(j.code, 0, j.err);
  const model = JSON.parse(j.out) as Report;
  const b = run(['budget', '--goal', 'qualified_leads', '--as-of', PERIOD_END, '--json'], demo);
  assert.equal(b.code, 0, b.err);
  const plan = JSON.parse(b.out) as {
    goal: string;
    currency: string;
    period: { start: string; end: string };
    members: { label: string; today: number; plan: number }[];
    outcome: { plan: { mean: number; low80: number; high80: number }; today: { mean: number } };
    kpi?: { target: number; probabilityNow: number; probabilityPlan: number };
    caveat: string;
  };
  const money = (x: number) => formatValue(Math.round(x), { unit: 'currency', currency: plan.currency });
  const count = (x: number) => formatValue(Math.round(x), { unit: 'count' });
  assert.equal(model.budget?.length, 1, 'one goal with a spend-driven KPI asked for');
  const section = model.budget?.[0];
  assert.equal(section?.goal, 'qualified_leads');
  assert.deepEqual(
    section?.rows.map((r) => [r.label, r.today, r.plan]),
    plan.members.map((x) => [x.label, money(x.today), money(x.plan)]),
  );
  assert.ok(
    section?.outcome.includes(`${count(plan.outcome.plan.mean)} (80%: ${count(plan.outcome.plan.low80)}–`),
  );
  assert.ok(section?.outcome.endsWith(`against ${count(plan.outcome.today.mean)} with today's split`));
  assert.ok(plan.kpi, 'the lead KPI has a forecast, so the plan has its effect');
  assert.match(section?.probability ?? '', new RegExp(`^Chance of ${count(plan.kpi.target)} `));
  assert.equal(section?.caveat, plan.caveat);
  assert.match(section?.caveat ?? '', /correlations/);
  assert.match(section?.caveat ?? '', /hold out/);

  const c = run(['churn', '--as-of', PERIOD_END, '--json'], demo);
  assert.equal(c.code, 0, c.err);
  const churn = JSON.parse(c.out) as {
    lastPeriod: { active: number; rate: number };
    expected: { mean: number; low: number; high: number };
    revenueAtRisk: number;
    currency: string;
    segments: { dimensionLabel: string; label: string }[];
  };
  const outlook = model.churn?.[0];
  assert.ok(outlook);
  const pct = (x: number) => formatValue(x, { unit: 'percent', decimals: 1 });
  assert.ok(
    outlook.rate.startsWith(`${pct(churn.lastPeriod.rate)} of ${count(churn.lastPeriod.active)} customers`),
  );
  assert.ok(
    outlook.expected.startsWith(
      `${count(churn.expected.mean)} expected to leave in the next 30 days (80%: ${count(churn.expected.low)}–${count(churn.expected.high)})`,
    ),
    outlook.expected,
  );
  assert.ok(
    outlook.revenueAtRisk.startsWith(
      formatValue(Math.round(churn.revenueAtRisk), { unit: 'currency', currency: churn.currency }),
    ),
  );
  assert.deepEqual(
    outlook.segments.map((s) => s.split(':')[0]),
    churn.segments.map((s) => `${s.dimensionLabel} ${s.label}`),
  );
});
