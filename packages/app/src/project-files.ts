// Finding and reading a project folder: kpi.yaml plus every YAML file under definitions/,
// and the benchmark sets under benchmarks/.
// IO. Invariant: files are read in a stable order (kpi.yaml first, then sorted paths) so
// messages and merges never depend on the file system's listing order.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  IoError,
  NotFoundError,
  ProblemsError,
  countText,
  loadBenchmarks,
  loadProject,
  type Issue,
  type Project,
  type SourceFile,
} from '@kpi/core';
import type { Clock } from './dates.js';

export const PROJECT_FILE = 'kpi.yaml';
export const DEFINITIONS_DIR = 'definitions';
export const BENCHMARKS_DIR = 'benchmarks';
/** Largest project file kpi reads; a definitions file is never this large by accident. */
const MAX_PROJECT_FILE_BYTES = 5 * 1024 * 1024;

export interface LoadedProject {
  readonly dir: string;
  readonly project: Project;
  readonly warnings: readonly Issue[];
  /** Where "today" comes from (default: the system clock); kept across reloads by the server. */
  readonly clock?: Clock;
  /** Where the database URL of `project.database.url_env` is read (default: the process environment). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The folder holding kpi.yaml: `explicit` if given, else the nearest one upwards from `cwd`. */
export const findProjectDir = (cwd: string, explicit?: string): string => {
  if (explicit !== undefined) {
    const dir = resolve(cwd, explicit);
    if (!existsSync(join(dir, PROJECT_FILE))) {
      throw new NotFoundError(
        'project.not_found',
        `no ${PROJECT_FILE} in ${dir}`,
        'create one with `kpi init`, or point --project at the folder that holds kpi.yaml',
      );
    }
    return dir;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, PROJECT_FILE))) return dir;
    if (dirname(dir) === dir) break;
  }
  throw new NotFoundError(
    'project.not_found',
    `no ${PROJECT_FILE} in ${resolve(cwd)} or any folder above it`,
    'run `kpi init` (or `kpi init --demo`) to create a project, or pass --project <folder>',
  );
};

const yamlFilesUnder = (dir: string): string[] => {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFilesUnder(p));
    else if (/\.ya?ml$/i.test(name)) out.push(p);
  }
  return out;
};

const readText = (path: string, shown: string): string => {
  try {
    const size = statSync(path).size;
    if (size > MAX_PROJECT_FILE_BYTES) {
      // A problem with the project (exit 1, HTTP 422), found before the file is read.
      const message = `${shown} is ${countText(size)} bytes; a project file may have at most ${countText(MAX_PROJECT_FILE_BYTES)}`;
      const hint = 'split it into several files under definitions/';
      throw new ProblemsError('limit.yaml_bytes', message, [
        {
          code: 'limit.yaml_bytes',
          severity: 'error',
          message,
          path: [],
          position: { file: shown, line: 1, column: 1 },
          hint,
        },
      ]);
    }
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof IoError || e instanceof ProblemsError) throw e;
    throw new IoError('project.read_failed', `cannot read ${shown}: ${(e as Error).message}`, { cause: e });
  }
};

/** The project's source files, paths relative to the project folder with forward slashes. */
export const readProjectFiles = (dir: string): SourceFile[] => {
  const paths = [join(dir, PROJECT_FILE), ...yamlFilesUnder(join(dir, DEFINITIONS_DIR))];
  return paths.map((p) => {
    const shown = relative(dir, p).split(sep).join('/');
    return { path: shown, text: readText(p, shown) };
  });
};

/** The benchmark set files (benchmarks/*.yaml), paths relative to the project folder. */
export const readBenchmarkFiles = (dir: string): SourceFile[] =>
  yamlFilesUnder(join(dir, BENCHMARKS_DIR)).map((p) => {
    const shown = relative(dir, p).split(sep).join('/');
    return { path: shown, text: readText(p, shown) };
  });

/** The project with the benchmark sets of `dir`, or the issues of those files. */
export const withBenchmarks = (
  dir: string,
  project: Project,
): { project: Project; issues: readonly Issue[] } => {
  const files = readBenchmarkFiles(dir);
  if (files.length === 0) return { project, issues: [] };
  const sets = loadBenchmarks(project, files);
  return sets.ok
    ? { project: { ...project, benchmarks: sets.value }, issues: [] }
    : { project, issues: sets.issues };
};

/** Loads and validates the project in `dir`; throws ProblemsError listing every issue. */
export const openProject = (
  dir: string,
  opts: { clock?: Clock; env?: Readonly<Record<string, string | undefined>> } = {},
): LoadedProject => {
  const loaded = loadProject(readProjectFiles(dir));
  const benched = loaded.ok ? withBenchmarks(dir, loaded.value) : undefined;
  const result =
    loaded.ok && benched
      ? benched.issues.length > 0
        ? { ok: false as const, issues: benched.issues }
        : { ...loaded, value: benched.project }
      : loaded;
  if (!result.ok) {
    const n = result.issues.filter((i) => i.severity === 'error').length;
    throw new ProblemsError(
      'project.invalid',
      `the project has ${n} problem${n === 1 ? '' : 's'}`,
      result.issues,
    );
  }
  return {
    dir,
    project: result.value,
    warnings: result.warnings ?? [],
    ...(opts.clock === undefined ? {} : { clock: opts.clock }),
    ...(opts.env === undefined ? {} : { env: opts.env }),
  };
};

/** Where the embedded database of a project lives. */
export const storePath = (dir: string): string => join(dir, '.kpi', 'kpi.duckdb');
