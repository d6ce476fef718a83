// The model shipped with kpi: decoded once from the generated base64 module written by
// `npm run train:sentiment`. Pure (no file IO: the weights are part of the module).
import { BUNDLED_MODEL_BASE64 } from './model-weights.generated.js';
import { createScorer, type SentimentScorer } from './sentiment-model.js';
import { decodeModel, fromBase64, type DecodedModel } from './weights-codec.js';

let cached: DecodedModel | undefined;

/** The bundled model and its training figures (immutable; decoded on first use). */
export function bundledModel(): DecodedModel {
  if (cached) return cached;
  const decoded = decodeModel(fromBase64(BUNDLED_MODEL_BASE64));
  if (!decoded.ok) throw new Error(`bundled sentiment weights: ${decoded.issues[0]?.message ?? 'invalid'}`);
  cached = decoded.value;
  return cached;
}

export const bundledScorer = (): SentimentScorer => createScorer(bundledModel().model);
