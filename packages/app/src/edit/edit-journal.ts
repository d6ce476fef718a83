// The edit journal: before a YAML file is replaced, an intent record (the change with who,
// when, why, before and after, and the SHA-256 of the file's old and new content) is
// written durably to `.kpi/journal/<id>.json`; after the history row is committed it is
// removed. Replaying it (at server start, before every edit, before reading the history)
// makes "file replaced" and "history row written" one step, whatever kill -9 interrupts. IO.
// Invariants: a history row and its journal mark (`_kpi_change_edits`) are committed in one
// transaction, so replay never writes a row twice; an entry whose file holds neither the
// old nor the new content is set aside as `<id>.unresolved.json`, never guessed at.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Engine } from '@kpi/engines';
import { ensureAccessTables } from '../access/access-tables.js';
import { storePath } from '../project-files.js';
import type { NewChange } from '../use-cases/change-history.js';
import { insertChange } from './change-rows.js';
import { fsyncDir, isNoSpace, noSpaceError, replaceFileDurably } from './durable-file.js';

export interface JournalEntry {
  readonly id: string;
  /** When the edit was made (UTC ISO); the history row carries this time. */
  readonly at: string;
  /** The project file, relative to the project folder. */
  readonly file: string;
  readonly oldSha256: string;
  readonly newSha256: string;
  readonly change: NewChange;
}

export interface RecoveryReport {
  /** Edits found in their file without a history row: the row was written now. */
  readonly recorded: readonly JournalEntry[];
  /** Edits that never reached their file: dropped. */
  readonly dropped: readonly JournalEntry[];
  /** Journal files set aside: the file holds neither version (edited by hand since?). */
  readonly unresolved: readonly string[];
}

export const sha256 = (bytes: string | Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

export const journalDir = (dir: string): string => join(dirname(storePath(dir)), 'journal');

const ENTRY = /^[0-9a-f]{16,64}\.json$/;

/** Journal files waiting for replay, oldest first. */
export const pendingJournalFiles = (dir: string): string[] => {
  const jd = journalDir(dir);
  if (!existsSync(jd)) return [];
  return readdirSync(jd)
    .filter((n) => ENTRY.test(n))
    .map((n) => join(jd, n));
};

/** Writes the entry durably; a full disk is reported as such and leaves nothing behind. */
export const writeJournal = (dir: string, entry: JournalEntry): void => {
  const jd = journalDir(dir);
  try {
    mkdirSync(jd, { recursive: true });
  } catch (e) {
    if (isNoSpace(e)) throw noSpaceError(jd, e);
    throw e;
  }
  replaceFileDurably(join(jd, `${entry.id}.json`), `${JSON.stringify(entry)}\n`);
};

export const clearJournal = (dir: string, id: string): void => {
  rmSync(join(journalDir(dir), `${id}.json`), { force: true });
  fsyncDir(journalDir(dir));
};

const marked = new WeakMap<Engine, Promise<void>>();

const ensureMarkTable = (engine: Engine): Promise<void> => {
  let p = marked.get(engine);
  if (!p) {
    p = engine.exec(
      'CREATE TABLE IF NOT EXISTS _kpi_change_edits (edit_id VARCHAR PRIMARY KEY, recorded_at VARCHAR NOT NULL)',
    );
    marked.set(engine, p);
    p.catch(() => marked.delete(engine));
  }
  return p;
};

const isRecorded = async (engine: Engine, id: string): Promise<boolean> => {
  await ensureMarkTable(engine);
  const r = await engine.query('SELECT 1 AS one FROM _kpi_change_edits WHERE edit_id = $1', [id]);
  return r.rows.length > 0;
};

/** Commits the history row of `entry` together with its journal mark. */
export const commitHistory = async (engine: Engine, entry: JournalEntry): Promise<void> => {
  await ensureAccessTables(engine);
  await ensureMarkTable(engine);
  await engine.transaction(async () => {
    await insertChange(engine, entry.change, entry.at);
    await engine.exec('INSERT INTO _kpi_change_edits (edit_id, recorded_at) VALUES ($1, $2)', [
      entry.id,
      entry.at,
    ]);
  });
};

const readEntry = (path: string): JournalEntry | undefined => {
  try {
    const e = JSON.parse(readFileSync(path, 'utf8')) as Partial<JournalEntry>;
    if (
      typeof e.id === 'string' &&
      typeof e.at === 'string' &&
      typeof e.file === 'string' &&
      typeof e.oldSha256 === 'string' &&
      typeof e.newSha256 === 'string' &&
      typeof e.change === 'object' &&
      e.change !== null
    )
      return e as JournalEntry;
  } catch {
    // Unreadable: set aside below.
  }
  return undefined;
};

const fileHash = (path: string): string | undefined => {
  try {
    return sha256(readFileSync(path));
  } catch {
    return undefined;
  }
};

/**
 * Replays the journal of `dir` on an open store. Call it with the folder's edits
 * serialised (inside `serialisedEdit`, holding the store), never beside a running edit.
 */
export const replayJournal = async (dir: string, engine: Engine): Promise<RecoveryReport> => {
  const recorded: JournalEntry[] = [];
  const dropped: JournalEntry[] = [];
  const unresolved: string[] = [];
  const entries = pendingJournalFiles(dir).map((path) => ({ path, entry: readEntry(path) }));
  entries.sort((a, b) => (a.entry?.at ?? '').localeCompare(b.entry?.at ?? ''));
  for (const { path, entry } of entries) {
    if (entry === undefined || !/^[0-9a-f]+$/.test(entry.id)) {
      renameSync(path, path.replace(/\.json$/, '.unresolved.json'));
      unresolved.push(path);
      continue;
    }
    if (await isRecorded(engine, entry.id)) {
      clearJournal(dir, entry.id);
      continue;
    }
    const now = fileHash(join(dir, entry.file));
    if (now === entry.newSha256) {
      await commitHistory(engine, entry);
      recorded.push(entry);
    } else if (now === entry.oldSha256) {
      dropped.push(entry);
    } else {
      renameSync(path, path.replace(/\.json$/, '.unresolved.json'));
      unresolved.push(path);
      continue;
    }
    clearJournal(dir, entry.id);
  }
  return { recorded, dropped, unresolved };
};
