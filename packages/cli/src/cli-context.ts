// What a command gets from the outside world: output streams, cwd, terminal facts. IO.
// Invariant: colour is used only when stdout is a terminal and NO_COLOR is not set.

export interface CliContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
  readonly color: boolean;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  /** Returns the exit code; throws KpiError for failures (mapped in main). */
  run(args: readonly string[], ctx: CliContext): Promise<number>;
}

export const paint = (ctx: CliContext, code: number, text: string): string =>
  ctx.color ? `\u001b[${code}m${text}\u001b[0m` : text;
export const bold = (ctx: CliContext, t: string): string => paint(ctx, 1, t);
export const red = (ctx: CliContext, t: string): string => paint(ctx, 31, t);
export const yellow = (ctx: CliContext, t: string): string => paint(ctx, 33, t);
export const green = (ctx: CliContext, t: string): string => paint(ctx, 32, t);
export const dim = (ctx: CliContext, t: string): string => paint(ctx, 2, t);
