// `kpi datasets`: row counts, time ranges and the last import of each dataset.
import { basename } from 'node:path';
import { findProjectDir, listDatasets, openProject } from '@kpi/app';
import { parse } from '../args.js';
import type { Command } from '../cli-context.js';
import { renderJson, renderTable } from '../output/table-output.js';

const usage = 'kpi datasets [--project DIR] [--json]';

export const datasetsCommand: Command = {
  name: 'datasets',
  summary: 'list datasets with row counts, time ranges and last import',
  help: `usage: ${usage}

options:
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values } = parse(args, { json: { type: 'boolean' } }, usage);
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const stats = await listDatasets(lp);
    if (values.json) {
      ctx.out(renderJson(stats));
      return 0;
    }
    const rows = stats.map((s) => ({
      dataset: s.dataset,
      rows: s.rows,
      from: s.from ?? '—',
      to: s.to ?? '—',
      'last import': s.lastImport ? `${s.lastImport.at.slice(0, 16)} ${basename(s.lastImport.file)}` : '—',
    }));
    ctx.out(
      renderTable(
        [
          { name: 'dataset' },
          { name: 'rows', unit: 'count' },
          { name: 'from' },
          { name: 'to' },
          { name: 'last import' },
        ],
        rows,
      ),
    );
    return 0;
  },
};
