// The sentiment model: a multinomial logistic regression (softmax) over hashed features,
// with per-class offsets (tuned for macro-recall) and a temperature (for calibrated
// probabilities). Pure. Invariants: probabilities sum to 1; the label is the class of the
// largest probability; scoring allocates nothing per text beyond the token list.
import {
  createFeatureExtractor,
  featureDims,
  type FeatureExtractor,
  type FeatureVector,
} from './feature-hashing.js';

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];
export const CLASS_COUNT = 3;

export type SentimentModel = {
  readonly kind: 'softmax';
  readonly version: string;
  readonly bits: number;
  /** Layout: weights[slot * 3 + class]. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  /** Added to the logits before the softmax (macro-recall tuning). */
  readonly offsets: Float32Array;
  readonly temperature: number;
};

export type SentimentScore = {
  readonly label: SentimentLabel;
  /** P(positive) - P(negative), in [-1, 1]. */
  readonly score: number;
  readonly probabilities: { readonly negative: number; readonly neutral: number; readonly positive: number };
};

export const emptyModel = (bits: number, version: string): SentimentModel => ({
  kind: 'softmax',
  version,
  bits,
  weights: new Float32Array(featureDims(bits) * CLASS_COUNT),
  bias: new Float32Array(CLASS_COUNT),
  offsets: new Float32Array(CLASS_COUNT),
  temperature: 1,
});

/** Raw logits (no offsets, no temperature) of a feature vector, into `out`. */
export function rawLogits(model: SentimentModel, x: FeatureVector, out: Float64Array): void {
  const w = model.weights;
  let z0 = model.bias[0]!;
  let z1 = model.bias[1]!;
  let z2 = model.bias[2]!;
  for (let k = 0; k < x.length; k++) {
    const v = x.values[k]!;
    const base = x.indices[k]! * 3;
    z0 += w[base]! * v;
    z1 += w[base + 1]! * v;
    z2 += w[base + 2]! * v;
  }
  out[0] = z0;
  out[1] = z1;
  out[2] = z2;
}

/** Softmax of (logits + offsets) / temperature, in place. */
export function calibrate(logits: Float64Array, offsets: ArrayLike<number>, temperature: number): void {
  let max = -Infinity;
  for (let c = 0; c < CLASS_COUNT; c++) {
    logits[c] = (logits[c]! + offsets[c]!) / temperature;
    if (logits[c]! > max) max = logits[c]!;
  }
  let sum = 0;
  for (let c = 0; c < CLASS_COUNT; c++) {
    logits[c] = Math.exp(logits[c]! - max);
    sum += logits[c]!;
  }
  for (let c = 0; c < CLASS_COUNT; c++) logits[c] = logits[c]! / sum;
}

export const argmax = (p: ArrayLike<number>): number => {
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return best;
};

export type SentimentScorer = {
  readonly model: SentimentModel;
  score(text: string): SentimentScore;
  /** Class probabilities into `out` (negative, neutral, positive). */
  probabilities(text: string, out: Float64Array): void;
};

export function createScorer(model: SentimentModel): SentimentScorer {
  const extractor: FeatureExtractor = createFeatureExtractor({ bits: model.bits });
  const buf = new Float64Array(CLASS_COUNT);
  const probabilities = (text: string, out: Float64Array): void => {
    rawLogits(model, extractor.extract(text), out);
    calibrate(out, model.offsets, model.temperature);
  };
  return {
    model,
    probabilities,
    score(text: string): SentimentScore {
      probabilities(text, buf);
      const label = SENTIMENT_LABELS[argmax(buf)]!;
      const round = (v: number): number => Math.round(v * 10000) / 10000;
      return {
        label,
        score: round(buf[2]! - buf[0]!),
        probabilities: { negative: round(buf[0]!), neutral: round(buf[1]!), positive: round(buf[2]!) },
      };
    },
  };
}
