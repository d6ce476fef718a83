// Builds a tagged URL from a base URL and campaign parameters, and reads the parameters
// back out of a URL. Pure (no node:*, no URL global: the text is split by hand, so nothing is re-encoded).
// Invariants: the base's own query pairs and fragment are kept byte for byte (only pairs
// of a parameter being set are replaced); values are percent-encoded (RFC 3986, space as
// %20); parameter names from input land in null-prototype records or arrays of pairs, so
// "__proto__" is a name like any other.

import type { Issue } from '../result.js';
import { ownRecord } from '../own-lookup.js';
import { UTM_LABELS, UTM_PARAMS, isUtmParam, type UtmParam, type UtmRules } from './utm-params.js';
import { checkUtmValue, closest, normalizeUtmValue } from './utm-value-check.js';

export type UtmValues = Readonly<Partial<Record<UtmParam, string>>>;

export interface BuiltUtmUrl {
  /** The tagged URL; undefined when the base URL cannot be used. */
  readonly url: string | undefined;
  /** The values written (after normalizing, when asked). */
  readonly params: UtmValues;
  /** Parameters the base already carried and that were replaced. */
  readonly replaced: readonly UtmParam[];
  readonly issues: readonly Issue[];
}

interface SplitUrl {
  readonly head: string;
  readonly query: string | undefined;
  readonly fragment: string | undefined;
}

const splitUrl = (url: string): SplitUrl => {
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? undefined : url.slice(hash + 1);
  const q = beforeHash.indexOf('?');
  return q < 0
    ? { head: beforeHash, query: undefined, fragment }
    : { head: beforeHash.slice(0, q), query: beforeHash.slice(q + 1), fragment };
};

/** Decodes a query component (form style: "+" is a space); undefined when malformed. */
const decodePart = (s: string): string | undefined => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
};

const baseIssue = (code: string, message: string, hint: string): Issue => ({
  code,
  severity: 'error',
  message,
  path: ['base'],
  hint,
});

