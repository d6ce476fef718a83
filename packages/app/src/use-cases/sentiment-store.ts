// The sentiment side table `_kpi_sentiment`: per dataset row and sentiment column, the
// model's label, score, probabilities and model version, and the team's correction. IO.
// Invariants: a row is identified by its natural key (key values joined by U+001F, built by
// one SQL expression for reads and writes alike); a correction is never overwritten by a
// rescore; the dataset column always holds COALESCE(correction, model label).
import type { DatasetDef } from '@kpi/core';
import type { Engine, SqlValue } from '@kpi/engines';

export const SENTIMENT_TABLE = '_kpi_sentiment';

export type SentimentColumn = { readonly column: string; readonly from: string; readonly tool?: string };

/** The dataset's `sentiment:` columns. */
export const sentimentColumnsOf = (def: DatasetDef): SentimentColumn[] =>
  Object.entries(def.columns).flatMap(([column, c]) =>
    c.sentiment
      ? [{ column, from: c.sentiment.from, ...(c.sentiment.tool ? { tool: c.sentiment.tool } : {}) }]
      : [],
  );

export const ensureSentimentTable = (engine: Engine): Promise<void> => {
  const q = engine.dialect.quoteIdent;
  return engine.exec(`CREATE TABLE IF NOT EXISTS ${q(SENTIMENT_TABLE)} (
    dataset VARCHAR NOT NULL, column_name VARCHAR NOT NULL, row_key VARCHAR NOT NULL,
    label VARCHAR, score DOUBLE, p_negative DOUBLE, p_neutral DOUBLE, p_positive DOUBLE,
    model_version VARCHAR, corrected_label VARCHAR, corrected_by VARCHAR, corrected_at VARCHAR,
    PRIMARY KEY (dataset, column_name, row_key))`);
};

/** SQL for a row's key string, on table alias `alias`. */
export const rowKeySql = (engine: Engine, def: DatasetDef, alias: string): string => {
  const q = engine.dialect.quoteIdent;
  const parts = def.key.map((k) => `CAST(${q(alias)}.${q(k)} AS VARCHAR)`);
  return parts.length === 1 ? parts[0]! : `concat_ws(chr(31), ${parts.join(', ')})`;
};

export const joinKey = (values: readonly string[]): string => values.join('\u001f');

export type ScoredRow = {
  readonly rowKey: string;
  readonly label: string;
  readonly score: number;
  readonly p: readonly [number, number, number];
};

/** Upserts model labels (keeping corrections), 500 rows a statement. */
export const writeScores = async (
  engine: Engine,
  dataset: string,
  column: string,
  version: string,
  rows: readonly ScoredRow[],
): Promise<void> => {
  const q = engine.dialect.quoteIdent;
  for (let start = 0; start < rows.length; start += 500) {
    const batch = rows.slice(start, start + 500);
    const params: SqlValue[] = [];
    const tuples = batch.map((r) => {
      const b = params.length;
      params.push(dataset, column, r.rowKey, r.label, r.score, r.p[0], r.p[1], r.p[2], version);
      return `(${Array.from({ length: 9 }, (_, i) => `$${b + i + 1}`).join(', ')})`;
    });
    await engine.exec(
      `INSERT INTO ${q(SENTIMENT_TABLE)} (dataset, column_name, row_key, label, score, p_negative, p_neutral, p_positive, model_version)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (dataset, column_name, row_key) DO UPDATE SET label = excluded.label, score = excluded.score,
         p_negative = excluded.p_negative, p_neutral = excluded.p_neutral, p_positive = excluded.p_positive,
         model_version = excluded.model_version`,
      params,
    );
  }
};

/** Copies COALESCE(correction, label) into the dataset column for every stored row. */
export const applyLabels = async (
  engine: Engine,
  dataset: string,
  def: DatasetDef,
  column: string,
): Promise<void> => {
  const q = engine.dialect.quoteIdent;
  await engine.exec(
    `UPDATE ${q(dataset)} AS t SET ${q(column)} = COALESCE(s.corrected_label, s.label)
     FROM ${q(SENTIMENT_TABLE)} AS s
     WHERE s.dataset = $1 AND s.column_name = $2 AND s.row_key = ${rowKeySql(engine, def, 't')}
       AND t.${q(column)} IS DISTINCT FROM COALESCE(s.corrected_label, s.label)`,
    [dataset, column],
  );
};
