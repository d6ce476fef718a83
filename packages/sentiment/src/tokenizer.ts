// The tokenizer: short social text -> normalised tokens. Pure and deterministic.
// Invariants: output tokens are lower case; URLs become "<url>", @names "@user", numbers
// "<num>"; emoticons and known emoji become "emo_*" tokens; a letter repeated 3+ times is
// squashed to two ("soooo" -> "soo") and flagged "<elong>"; a word in ALL CAPS adds
// "<caps>"; after a negation word every word token gets "_NEG" until the next punctuation
// or "but" (the negation scope of Das & Chen / Pang et al.).
import { EMOJI, EMOTICONS } from './emoticon-map.js';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const EMOTICON_ALT = [...EMOTICONS.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join('|');

// Groups: 1 url, 2 @name, 3 #tag, 4 word, 5 emoticon, 6 punctuation, 7 pictograph.
// Words come before emoticons (speed: most positions start a word), so the emoticons that
// start with a letter (xD, D:) are recognised in the word branch instead.
const TOKEN_RE = new RegExp(
  [
    '(https?:\\/\\/\\S+|www\\.\\S+)',
    '(@\\w+)',
    '(#[\\p{L}\\p{N}_]+)',
    "([\\p{L}\\p{N}]+(?:['\u2019][\\p{L}]+)*)",
    `(${EMOTICON_ALT})(?![\\p{L}\\p{N}])`,
    '([!?]+|[.,;:]+)',
    '(\\p{Extended_Pictographic})',
  ].join('|'),
  'gu',
);

const ELONGATED_RE = /(\p{L})\1{2,}/gu;
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'cannot',
  'nothing',
  'nobody',
  'none',
  'nor',
  'neither',
  'nowhere',
  'without',
  'hardly',
  'dont',
  'cant',
  'wont',
  'isnt',
  'arent',
  'doesnt',
  'didnt',
  'aint',
  'wasnt',
  'werent',
  'shouldnt',
  'couldnt',
  'wouldnt',
  'havent',
  'hasnt',
  'hadnt',
]);
const SCOPE_ENDERS = new Set(['but', 'however', 'although', 'though']);

export const isNegator = (word: string): boolean => NEGATORS.has(word) || word.endsWith("n't");

/** Tokens of one text, see the module comment for the rules. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  let negating = false;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    if (m[1] !== undefined) {
      out.push('<url>');
    } else if (m[2] !== undefined) {
      out.push('@user');
    } else if (m[3] !== undefined) {
      const tag = squash(m[3].slice(1).toLowerCase(), out);
      out.push('#' + tag, negating ? tag + '_NEG' : tag);
    } else if (m[5] !== undefined) {
      out.push(EMOTICONS.get(m[5]) ?? 'emo_other');
    } else if (m[4] !== undefined) {
      const raw = m[4];
      const emoticon = raw.length === 2 ? EMOTICONS.get(raw) : undefined;
      if (emoticon !== undefined && (raw === 'xD' || raw === 'XD')) {
        out.push(emoticon);
        continue;
      }
      if (raw.length > 1 && raw === raw.toUpperCase() && raw !== raw.toLowerCase()) out.push('<caps>');
      const lower = raw.toLowerCase().replace(/\u2019/g, "'");
      const c0 = lower.charCodeAt(0);
      if (c0 >= 48 && c0 <= 57 && /^\p{N}+$/u.test(lower)) {
        out.push('<num>');
        continue;
      }
      const word = squash(lower, out);
      if (SCOPE_ENDERS.has(word)) {
        negating = false;
        out.push(word);
      } else if (isNegator(word)) {
        negating = true;
        out.push(word);
      } else {
        out.push(negating ? word + '_NEG' : word);
      }
    } else if (m[6] !== undefined) {
      negating = false;
      const p = m[6];
      out.push(p[0] === '!' || p[0] === '?' ? (p.length > 1 ? p.slice(0, 2) : p) : p[0]!);
    } else if (m[7] !== undefined) {
      const cp = m[7].codePointAt(0)!;
      out.push(EMOJI.get(cp) ?? m[7]);
    }
  }
  return out;
}

/** Squashes letter runs of 3+ to 2 and pushes "<elong>" when it did. */
function squash(word: string, out: string[]): string {
  ELONGATED_RE.lastIndex = 0;
  if (!ELONGATED_RE.test(word)) return word;
  out.push('<elong>');
  return word.replace(ELONGATED_RE, '$1$1');
}
