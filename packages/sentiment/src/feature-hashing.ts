// Features of one text: word uni/bi-grams and character 2-5-grams hashed into 2^bits slots,
// plus a few dense lexicon slots after them. Pure.
// Invariants: the same text always gives the same (index, value) list; word features and
// character features are each scaled to unit L2 norm (counting repeats), so long and short
// texts weigh alike; the extractor reuses its buffers (copy before keeping them).
import { lexiconFeatures, LEXICON_DIMS } from './lexicon-features.js';
import { tokenize } from './tokenizer.js';

export type FeatureConfig = { readonly bits: number };

export type FeatureVector = {
  /** Slot indices (may repeat: repeats add up). Valid up to `length`. */
  readonly indices: Int32Array;
  readonly values: Float32Array;
  readonly length: number;
};

export type FeatureExtractor = {
  readonly dims: number;
  extract(text: string): FeatureVector;
};

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEED_WORD = 0x1234567;
const SEED_BIGRAM = 0x2345678;
const SEED_CHAR = 0x3456789;

const hashString = (seed: number, s: string): number => {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
};

const isWordToken = (t: string): boolean => {
  const c = t.charCodeAt(0);
  return (
    c !== 60 /* < */ && c !== 64 /* @ */ && c !== 35 /* # */ && !t.startsWith('emo_') && /\p{L}/u.test(t[0]!)
  );
};

/** Total slots: hashed part plus the dense lexicon slots. */
export const featureDims = (bits: number): number => (1 << bits) + LEXICON_DIMS;

export function createFeatureExtractor(config: FeatureConfig): FeatureExtractor {
  const mask = (1 << config.bits) - 1;
  const dims = featureDims(config.bits);
  let indices = new Int32Array(1024);
  let values = new Float32Array(1024);
  const grow = (need: number): void => {
    if (need <= indices.length) return;
    const size = Math.max(need, indices.length * 2);
    const i2 = new Int32Array(size);
    i2.set(indices);
    const v2 = new Float32Array(size);
    v2.set(values);
    indices = i2;
    values = v2;
  };
  return {
    dims,
    extract(text: string): FeatureVector {
      const tokens = tokenize(text);
      // Upper bound: unigrams + bigrams + char n-grams (4 per char) + lexicon.
      let chars = 0;
      for (const t of tokens) chars += t.length + 2;
      grow(tokens.length * 2 + chars * 4 + LEXICON_DIMS + 2);
      let n = 0;
      let prev = '<s>';
      for (const t of tokens) {
        indices[n++] = hashString(SEED_WORD, t) & mask;
        indices[n++] = hashString(hashString(SEED_BIGRAM, prev), t) & mask;
        prev = t;
      }
      indices[n++] = hashString(hashString(SEED_BIGRAM, prev), '</s>') & mask;
      const wordEnd = n;
      for (const t of tokens) {
        if (!isWordToken(t)) continue;
        const base = t.endsWith('_NEG') ? t.slice(0, -4) : t;
        const len = base.length + 2;
        for (let i = 0; i < len; i++) {
          let h = (FNV_OFFSET ^ SEED_CHAR) >>> 0;
          for (let j = i; j < len && j < i + 5; j++) {
            const c = j === 0 || j === len - 1 ? 32 : base.charCodeAt(j - 1);
            h = Math.imul(h ^ c, FNV_PRIME);
            if (j > i) indices[n++] = (h >>> 0) & mask;
          }
        }
      }
      const charEnd = n;
      const wordScale = wordEnd > 0 ? 1 / Math.sqrt(wordEnd) : 0;
      for (let i = 0; i < wordEnd; i++) values[i] = wordScale;
      const charScale = charEnd > wordEnd ? 1 / Math.sqrt(charEnd - wordEnd) : 0;
      for (let i = wordEnd; i < charEnd; i++) values[i] = charScale;
      const lex = lexiconFeatures(tokens);
      const lexBase = mask + 1;
      for (let k = 0; k < LEXICON_DIMS; k++) {
        indices[n] = lexBase + k;
        values[n++] = lex[k]!;
      }
      return { indices, values, length: n };
    },
  };
}
