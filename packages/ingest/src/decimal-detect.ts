// Tells from the first rows of a file whether its numbers use a decimal comma
// ("54,50", "1.234,5"). Pure. Invariant: only values that can be read one way alone count:
// "1,234" or "1.234" decide nothing, and one value that is only valid with a decimal point
// keeps the decimal point. The caller only asks for files not separated by commas.

import { ownGet, type DatasetDef } from '@kpi/core';
import type { HeaderMapping } from './header-map.js';

const NOISE = /[\s\u00A0\u202F\u2009$€£¥₹%()]/g;
const DOT = /^[+-]?((\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const COMMA = /^[+-]?((\d{1,3}(\.\d{3})+|\d+)(,\d*)?|,\d+)$/;

/** True when some number reads only with a decimal comma and none only with a decimal point. */
export const looksDecimalComma = (
  sample: readonly (readonly string[])[],
  mapping: HeaderMapping,
  def: DatasetDef,
): boolean => {
  let comma = 0;
  for (const m of mapping.mapped) {
    const type = ownGet(def.columns, m.column)?.type;
    if (type !== 'number' && type !== 'integer') continue;
    for (const rec of sample) {
      const v = (rec[m.index] ?? '').replace(NOISE, '');
      if (v === '') continue;
      const dot = DOT.test(v);
      const com = COMMA.test(v);
      if (dot && !com) return false;
      if (com && !dot) comma++;
    }
  }
  return comma > 0;
};
