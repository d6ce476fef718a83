// Writes an edit into the project's YAML files: re-reads the files from disk, applies the
// edit to one file's Document, validates the whole project with the same loader as
// `kpi validate`, and only then, on `commit`, replaces the file and records the change:
// journal entry (fsynced) -> temp file (fsynced) -> rename (folder fsynced) -> history
// row -> journal entry removed. IO.
// Invariants: an edit that would make the project invalid writes nothing and throws a
// ProblemsError listing the issues; edits to one project folder run one at a time, from
// the first read to the history row, holding the project's store open (its file lock
// keeps other processes out); a pending journal and stale temp files are dealt with
// before each edit; whatever kill -9 interrupts, the next replay leaves the file and the
// history in agreement; a full disk is reported as such and leaves the file unchanged.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { IoError, ProblemsError, loadProject, type Project } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import { nowIso } from '../access/access-tables.js';
import {
  DEFINITIONS_DIR,
  readProjectFiles,
  storePath,
  withBenchmarks,
  type LoadedProject,
} from '../project-files.js';
import { withStoreAt } from '../store.js';
import type { NewChange } from '../use-cases/change-history.js';
import {
  isNoSpace,
  noSpaceError,
  pauseForTest,
  replaceFileDurably,
  sweepStaleTemps,
} from './durable-file.js';
import {
  clearJournal,
  commitHistory,
  journalDir,
  pendingJournalFiles,
  replayJournal,
  sha256,
  writeJournal,
  type JournalEntry,
  type RecoveryReport,
} from './edit-journal.js';
import { serialisedEdit } from './edit-queue.js';
import { YAML_NUMBER_TAGS } from './yaml-numbers.js';

export { serialisedEdit } from './edit-queue.js';

export interface FileEdit {
  /** The project file to change, relative to the project folder (from Project.locations). */
  readonly file: string;
  readonly apply: (doc: Document, current: Project) => void;
}

/** A validated edit not yet on disk; the folder stays locked until `commit` settles. */
export interface PendingEdit {
  readonly before: LoadedProject;
  readonly after: LoadedProject;
  readonly file: string;
  /** Replaces the file and records `change` as one recoverable step, then unlocks. */
  commit(change: NewChange): Promise<void>;
}

export interface StartupRecovery extends RecoveryReport {
  /** Stale temp files of dead processes removed next to the project files and the journal. */
  readonly removedTemps: readonly string[];
}

/** Removes temp files of dead processes beside the project's YAML files and journal entries. */
const sweepProjectTemps = (dir: string): string[] =>
  sweepStaleTemps(
    [
      { dir, deep: false },
      { dir: join(dir, DEFINITIONS_DIR), deep: true },
      { dir: journalDir(dir), deep: false },
    ],
    (name) => /\.(ya?ml|json)$/i.test(name),
  );

const recoverOn = async (dir: string, engine: Engine, sweep: boolean): Promise<StartupRecovery> => {
  const removedTemps = sweep ? sweepProjectTemps(dir) : [];
  const report = await replayJournal(dir, engine);
  return { ...report, removedTemps };
};

/**
 * Replays the edit journal of `dir` (history rows for edits that reached their file,
 * entries of edits that did not dropped) and, with `sweep`, removes stale temp files.
 * Opens the store only when the journal holds something. Run at server start and before
 * the history is read.
 */
export const recoverEdits = (
  dir: string,
  opts: { readonly sweep?: boolean } = {},
): Promise<StartupRecovery> =>
  serialisedEdit(dir, async () => {
    const removedTemps = opts.sweep === true ? sweepProjectTemps(dir) : [];
    if (pendingJournalFiles(dir).length === 0)
      return { recorded: [], dropped: [], unresolved: [], removedTemps };
    const report = await withStoreAt(dir, (engine) => replayJournal(dir, engine));
    return { ...report, removedTemps };
  });

const asNoSpace = (e: unknown, dir: string): unknown =>
  e instanceof IoError && e.code === 'io.no_space' ? e : isNoSpace(e) ? noSpaceError(dir, e) : e;

