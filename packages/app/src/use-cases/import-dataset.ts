// Use-case: `kpi import <dataset> <file>` — load a platform export into the store. IO.
// Invariant: the import is atomic (the ingest package runs it in one transaction); an
// import into a dataset without time is a snapshot dated today by the injected clock; the
// dataset's sentiment columns are scored right after it, for the rows still without a label.

import { NotFoundError, ownGet } from '@kpi/core';
import { importFile, type ImportOptions, type ImportSummary } from '@kpi/ingest';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { computeEngagementColumns } from './engagement-columns.js';
import { scoreDatasetSentiment, type SentimentColumnRun } from './sentiment-data.js';
import { todayOf } from '../dates.js';

export const importDataset = async (
  lp: LoadedProject,
  dataset: string,
  file: string,
  options: ImportOptions = {},
): Promise<ImportSummary & { readonly sentiment?: readonly SentimentColumnRun[] }> => {
  if (!ownGet(lp.project.datasets, dataset)) {
    const known = Object.keys(lp.project.datasets).sort().join(', ') || '(none)';
    throw new NotFoundError(
      'import.dataset_unknown',
      `dataset "${dataset}" is not defined in the project`,
      `defined datasets: ${known}`,
    );
  }
  // A dataset without time: the import is today's snapshot (by the project's clock) unless
  // the caller names the export's date.
  const opts: ImportOptions = { ...options, snapshotDate: options.snapshotDate ?? todayOf(lp) };
  return withStore(lp, async (engine) => {
    const summary = await importFile(engine, lp.project, dataset, file, opts);
    // Rows the import added or replaced have no label yet: score them now (kept, so queries stay fast).
    if (options.dryRun) return summary;
    await computeEngagementColumns(engine, dataset, ownGet(lp.project.datasets, dataset)!);
    const sentiment = await scoreDatasetSentiment(engine, lp, dataset);
    return sentiment.length ? { ...summary, sentiment } : summary;
  });
};
