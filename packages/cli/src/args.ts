// Argument parsing for every command, on node:util parseArgs. IO-free.
// Invariant: unknown options, missing values and stray positionals become UsageError
// (exit 2) with the command's usage line as the hint.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, ownGet, ownRecord } from '@kpi/core';

type Options = NonNullable<ParseArgsConfig['options']>;

export const COMMON_OPTIONS = {
  project: { type: 'string', short: 'p' },
  help: { type: 'boolean', short: 'h' },
  'no-color': { type: 'boolean' },
} as const satisfies Options;

type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{
    args: string[];
    options: O & typeof COMMON_OPTIONS;
    allowPositionals: true;
    strict: true;
  }>
>;

export const parse = <O extends Options>(args: readonly string[], options: O, usage: string): Parsed<O> => {
  try {
    return parseArgs({
      args: [...args],
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError('cli.bad_arguments', msg, `usage: ${usage}  (see --help)`);
  }
};

/** Splits repeated and comma-separated values: ['a,b', 'c'] -> ['a', 'b', 'c']. */
export const splitList = (values: readonly string[] | string | undefined): string[] =>
  (values === undefined ? [] : Array.isArray(values) ? values : [values])
    .flatMap((v: string) => v.split(','))
    .map((v: string) => v.trim())
    .filter((v: string) => v.length > 0);

/** Parses --where dim=value[,value] into {dim: [values]}. */
export const parseWhere = (
  values: readonly string[] | undefined,
  usage: string,
): Record<string, string[]> => {
  const out = ownRecord<string[]>();
  for (const w of values ?? []) {
    const eq = w.indexOf('=');
    if (eq <= 0 || eq === w.length - 1) {
      throw new UsageError(
        'cli.bad_where',
        `--where "${w}" is not dimension=value`,
        `e.g. --where platform=instagram or --where channel=meta_ads,google_search; usage: ${usage}`,
      );
    }
    const dim = w.slice(0, eq).trim();
    out[dim] = [...(ownGet(out, dim) ?? []), ...splitList(w.slice(eq + 1))];
  }
  return out;
};

export const parsePositiveInt = (v: string | undefined, flag: string): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1)
    throw new UsageError('cli.bad_number', `${flag} must be a whole number of 1 or more, got "${v}"`);
  return Number(v);
};
