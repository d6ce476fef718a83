// Structural limits on every parsed input (imports, pushes, request bodies, project YAML):
// their names, defaults and ceilings, the `project.limits` schema that raises them, and
// the wording of a refusal. Pure. Invariant: a limit can be raised only up to its
// ceiling, so no setting lets an input through that is known to crash a reader.

import { z } from 'zod';

export const LIMIT_NAMES = ['json_depth', 'json_keys', 'field_bytes', 'csv_columns', 'yaml_aliases'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

export type InputLimits = Readonly<Record<LimitName, number>>;

export const DEFAULT_INPUT_LIMITS: InputLimits = {
  json_depth: 64,
  json_keys: 4096,
  field_bytes: 1024 * 1024,
  csv_columns: 4096,
  yaml_aliases: 100,
};

/** The largest value each limit may be raised to. */
export const LIMIT_CEILINGS: InputLimits = {
  json_depth: 1000,
  json_keys: 20_000,
  field_bytes: 16 * 1024 * 1024,
  csv_columns: 20_000,
  yaml_aliases: 100_000,
};

const DESCRIPTIONS: Readonly<Record<LimitName, string>> = {
  json_depth: 'Deepest nesting of arrays and objects in a JSON or NDJSON file or body.',
  json_keys: 'Most keys in one JSON object.',
  field_bytes: 'Longest single value (a JSON string or number, a CSV field), in bytes.',
  csv_columns: 'Most columns in one CSV record.',
  yaml_aliases: 'Most alias expansions in one project YAML file.',
};

const limit = (name: LimitName) =>
  z
    .number()
    .int()
    .min(1)
    .max(LIMIT_CEILINGS[name])
    .optional()
    .describe(
      `${DESCRIPTIONS[name]} Default ${DEFAULT_INPUT_LIMITS[name]}, at most ${LIMIT_CEILINGS[name]}.`,
    );

export const limitsSchema = z
  .strictObject({
    json_depth: limit('json_depth'),
    json_keys: limit('json_keys'),
    field_bytes: limit('field_bytes'),
    csv_columns: limit('csv_columns'),
    yaml_aliases: limit('yaml_aliases'),
  })
  .describe('Structural limits on imported files, pushed rows and project files (raise them here).');

export type LimitsSetting = z.infer<typeof limitsSchema>;

/** The limits in force: the project's settings over the defaults. */
export const inputLimits = (setting: LimitsSetting | undefined): InputLimits => {
  const out: Record<LimitName, number> = { ...DEFAULT_INPUT_LIMITS };
  for (const name of LIMIT_NAMES) {
    const v = setting?.[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
};

/** Thousands separators, for messages. */
export const countText = (n: number): string => n.toLocaleString('en-US');

/** How to raise a limit, for a hint. */
export const raiseHint = (name: LimitName): string =>
  `raise project.limits.${name} in kpi.yaml (at most ${countText(LIMIT_CEILINGS[name])})`;
