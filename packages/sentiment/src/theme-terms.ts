// Sentiment by theme: the words and two-word phrases most over-represented in this
// period's mentions (e.g. the negative ones) against last period's, by the weighted
// log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
// "Fightin' Words"), with example mentions. Pure. Invariants: deterministic (ties by term);
// stop words, @users, URLs, numbers and punctuation are never themes; a term counts once
// per mention.
import { tokenize } from './tokenizer.js';

export type ThemeTerm = {
  readonly term: string;
  /** Mentions containing the term, this period and last. */
  readonly current: number;
  readonly previous: number;
  /** z-score of the log-odds difference (over 2 is notable). */
  readonly z: number;
  /** Indices into the current texts of up to `examples` mentions with the term. */
  readonly examples: readonly number[];
};

const STOP = new Set(
  'a an the and or but if then so of to in on at by for with from as is are was were be been being am i me my we our you your he she it its they them their this that these those there here what which who whom how when where why do does did done have has had having will would can could should may might must just very really also too not no yes all any some more most much many few own same than only out up down over under again once about into through during before after above below off get got gets im its dont ive id ill youre thats theres lol rt via amp'.split(
    ' ',
  ),
);

const termsOf = (text: string): Set<string> => {
  const words = tokenize(text)
    .map((t) => (t.endsWith('_NEG') ? t.slice(0, -4) : t))
    .filter((t) => /^\p{L}[\p{L}'-]*$/u.test(t) && t.length > 2 && !STOP.has(t.replace(/'/g, '')));
  const out = new Set(words);
  for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]} ${words[i]}`);
  return out;
};

export type ThemeOptions = {
  readonly top?: number;
  readonly minCount?: number;
  readonly examples?: number;
  readonly priorStrength?: number;
};

export function themeTerms(
  current: readonly string[],
  previous: readonly string[],
  opts: ThemeOptions = {},
): ThemeTerm[] {
  const top = opts.top ?? 5;
  const minCount = opts.minCount ?? 3;
  const nExamples = opts.examples ?? 3;
  const cur = new Map<string, number[]>();
  current.forEach((t, i) => {
    for (const term of termsOf(t)) {
      const list = cur.get(term);
      if (list) list.push(i);
      else cur.set(term, [i]);
    }
  });
  const prev = new Map<string, number>();
  for (const t of previous) for (const term of termsOf(t)) prev.set(term, (prev.get(term) ?? 0) + 1);
  let n1 = 0;
  for (const l of cur.values()) n1 += l.length;
  let n2 = 0;
  for (const c of prev.values()) n2 += c;
  const nAll = n1 + n2;
  if (n1 === 0) return [];
  const a0 = opts.priorStrength ?? 100;
  const out: ThemeTerm[] = [];
  for (const [term, idx] of cur) {
    const y1 = idx.length;
    if (y1 < minCount) continue;
    const y2 = prev.get(term) ?? 0;
    const alpha = Math.max(0.01, (a0 * (y1 + y2)) / nAll);
    const delta =
      Math.log((y1 + alpha) / (n1 + a0 - y1 - alpha)) - Math.log((y2 + alpha) / (n2 + a0 - y2 - alpha));
    const z = delta / Math.sqrt(1 / (y1 + alpha) + 1 / (y2 + alpha));
    if (z > 0) out.push({ term, current: y1, previous: y2, z, examples: idx.slice(0, nExamples) });
  }
  out.sort((a, b) => b.z - a.z || (a.term < b.term ? -1 : 1));
  // A phrase and its words say the same thing: keep the first of overlapping terms.
  const kept: ThemeTerm[] = [];
  for (const t of out) {
    if (kept.length >= top) break;
    const words = t.term.split(' ');
    if (kept.some((k) => k.term.split(' ').some((w) => words.includes(w)))) continue;
    kept.push(t);
  }
  return kept;
}