const checkBase = (base: string): Issue | undefined => {
  const t = base.trim();
  if (t === '')
    return baseIssue(
      'utm.base_missing',
      'no base URL given',
      'give the landing page, e.g. https://example.com/shop',
    );
  if (/\s/.test(t))
    return baseIssue('utm.base_spaces', `the base URL "${t}" has a space`, 'encode spaces in a URL as %20');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(t)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https')
    return baseIssue(
      'utm.base_scheme',
      `"${t}" is not a web address (http or https)`,
      'campaign links point to a web page: start it with https://',
    );
  if (!/^https?:\/\/[^\s/?#]*[a-z0-9][^\s/?#]*(?:[/?#]|$)/i.test(t))
    return baseIssue(
      'utm.base_invalid',
      `"${t}" is not a whole web address`,
      'write it with https:// and the domain, e.g. https://example.com/shop',
    );
  return undefined;
};

/**
 * Tags `base` with `values`. Empty values are left out; required parameters must be given;
 * every value is checked against the rules (normalized first when `normalize` is set).
 */
export const buildUtmUrl = (
  base: string,
  values: UtmValues,
  rules: UtmRules,
  options: { readonly normalize?: boolean } = {},
): BuiltUtmUrl => {
  const issues: Issue[] = [];
  const bad = checkBase(base);
  if (bad) issues.push(bad);
  const params: Partial<Record<UtmParam, string>> = {};
  for (const p of UTM_PARAMS) {
    const raw = values[p];
    if (raw === undefined || raw.trim() === '') {
      if (rules.required.includes(p))
        issues.push({
          code: 'utm.param_missing',
          severity: 'error',
          message: `${UTM_LABELS[p]} (${p}) is required`,
          path: [p],
          hint: `give it with --${p.slice(4).replace(/_/g, '-')} (required: in utm: of kpi.yaml)`,
        });
      continue;
    }
    const v = options.normalize ? normalizeUtmValue(p, raw, rules) : raw;
    params[p] = v;
    issues.push(...checkUtmValue(p, v, rules));
  }
  if (bad) return { url: undefined, params, replaced: [], issues };
  const { head, query, fragment } = splitUrl(base.trim());
  const replaced: UtmParam[] = [];
  const kept = (query ?? '').split('&').filter((pair) => {
    if (pair === '') return false;
    const name = decodePart(pair.split('=')[0] ?? '');
    if (name !== undefined && isUtmParam(name) && params[name] !== undefined) {
      if (!replaced.includes(name)) replaced.push(name);
      return false;
    }
    return true;
  });
  const added = UTM_PARAMS.flatMap((p) => {
    const v = params[p];
    return v === undefined ? [] : [`${p}=${encodeURIComponent(v)}`];
  });
  const all = [...kept, ...added];
  const url = `${head}${all.length ? '?' + all.join('&') : ''}${fragment !== undefined ? '#' + fragment : ''}`;
  return { url, params, replaced, issues };
};

export interface ParsedUtmUrl {
  /** The URL without its utm_ pairs (other pairs and the fragment kept). */
  readonly base: string;
  /** GA4's parameters found, decoded (a null-prototype record). */
  readonly params: UtmValues;
  /** Every other query pair, decoded, in order. */
  readonly other: readonly (readonly [string, string])[];
  readonly issues: readonly Issue[];
}

const warn = (code: string, message: string, path: string, hint: string): Issue => ({
  code,
  severity: 'warning',
  message,
  path: [path],
  hint,
});

/** Reads the campaign parameters of `url`; with rules, checks each value against them. */
export const parseUtmUrl = (url: string, rules?: UtmRules): ParsedUtmUrl => {
  const issues: Issue[] = [];
  const bad = checkBase(url);
  if (bad) issues.push({ ...bad, code: bad.code.replace('utm.base_', 'utm.url_'), path: ['url'] });
  const { head, query, fragment } = splitUrl(url.trim());
  const params = ownRecord<string>() as Partial<Record<UtmParam, string>>;
  const other: [string, string][] = [];
  const keptPairs: string[] = [];
  for (const pair of (query ?? '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const name = decodePart(rawName) ?? rawName;
    let value = decodePart(rawValue);
    if (value === undefined) {
      issues.push(
        warn(
          'utm.bad_encoding',
          `"${pair}" has a broken %-escape; its value is read as written`,
          name,
          'percent-encode the value again (a "%" itself is written %25)',
        ),
      );
      value = rawValue;
    }
    const lower = name.toLowerCase();
    if (isUtmParam(lower)) {
      if (lower !== name)
        issues.push(
          warn(
            'utm.param_case',
            `the parameter "${name}" is not written in lower case`,
            name,
            `write it as ${lower}: analytics tools read the lower-case name`,
          ),
        );
      if (params[lower] !== undefined) {
        issues.push(
          warn(
            'utm.param_duplicate',
            `${lower} appears more than once; the first value "${params[lower]}" is kept`,
            lower,
            'give each parameter once',
          ),
        );
        continue;
      }
      params[lower] = value;
      continue;
    }
    if (lower.startsWith('utm_')) {
      const near = closest(lower, UTM_PARAMS);
      issues.push(
        warn(
          'utm.param_unknown',
          `"${name}" is not one of GA4's campaign parameters`,
          name,
          near !== undefined ? `did you mean ${near}?` : `GA4 reads: ${UTM_PARAMS.join(', ')}`,
        ),
      );
    }
    other.push([name, value]);
    keptPairs.push(pair);
  }
  if (rules)
    for (const p of UTM_PARAMS) {
      const v = params[p];
      if (v === undefined || v === '') {
        if (rules.required.includes(p))
          issues.push({
            code: 'utm.param_missing',
            severity: 'error',
            message: `${UTM_LABELS[p]} (${p}) is missing`,
            path: [p],
          });
      } else issues.push(...checkUtmValue(p, v, rules));
    }
  const base = `${head}${keptPairs.length ? '?' + keptPairs.join('&') : ''}${fragment !== undefined ? '#' + fragment : ''}`;
  return { base, params, other, issues };
};
