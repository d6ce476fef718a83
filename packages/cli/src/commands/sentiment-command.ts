// `kpi sentiment score|rescore|correct|train`: the project's sentiment model from the
// terminal. `score` streams: one output line per input line, as it reads. IO.
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ProblemsError, UsageError, type Issue } from '@kpi/core';
import {
  correctSentiment,
  findProjectDir,
  openProject,
  projectScorer,
  rescoreSentiment,
  sentimentThemes,
  trainProjectAdapter,
} from '@kpi/app';
import { parse } from '../args.js';
import { authorName } from '../author-name.js';
import type { CliContext, Command } from '../cli-context.js';
import { renderJson } from '../output/table-output.js';
import { adapterRunText, sentimentRunLine, themesText } from '../output/sentiment-output.js';

const usage = `kpi sentiment score [FILE] [--project DIR]
       kpi sentiment rescore [DATASET] [--json]
       kpi sentiment correct DATASET KEY[,KEY...] LABEL [--column COLUMN]
       kpi sentiment train --project DIR [--json]
       kpi sentiment themes DATASET --from DATE --to DATE [--label negative] [--json]`;

/** Longest input line `score` accepts (characters). */
const MAX_LINE = 100_000;

const lineIssue = (file: string, line: number, message: string, hint: string): ProblemsError => {
  const issue: Issue = {
    code: 'sentiment.input.bad_line',
    severity: 'error',
    message,
    path: [],
    hint,
    position: { file, line, column: 1 },
  };
  return new ProblemsError('sentiment.input.bad_line', `${file}:${line}: ${message}`, [issue]);
};

const scoreStream = async (
  file: string | undefined,
  dir: string | undefined,
  ctx: CliContext,
): Promise<number> => {
  const { scorer } = projectScorer(dir);
  const name = file ?? 'stdin';
  const input =
    file === undefined ? process.stdin : createReadStream(resolve(ctx.cwd, file), { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = raw.trim();
    if (line === '') continue;
    if (line.length > MAX_LINE)
      throw lineIssue(
        name,
        n,
        `line is ${line.length} characters long; the limit is ${MAX_LINE}`,
        'split the text or shorten it',
      );
    let id: unknown = n;
    let text = line;
    if (line.startsWith('{')) {
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch {
        throw lineIssue(
          name,
          n,
          'starts with "{" but is not valid JSON',
          'write {"id": ..., "text": "..."} on one line, or plain text',
        );
      }
      const rec = obj as Record<string, unknown>;
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj) || typeof rec['text'] !== 'string')
        throw lineIssue(name, n, 'JSON line has no string field "text"', 'write {"id": ..., "text": "..."}');
      text = String(rec['text']);
      id = Object.hasOwn(rec, 'id') ? rec['id'] : n;
    }
    ctx.out(JSON.stringify({ id, ...scorer.score(text) }) + '\n');
  }
  return 0;
};

export const sentimentCommand: Command = {
  name: 'sentiment',
  summary: 'score texts, rescore stored mentions, correct labels, adapt the model',
  help: `usage: ${usage}

subcommands:
  score [FILE]         read texts (one per line, or JSON lines {"id","text"}) from FILE or stdin,
                       print {"id","label","score","probabilities"} lines (score = P(positive) - P(negative))
  rescore [DATASET]    relabel every row of the sentiment columns with the current model
  correct DATASET KEY LABEL
                       set a row's label (positive, neutral, negative); kept, and it overrides the model
  train                adapt the model to the team's corrections (measured on a held-out quarter)
  themes DATASET       the words and phrases most over-represented in the period's negative (or
                       --label) mentions against the period before it, with example mentions

options:
  --column COLUMN      which sentiment column to correct (default: the dataset's first)
  --json               machine-readable output
  --project, -p DIR    project folder (score: use the project's adapter when it has one)
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        json: { type: 'boolean' },
        column: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        label: { type: 'string' },
      },
      usage,
    );
    const [sub, ...rest] = positionals;
    if (sub === 'score') {
      if (rest.length > 1)
        throw new UsageError(
          'cli.bad_arguments',
          'kpi sentiment score takes at most one file',
          `usage: ${usage}`,
        );
      return scoreStream(
        rest[0],
        values.project === undefined ? undefined : findProjectDir(ctx.cwd, values.project),
        ctx,
      );
    }
    if (sub === 'rescore') {
      const lp = openProject(findProjectDir(ctx.cwd, values.project));
      const runs = await rescoreSentiment(lp, rest[0]);
      if (values.json) ctx.out(renderJson(runs));
      else if (runs.length === 0) ctx.out('no dataset has a sentiment column\n');
      else for (const r of runs) ctx.out(sentimentRunLine(r));
      return 0;
    }
    if (sub === 'correct') {
      const [dataset, key, label] = rest;
      if (dataset === undefined || key === undefined || label === undefined || rest.length > 3)
        throw new UsageError(
          'cli.bad_arguments',
          'kpi sentiment correct needs DATASET KEY LABEL',
          `usage: ${usage}`,
        );
      const lp = openProject(findProjectDir(ctx.cwd, values.project));
      const r = await correctSentiment(lp, {
        dataset,
        key: key.split(','),
        label,
        by: authorName(ctx, undefined),
        ...(values.column === undefined ? {} : { column: values.column }),
      });
      if (values.json) ctx.out(renderJson(r));
      else
        ctx.out(
          `${dataset} ${key}: ${r.column} is now ${r.label} (was ${r.previous ?? 'empty'}); kept over the model\n`,
        );
      return 0;
    }
    if (sub === 'train') {
      const lp = openProject(findProjectDir(ctx.cwd, values.project));
      const r = await trainProjectAdapter(lp);
      ctx.out(values.json ? renderJson(r) : adapterRunText(r));
      return r.written ? 0 : 1;
    }
    if (sub === 'themes') {
      const [dataset] = rest;
      if (dataset === undefined || values.from === undefined || values.to === undefined || rest.length > 1)
        throw new UsageError(
          'cli.bad_arguments',
          'kpi sentiment themes needs DATASET --from DATE --to DATE',
          `usage: ${usage}`,
        );
      const lp = openProject(findProjectDir(ctx.cwd, values.project));
      const r = await sentimentThemes(lp, {
        dataset,
        from: values.from,
        to: values.to,
        ...(values.label === undefined ? {} : { label: values.label }),
        ...(values.column === undefined ? {} : { column: values.column }),
      });
      ctx.out(values.json ? renderJson(r) : themesText(r));
      return 0;
    }
    throw new UsageError(
      'cli.bad_arguments',
      sub === undefined ? 'kpi sentiment needs a subcommand' : `unknown subcommand "${sub}"`,
      `usage: ${usage}`,
    );
  },
};