interface Staged {
  readonly path: string;
  readonly oldText: Buffer;
  readonly text: string;
}

const commitOn = async (dir: string, engine: Engine, s: Staged, entry: JournalEntry): Promise<void> => {
  pauseForTest('staged');
  writeJournal(dir, entry);
  pauseForTest('journaled');
  try {
    replaceFileDurably(s.path, s.text, pauseForTest);
  } catch (e) {
    try {
      clearJournal(dir, entry.id);
    } catch {
      // The file still holds the old content: the next replay drops the entry.
    }
    throw e;
  }
  pauseForTest('renamed');
  try {
    await commitHistory(engine, entry);
  } catch (e) {
    // Put the old content back so the caller's error is the whole truth; if even that
    // fails, the journal stays and the next replay writes the history row.
    try {
      replaceFileDurably(s.path, s.oldText);
      clearJournal(dir, entry.id);
    } catch {
      throw new IoError(
        'edit.history_pending',
        `${entry.file} was changed but its history row could not be written yet (${(asNoSpace(e, dirname(storePath(dir))) as Error).message}); kpi writes it at the next start or edit`,
        { cause: e },
      );
    }
    throw e;
  }
  pauseForTest('recorded');
  try {
    clearJournal(dir, entry.id);
  } catch {
    // The mark in the store says it is done: the next replay removes the entry.
  }
  pauseForTest('cleared');
};

/** Prepares `edit` on the files on disk; the caller must `commit` the returned edit. */
export const writeProjectEdit = (dir: string, pick: (current: Project) => FileEdit): Promise<PendingEdit> =>
  new Promise<PendingEdit>((resolvePending, rejectPending) => {
    // Settles once the store this edit held is closed again: commit waits for it, so the
    // caller's next use-case never opens the store file while this one is still
    // checkpointing it (two instances on one file in one process lose the WAL).
    const finished: Promise<void> = serialisedEdit(dir, () =>
      withStoreAt(dir, async (engine) => {
        await recoverOn(dir, engine, true);
        const files = readProjectFiles(dir);
        const loaded = loadProject(files);
        if (!loaded.ok)
          throw new ProblemsError(
            'project.invalid',
            'the project files on disk have problems; fix them first',
            loaded.issues,
          );
        const before: LoadedProject = {
          dir,
          project: withBenchmarks(dir, loaded.value).project,
          warnings: loaded.warnings ?? [],
        };
        const edit = pick(loaded.value);
        const index = files.findIndex((f) => f.path === edit.file);
        const source = files[index];
        if (!source) throw new Error(`project file ${edit.file} is not part of the project`);
        const doc = parseDocument(source.text, { customTags: YAML_NUMBER_TAGS });
        edit.apply(doc, loaded.value);
        const text = doc.toString({ lineWidth: 0 });
        const changed = files.map((f, i) => (i === index ? { path: f.path, text } : f));
        const result = loadProject(changed);
        if (!result.ok) {
          const errors = result.issues.filter((i) => i.severity === 'error');
          throw new ProblemsError(
            'edit.invalid',
            `the change would make the project invalid (${errors.length} problem${errors.length === 1 ? '' : 's'}); nothing was written`,
            errors,
          );
        }
        const path = join(dir, edit.file);
        const staged: Staged = { path, oldText: readFileSync(path), text };
        let release: () => void = () => {};
        const held = new Promise<void>((r) => (release = r));
        resolvePending({
          before,
          after: { dir, project: withBenchmarks(dir, result.value).project, warnings: result.warnings ?? [] },
          file: edit.file,
          async commit(change) {
            try {
              const entry: JournalEntry = {
                id: randomBytes(12).toString('hex'),
                at: nowIso(),
                file: edit.file,
                oldSha256: sha256(staged.oldText),
                newSha256: sha256(text),
                change,
              };
              await commitOn(dir, engine, staged, entry);
            } catch (e) {
              throw asNoSpace(e, dirname(path));
            } finally {
              release();
              await finished;
            }
          },
        });
        await held;
      }),
    ).catch((e: unknown) => rejectPending(asNoSpace(e, dirname(storePath(dir)))));
  });
