// Training of the softmax model with AdaGrad on hashed features. Pure and deterministic:
// the same texts, labels, options and seed give the same weights bit for bit.
// Features are re-extracted every epoch (no feature matrix is kept: memory stays small).
// Starting from `init` fine-tunes a copy of it (the per-project adapter); L2 then pulls
// towards `init`'s weights rather than towards zero.
import { createFeatureExtractor } from './feature-hashing.js';
import { CLASS_COUNT, emptyModel, rawLogits, type SentimentModel } from './sentiment-model.js';

export type TrainingOptions = {
  readonly bits: number;
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 strength per update. */
  readonly l2: number;
  readonly seed: number;
  readonly version: string;
  /** Weight of each class in the loss (balances rare classes for macro-recall). */
  readonly classWeights?: readonly number[];
  readonly init?: SentimentModel;
  /** Called after each epoch with the model so far (for early stopping on val). */
  readonly onEpoch?: (epoch: number, model: SentimentModel) => void;
};

/** mulberry32: a small seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffledOrder(n: number, random: () => number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

export function trainSoftmax(
  texts: readonly string[],
  labels: ArrayLike<number>,
  options: TrainingOptions,
): SentimentModel {
  const base = options.init ?? emptyModel(options.bits, options.version);
  const model: SentimentModel = {
    ...base,
    version: options.version,
    weights: new Float32Array(base.weights),
    bias: new Float32Array(base.bias),
    offsets: new Float32Array(CLASS_COUNT),
    temperature: 1,
  };
  const anchor = options.init?.weights;
  const w = model.weights;
  const g2 = new Float32Array(w.length);
  const b2 = new Float64Array(CLASS_COUNT);
  const extractor = createFeatureExtractor({ bits: model.bits });
  const random = seededRandom(options.seed);
  const cw = options.classWeights ?? [1, 1, 1];
  const z = new Float64Array(CLASS_COUNT);
  const grad = new Float64Array(CLASS_COUNT);
  const lr = options.learningRate;
  const eps = 1e-8;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = shuffledOrder(texts.length, random);
    for (let r = 0; r < order.length; r++) {
      const i = order[r]!;
      const y = labels[i]!;
      const x = extractor.extract(texts[i]!);
      rawLogits(model, x, z);
      let max = -Infinity;
      for (let c = 0; c < CLASS_COUNT; c++) if (z[c]! > max) max = z[c]!;
      let sum = 0;
      for (let c = 0; c < CLASS_COUNT; c++) sum += Math.exp(z[c]! - max);
      const weight = cw[y] ?? 1;
      for (let c = 0; c < CLASS_COUNT; c++)
        grad[c] = (Math.exp(z[c]! - max) / sum - (c === y ? 1 : 0)) * weight;
      for (let c = 0; c < CLASS_COUNT; c++) {
        b2[c]! += grad[c]! * grad[c]!;
        model.bias[c] = model.bias[c]! - (lr * grad[c]!) / Math.sqrt(b2[c]! + eps);
      }
      for (let k = 0; k < x.length; k++) {
        const v = x.values[k]!;
        const slot = x.indices[k]! * 3;
        for (let c = 0; c < CLASS_COUNT; c++) {
          const j = slot + c;
          const pull = anchor ? w[j]! - anchor[j]! : w[j]!;
          const g = grad[c]! * v + options.l2 * pull;
          g2[j] = g2[j]! + g * g;
          w[j] = w[j]! - (lr * g) / Math.sqrt(g2[j]! + eps);
        }
      }
    }
    options.onEpoch?.(epoch + 1, model);
  }
  return model;
}
