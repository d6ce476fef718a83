// Emits the JSON Schema of kpi.yaml from the zod schema, for editor autocompletion. Pure.
import { z } from 'zod';
import { partFileSchema, projectFileSchema } from './project-schema.js';
import { benchmarkSetSchema } from './benchmark-schema.js';

/** JSON Schema (draft 2020-12) accepted by kpi.yaml and by files under definitions/. */
export const projectJsonSchema = (): Record<string, unknown> => {
  const main = z.toJSONSchema(projectFileSchema, { io: 'input', unrepresentable: 'any' });
  const part = z.toJSONSchema(partFileSchema, { io: 'input', unrepresentable: 'any' });
  const { $schema, ...mainRest } = main as Record<string, unknown>;
  const { $schema: _p, ...partRest } = part as Record<string, unknown>;
  return {
    $schema,
    title: 'kpi project file',
    anyOf: [mainRest, partRest],
  };
};

/** JSON Schema of a benchmark set file (benchmarks/*.yaml). */
export const benchmarkJsonSchema = (): Record<string, unknown> =>
  z.toJSONSchema(benchmarkSetSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
