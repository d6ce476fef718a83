// The naming rules applied to one parameter value: case, spaces, separator, allowed sources
// and mediums; and the fix (normalize). Shared by build, parse and lint. Pure.
// Invariant: a value that passes every check is returned unchanged by normalizeUtmValue.

import type { Issue } from '../result.js';
import { UTM_LABELS, UTM_SEPARATORS, type UtmParam, type UtmRules } from './utm-params.js';

/** utm_id is an identifier from another system: its case and characters are not ours to judge. */
const styled = (p: UtmParam): boolean => p !== 'utm_id';

const issueOf = (code: string, param: UtmParam, message: string, hint?: string): Issue =>
  hint
    ? { code, severity: 'error', message, path: [param], hint }
    : { code, severity: 'error', message, path: [param] };

/** Edit distance (Levenshtein), for "did you mean" hints and near-duplicate campaigns. */
export const editDistance = (a: string, b: string): number => {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
};

/** The closest allowed value within two edits, for a hint. */
export const closest = (value: string, allowed: readonly string[]): string | undefined => {
  let best: string | undefined;
  let bestD = 3;
  for (const a of allowed) {
    const d = editDistance(value.toLowerCase(), a.toLowerCase());
    if (d < bestD) [best, bestD] = [a, d];
  }
  return best;
};

/** The value the rules would write: trimmed, lower case, words joined by the separator. */
export const normalizeUtmValue = (param: UtmParam, value: string, rules: UtmRules): string => {
  let v = value.trim();
  if (!styled(param)) return v;
  if (rules.lowercase) v = v.toLowerCase();
  const sep = rules.separator ?? (rules.allowSpaces ? undefined : '_');
  if (sep !== undefined) {
    const others = [...UTM_SEPARATORS.filter((s) => s !== sep), ...(rules.allowSpaces ? [] : [' '])];
    const cls = others.map((c) => `\\${c}`).join('');
    v = v.replace(new RegExp(`[\\s${cls}]+`, 'g'), (m) => (/^\s+$/.test(m) && rules.allowSpaces ? m : sep));
    v = v.replace(new RegExp(`\\${sep}{2,}`, 'g'), sep);
  }
  return v;
};

/** Every rule the value breaks; empty when it follows them all. */
export const checkUtmValue = (param: UtmParam, value: string, rules: UtmRules): Issue[] => {
  const out: Issue[] = [];
  const label = UTM_LABELS[param];
  const fixed = normalizeUtmValue(param, value, rules);
  const fix = `write it as "${fixed}"`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value))
    out.push(
      issueOf('utm.value_control', param, `${label} "${value}" holds a control character`, 'remove it'),
    );
  if (styled(param)) {
    if (value !== value.trim())
      out.push(issueOf('utm.value_padding', param, `${label} "${value}" starts or ends with a space`, fix));
    if (!rules.allowSpaces && /\s/.test(value.trim()))
      out.push(issueOf('utm.value_spaces', param, `${label} "${value}" has a space`, fix));
    if (rules.lowercase && value !== value.toLowerCase())
      out.push(issueOf('utm.value_case', param, `${label} "${value}" has capital letters`, fix));
    if (rules.separator !== undefined) {
      const other = UTM_SEPARATORS.find((s) => s !== rules.separator && value.includes(s));
      if (other !== undefined)
        out.push(
          issueOf(
            'utm.value_separator',
            param,
            `${label} "${value}" joins words with "${other}"; the project uses "${rules.separator}"`,
            fix,
          ),
        );
    }
  }
  const allowed = param === 'utm_source' ? rules.sources : param === 'utm_medium' ? rules.mediums : [];
  if (allowed.length > 0 && !allowed.includes(fixed) && !allowed.includes(value)) {
    const near = closest(fixed, allowed);
    out.push(
      issueOf(
        param === 'utm_source' ? 'utm.source_unknown' : 'utm.medium_unknown',
        param,
        `${label} "${value}" is not one of the project's ${param === 'utm_source' ? 'sources' : 'mediums'}`,
        `${near !== undefined ? `did you mean "${near}"? ` : ''}allowed: ${allowed.join(', ')} (utm: in kpi.yaml)`,
      ),
    );
  }
  return out;
};
