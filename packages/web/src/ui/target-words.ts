// A KPI target in plain words, for the cards, the KPI page and the history. Pure; the
// numbers go through ui/format.ts.

import type { TargetDef, ValueFormat } from '../api/api-types';
import { fmt, fmtDate } from './format';

/** "reach 2,050 in total by 31 Dec 2026", "stay above 1.30%", "reach 97,000 by 31 Dec 2026". */
export const targetInWords = (
  t: Pick<TargetDef, 'kind' | 'value'> & { readonly deadline?: string | undefined },
  format: ValueFormat,
): string => {
  const v = fmt(t.value, format);
  const by = t.deadline ? ` by ${fmtDate(t.deadline)}` : '';
  switch (t.kind) {
    case 'reach':
      return `reach ${v}${by}`;
    case 'cumulative':
      return `reach ${v} in total${by}`;
    case 'stay_above':
      return `stay above ${v}`;
    case 'stay_below':
      return `stay below ${v}`;
    default:
      return `${String(t.kind)} ${v}${by}`;
  }
};

/** The same at the start of a line: "Reach 2,050 in total by 31 Dec 2026", "Stay below €88.00". */
export const targetLine = (...args: Parameters<typeof targetInWords>): string => {
  const words = targetInWords(...args);
  return words.charAt(0).toUpperCase() + words.slice(1);
};
