// Loads the benchmark sets of a project (benchmarks/*.yaml, read by the app) and checks
// them against the project: known metrics, p25 <= p50 <= p75, one entry per metric,
// filter and period in a set. Pure. Invariant: every problem is reported, each with the
// file and line of the field at fault; a set with a problem is never partly loaded.

import { fail, ok, type Issue, type Result } from '../result.js';
import { IDENTIFIER_RE } from '../schema/common-schema.js';
import { benchmarkSetSchema, type BenchmarkSet } from '../schema/benchmark-schema.js';
import { hasOwn } from '../own-lookup.js';
import { loadYamlFile, type SourceFile } from './load-project.js';
import type { Project } from './project-model.js';

/** The set name of `benchmarks/retail-instagram.yaml`: retail_instagram. */
export const benchmarkSetName = (path: string): string =>
  (path.split('/').pop() ?? path)
    .replace(/\.ya?ml$/i, '')
    .replace(/-/g, '_')
    .toLowerCase();

const filterKey = (f: Readonly<Record<string, unknown>> | undefined): string =>
  JSON.stringify(
    Object.entries(f ?? {})
      .map(([k, v]): [string, string[]] => [k, [v].flat().map(String).sort()])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  );

/** The same key for a KPI's filter and a benchmark's: exact equality of the two filters. */
export const benchmarkFilterKey = filterKey;

export const loadBenchmarks = (
  project: Pick<Project, 'metrics'>,
  files: readonly SourceFile[],
): Result<readonly BenchmarkSet[]> => {
  const issues: Issue[] = [];
  const sets: BenchmarkSet[] = [];
  for (const file of files) {
    const name = benchmarkSetName(file.path);
    if (!IDENTIFIER_RE.test(name)) {
      issues.push({
        code: 'benchmark.file_name',
        severity: 'error',
        message: `${file.path}: "${name}" is not a usable benchmark set name`,
        path: [],
        position: { file: file.path, line: 1, column: 1 },
        hint: 'name the file with lower-case letters, digits, - and _, e.g. benchmarks/retail-instagram.yaml',
      });
      continue;
    }
    const r = loadYamlFile(file, benchmarkSetSchema);
    if (!r.ok) {
      issues.push(...r.issues);
      continue;
    }
    const { value, at } = r.value;
    const before = issues.length;
    const seen = new Map<string, number>();
    value.benchmarks.forEach((b, i) => {
      const path = ['benchmarks', i];
      if (!hasOwn(project.metrics, b.metric))
        issues.push({
          code: 'benchmark.metric.unknown',
          severity: 'error',
          message: `${file.path}: benchmarks[${i}] is for metric "${b.metric}", which the project does not define`,
          path: [...path, 'metric'],
          position: at([...path, 'metric']),
          hint: `use one of: ${Object.keys(project.metrics).sort().join(', ') || '(no metrics yet)'}`,
        });
      if (!(b.p25 <= b.p50 && b.p50 <= b.p75))
        issues.push({
          code: 'benchmark.percentiles.order',
          severity: 'error',
          message: `${file.path}: benchmarks[${i}] has p25 ${b.p25}, p50 ${b.p50}, p75 ${b.p75}; percentiles must not decrease`,
          path: [...path, 'p50'],
          position: at([...path, 'p25']),
          hint: 'write p25 <= p50 <= p75 (for a lower-is-better metric too: the percentiles are of the values)',
        });
      const key = `${b.metric}|${b.period}|${filterKey(b.filter)}`;
      const first = seen.get(key);
      if (first !== undefined)
        issues.push({
          code: 'benchmark.duplicate',
          severity: 'error',
          message: `${file.path}: benchmarks[${i}] repeats benchmarks[${first}] (metric ${b.metric}, period ${b.period}, the same filter)`,
          path,
          position: at(path),
          hint: 'keep one entry per metric, filter and period in a set',
        });
      else seen.set(key, i);
    });
    if (issues.length === before) sets.push({ ...value, name, file: file.path });
  }
  return issues.length > 0 ? fail(issues) : ok(sets);
};
