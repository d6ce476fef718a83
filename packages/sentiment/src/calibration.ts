// Class calibration and evaluation: offsets that maximise macro-recall, a temperature that
// minimises log loss, and the figures (macro-recall, macro-F1, accuracy, reliability by
// confidence decile, ECE, Brier). Pure. Logits are flat arrays, 3 per text.
import { argmax, calibrate, CLASS_COUNT } from './sentiment-model.js';

export type Evaluation = {
  readonly count: number;
  readonly macroRecall: number;
  readonly macroF1: number;
  readonly accuracy: number;
  readonly recall: readonly number[];
  /** confusion[truth][predicted] */
  readonly confusion: readonly (readonly number[])[];
};

export function evaluate(
  predicted: ArrayLike<number>,
  truth: ArrayLike<number>,
  classes = CLASS_COUNT,
): Evaluation {
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) confusion[truth[i]!]![predicted[i]!]!++;
  const recall: number[] = [];
  const f1: number[] = [];
  let correct = 0;
  for (let c = 0; c < classes; c++) {
    const row = confusion[c]!;
    const tp = row[c]!;
    correct += tp;
    const actual = row.reduce((a, b) => a + b, 0);
    let predictedC = 0;
    for (let t = 0; t < classes; t++) predictedC += confusion[t]![c]!;
    const r = actual ? tp / actual : 0;
    const p = predictedC ? tp / predictedC : 0;
    recall.push(r);
    f1.push(p + r ? (2 * p * r) / (p + r) : 0);
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    count: truth.length,
    macroRecall: mean(recall),
    macroF1: mean(f1),
    accuracy: truth.length ? correct / truth.length : 0,
    recall,
    confusion,
  };
}

const predictWith = (logits: Float64Array, offsets: ArrayLike<number>, out: Uint8Array): void => {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const a = logits[i * 3]! + offsets[0]!;
    const b = logits[i * 3 + 1]! + offsets[1]!;
    const c = logits[i * 3 + 2]! + offsets[2]!;
    out[i] = a >= b && a >= c ? 0 : b >= c ? 1 : 2;
  }
};

/** Offsets (neutral fixed at 0) on a grid that maximise macro-recall on the given set. */
export function tuneOffsets(
  logits: Float64Array,
  truth: ArrayLike<number>,
  range = 2,
  step = 0.05,
): Float32Array {
  const pred = new Uint8Array(truth.length);
  let best = new Float32Array(CLASS_COUNT);
  let bestScore = -1;
  const steps = Math.round((2 * range) / step);
  for (let i = 0; i <= steps; i++) {
    const a = Math.round((-range + i * step) * 1000) / 1000;
    for (let k = 0; k <= steps; k++) {
      const c = Math.round((-range + k * step) * 1000) / 1000;
      const off = [a, 0, c];
      predictWith(logits, off, pred);
      const score = evaluate(pred, truth).macroRecall;
      // Ties go to the smaller shift (closer to the trained model).
      if (
        score > bestScore + 1e-12 ||
        (Math.abs(score - bestScore) <= 1e-12 &&
          Math.abs(a) + Math.abs(c) < Math.abs(best[0]!) + Math.abs(best[2]!))
      ) {
        bestScore = score;
        best = Float32Array.from(off);
      }
    }
  }
  return best;
}

const logLoss = (
  logits: Float64Array,
  truth: ArrayLike<number>,
  offsets: ArrayLike<number>,
  t: number,
): number => {
  const p = new Float64Array(CLASS_COUNT);
  let loss = 0;
  for (let i = 0; i < truth.length; i++) {
    p.set(logits.subarray(i * 3, i * 3 + 3));
    calibrate(p, offsets, t);
    loss -= Math.log(Math.max(p[truth[i]!]!, 1e-12));
  }
  return loss / truth.length;
};

/** Temperature in [0.2, 5] minimising log loss (golden-section search). */
export function fitTemperature(
  logits: Float64Array,
  truth: ArrayLike<number>,
  offsets: ArrayLike<number>,
): number {
  let lo = Math.log(0.2);
  let hi = Math.log(5);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 60; k++) {
    const m1 = hi - phi * (hi - lo);
    const m2 = lo + phi * (hi - lo);
    if (logLoss(logits, truth, offsets, Math.exp(m1)) < logLoss(logits, truth, offsets, Math.exp(m2)))
      hi = m2;
    else lo = m1;
  }
  return Math.exp((lo + hi) / 2);
}

export type ReliabilityBin = {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly confidence: number;
  readonly accuracy: number;
};
export type Reliability = {
  readonly bins: readonly ReliabilityBin[];
  readonly ece: number;
  readonly brier: number;
  readonly logLoss: number;
};

/** Reliability of calibrated probabilities (flat, 3 per text) by confidence decile. */
export function reliability(probabilities: Float64Array, truth: ArrayLike<number>): Reliability {
  const n = truth.length;
  const sums = Array.from({ length: 10 }, () => ({ count: 0, conf: 0, correct: 0 }));
  let brier = 0;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const p = probabilities.subarray(i * 3, i * 3 + 3);
    const k = argmax(p);
    const conf = p[k]!;
    const bin = sums[Math.min(9, Math.floor(conf * 10))]!;
    bin.count++;
    bin.conf += conf;
    if (k === truth[i]) bin.correct++;
    for (let c = 0; c < CLASS_COUNT; c++) brier += (p[c]! - (c === truth[i] ? 1 : 0)) ** 2;
    loss -= Math.log(Math.max(p[truth[i]!]!, 1e-12));
  }
  let ece = 0;
  const bins = sums.map((s, i) => {
    const confidence = s.count ? s.conf / s.count : 0;
    const accuracy = s.count ? s.correct / s.count : 0;
    ece += (s.count / n) * Math.abs(confidence - accuracy);
    return { from: i / 10, to: (i + 1) / 10, count: s.count, confidence, accuracy };
  });
  return { bins, ece, brier: brier / n, logLoss: loss / n };
}
