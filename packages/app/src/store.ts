// Opening the project's store for the length of one use-case. IO.
// Invariants: the engine is always closed, also when the use-case throws; dataset tables
// match kpi.yaml before any use-case touches them; timestamps the store renders as text
// are in the project's time zone. A long-running process (the server) keeps one shared
// engine per project folder open with `openSharedStore`; withStore then uses it (and does
// not close it), making sure the dataset tables once per loaded project.

import { openDuckDb, type DuckDbOptions, type Engine } from '@kpi/engines';
import { ensureDatasetTables } from '@kpi/ingest';
import type { LoadedProject } from './project-files.js';
import { storePath } from './project-files.js';

interface SharedStore {
  readonly engine: Engine;
  readonly ready: WeakMap<LoadedProject['project'], Promise<void>>;
}

const shared = new Map<string, SharedStore>();

const setTimeZone = async (engine: Engine, tz: string): Promise<void> => {
  // Validated as an IANA zone at load time; the pattern keeps the SET statement inert anyway.
  if (/^[A-Za-z0-9_+\-/]+$/.test(tz)) await engine.exec(`SET TimeZone = '${tz}'`);
};

/** Opens the store of `lp` for the life of the process; withStore uses it until closed. */
export const openSharedStore = async (lp: LoadedProject, opts: DuckDbOptions = {}): Promise<Engine> => {
  const existing = shared.get(lp.dir);
  if (existing) return existing.engine;
  const engine = await openDuckDb(storePath(lp.dir), opts);
  await setTimeZone(engine, lp.project.settings.timezone);
  shared.set(lp.dir, { engine, ready: new WeakMap() });
  return engine;
};

/** Closes the shared store of a project folder (waits for running statements). */
export const closeSharedStore = async (dir: string): Promise<void> => {
  const s = shared.get(dir);
  shared.delete(dir);
  await s?.engine.close();
};

export const withStore = async <T>(lp: LoadedProject, fn: (engine: Engine) => Promise<T>): Promise<T> => {
  const s = shared.get(lp.dir);
  if (s) {
    let ready = s.ready.get(lp.project);
    if (!ready) {
      ready = ensureDatasetTables(s.engine, lp.project);
      s.ready.set(lp.project, ready);
      ready.catch(() => s.ready.delete(lp.project));
    }
    await ready;
    return fn(s.engine);
  }
  const engine = await openDuckDb(storePath(lp.dir));
  try {
    await setTimeZone(engine, lp.project.settings.timezone);
    await ensureDatasetTables(engine, lp.project);
    return await fn(engine);
  } finally {
    await engine.close();
  }
};

/**
 * The store of a project folder for the change history and the edit journal only (no
 * dataset tables, no time zone): the shared engine when one is open, else opened and
 * closed around `fn`.
 */
export const withStoreAt = async <T>(dir: string, fn: (engine: Engine) => Promise<T>): Promise<T> => {
  const s = shared.get(dir);
  if (s) return fn(s.engine);
  const engine = await openDuckDb(storePath(dir));
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
};
