// Computes a dataset's `engagement:` columns after an import: the (weighted) engagement of
// each row, or its engagement rate when `per` names a denominator column. IO (one UPDATE per
// column). Invariants: weights are bound parameters; a missing interaction counts 0; a rate
// whose denominator is 0 or empty is NULL.
import { engagementWeights, ownGet, type DatasetDef } from '@kpi/core';
import type { Engine, SqlValue } from '@kpi/engines';

export const engagementColumnsOf = (def: DatasetDef): string[] =>
  Object.keys(def.columns).filter((c) => ownGet(def.columns, c)?.engagement);

export const computeEngagementColumns = async (
  engine: Engine,
  dataset: string,
  def: DatasetDef,
): Promise<string[]> => {
  const q = engine.dialect.quoteIdent;
  const done: string[] = [];
  for (const column of engagementColumnsOf(def)) {
    const spec = ownGet(def.columns, column)!.engagement!;
    const params: SqlValue[] = [];
    const terms = [...engagementWeights(spec)].map(([c, w]) => {
      params.push(w);
      return `$${params.length} * COALESCE(CAST(${q(c)} AS DOUBLE), 0)`;
    });
    const sum = `(${terms.join(' + ')})`;
    const value = spec.per ? `${sum} / NULLIF(CAST(${q(spec.per)} AS DOUBLE), 0)` : sum;
    await engine.exec(`UPDATE ${q(dataset)} SET ${q(column)} = ${value}`, params);
    done.push(column);
  }
  return done;
};
