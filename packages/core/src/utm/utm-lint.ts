// Lints the campaign tags of a sessions or clicks export: every rule a value breaks, the
// required parameters a tagged row lacks, and the same source, medium or campaign spelled
// several ways (near-duplicates grouped). Pure.
// Invariants: one problem per (rule, parameter, value), with the rows it covers counted and
// its first rows named; untagged traffic (organic, referral, direct) is counted, never
// linted; near-duplicate grouping never merges values that differ in a digit (q1 / q2).

import type { Severity } from '../result.js';
import { GA4_PLACEHOLDERS, UTM_LABELS, UTM_PARAMS, type UtmParam, type UtmRules } from './utm-params.js';
import { checkUtmValue, editDistance, normalizeUtmValue } from './utm-value-check.js';

/** A distinct set of tags and how many rows (or sessions) carry it. */
export interface UtmTagRecord {
  /** Where it was first seen, e.g. ["row 12", "row 40"] or ["2026-03-04"] (a few at most). */
  readonly refs: readonly string[];
  readonly count: number;
  readonly tags: Readonly<Partial<Record<UtmParam, string>>>;
}

export interface UtmLintProblem {
  readonly code: string;
  readonly severity: Severity;
  readonly param: UtmParam;
  /** The value at fault ('' for a missing parameter). */
  readonly value: string;
  readonly message: string;
  readonly hint?: string;
  /** Rows (or the records' counts) that carry the problem. */
  readonly count: number;
  /** The first rows where it was seen (at most three). */
  readonly firstRefs: readonly string[];
}

export interface UtmVariantGroup {
  readonly param: UtmParam;
  readonly spellings: readonly { readonly value: string; readonly count: number }[];
  /** The spelling to keep: the most frequent one that follows the rules, else its fix. */
  readonly suggested: string;
}

export interface UtmLintReport {
  readonly rows: number;
  readonly taggedRows: number;
  readonly untaggedRows: number;
  readonly problems: readonly UtmLintProblem[];
  readonly variants: readonly UtmVariantGroup[];
}

const FIRST_REFS = 3;
/** Fuzzy grouping is quadratic; beyond this many distinct values only exact keys group. */
const MAX_FUZZY_VALUES = 2000;
const AUTO_MEDIUMS = ['organic', 'referral'];

export const isPlaceholder = (v: string | undefined): boolean =>
  v === undefined || v.trim() === '' || GA4_PLACEHOLDERS.includes(v.trim().toLowerCase());

/** Traffic nobody tagged: no campaign-level tag, and a medium GA4 sets itself (or none). */
const isUntagged = (tags: UtmTagRecord['tags']): boolean =>
  UTM_PARAMS.every((p) => p === 'utm_source' || p === 'utm_medium' || isPlaceholder(tags[p])) &&
  (isPlaceholder(tags.utm_medium) || AUTO_MEDIUMS.includes((tags.utm_medium ?? '').trim().toLowerCase()));

/** The spelling-blind key: lower case, letters and digits only. */
export const variantKey = (v: string): string => v.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** True when two keys differ by one edit that touches no digit (spring_sale / sprng_sale). */
const nearKeys = (a: string, b: string): boolean => {
  if (a.length < 6 || b.length < 6 || Math.abs(a.length - b.length) > 1) return false;
  if (editDistance(a, b) !== 1) return false;
  let s = 0;
  while (s < a.length && a[s] === b[s]) s++;
  let ea = a.length;
  let eb = b.length;
  while (ea > s && eb > s && a[ea - 1] === b[eb - 1]) [ea, eb] = [ea - 1, eb - 1];
  return !/\d/.test(a.slice(s, ea) + b.slice(s, eb));
};

