// Opening the project's store for the length of one use-case. IO.
// Invariant: the engine is always closed, also when the use-case throws; dataset tables
// match kpi.yaml before any use-case touches them.

import { openDuckDb, type Engine } from '@kpi/engines';
import { ensureDatasetTables } from '@kpi/ingest';
import type { LoadedProject } from './project-files.js';
import { storePath } from './project-files.js';

export const withStore = async <T>(lp: LoadedProject, fn: (engine: Engine) => Promise<T>): Promise<T> => {
  const engine = await openDuckDb(storePath(lp.dir));
  try {
    await ensureDatasetTables(engine, lp.project);
    return await fn(engine);
  } finally {
    await engine.close();
  }
};
