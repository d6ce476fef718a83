#!/usr/bin/env node
// `npm run bench:sentiment`: the bundled sentiment model against a lexicon baseline from npm
// (VADER, vader-sentiment; compound >= 0.05 positive, <= -0.05 negative, else neutral, the
// thresholds its authors recommend) on TweetEval sentiment test: macro-recall (the official
// measure), macro-F1, accuracy, texts/s on one core, and the model's reliability by decile.
// Reads ../shared/data/sentiment/tweeteval (not needed by tests or the product). Writes the
// figures to docs/benchmarks.md. A script, not a test: nothing here asserts a timing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { argmax, bundledModel, createScorer, evaluate, reliability, SENTIMENT_LABELS } from '@kpi/sentiment';

const root = new URL('..', import.meta.url).pathname;
const dataDir = existsSync(join(root, '..', 'shared', 'data', 'sentiment'))
  ? join(root, '..', 'shared', 'data', 'sentiment', 'tweeteval')
  : '/work/shared/data/sentiment/tweeteval';
const lines = (p) => readFileSync(p, 'utf8').split('\n');
const labels = lines(join(dataDir, 'test_labels.txt'))
  .filter((l) => l !== '')
  .map(Number);
const texts = lines(join(dataDir, 'test_text.txt')).slice(0, labels.length);
const vader = createRequire(import.meta.url)('vader-sentiment').SentimentIntensityAnalyzer;

const timed = (fn) => {
  fn(texts.slice(0, 500)); // warm-up
  const t0 = performance.now();
  const pred = fn(texts);
  const seconds = (performance.now() - t0) / 1000;
  return { pred, perSecond: texts.length / seconds };
};

const { model, meta } = bundledModel();
const scorer = createScorer(model);
const probs = new Float64Array(texts.length * 3);
const ours = timed((xs) => {
  const out = new Uint8Array(xs.length);
  const p = new Float64Array(3);
  xs.forEach((t, i) => {
    scorer.probabilities(t, p);
    out[i] = argmax(p);
    if (xs.length === texts.length) probs.set(p, i * 3);
  });
  return out;
});
const lexicon = timed((xs) =>
  Uint8Array.from(xs, (t) => {
    const c = vader.polarity_scores(t).compound;
    return c >= 0.05 ? 2 : c <= -0.05 ? 0 : 1;
  }),
);

const f3 = (x) => x.toFixed(3);
const rows = [
  ['kpi model (' + model.version + ')', evaluate(ours.pred, labels), ours.perSecond],
  ['VADER lexicon (vader-sentiment 1.1.3)', evaluate(lexicon.pred, labels), lexicon.perSecond],
];
const rel = reliability(probs, labels);
const table = [
  '| model | macro-recall | macro-F1 | accuracy | recall neg / neu / pos | texts/s (one core) |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    ([name, e, rate]) =>
      `| ${name} | ${f3(e.macroRecall)} | ${f3(e.macroF1)} | ${f3(e.accuracy)} | ${e.recall.map(f3).join(' / ')} | ${Math.round(rate).toLocaleString('en-US')} |`,
  ),
].join('\n');
const relTable = [
  '| confidence | texts | mean confidence | accuracy |',
  '|---|---|---|---|',
  ...rel.bins
    .filter((b) => b.count)
    .map(
      (b) =>
        `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.count} | ${f3(b.confidence)} | ${f3(b.accuracy)} |`,
    ),
].join('\n');
console.log(`TweetEval sentiment test: ${labels.length} texts (${SENTIMENT_LABELS.join(', ')})`);
console.log(table);
console.log(
  `\nkpi model reliability: ECE ${f3(rel.ece)}, Brier ${f3(rel.brier)}, log loss ${f3(rel.logLoss)}`,
);
console.log(relTable);

const docPath = join(root, 'docs', 'benchmarks.md');
const body = [
  '<!-- bench:sentiment -->',
  '## Sentiment model on TweetEval (`npm run bench:sentiment`)',
  '',
  `TweetEval sentiment test (${labels.length.toLocaleString('en-US')} tweets, 3 classes), scored once; macro-averaged recall is the benchmark's official measure. ` +
    `The kpi model is the bundled one (packages/sentiment/MODEL.md: trained by \`npm run train:sentiment\`, seed ${meta['seed'] ?? '?'}, ` +
    `epoch and calibration chosen on TweetEval val). The baseline is VADER from npm (compound ±0.05). Throughput is one process, one core, texts scored one by one, in the same run ` +
    `(load average ${loadavg()[0].toFixed(1)} on ${cpus().length} shared cores when measured: compare the two rows, not the absolute rates). ` +
    `Published on this test: SVM and FastText 0.629, RoBERTa-base 0.713.`,
  '',
  table,
  '',
  `Calibration of the kpi model's class probabilities on the same test (confidence = the largest probability): ECE ${f3(rel.ece)}, Brier ${f3(rel.brier)} (3-class sum), log loss ${f3(rel.logLoss)}.`,
  '',
  relTable,
  '<!-- /bench:sentiment -->',
].join('\n');
const doc = readFileSync(docPath, 'utf8');
const re = /<!-- bench:sentiment -->[\s\S]*?<!-- \/bench:sentiment -->/;
writeFileSync(docPath, re.test(doc) ? doc.replace(re, body) : `${doc.trimEnd()}\n\n${body}\n`);
console.log('\nwrote docs/benchmarks.md');
