// `kpi schema`: print or write the JSON Schema of kpi.yaml for editors.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IoError, projectJsonSchema } from '@kpi/core';
import { parse } from '../args.js';
import type { Command } from '../cli-context.js';

const usage = 'kpi schema [--out FILE]';

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of kpi.yaml (for editor autocompletion)',
  help: `usage: ${usage}

Prints the JSON Schema generated from kpi's own schema, or writes it to FILE.
VS Code: install the YAML extension (redhat.vscode-yaml) and keep the first line
"# yaml-language-server: $schema=./kpi.schema.json" in kpi.yaml (kpi init writes both).
`,
  async run(args, ctx) {
    const { values } = parse(args, { out: { type: 'string', short: 'o' } }, usage);
    const text = JSON.stringify(projectJsonSchema(), null, 2) + '\n';
    if (values.out === undefined) {
      ctx.out(text);
      return 0;
    }
    const path = resolve(ctx.cwd, values.out);
    try {
      writeFileSync(path, text);
    } catch (e) {
      throw new IoError('schema.write_failed', `cannot write ${path}: ${(e as Error).message}`, { cause: e });
    }
    return 0;
  },
};
