// The `kpi` command: dispatches to a command, maps errors to messages and exit codes
// (0 ok, 1 problems found, 2 usage error, 3 IO or engine failure). IO.
// Invariant: a user never sees a stack trace unless KPI_DEBUG=1.

import { readFileSync } from 'node:fs';
import { exitCodeFor, formatIssue, groupIssues, isKpiError, ProblemsError } from '@kpi/core';
import { bold, dim, red, type CliContext, type Command } from './cli-context.js';
import { initCommand } from './commands/init-command.js';
import { validateCommand } from './commands/validate-command.js';
import { importCommand } from './commands/import-command.js';
import { queryCommand } from './commands/query-command.js';
import { datasetsCommand } from './commands/datasets-command.js';
import { forecastCommand } from './commands/forecast-command.js';
import { anomaliesCommand } from './commands/anomalies-command.js';
import { checkCommand } from './commands/check-command.js';
import { reviewCommand } from './commands/review-command.js';
import { reviewsCommand } from './commands/reviews-command.js';
import { historyCommand } from './commands/history-command.js';
import { treeCommand } from './commands/tree-command.js';
import { schemaCommand } from './commands/schema-command.js';
import { statusCommand } from './commands/status-command.js';
import { explainCommand } from './commands/explain-command.js';
import { serveCommand } from './commands/serve-command.js';
import { userCommand } from './commands/user-command.js';
import { tokenCommand } from './commands/token-command.js';
import { shareCommand } from './commands/share-command.js';
import { reportCommand } from './commands/report-command.js';
import { scheduleCommand } from './commands/schedule-command.js';
import { alertsCommand } from './commands/alerts-command.js';
import { deliveriesCommand } from './commands/deliveries-command.js';
import { sentimentCommand } from './commands/sentiment-command.js';
import { engagementCommand } from './commands/engagement-command.js';
import { budgetCommand } from './commands/budget-command.js';
import { churnCommand } from './commands/churn-command.js';
import { addCommand } from './commands/add-command.js';
import { benchmarkCommand } from './commands/benchmark-command.js';
import { utmCommand } from './commands/utm-command.js';

export const COMMANDS: readonly Command[] = [
  initCommand,
  addCommand,
  validateCommand,
  importCommand,
  queryCommand,
  statusCommand,
  explainCommand,
  reportCommand,
  scheduleCommand,
  alertsCommand,
  deliveriesCommand,
  checkCommand,
  reviewCommand,
  reviewsCommand,
  historyCommand,
  treeCommand,
  forecastCommand,
  budgetCommand,
  churnCommand,
  utmCommand,
  anomaliesCommand,
  datasetsCommand,
  benchmarkCommand,
  schemaCommand,
  serveCommand,
  userCommand,
  tokenCommand,
  shareCommand,
  sentimentCommand,
  engagementCommand,
];

const version = (): string => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
};

const mainHelp = (ctx: CliContext): string =>
  `${bold(ctx, 'kpi')} — KPIs as code: targets, comparisons and causes for the numbers that matter

usage: kpi <command> [options]

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run kpi <command> --help for a command's options. Exit codes: 0 ok, 1 problems found,
2 usage error, 3 IO or engine failure.
`;

const reportError = (e: unknown, ctx: CliContext): number => {
  if (e instanceof ProblemsError) {
    // The same problem on many rows is printed once, with its count and first lines.
    const groups = groupIssues(e.issues);
    for (const g of groups.slice(0, 200)) ctx.err(formatIssue(g.issue) + '\n');
    if (groups.length > 200) ctx.err(`... and ${groups.length - 200} more\n`);
    ctx.err(red(ctx, `error ${e.code}: ${e.message}`) + '\n');
  } else if (isKpiError(e)) {
    ctx.err(red(ctx, `error ${e.code}: ${e.message}`) + '\n');
    if (e.hint) ctx.err(dim(ctx, `  hint: ${e.hint}`) + '\n');
  } else {
    ctx.err(red(ctx, `internal error: ${e instanceof Error ? e.message : String(e)}`) + '\n');
    ctx.err('  this is a bug in kpi; run again with KPI_DEBUG=1 for details and report it\n');
  }
  if (ctx.env['KPI_DEBUG'] === '1' && e instanceof Error) ctx.err(`${e.stack ?? ''}\n`);
  return exitCodeFor(e);
};

export const runCli = async (argv: readonly string[], ctx: CliContext): Promise<number> => {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    ctx.out(topic ? topic.help : mainHelp(ctx));
    return 0;
  }
  if (name === '--version' || name === '-V') {
    ctx.out(`kpi ${version()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    ctx.err(
      `${red(ctx, 'error cli.unknown_command')}: unknown command "${name}"\n  hint: commands are ${COMMANDS.map((c) => c.name).join(', ')}; see kpi --help\n`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    ctx.out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, ctx);
  } catch (e) {
    return reportError(e, ctx);
  }
};

/** Runs the CLI on this process's argv and streams; sets the exit code. */
export const runMain = (): void => {
  const stdoutIsTty = process.stdout.isTTY === true;
  const stderrIsTty = process.stderr.isTTY === true;
  const argv = process.argv.slice(2).filter((a) => a !== '--no-color');
  const noColor = process.env['NO_COLOR'] !== undefined || argv.length !== process.argv.length - 2;
  const ctx: CliContext = {
    cwd: process.cwd(),
    env: process.env,
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    stdoutIsTty,
    stderrIsTty,
    color: stdoutIsTty && stderrIsTty && !noColor,
  };
  runCli(argv, ctx).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`internal error: ${String(e)}\n`);
      process.exitCode = 3;
    },
  );
};
