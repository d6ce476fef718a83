// Use-cases for sentiment in the data: score a dataset's `sentiment:` columns at import
// (new rows) or all rows (`kpi sentiment rescore`), report the agreement with a tool's own
// label column, and keep the team's corrections, which override the model. IO.
// Invariants: the model used is the project's adapter when one was trained (see
// sentiment-adapter.ts), else the bundled one; every stored label carries its model version.
import { NotFoundError, ownGet, UsageError, type DatasetDef } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import { SENTIMENT_LABELS, themeTerms, type SentimentLabel, type ThemeTerm } from '@kpi/sentiment';
import { systemClock } from '../dates.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { projectScorer } from './sentiment-adapter.js';
import {
  applyLabels,
  ensureSentimentTable,
  joinKey,
  rowKeySql,
  SENTIMENT_TABLE,
  sentimentColumnsOf,
  writeScores,
  type ScoredRow,
} from './sentiment-store.js';

export type ToolAgreement = {
  readonly compared: number;
  readonly agreed: number;
  readonly share: number | null;
};

export type SentimentColumnRun = {
  readonly dataset: string;
  readonly column: string;
  readonly from: string;
  readonly scored: number;
  readonly corrections: number;
  readonly modelVersion: string;
  readonly counts: Readonly<Record<SentimentLabel, number>>;
  readonly tool?: { readonly column: string } & ToolAgreement;
};

const TOOL_LABELS = new Map<string, SentimentLabel>([
  ['positive', 'positive'],
  ['pos', 'positive'],
  ['+', 'positive'],
  ['negative', 'negative'],
  ['neg', 'negative'],
  ['-', 'negative'],
  ['neutral', 'neutral'],
  ['neu', 'neutral'],
]);

/** A tool's label as one of ours (undefined for "mixed" and anything unknown). */
export const toolLabel = (raw: unknown): SentimentLabel | undefined =>
  typeof raw === 'string' ? TOOL_LABELS.get(raw.trim().toLowerCase()) : undefined;

const datasetDef = (lp: LoadedProject, dataset: string): DatasetDef => {
  const def = ownGet(lp.project.datasets, dataset);
  if (!def)
    throw new NotFoundError(
      'sentiment.dataset_unknown',
      `dataset "${dataset}" is not defined in the project`,
      `defined datasets: ${Object.keys(lp.project.datasets).sort().join(', ') || '(none)'}`,
    );
  return def;
};

/** Scores one dataset's sentiment columns on an open engine: rows without a label, or all of them. */
export const scoreDatasetSentiment = async (
  engine: Engine,
  lp: LoadedProject,
  dataset: string,
  opts: { all?: boolean } = {},
): Promise<SentimentColumnRun[]> => {
  const def = datasetDef(lp, dataset);
  const columns = sentimentColumnsOf(def);
  if (columns.length === 0) return [];
  const { scorer, version } = projectScorer(lp.dir);
  const q = engine.dialect.quoteIdent;
  await ensureSentimentTable(engine);
  const out: SentimentColumnRun[] = [];
  for (const col of columns) {
    const run = await engine.transaction(async () => {
      const rows = await engine.query(
        `SELECT ${rowKeySql(engine, def, 't')} AS row_key, t.${q(col.from)} AS text FROM ${q(dataset)} AS t
         WHERE t.${q(col.from)} IS NOT NULL${opts.all ? '' : ` AND t.${q(col.column)} IS NULL`}`,
      );
      const scored: ScoredRow[] = rows.rows.map((r) => {
        const s = scorer.score(String(r['text']));
        return {
          rowKey: String(r['row_key']),
          label: s.label,
          score: s.score,
          p: [s.probabilities.negative, s.probabilities.neutral, s.probabilities.positive],
        };
      });
      await writeScores(engine, dataset, col.column, version, scored);
      await applyLabels(engine, dataset, def, col.column);
      return scored.length;
    });
    out.push({
      ...(await columnSummary(engine, dataset, col.column, col.tool)),
      from: col.from,
      scored: run,
      modelVersion: version,
    });
  }
  return out;
};

