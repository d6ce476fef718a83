// Public surface of @kpi/cli: the command runner (used by tests and the bin script).
export { runCli, runMain, COMMANDS } from './main.js';
export type { CliContext, Command } from './cli-context.js';
