// Cross-reference rules for churn definitions: the dataset and every column named exist,
// with types that fit. Pure. Invariant: returns every problem; positions come from `path`.

import type { Issue } from '../result.js';
import type { Project } from './project-model.js';
import { ownGet } from '../own-lookup.js';

const err = (code: string, message: string, path: readonly (string | number)[], hint?: string): Issue =>
  hint ? { code, severity: 'error', message, path, hint } : { code, severity: 'error', message, path };

export const validateChurn = (p: Project): Issue[] => {
  const out: Issue[] = [];
  for (const [name, c] of Object.entries(p.churn ?? {})) {
    const base = ['churn', name];
    const ds = ownGet(p.datasets, c.dataset);
    if (!ds) {
      out.push(
        err(
          'churn.dataset_unknown',
          `churn ${name}: no dataset "${c.dataset}"`,
          [...base, 'dataset'],
          `datasets: ${Object.keys(p.datasets).join(', ') || '(none)'}`,
        ),
      );
      continue;
    }
    const cols = Object.keys(ds.columns).join(', ');
    const need = (
      col: string,
      path: readonly (string | number)[],
      what: string,
      types?: readonly string[],
    ) => {
      const def = ownGet(ds.columns, col);
      if (!def)
        out.push(
          err(
            'churn.column_unknown',
            `churn ${name}: the ${what} column "${col}" is not in dataset ${c.dataset}`,
            path,
            `columns: ${cols}`,
          ),
        );
      else if (types && !types.includes(def.type))
        out.push(
          err(
            'churn.column_type',
            `churn ${name}: the ${what} column "${col}" has type ${def.type}`,
            path,
            `it must be ${types.join(' or ')}`,
          ),
        );
    };
    need(c.customer, [...base, 'customer'], 'customer');
    if (c.cancel) need(c.cancel.column, [...base, 'cancel', 'column'], 'cancel');
    if (c.revenue) need(c.revenue, [...base, 'revenue'], 'revenue', ['integer', 'number']);
    (c.segments ?? []).forEach((s, i) => need(s, [...base, 'segments', i], 'segment'));
  }
  return out;
};
