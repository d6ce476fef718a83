// `kpi validate`: load the project and report every problem (exit 1 when there are errors).
import { findProjectDir, openProject } from '@kpi/app';
import { formatIssue, ProblemsError } from '@kpi/core';
import { parse } from '../args.js';
import { green, yellow, type Command } from '../cli-context.js';
import { renderJson } from '../output/table-output.js';

const usage = 'kpi validate [--project DIR] [--json]';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check kpi.yaml and definitions/ for problems',
  help: `usage: ${usage}

Loads kpi.yaml and every YAML file under definitions/, and reports every problem at once
with file:line:column, a stable code and a hint. Exit code 1 when there are errors.

A project file may have at most 5 MB, and its aliases (*name) may expand at most 100
times (an alias bomb is refused); raise the alias limit with project.limits.yaml_aliases
in kpi.yaml.

options:
  --project, -p DIR    project folder (default: nearest folder with kpi.yaml)
  --json               print {ok, issues} as JSON
`,
  async run(args, ctx) {
    const { values } = parse(args, { json: { type: 'boolean' } }, usage);
    const dir = findProjectDir(ctx.cwd, values.project);
    try {
      const lp = openProject(dir);
      const p = lp.project;
      if (values.json) {
        ctx.out(renderJson({ ok: true, issues: lp.warnings }));
        return 0;
      }
      for (const w of lp.warnings) ctx.out(yellow(ctx, formatIssue(w)) + '\n');
      const count = (o: object) => Object.keys(o).length;
      ctx.out(
        `${green(ctx, 'ok')} ${p.settings.name}: ${count(p.datasets)} datasets, ${count(p.metrics)} metrics, ${count(p.goals)} goals, ${count(p.kpis)} KPIs\n`,
      );
      return 0;
    } catch (e) {
      if (e instanceof ProblemsError && values.json) {
        ctx.out(renderJson({ ok: false, issues: e.issues }));
        return 1;
      }
      throw e;
    }
  },
};
