// Themes as the cause of the demo's net-sentiment KPI, end to end on a real DuckDB file:
// the demo initialised and imported as `kpi init --demo` does (sentiment scored at import),
// then the KPI explained as of the last day of the planted bad week. The theme the cause
// analysis names must be the one the generator planted, and its count must match an
// independent count: the generator's own rows, read without SQL, scored by the bundled
// model and searched for the theme word.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '@kpi/core';
import { demoPlantedBurst, generateDemo } from '@kpi/demo';
import { bundledScorer } from '@kpi/sentiment';
import { openProject, type LoadedProject } from '../project-files.js';
import { fixedClock } from '../dates.js';
import { explainKpi } from './explain-kpi.js';
import { evaluateScorecard } from './evaluate-scorecard.js';
import { initProject } from './init-project.js';
import { sentimentSourceOf } from './scorecard-themes.js';

const END = '2026-11-21';
const root = mkdtempSync(join(tmpdir(), 'kpi-themes-'));
const dir = join(root, 'demo');
let lp: LoadedProject;
after(() => rmSync(root, { recursive: true, force: true }));

before(async () => {
  await initProject({ dir, demo: true, endDate: END });
  lp = openProject(dir, { clock: fixedClock(`${addDays(END, 1)}T12:00:00Z`) });
});

/** Brand mentions the model reads as negative on the local days from..to, from the generator's rows. */
const negativeBrandMentions = (from: string, to: string): string[] => {
  const ds = generateDemo({ endDate: END }).datasets.find((d) => d.name === 'mentions');
  assert.ok(ds);
  const [time, brand, text] = ['timestamp', 'brand', 'text'].map((c) => ds.columns.indexOf(c));
  const scorer = bundledScorer();
  const out: string[] = [];
  for (const row of ds.rows()) {
    const day = String(row[time!]).slice(0, 10);
    if (day < from || day > to || row[brand!] !== 'northwind') continue;
    const t = String(row[text!]);
    if (scorer.score(t).label === 'negative') out.push(t);
  }
  return out;
};

test('the net-sentiment KPI reads the mentions dataset’s sentiment column, brand mentions only', () => {
  assert.deepEqual(sentimentSourceOf(lp.project, 'net_sentiment_of_polar'), {
    dataset: 'mentions',
    column: 'sentiment',
    textColumn: 'text',
    filter: { brand: 'northwind' },
  });
  // Share of voice counts mentions whatever their sentiment: no theme cause.
  assert.equal(sentimentSourceOf(lp.project, 'share_of_voice'), undefined);
});

test('kpi explain on the planted burst names its theme, with example mentions', async () => {
  const burst = demoPlantedBurst({ endDate: END });
  const e = await explainKpi(lp, 'net_sentiment', { asOf: burst.to });
  const r = e.reading;
  assert.deepEqual(r.current.range, { start: burst.from, end: burst.to });
  const themes = r.cause.themes;
  assert.ok(themes, 'a sentiment KPI carries themes in its cause');
  const top = themes.terms[0];
  assert.equal(top?.term, burst.theme);
  // Independent count: the generator's rows of the bad week and the week before.
  const now = negativeBrandMentions(burst.from, burst.to);
  const before = negativeBrandMentions(addDays(burst.from, -7), addDays(burst.from, -1));
  assert.equal(themes.current.mentions, now.length);
  assert.equal(themes.previous.mentions, before.length);
  const has = (t: string) => t.toLowerCase().includes(burst.theme);
  assert.equal(top.current, now.filter(has).length);
  assert.equal(top.previous, before.filter(has).length);
  assert.ok(top.current > now.length / 2, 'most of the burst is about the planted theme');
  assert.equal(top.examples.length, 3);
  for (const x of top.examples) {
    assert.ok(has(x.text), x.text);
    assert.equal(x.label, 'negative');
    assert.match(x.key[0] ?? '', /^mn-\d{6}$/);
    assert.ok(x.date >= burst.from && x.date <= burst.to);
  }
  assert.equal(r.comparisons[0]?.sense, 'worse');
  assert.match(
    r.sentence,
    /Negative mentions talk more about “shipping” \(\d+ negative mentions, \d+ the week before\)\./,
  );
});

test('status carries the same theme; a quiet week names none in the sentence', async () => {
  const burst = demoPlantedBurst({ endDate: END });
  const card = await evaluateScorecard(lp, { asOf: burst.to, goal: 'brand_voice' });
  const kpis = card.goals[0]?.kpis ?? [];
  assert.deepEqual(
    kpis.map((k) => k.kpi),
    ['net_sentiment', 'share_of_voice'],
  );
  assert.equal(kpis[0]?.cause.themes?.terms[0]?.term, burst.theme);
  assert.equal(kpis[1]?.cause.themes, undefined);
  // Two weeks after the burst the complaints are gone: no theme is named as the cause.
  const later = await explainKpi(lp, 'net_sentiment', { asOf: addDays(burst.to, 14) });
  assert.ok(later.reading.cause.themes);
  assert.doesNotMatch(later.reading.sentence, /shipping/);
  assert.notEqual(later.reading.cause.themes.terms[0]?.term, burst.theme);
});
