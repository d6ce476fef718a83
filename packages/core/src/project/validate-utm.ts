// Rules for the `utm:` section: the allowed values follow the project's own naming rules
// (so a rule cannot forbid its own list), names are not repeated, and the attribution
// datasets and columns exist with fitting types. Pure. Returns every problem.

import type { Issue } from '../result.js';
import type { Project } from './project-model.js';
import { ownGet } from '../own-lookup.js';
import { utmRulesOf } from '../schema/utm-schema.js';
import { checkUtmValue } from '../utm/utm-value-check.js';

const err = (code: string, message: string, path: readonly (string | number)[], hint?: string): Issue =>
  hint ? { code, severity: 'error', message, path, hint } : { code, severity: 'error', message, path };

const NUMERIC = ['integer', 'number'];

export const validateUtm = (p: Project): Issue[] => {
  const def = p.utm;
  if (!def) return [];
  const out: Issue[] = [];
  const rules = { ...utmRulesOf(def), sources: [], mediums: [] };
  for (const [list, param] of [
    ['sources', 'utm_source'],
    ['mediums', 'utm_medium'],
  ] as const) {
    const seen = new Set<string>();
    (def[list] ?? []).forEach((v, i) => {
      const path = ['utm', list, i];
      if (seen.has(v))
        out.push(err('utm.rule_duplicate', `utm.${list}: "${v}" is listed twice`, path, 'remove one'));
      seen.add(v);
      for (const i2 of checkUtmValue(param, v, rules))
        out.push(
          err(
            `utm.rule_${i2.code.slice('utm.value_'.length)}`,
            `utm.${list}: ${i2.message}, which the rules of this section forbid`,
            path,
            i2.hint,
          ),
        );
    });
  }
  if ((def.required ?? []).length !== new Set(def.required ?? []).size)
    out.push(
      err(
        'utm.rule_duplicate',
        'utm.required names a parameter twice',
        ['utm', 'required'],
        'remove the repeat',
      ),
    );
  const column = (
    dataset: string,
    col: string | undefined,
    path: readonly (string | number)[],
    what: string,
    numeric: boolean,
  ): void => {
    const ds = ownGet(p.datasets, dataset);
    if (!ds || col === undefined) return;
    const c = ownGet(ds.columns, col);
    if (!c)
      out.push(
        err(
          'utm.column_unknown',
          `utm: the ${what} column "${col}" is not in dataset ${dataset}`,
          path,
          `columns: ${Object.keys(ds.columns).join(', ')}`,
        ),
      );
    else if (numeric && !NUMERIC.includes(c.type))
      out.push(
        err(
          'utm.column_type',
          `utm: the ${what} column "${col}" has type ${c.type}`,
          path,
          'it must be integer or number',
        ),
      );
  };
  const dataset = (name: string, path: readonly (string | number)[]): boolean => {
    if (ownGet(p.datasets, name)) return true;
    out.push(
      err(
        'utm.dataset_unknown',
        `utm: no dataset "${name}"`,
        path,
        `datasets: ${Object.keys(p.datasets).join(', ') || '(none)'}`,
      ),
    );
    return false;
  };
  const s = def.sessions;
  if (s && dataset(s.dataset, ['utm', 'sessions', 'dataset'])) {
    for (const f of ['campaign', 'source', 'medium', 'content', 'term'] as const)
      column(s.dataset, s[f], ['utm', 'sessions', f], f, false);
    for (const f of ['sessions', 'conversions'] as const)
      column(s.dataset, s[f], ['utm', 'sessions', f], f, true);
  }
  (def.paid ?? []).forEach((pd, i) => {
    const base = ['utm', 'paid', i];
    if (!dataset(pd.dataset, [...base, 'dataset'])) return;
    column(pd.dataset, pd.campaign, [...base, 'campaign'], 'campaign', false);
    column(pd.dataset, pd.spend, [...base, 'spend'], 'spend', true);
  });
  return out;
};
