// Use-case: `kpi init [--demo]` — create a project folder (and fill it with the demo). IO.
// Invariants: never overwrites an existing kpi.yaml unless asked (force); the demo's
// data goes in through the same import path as any user file.

import { existsSync, mkdirSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname, join, resolve } from 'node:path';
import { UsageError, projectJsonSchema } from '@kpi/core';
import { generateDemo, toCsvLines, type DemoOptions } from '@kpi/demo';
import type { ImportSummary } from '@kpi/ingest';
import { PROJECT_FILE, openProject, storePath } from '../project-files.js';
import { starterProjectYaml } from '../starter-template.js';
import { importDataset } from './import-dataset.js';
import { yesterdayIn } from '../dates.js';

export interface InitInput {
  readonly dir: string;
  readonly demo?: boolean;
  readonly force?: boolean;
  readonly name?: string;
  readonly timezone?: string;
  readonly currency?: string;
  /** Demo only: the last day of data (default: yesterday in the demo's time zone). */
  readonly endDate?: string;
  readonly seed?: number;
  readonly scale?: DemoOptions['scale'];
  readonly onProgress?: (message: string) => void;
}

export interface InitOutput {
  readonly dir: string;
  readonly files: readonly string[];
  readonly imports: readonly ImportSummary[];
}

const SCHEMA_FILE = 'kpi.schema.json';
const GITIGNORE = '# the embedded database is rebuilt from your exports; keep it out of git\n.kpi/\n';

const write = (dir: string, rel: string, text: string): void => {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
};

const writeCsv = async (path: string, lines: Iterable<string>): Promise<void> => {
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  let buf = '';
  for (const line of lines) {
    buf += line + '\n';
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
};

export const initProject = async (input: InitInput): Promise<InitOutput> => {
  const dir = resolve(input.dir);
  if (existsSync(join(dir, PROJECT_FILE)) && !input.force) {
    throw new UsageError(
      'init.exists',
      `${join(dir, PROJECT_FILE)} already exists`,
      'pick another folder, or pass --force to replace the project (its database is rebuilt)',
    );
  }
  mkdirSync(dir, { recursive: true });
  if (input.force) rmSync(join(dir, '.kpi'), { recursive: true, force: true });
  const files: string[] = [];
  const emit = (rel: string, text: string): void => {
    write(dir, rel, text);
    files.push(rel);
  };
  emit(SCHEMA_FILE, JSON.stringify(projectJsonSchema(), null, 2) + '\n');
  emit('.gitignore', GITIGNORE);
  if (!input.demo) {
    emit(
      PROJECT_FILE,
      starterProjectYaml(input.name ?? 'My KPIs', input.timezone ?? 'UTC', input.currency ?? 'USD'),
    );
    openProject(dir);
    return { dir, files, imports: [] };
  }
  const timezone = input.timezone ?? 'Europe/Berlin';
  const demo = generateDemo({
    endDate: input.endDate ?? yesterdayIn(timezone),
    seed: input.seed ?? 42,
    scale: input.scale ?? 'small',
    timezone,
    currency: input.currency ?? 'EUR',
  });
  for (const f of demo.files)
    emit(
      f.path,
      f.path === PROJECT_FILE ? `# yaml-language-server: $schema=./${SCHEMA_FILE}\n${f.text}` : f.text,
    );
  const lp = openProject(dir);
  rmSync(storePath(dir), { force: true });
  const imports: ImportSummary[] = [];
  for (const ds of demo.datasets) {
    const rel = `data/${ds.name}.csv`;
    input.onProgress?.(`generating ${rel}`);
    await writeCsv(join(dir, rel), toCsvLines(ds.columns, ds.rows()));
    files.push(rel);
    input.onProgress?.(`importing ${rel}`);
    imports.push(await importDataset(lp, ds.name, join(dir, rel)));
  }
  return { dir, files, imports };
};
