// The per-project sentiment adapter: the bundled model fine-tuned on the team's own labels
// (its corrections), measured on a held-out share of them, kept in .kpi/sentiment-adapter.bin
// only when it beats the bundled model there. IO.
// Invariants: the split is seeded (same labels, same split); the held-out share never trains.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IoError, UsageError } from '@kpi/core';
import {
  bundledModel,
  createScorer,
  decodeModel,
  encodeModel,
  evaluate,
  seededRandom,
  SENTIMENT_LABELS,
  shuffledOrder,
  trainSoftmax,
  type SentimentModel,
  type SentimentScorer,
} from '@kpi/sentiment';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { rowKeySql, SENTIMENT_TABLE, ensureSentimentTable, sentimentColumnsOf } from './sentiment-store.js';

export const adapterPath = (dir: string): string => join(dir, '.kpi', 'sentiment-adapter.bin');

/** The scorer a project uses: its adapter when trained, else the bundled model (also without a project). */
export const projectScorer = (
  dir: string | undefined,
): { scorer: SentimentScorer; version: string; adapted: boolean } => {
  const path = dir === undefined ? undefined : adapterPath(dir);
  if (path !== undefined && existsSync(path)) {
    const decoded = decodeModel(new Uint8Array(readFileSync(path)));
    if (!decoded.ok)
      throw new IoError('sentiment.adapter_invalid', `${path}: ${decoded.issues[0]?.message ?? 'invalid'}`, {
        hint: 'delete the file to use the bundled model, or run kpi sentiment train --project again',
      });
    return { scorer: createScorer(decoded.value.model), version: decoded.value.model.version, adapted: true };
  }
  const { model } = bundledModel();
  return { scorer: createScorer(model), version: model.version, adapted: false };
};

export type AdapterRun = {
  readonly labels: number;
  readonly trained: number;
  readonly heldOut: number;
  readonly base: { readonly macroRecall: number; readonly accuracy: number };
  readonly adapter: { readonly macroRecall: number; readonly accuracy: number };
  readonly written: boolean;
  readonly version: string;
};

export const MIN_ADAPTER_LABELS = 20;

/** Pure part: split, fine-tune from `base`, measure both on the held-out share. */
export const fitAdapter = (
  base: SentimentModel,
  texts: readonly string[],
  labels: readonly number[],
  seed = 20261203,
  heldOutShare = 0.25,
) => {
  const order = shuffledOrder(texts.length, seededRandom(seed));
  const nHeld = Math.max(1, Math.round(texts.length * heldOutShare));
  const held = [...order.subarray(0, nHeld)];
  const train = [...order.subarray(nHeld)];
  const model = trainSoftmax(
    train.map((i) => texts[i]!),
    train.map((i) => labels[i]!),
    {
      bits: base.bits,
      epochs: 3,
      learningRate: 0.1,
      l2: 1e-4,
      seed,
      version: `${base.version}+project-${train.length}`,
      init: base,
    },
  );
  const tuned: SentimentModel = { ...model, offsets: base.offsets, temperature: base.temperature };
  const measure = (m: SentimentModel) => {
    const s = createScorer(m);
    const e = evaluate(
      held.map((i) => SENTIMENT_LABELS.indexOf(s.score(texts[i]!).label)),
      held.map((i) => labels[i]!),
    );
    return { macroRecall: e.macroRecall, accuracy: e.accuracy };
  };
  return {
    model: tuned,
    trained: train.length,
    heldOut: held.length,
    base: measure(base),
    adapter: measure(tuned),
  };
};

/** `kpi sentiment train --project`: adapts the bundled model to the project's corrections. */
export const trainProjectAdapter = async (
  lp: LoadedProject,
  opts: { seed?: number } = {},
): Promise<AdapterRun> => {
  const pairs = await withStore(lp, async (engine) => {
    const q = engine.dialect.quoteIdent;
    await ensureSentimentTable(engine);
    const out: { text: string; label: number }[] = [];
    for (const [dataset, def] of Object.entries(lp.project.datasets)) {
      for (const col of sentimentColumnsOf(def)) {
        const r = await engine.query(
          `SELECT t.${q(col.from)} AS text, s.corrected_label AS label FROM ${q(SENTIMENT_TABLE)} AS s
           JOIN ${q(dataset)} AS t ON s.row_key = ${rowKeySql(engine, def, 't')}
           WHERE s.dataset = $1 AND s.column_name = $2 AND s.corrected_label IS NOT NULL AND t.${q(col.from)} IS NOT NULL
           ORDER BY s.row_key`,
          [dataset, col.column],
        );
        for (const row of r.rows)
          out.push({
            text: String(row['text']),
            label: SENTIMENT_LABELS.indexOf(String(row['label']) as never),
          });
      }
    }
    return out;
  });
  if (pairs.length < MIN_ADAPTER_LABELS)
    throw new UsageError(
      'sentiment.too_few_labels',
      `the project has ${pairs.length} corrected sentiment label(s); an adapter needs at least ${MIN_ADAPTER_LABELS}`,
      'correct more labels with kpi sentiment correct, then train again',
    );
  const base = bundledModel().model;
  const fit = fitAdapter(
    base,
    pairs.map((p) => p.text),
    pairs.map((p) => p.label),
    opts.seed,
  );
  const written = fit.adapter.macroRecall > fit.base.macroRecall;
  if (written) {
    const path = adapterPath(lp.dir);
    writeFileSync(
      `${path}.tmp`,
      encodeModel(fit.model, {
        labels: pairs.length,
        heldOut: fit.heldOut,
        base: fit.base,
        adapter: fit.adapter,
      }),
    );
    renameSync(`${path}.tmp`, path);
  }
  return {
    labels: pairs.length,
    trained: fit.trained,
    heldOut: fit.heldOut,
    base: fit.base,
    adapter: fit.adapter,
    written,
    version: written ? fit.model.version : base.version,
  };
};
