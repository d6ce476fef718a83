#!/usr/bin/env node
// The tourism series' own history as a validation split: each training series minus its last
// h points is forecast h ahead and scored against those points, so interval and model choices
// are made without looking at the competition's test years. Prints one row per frequency.
//   FREQ=Yearly node scripts/tourism-validation.mjs      (one frequency)
//   SPLIT=test ...                                        (score on the real test years instead)
// A script, not a test: nothing here asserts a timing.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { forecast } from '@kpi/forecast';
import { TOURISM_FREQS, readTourism, tourismScorer } from './tourism-data.mjs';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, '..', 'shared', 'data', 'tourism');
const onTest = process.env.SPLIT === 'test';
const fmt = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '–');

for (const freq of TOURISM_FREQS.filter((f) => !process.env.FREQ || f.name === process.env.FREQ)) {
  const scorer = tourismScorer();
  let skipped = 0;
  const t0 = performance.now();
  for (const s of readTourism(dir, freq)) {
    const train = onTest ? s.train : s.train.slice(0, -freq.h);
    const actual = onTest ? s.test : s.train.slice(-freq.h);
    const f = forecast({ values: train, ...(freq.m > 1 ? { period: freq.m } : {}) }, freq.h);
    if (!f.ok || train.length < 2) {
      skipped++;
      continue;
    }
    scorer.add(train, actual, f.value, freq.m);
  }
  const r = scorer.result();
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `${onTest ? 'test' : 'validation'} ${freq.name}: MAPE ${fmt(r.mape, 2)} sMAPE ${fmt(r.smape, 2)} MASE ${fmt(r.mase)} cov80 ${fmt(r.coverage80)} cov95 ${fmt(r.coverage)} MSIS ${fmt(r.msis, 2)}${skipped ? ` skipped ${skipped}` : ''} (${seconds.toFixed(1)} s)`,
  );
}
