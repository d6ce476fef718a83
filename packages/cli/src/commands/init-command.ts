// `kpi init [folder] [--demo]`: create a project. Parses, calls the use-case, prints.
import { PLATFORM_TEMPLATES, addTemplate, initProject } from '@kpi/app';
import { UsageError, isIsoDate } from '@kpi/core';
import { parse, parsePositiveInt } from '../args.js';
import { bold, dim, type CliContext, type Command } from '../cli-context.js';
import { renderJson } from '../output/table-output.js';

const usage =
  'kpi init [folder] [--demo] [--force] [--name NAME] [--timezone TZ] [--currency CODE] [--template NAME] [--json]';

export const initCommand: Command = {
  name: 'init',
  summary: 'create a new project (with --demo: a demo brand with two years of data)',
  help: `usage: ${usage}

Creates kpi.yaml, kpi.schema.json (editor autocompletion) and .gitignore in [folder]
(default: the current folder). With --demo, writes a fictional brand's project and two
years of generated marketing data to data/*.csv and imports it into .kpi/kpi.duckdb.

options:
  --demo               fill the project with the built-in demo
  --force              replace an existing kpi.yaml (the database is rebuilt)
  --name NAME          project name (default "My KPIs")
  --timezone TZ        IANA time zone (default UTC; demo: Europe/Berlin)
  --currency CODE      ISO currency code (default USD; demo: EUR)
  --template NAME      also add a platform template (see kpi add --list); repeatable
  --end-date DATE      demo: last day of data, YYYY-MM-DD (default: yesterday)
  --seed N             demo: random seed (default 42)
  --rows N             demo: approximate number of fact rows (default: small, ~50k)
  --json               print a machine-readable summary
`,
  async run(args, ctx: CliContext) {
    const { values, positionals } = parse(
      args,
      {
        demo: { type: 'boolean' },
        force: { type: 'boolean' },
        name: { type: 'string' },
        timezone: { type: 'string' },
        currency: { type: 'string' },
        'end-date': { type: 'string' },
        seed: { type: 'string' },
        rows: { type: 'string' },
        json: { type: 'boolean' },
        template: { type: 'string', multiple: true },
      },
      usage,
    );
    if (positionals.length > 1)
      throw new UsageError(
        'cli.bad_arguments',
        `init takes one folder, got ${positionals.length}`,
        `usage: ${usage}`,
      );
    const endDate = values['end-date'];
    if (endDate !== undefined && !isIsoDate(endDate))
      throw new UsageError('cli.bad_date', `--end-date "${endDate}" is not a date written YYYY-MM-DD`);
    for (const t of values.template ?? [])
      if (!PLATFORM_TEMPLATES.some((x) => x.name === t || x.name.replace(/-/g, '_') === t))
        throw new UsageError(
          'template.not_found',
          `no template named "${t}"`,
          `templates: ${PLATFORM_TEMPLATES.map((x) => x.name).join(', ')}`,
        );
    const rows = parsePositiveInt(values.rows, '--rows');
    const seed = parsePositiveInt(values.seed, '--seed');
    const progress =
      ctx.stderrIsTty && !values.json ? (m: string) => ctx.err(dim(ctx, `  ${m}\n`)) : undefined;
    const result = await initProject({
      dir: positionals[0] ?? values.project ?? ctx.cwd,
      ...(values.demo ? { demo: true } : {}),
      ...(values.force ? { force: true } : {}),
      ...(values.name !== undefined ? { name: values.name } : {}),
      ...(values.timezone !== undefined ? { timezone: values.timezone } : {}),
      ...(values.currency !== undefined ? { currency: values.currency } : {}),
      ...(endDate !== undefined ? { endDate } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(rows !== undefined ? { scale: rows } : {}),
      ...(progress ? { onProgress: progress } : {}),
    });
    const templates = (values.template ?? []).map((t) => addTemplate(result.dir, t));
    if (values.json) {
      ctx.out(renderJson({ ...result, templates: templates.map((t) => t.file) }));
      return 0;
    }
    ctx.out(`${bold(ctx, 'Created')} ${result.dir}\n`);
    for (const f of [...result.files, ...templates.map((t) => t.file)]) ctx.out(`  ${f}\n`);
    const total = result.imports.reduce((n, i) => n + i.inserted, 0);
    if (result.imports.length)
      ctx.out(`Imported ${total.toLocaleString('en-US')} rows into ${result.imports.length} datasets.\n`);
    ctx.out(
      `Next: ${values.demo ? 'kpi query leads --by week --last 12' : 'edit kpi.yaml, then kpi validate'}\n`,
    );
    return 0;
  },
};
