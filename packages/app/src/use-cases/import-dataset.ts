// Use-case: `kpi import <dataset> <file>` — load a platform export into the store. IO.
// Invariant: the import is atomic (the ingest package runs it in one transaction).

import { NotFoundError, ownGet } from '@kpi/core';
import { importFile, type ImportOptions, type ImportSummary } from '@kpi/ingest';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';

export const importDataset = async (
  lp: LoadedProject,
  dataset: string,
  file: string,
  options: ImportOptions = {},
): Promise<ImportSummary> => {
  if (!ownGet(lp.project.datasets, dataset)) {
    const known = Object.keys(lp.project.datasets).sort().join(', ') || '(none)';
    throw new NotFoundError(
      'import.dataset_unknown',
      `dataset "${dataset}" is not defined in the project`,
      `defined datasets: ${known}`,
    );
  }
  return withStore(lp, (engine) => importFile(engine, lp.project, dataset, file, options));
};
