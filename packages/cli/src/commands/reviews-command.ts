// `kpi reviews`: every review, of KPIs and of the KPI list, newest first.
import { findProjectDir, listReviews, openProject } from '@kpi/app';
import { parse } from '../args.js';
import type { Command } from '../cli-context.js';
import { reviewLine } from '../output/review-view.js';
import { renderJson } from '../output/table-output.js';

const usage = 'kpi reviews [--list-only] [--json]';

export const reviewsCommand: Command = {
  name: 'reviews',
  summary: 'list the reviews of KPIs and of the KPI list, newest first',
  help: `usage: ${usage}

options:
  --list-only          only the reviews of the KPI list itself
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values } = parse(args, { json: { type: 'boolean' }, 'list-only': { type: 'boolean' } }, usage);
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const reviews = await listReviews(lp, values['list-only'] ? null : undefined);
    if (values.json) ctx.out(renderJson(reviews));
    else
      ctx.out(reviews.length ? reviews.map((r) => reviewLine(ctx, r)).join('') : 'no reviews recorded yet\n');
    return 0;
  },
};
