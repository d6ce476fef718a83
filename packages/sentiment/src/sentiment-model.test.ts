// The model on small hand-made sets: training learns a toy vocabulary, the weights round-trip
// through the codec, calibration figures match hand computations, the project adapter
// beats the base model on a held-out share of a synthetic team vocabulary, and the
// bundled model reads obvious texts right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, fitTemperature, reliability, tuneOffsets } from './calibration.js';
import { bundledModel, bundledScorer } from './bundled-model.js';
import { argmax, createScorer, SENTIMENT_LABELS } from './sentiment-model.js';
import { seededRandom, trainSoftmax } from './softmax-training.js';
import { decodeModel, encodeModel, fromBase64, toBase64 } from './weights-codec.js';

const options = { bits: 12, epochs: 8, learningRate: 0.3, l2: 0, seed: 7, version: 'toy' };

test('evaluate: macro-recall, macro-F1 and accuracy by hand', () => {
  // truth 0,0,1,1,2,2 ; predicted 0,1,1,1,2,0
  const e = evaluate([0, 1, 1, 1, 2, 0], [0, 0, 1, 1, 2, 2]);
  assert.equal(e.accuracy, 4 / 6);
  assert.deepEqual(e.recall, [0.5, 1, 0.5]);
  assert.equal(e.macroRecall, 2 / 3);
  // precision: class0 1/2, class1 2/3, class2 1/1 -> F1: 0.5, 0.8, 2/3
  assert.ok(Math.abs(e.macroF1 - (0.5 + 0.8 + 2 / 3) / 3) < 1e-12);
});

test('reliability: ECE and Brier by hand; offsets and temperature move the right way', () => {
  const probs = Float64Array.from([0.9, 0.05, 0.05, 0.2, 0.7, 0.1]);
  const r = reliability(probs, [0, 2]);
  // bin 0.9: conf 0.9, right; bin 0.7: conf 0.7, wrong -> ECE = (0.1 + 0.7) / 2
  assert.ok(Math.abs(r.ece - 0.4) < 1e-12);
  const brier = (0.01 + 0.0025 + 0.0025 + (0.04 + 0.49 + 0.81)) / 2;
  assert.ok(Math.abs(r.brier - brier) < 1e-12);
  // Logits that always favour neutral: an offset on the other classes recovers recall.
  const logits = Float64Array.from([0.53, 1, 0, 0, 1, 0.47, 0, 1, 0]);
  const off = tuneOffsets(logits, [0, 2, 1]);
  const shifted = [0, 1, 2].map((i) => argmax([0, 1, 2].map((c) => logits[i * 3 + c]! + off[c]!)));
  assert.deepEqual(shifted, [0, 2, 1], `offsets ${off}`);
  assert.ok(off[0]! > 0 && off[2]! > 0);
  // Two confident right answers and one confident wrong one: log loss wants T above 1.
  const t = fitTemperature(Float64Array.from([4, 0, 0, 0, 4, 0, 4, 0, 0]), [0, 1, 2], [0, 0, 0]);
  assert.ok(t > 1, `temperature ${t}`);
});

const TEAM_POS = ['smooth', 'snappy', 'slick', 'crisp', 'tidy'];
const TEAM_NEG = ['laggy', 'janky', 'clunky', 'glitchy', 'buggy'];
const NOUNS = ['checkout', 'app', 'update', 'login', 'dashboard', 'search'];

/** Team texts in a vocabulary the base model has not seen used this way. */
const teamSet = (n: number, seed: number): { texts: string[]; labels: number[] } => {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const texts: string[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = Math.floor(rnd() * 3);
    const noun = pick(NOUNS);
    texts.push(
      y === 2
        ? `the ${noun} feels ${pick(TEAM_POS)} today`
        : y === 0
          ? `the ${noun} feels ${pick(TEAM_NEG)} today`
          : `the ${noun} changed today`,
    );
    labels.push(y);
  }
  return { texts, labels };
};

test('training learns a toy vocabulary and the codec keeps its predictions', () => {
  const { texts, labels } = teamSet(300, 1);
  const model = trainSoftmax(texts, labels, options);
  const held = teamSet(100, 2);
  const scorer = createScorer(model);
  const pred = held.texts.map((t) => SENTIMENT_LABELS.indexOf(scorer.score(t).label));
  assert.ok(evaluate(pred, held.labels).accuracy > 0.95);
  const decoded = decodeModel(fromBase64(toBase64(encodeModel(model, { note: 'x' }))));
  assert.ok(decoded.ok);
  assert.equal(decoded.value.meta['note'], 'x');
  const q = createScorer(decoded.value.model);
  assert.deepEqual(
    held.texts.map((t) => q.score(t).label),
    held.texts.map((t) => scorer.score(t).label),
  );
  assert.equal(decodeModel(new Uint8Array([1, 2, 3])).ok, false);
});

test('a project adapter fine-tuned from the bundled model beats it on held-out team labels', () => {
  const base = bundledModel().model;
  const all = teamSet(400, 3);
  const trainN = 300; // 75 % to train, 25 % held out
  const adapter = trainSoftmax(all.texts.slice(0, trainN), all.labels.slice(0, trainN), {
    bits: base.bits,
    epochs: 3,
    learningRate: 0.1,
    l2: 1e-4,
    seed: 11,
    version: 'team-adapter',
    init: base,
  });
  const heldTexts = all.texts.slice(trainN);
  const heldLabels = all.labels.slice(trainN);
  const acc = (m: typeof base): number => {
    const s = createScorer(m);
    return evaluate(
      heldTexts.map((t) => SENTIMENT_LABELS.indexOf(s.score(t).label)),
      heldLabels,
    ).macroRecall;
  };
  const baseScore = acc(base);
  const adaptedScore = acc(adapter);
  assert.ok(adaptedScore > baseScore + 0.1, `adapter ${adaptedScore} vs base ${baseScore}`);
  // The adapter still reads ordinary texts like the base model.
  assert.equal(createScorer(adapter).score('I love this, it is wonderful :)').label, 'positive');
});

test('the bundled model reads obvious texts and gives calibrated-looking probabilities', () => {
  const s = bundledScorer();
  assert.equal(s.score('I love it, best purchase ever! 😍').label, 'positive');
  assert.equal(s.score('worst service ever, I hate this company. never again').label, 'negative');
  assert.equal(s.score('The store opens at 9am on Monday.').label, 'neutral');
  const r = s.score('not good at all');
  assert.equal(r.label, 'negative');
  const sum = r.probabilities.negative + r.probabilities.neutral + r.probabilities.positive;
  assert.ok(Math.abs(sum - 1) < 1e-3);
  assert.ok(Math.abs(r.score - (r.probabilities.positive - r.probabilities.negative)) < 1e-3);
  assert.match(bundledModel().model.version, /^softmax-hash\d+-v\d+$/);
});