const groupVariants = (
  param: UtmParam,
  counts: ReadonlyMap<string, number>,
  rules: UtmRules,
): UtmVariantGroup[] => {
  const byKey = new Map<string, string[]>();
  for (const v of counts.keys()) {
    const k = variantKey(v);
    if (k === '') continue;
    byKey.set(k, [...(byKey.get(k) ?? []), v]);
  }
  const keys = [...byKey.keys()].sort();
  const parent = new Map(keys.map((k) => [k, k]));
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    return r;
  };
  if (keys.length <= MAX_FUZZY_VALUES)
    for (let i = 0; i < keys.length; i++)
      for (let j = i + 1; j < keys.length; j++) {
        const [a, b] = [keys[i] ?? '', keys[j] ?? ''];
        if (nearKeys(a, b)) parent.set(find(b), find(a));
      }
  const groups = new Map<string, string[]>();
  for (const k of keys) groups.set(find(k), [...(groups.get(find(k)) ?? []), ...(byKey.get(k) ?? [])]);
  const out: UtmVariantGroup[] = [];
  for (const values of groups.values()) {
    if (values.length < 2) continue;
    const spellings = values
      .map((value) => ({ value, count: counts.get(value) ?? 0 }))
      .sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : 1));
    const clean = spellings.find((s) => checkUtmValue(param, s.value, rules).length === 0);
    out.push({
      param,
      spellings,
      suggested: clean?.value ?? normalizeUtmValue(param, spellings[0]?.value ?? '', rules),
    });
  }
  return out.sort((x, y) => (x.suggested < y.suggested ? -1 : 1));
};

/** Lints every record against the rules; the report lists each problem once. */
export const lintUtmRecords = (records: Iterable<UtmTagRecord>, rules: UtmRules): UtmLintReport => {
  const problems = new Map<
    string,
    { p: Omit<UtmLintProblem, 'count' | 'firstRefs'>; count: number; refs: string[] }
  >();
  const add = (
    p: Omit<UtmLintProblem, 'count' | 'firstRefs'>,
    count: number,
    refs: readonly string[],
  ): void => {
    const key = `${p.code}\u0000${p.param}\u0000${p.value}`;
    const seen = problems.get(key) ?? { p, count: 0, refs: [] };
    seen.count += count;
    for (const ref of refs)
      if (seen.refs.length < FIRST_REFS && !seen.refs.includes(ref)) seen.refs.push(ref);
    problems.set(key, seen);
  };
  const valueCounts = new Map<UtmParam, Map<string, number>>(
    (['utm_source', 'utm_medium', 'utm_campaign'] as const).map((p) => [p, new Map<string, number>()]),
  );
  let rows = 0;
  let untagged = 0;
  for (const r of records) {
    rows += r.count;
    if (isUntagged(r.tags)) {
      untagged += r.count;
      continue;
    }
    for (const param of UTM_PARAMS) {
      const v = r.tags[param];
      if (isPlaceholder(v)) {
        if (rules.required.includes(param))
          add(
            {
              code: 'utm.param_missing',
              severity: 'error',
              param,
              value: '',
              message: `tagged rows without a ${UTM_LABELS[param].toLowerCase()} (${param})`,
              hint: `every tagged link needs ${rules.required.join(', ')}`,
            },
            r.count,
            r.refs,
          );
        continue;
      }
      const value = v ?? '';
      for (const i of checkUtmValue(param, value, rules))
        add(
          {
            code: i.code,
            severity: i.severity,
            param,
            value,
            message: i.message,
            ...(i.hint !== undefined ? { hint: i.hint } : {}),
          },
          r.count,
          r.refs,
        );
      const counts = valueCounts.get(param);
      if (counts) counts.set(value, (counts.get(value) ?? 0) + r.count);
    }
  }
  const variants = [...valueCounts].flatMap(([param, counts]) => groupVariants(param, counts, rules));
  for (const g of variants) {
    const label = UTM_LABELS[g.param];
    const total = g.spellings.reduce((s, x) => s + x.count, 0);
    problems.set(`variants\u0000${g.param}\u0000${g.suggested}`, {
      p: {
        code: `utm.${g.param.slice(4)}_variants`,
        severity: 'warning',
        param: g.param,
        value: g.suggested,
        message: `${label} "${g.suggested}" is spelled ${g.spellings.length} ways: ${g.spellings.map((s) => `"${s.value}" (${s.count})`).join(', ')}`,
        hint: `use one spelling: "${g.suggested}"; each spelling is a separate ${label.toLowerCase()} in reports`,
      },
      count: total,
      refs: [],
    });
  }
  const list = [...problems.values()].map(({ p, count, refs }): UtmLintProblem => ({
    ...p,
    count,
    firstRefs: refs,
  }));
  list.sort((a, b) => (a.severity === b.severity ? b.count - a.count : a.severity === 'error' ? -1 : 1));
  return { rows, taggedRows: rows - untagged, untaggedRows: untagged, problems: list, variants };
};
