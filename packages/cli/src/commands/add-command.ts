// `kpi add <template>` / `kpi add --list`: write a platform template into definitions/.
import { PLATFORM_TEMPLATES, addTemplate, findProjectDir } from '@kpi/app';
import { UsageError } from '@kpi/core';
import { parse } from '../args.js';
import { bold, dim, green, type Command } from '../cli-context.js';
import { renderJson } from '../output/table-output.js';

const usage = 'kpi add <template> [--force] [--json] | kpi add --list';

export const addCommand: Command = {
  name: 'add',
  summary: 'add a platform template: datasets and metrics for Meta Ads, Google Ads, GA4, Shopify, ...',
  help: `usage: ${usage}

Writes definitions/<template>.yaml: the datasets of a platform's export (its header names,
date formats, title rows and totals rows handled) and metrics with the platform's own
definitions. Then import the export with kpi import <dataset> <file>.

options:
  --list               list the templates and the export each one reads
  --force              write the template again over definitions/<template>.yaml
  --json               print a machine-readable summary
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      { list: { type: 'boolean' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
      usage,
    );
    if (values.list) {
      if (values.json) ctx.out(renderJson(PLATFORM_TEMPLATES.map(({ yaml: _yaml, ...t }) => t)));
      else
        for (const t of PLATFORM_TEMPLATES)
          ctx.out(
            `${bold(ctx, t.name.padEnd(16))} ${t.title}\n${dim(ctx, `  datasets: ${t.datasets.join(', ')}\n  export: ${t.export}`)}\n`,
          );
      return 0;
    }
    const [name, ...extra] = positionals;
    if (name === undefined || extra.length > 0)
      throw new UsageError(
        'cli.bad_arguments',
        'add takes one template name',
        `usage: ${usage}; see kpi add --list`,
      );
    const out = addTemplate(
      findProjectDir(ctx.cwd, values.project),
      name,
      values.force ? { force: true } : {},
    );
    if (values.json) {
      ctx.out(renderJson({ template: out.template.name, file: out.file, datasets: out.template.datasets }));
      return 0;
    }
    ctx.out(`${green(ctx, 'added')} ${out.template.title}: ${out.file}\n`);
    for (const ds of out.template.datasets) ctx.out(`  then: kpi import ${ds} <export file>\n`);
    ctx.out(dim(ctx, `  export: ${out.template.export}\n`));
    return 0;
  },
};
