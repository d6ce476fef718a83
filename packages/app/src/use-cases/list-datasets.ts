// Use-case: `kpi datasets` — row counts, time ranges and last import of each dataset. IO.
import { datasetStats, type DatasetStats } from '@kpi/ingest';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';

export const listDatasets = (lp: LoadedProject): Promise<readonly DatasetStats[]> =>
  withStore(lp, (engine) => datasetStats(engine, lp.project));
