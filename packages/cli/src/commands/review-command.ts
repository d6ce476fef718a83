// `kpi review`: record a review of a KPI (or, with --list, of the KPI list itself), or
// show a KPI's reviews. A `retire` decision retires the KPI. Parses, calls one use-case, prints.
import { findProjectDir, listReviews, openProject, REVIEW_DECISIONS, reviewKpi } from '@kpi/app';
import { UsageError } from '@kpi/core';
import { parse } from '../args.js';
import { authorName } from '../author-name.js';
import { green, type Command } from '../cli-context.js';
import { reviewLine } from '../output/review-view.js';
import { renderJson } from '../output/table-output.js';

const usage =
  'kpi review <kpi> --decision keep|adjust|replace|retire|note --note TEXT [--author NAME] | kpi review --list --decision D --note TEXT | kpi review <kpi> --show';

export const reviewCommand: Command = {
  name: 'review',
  summary: 'record a review of a KPI or of the KPI list (keep, adjust, replace, retire, note)',
  help: `usage: kpi review <kpi> --decision DECISION --note TEXT [--author NAME] [--no-value]
       kpi review --list --decision DECISION --note TEXT [--author NAME]
       kpi review <kpi> --show [--json]

Records a dated review in the project's store (the web app reads the same reviews). A
review of a KPI also records the value and status seen at the time. --list reviews the
KPI list itself: the quarterly review that kpi check's drift rule asks for.

Decisions: keep, adjust (the target or definition will change), replace, retire, note.

Retiring: --decision retire writes  retired: { date: <today>, reason: <note> }  into the
KPI's YAML (recorded in kpi history). A retired KPI leaves the scorecard, kpi tree and
kpi check, but keeps its reviews and history. Delete the retired: field to bring it back.

options:
  --decision D         keep, adjust, replace, retire or note
  --note TEXT          why (required)
  --author NAME        who reviews (default: git config user.name, else $USER)
  --list               review the KPI list itself instead of one KPI
  --show               list the KPI's reviews, newest first (see also: kpi reviews)
  --no-value           do not read the KPI's current value and status
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        decision: { type: 'string' },
        note: { type: 'string' },
        author: { type: 'string' },
        list: { type: 'boolean' },
        show: { type: 'boolean' },
        'no-value': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      usage,
    );
    const kpi = positionals[0];
    if (positionals.length > 1 || (kpi === undefined) === !values.list)
      throw new UsageError(
        'cli.bad_arguments',
        'name one KPI, or use --list for the KPI list',
        `usage: ${usage}`,
      );
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    if (values.show) {
      const reviews = await listReviews(lp, kpi ?? null);
      if (values.json) ctx.out(renderJson(reviews));
      else
        ctx.out(
          reviews.length ? reviews.map((r) => reviewLine(ctx, r)).join('') : 'no reviews recorded yet\n',
        );
      return 0;
    }
    if (values.decision === undefined || values.note === undefined)
      throw new UsageError(
        'cli.missing_option',
        'a review needs --decision and --note',
        `decisions: ${REVIEW_DECISIONS.join(', ')}; usage: ${usage}`,
      );
    const out = await reviewKpi(
      lp,
      authorName(ctx, values.author),
      kpi ?? null,
      { decision: values.decision, note: values.note },
      { withValue: !values['no-value'] },
    );
    if (values.json) ctx.out(renderJson(out));
    else {
      ctx.out(
        green(
          ctx,
          `review recorded: ${out.review.decision} ${kpi ?? '(KPI list)'} by ${out.review.author}\n`,
        ),
      );
      if (out.seen)
        ctx.out(`  seen: ${out.seen.text}, ${out.seen.status.replace(/_/g, ' ')} (as of ${out.seen.asOf})\n`);
      if (out.retired)
        ctx.out(
          `  ${kpi} is retired: it leaves the scorecard and the checks; kpi history ${kpi} keeps its record\n`,
        );
    }
    return 0;
  },
};
