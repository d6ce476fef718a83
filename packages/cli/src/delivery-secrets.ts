// The secrets of the delivery commands: the environment, plus the file named by
// --secrets or KPI_SECRETS (outside the project folder). IO.
import { loadSecrets, type Secrets } from '@kpi/app';
import type { CliContext } from './cli-context.js';

export const secretsOf = (ctx: CliContext, file: string | undefined, projectDir: string): Secrets => {
  const f = file ?? ctx.env['KPI_SECRETS'];
  return loadSecrets({ env: ctx.env, projectDir, ...(f === undefined || f === '' ? {} : { file: f }) });
};

/** The address in message links: --base-url, else KPI_PUBLIC_URL. */
export const baseUrlOf = (ctx: CliContext, flag: string | undefined): string | undefined =>
  flag ?? (ctx.env['KPI_PUBLIC_URL'] || undefined);
