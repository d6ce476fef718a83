// Writes an edit into the project's YAML files: re-reads the files from disk, applies the
// edit to one file's Document, validates the whole project with the same loader as
// `kpi validate`, and only then replaces the file (write to a temp file, then rename). IO.
// Invariants: an edit that would make the project invalid writes nothing and throws a
// ProblemsError listing the issues; edits to one project folder run one at a time.

import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { ProblemsError, loadProject, type Project } from '@kpi/core';
import { readProjectFiles, type LoadedProject } from '../project-files.js';

const queues = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier edit of the same folder has finished. */
export const serialisedEdit = <T>(dir: string, fn: () => Promise<T>): Promise<T> => {
  const prev = queues.get(dir) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  queues.set(
    dir,
    next.catch(() => undefined),
  );
  return next;
};

export interface FileEdit {
  /** The project file to change, relative to the project folder (from Project.locations). */
  readonly file: string;
  readonly apply: (doc: Document, current: Project) => void;
}

export interface WrittenEdit {
  readonly before: LoadedProject;
  readonly after: LoadedProject;
  readonly file: string;
}

/** Applies `edit` to the files on disk; returns the project before and after. */
export const writeProjectEdit = (dir: string, pick: (current: Project) => FileEdit): Promise<WrittenEdit> =>
  serialisedEdit(dir, async () => {
    const files = readProjectFiles(dir);
    const loaded = loadProject(files);
    if (!loaded.ok)
      throw new ProblemsError(
        'project.invalid',
        'the project files on disk have problems; fix them first',
        loaded.issues,
      );
    const before: LoadedProject = { dir, project: loaded.value, warnings: loaded.warnings ?? [] };
    const edit = pick(loaded.value);
    const index = files.findIndex((f) => f.path === edit.file);
    const source = files[index];
    if (!source) throw new Error(`project file ${edit.file} is not part of the project`);
    const doc = parseDocument(source.text);
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
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
    return {
      before,
      after: { dir, project: result.value, warnings: result.warnings ?? [] },
      file: edit.file,
    };
  });
