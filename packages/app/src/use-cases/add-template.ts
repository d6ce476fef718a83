// Use-case: `kpi add <template>` — write a platform template's datasets and metrics into
// definitions/<template>.yaml. IO. Invariants: never overwrites a file unless asked; the
// project must still load with the template in it, else the file is taken back out (or
// the earlier one put back) and the problems are thrown.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotFoundError, UsageError } from '@kpi/core';
import { DEFINITIONS_DIR, openProject } from '../project-files.js';
import { PLATFORM_TEMPLATES, findTemplate, type PlatformTemplate } from '../templates/template-catalog.js';

export { PLATFORM_TEMPLATES, type PlatformTemplate };

export interface AddTemplateOutput {
  readonly template: PlatformTemplate;
  /** The file written, relative to the project folder. */
  readonly file: string;
}

export const addTemplate = (dir: string, name: string, opts: { force?: boolean } = {}): AddTemplateOutput => {
  const template = findTemplate(name);
  if (!template)
    throw new NotFoundError(
      'template.not_found',
      `no template named "${name}"`,
      `templates: ${PLATFORM_TEMPLATES.map((t) => t.name).join(', ')} (kpi add --list)`,
    );
  const file = `${DEFINITIONS_DIR}/${template.name}.yaml`;
  const path = join(dir, file);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (before !== undefined && !opts.force)
    throw new UsageError(
      'template.exists',
      `${path} already exists`,
      'pass --force to write the template again',
    );
  mkdirSync(join(dir, DEFINITIONS_DIR), { recursive: true });
  writeFileSync(path, `# yaml-language-server: $schema=../kpi.schema.json\n${template.yaml}`);
  try {
    openProject(dir);
  } catch (e) {
    if (before === undefined) rmSync(path, { force: true });
    else writeFileSync(path, before);
    throw e;
  }
  return { template, file };
};