const columnSummary = async (engine: Engine, dataset: string, column: string, tool: string | undefined) => {
  const q = engine.dialect.quoteIdent;
  const counts = { negative: 0, neutral: 0, positive: 0 };
  const byLabel = await engine.query(
    `SELECT ${q(column)} AS label, count(*) AS n FROM ${q(dataset)} GROUP BY 1`,
  );
  for (const r of byLabel.rows) {
    const l = r['label'];
    if (l === 'negative' || l === 'neutral' || l === 'positive') counts[l] = Number(r['n']);
  }
  const corr = await engine.query(
    `SELECT count(*) AS n FROM ${q(SENTIMENT_TABLE)} WHERE dataset = $1 AND column_name = $2 AND corrected_label IS NOT NULL`,
    [dataset, column],
  );
  const base = { dataset, column, counts, corrections: Number(corr.rows[0]?.['n'] ?? 0) };
  if (!tool) return base;
  const pairs = await engine.query(
    `SELECT ${q(tool)} AS tool, ${q(column)} AS model FROM ${q(dataset)} WHERE ${q(tool)} IS NOT NULL AND ${q(column)} IS NOT NULL`,
  );
  let compared = 0;
  let agreed = 0;
  for (const r of pairs.rows) {
    const t = toolLabel(r['tool']);
    if (!t) continue;
    compared++;
    if (t === r['model']) agreed++;
  }
  return { ...base, tool: { column: tool, compared, agreed, share: compared ? agreed / compared : null } };
};

/** `kpi sentiment rescore [dataset]`: every row of every sentiment column, with the current model. */
export const rescoreSentiment = async (
  lp: LoadedProject,
  dataset?: string,
): Promise<SentimentColumnRun[]> => {
  const names =
    dataset === undefined
      ? Object.keys(lp.project.datasets).filter((d) => sentimentColumnsOf(datasetDef(lp, d)).length > 0)
      : [dataset];
  if (dataset !== undefined && sentimentColumnsOf(datasetDef(lp, dataset)).length === 0)
    throw new UsageError(
      'sentiment.no_column',
      `dataset ${dataset} has no sentiment column`,
      'add a column with `sentiment: {from: <text column>}` to it in kpi.yaml',
    );
  return withStore(lp, async (engine) => {
    const out: SentimentColumnRun[] = [];
    for (const d of names) out.push(...(await scoreDatasetSentiment(engine, lp, d, { all: true })));
    return out;
  });
};

export type SentimentCorrection = {
  readonly dataset: string;
  /** The row's natural key values, in the dataset's key order. */
  readonly key: readonly string[];
  readonly label: string;
  readonly column?: string;
  readonly by: string;
};

/** Keeps a correction (it overrides the model, now and after every rescore). */
export const correctSentiment = async (
  lp: LoadedProject,
  c: SentimentCorrection,
): Promise<{ readonly column: string; readonly previous: string | null; readonly label: SentimentLabel }> => {
  const def = datasetDef(lp, c.dataset);
  const columns = sentimentColumnsOf(def);
  const col = c.column === undefined ? columns[0] : columns.find((x) => x.column === c.column);
  if (!col)
    throw new UsageError(
      'sentiment.no_column',
      c.column === undefined
        ? `dataset ${c.dataset} has no sentiment column`
        : `dataset ${c.dataset} has no sentiment column "${c.column}"`,
      `sentiment columns: ${columns.map((x) => x.column).join(', ') || '(none)'}`,
    );
  const label = SENTIMENT_LABELS.find((l) => l === c.label.trim().toLowerCase());
  if (!label)
    throw new UsageError(
      'sentiment.bad_label',
      `"${c.label}" is not a sentiment label`,
      'use positive, neutral or negative',
    );
  if (c.key.length !== def.key.length)
    throw new UsageError(
      'sentiment.bad_key',
      `dataset ${c.dataset} has a key of ${def.key.length} column(s) (${def.key.join(', ')}); got ${c.key.length} value(s)`,
      'give one value per key column, in that order',
    );
  const rowKey = joinKey(c.key);
  const at = (lp.clock ?? systemClock).now().toISOString();
  return withStore(lp, async (engine) => {
    const q = engine.dialect.quoteIdent;
    await ensureSentimentTable(engine);
    return engine.transaction(async () => {
      const found = await engine.query(
        `SELECT t.${q(col.column)} AS label FROM ${q(c.dataset)} AS t WHERE ${rowKeySql(engine, def, 't')} = $1`,
        [rowKey],
      );
      if (found.rows.length === 0)
        throw new NotFoundError(
          'sentiment.row_unknown',
          `dataset ${c.dataset} has no row with key ${def.key.map((k, i) => `${k}=${c.key[i]}`).join(', ')}`,
          'check the key with kpi query or the export',
        );
      await engine.exec(
        `INSERT INTO ${q(SENTIMENT_TABLE)} (dataset, column_name, row_key, corrected_label, corrected_by, corrected_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (dataset, column_name, row_key) DO UPDATE SET corrected_label = excluded.corrected_label, corrected_by = excluded.corrected_by, corrected_at = excluded.corrected_at`,
        [c.dataset, col.column, rowKey, label, c.by, at],
      );
      await applyLabels(engine, c.dataset, def, col.column);
      const prev = found.rows[0]?.['label'];
      return { column: col.column, previous: typeof prev === 'string' ? prev : null, label };
    });
  });
};

