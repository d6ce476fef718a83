// Opening the project's store for the length of one use-case. IO.
// Invariants: the engine is always closed, also when the use-case throws; dataset tables
// match kpi.yaml before any use-case touches them; timestamps the store renders as text
// are in the project's time zone. A long-running process (the server) keeps one shared
// engine per project folder open with `openSharedStore`; withStore then uses it (and does
// not close it), making sure the dataset tables once per loaded project.
// When the store's folder (or file) is not writable, a use-case gets it read-only: reading
// needs no write access; a store that would need its tables changed first is refused
// with what to do, and any write fails as `engine.read_only`.
// When kpi.yaml names a database (`project.database.url_env`), the facts and kpi's own
// _kpi_* tables live in that PostgreSQL database instead: its dataset tables are queried in
// place (checked, never created or changed), and imports into it are refused.

import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { IoError, UsageError, ownGet } from '@kpi/core';
import { openDuckDb, openPostgres, type DuckDbOptions, type Engine } from '@kpi/engines';
import { databaseTableProblems, datasetTableChanges, ensureDatasetTables } from '@kpi/ingest';
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

/** The URL of the project's PostgreSQL database, or undefined when the facts are embedded. */
export const databaseUrl = (lp: LoadedProject): string | undefined => {
  const name = lp.project.settings.database?.url_env;
  if (name === undefined) return undefined;
  const url = ownGet(lp.env ?? process.env, name);
  if (url === undefined || url.trim() === '')
    throw new UsageError(
      'store.database_url_missing',
      `kpi.yaml says the facts live in the database whose URL is in the environment variable ${name}, but ${name} is not set`,
      `set it, e.g. export ${name}=postgres://user:password@host:5432/database`,
    );
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new UsageError(
      'store.database_url_invalid',
      `${name} must hold a postgres:// URL`,
      `e.g. export ${name}=postgres://user:password@host:5432/database`,
    );
  return url;
};

/** Refuses a database whose tables do not hold what kpi.yaml describes, naming every problem. */
const checkDatabaseTables = async (engine: Engine, lp: LoadedProject): Promise<void> => {
  const problems = await databaseTableProblems(engine, lp.project);
  if (problems.length > 0)
    throw new IoError(
      'store.database_tables',
      `the database does not hold what kpi.yaml describes: ${problems.join('; ')}`,
      {
        hint: 'kpi queries your tables in place: create the table or view (named as the dataset, in the search_path schema) or correct kpi.yaml',
        details: { problems },
      },
    );
};

/** The database URL's engine, after checking that every dataset's table is there. */
const openDatabase = async (lp: LoadedProject, url: string, queryTimeoutMs?: number): Promise<Engine> => {
  // Every pooled connection runs in the project's time zone (a SET would reach only one).
  const engine = await openPostgres(url, {
    timeZone: lp.project.settings.timezone,
    ...(queryTimeoutMs === undefined ? {} : { queryTimeoutMs }),
  });
  try {
    await checkDatabaseTables(engine, lp);
    return engine;
  } catch (e) {
    await engine.close();
    throw e;
  }
};

/** Opens the store of `lp` for the life of the process; withStore uses it until closed. */
export const openSharedStore = async (lp: LoadedProject, opts: DuckDbOptions = {}): Promise<Engine> => {
  const existing = shared.get(lp.dir);
  if (existing) return existing.engine;
  const url = databaseUrl(lp);
  const engine = url
    ? await openDatabase(lp, url, opts.queryTimeoutMs)
    : await openDuckDb(storePath(lp.dir), opts);
  if (!url) await setTimeZone(engine, lp.project.settings.timezone);
  shared.set(lp.dir, { engine, ready: new WeakMap() });
  return engine;
};

/** Closes the shared store of a project folder (waits for running statements). */
export const closeSharedStore = async (dir: string): Promise<void> => {
  const s = shared.get(dir);
  shared.delete(dir);
  await s?.engine.close();
};

const writable = (path: string): boolean => {
  try {
    // The folder takes DuckDB's write-ahead log; a missing folder is created in the project folder.
    const dir = dirname(path);
    accessSync(existsSync(dir) ? dir : dirname(dir), constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

const DENIED = /permission denied|read-only file system|operation not permitted/i;

/** Read-write when the store may be written, else (or when the OS refuses) read-only. */
const openStore = async (path: string): Promise<Engine> => {
  if (!writable(path)) return openDuckDb(path, { readOnly: true });
  try {
    return await openDuckDb(path);
  } catch (e) {
    // A read-only mount or an immutable file is only found out by trying.
    const cause = (e as { cause?: unknown }).cause;
    if (existsSync(path) && DENIED.test(cause instanceof Error ? cause.message : '')) {
      return openDuckDb(path, { readOnly: true });
    }
    throw e;
  }
};

const refuseStaleReadOnly = async (engine: Engine, lp: LoadedProject): Promise<void> => {
  const changes = await datasetTableChanges(engine, lp.project);
  if (changes.length > 0)
    throw new IoError(
      'store.read_only_outdated',
      `the project store must be updated to match kpi.yaml (${changes.join(', ')}), but ${dirname(storePath(lp.dir))} is not writable`,
      {
        hint: 'run any kpi command once as a user who may write the project folder (e.g. kpi datasets); then reading works read-only',
      },
    );
};

export const withStore = async <T>(lp: LoadedProject, fn: (engine: Engine) => Promise<T>): Promise<T> => {
  const s = shared.get(lp.dir);
  if (s) {
    let ready = s.ready.get(lp.project);
    if (!ready) {
      ready =
        s.engine.dialect.name === 'duckdb'
          ? ensureDatasetTables(s.engine, lp.project)
          : checkDatabaseTables(s.engine, lp);
      s.ready.set(lp.project, ready);
      ready.catch(() => s.ready.delete(lp.project));
    }
    await ready;
    return fn(s.engine);
  }
  const url = databaseUrl(lp);
  const engine = url ? await openDatabase(lp, url) : await openStore(storePath(lp.dir));
  try {
    // A database is queried in place (checked when opened, never changed; the time zone is
    // set per pooled connection); the embedded store is made to match kpi.yaml.
    if (!url) {
      await setTimeZone(engine, lp.project.settings.timezone);
      if (engine.readOnly) await refuseStaleReadOnly(engine, lp);
      else await ensureDatasetTables(engine, lp.project);
    }
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