export type SentimentThemes = {
  readonly dataset: string;
  readonly column: string;
  readonly label: SentimentLabel;
  readonly period: { readonly from: string; readonly to: string; readonly mentions: number };
  readonly previous: { readonly from: string; readonly to: string; readonly mentions: number };
  readonly themes: readonly (Omit<ThemeTerm, 'examples'> & { readonly examples: readonly string[] })[];
};

const dayShift = (iso: string, days: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Sentiment by theme: terms over-represented in [from, to]'s mentions of `label` against the period before, as long. */
export const sentimentThemes = async (
  lp: LoadedProject,
  q: { dataset: string; from: string; to: string; label?: string; column?: string; top?: number },
): Promise<SentimentThemes> => {
  const def = datasetDef(lp, q.dataset);
  const columns = sentimentColumnsOf(def);
  const col = q.column === undefined ? columns[0] : columns.find((c) => c.column === q.column);
  if (!col)
    throw new UsageError(
      'sentiment.no_column',
      `dataset ${q.dataset} has no sentiment column${q.column ? ` "${q.column}"` : ''}`,
      'add a column with `sentiment: {from: <text column>}` in kpi.yaml',
    );
  const label = SENTIMENT_LABELS.find((l) => l === (q.label ?? 'negative'));
  if (!label)
    throw new UsageError(
      'sentiment.bad_label',
      `"${q.label}" is not a sentiment label`,
      'use positive, neutral or negative',
    );
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!iso.test(q.from) || !iso.test(q.to) || q.from > q.to)
    throw new UsageError(
      'sentiment.bad_period',
      `period ${q.from} to ${q.to} is not two ISO dates in order`,
      'write --from 2026-03-01 --to 2026-03-31',
    );
  const days = Math.round((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000) + 1;
  const prevTo = dayShift(q.from, -1);
  const prevFrom = dayShift(q.from, -days);
  const texts = (engine: Engine, from: string, to: string) => {
    const qi = engine.dialect.quoteIdent;
    return engine
      .query(
        `SELECT ${qi(col.from)} AS text FROM ${qi(q.dataset)} WHERE ${qi(col.column)} = $1 AND ${qi(col.from)} IS NOT NULL
         AND CAST(${qi(def.time)} AS DATE) BETWEEN CAST($2 AS DATE) AND CAST($3 AS DATE) ORDER BY ${def.key.map((k) => qi(k)).join(', ')}`,
        [label, from, to],
      )
      .then((r) => r.rows.map((x) => String(x['text'])));
  };
  const [cur, prev] = await withStore(
    lp,
    async (engine) => [await texts(engine, q.from, q.to), await texts(engine, prevFrom, prevTo)] as const,
  );
  const themes = themeTerms(cur, prev, { top: q.top ?? 5 }).map((t) => ({
    ...t,
    examples: t.examples.map((i) => cur[i]!),
  }));
  return {
    dataset: q.dataset,
    column: col.column,
    label,
    period: { from: q.from, to: q.to, mentions: cur.length },
    previous: { from: prevFrom, to: prevTo, mentions: prev.length },
    themes,
  };
};
