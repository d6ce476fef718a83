// Use-case: the project's benchmark sets (benchmarks/*.yaml) with each entry's metric label
// and display format, for `kpi benchmark`. Pure once the project is loaded (openProject
// read and checked the files).

import { metricLabel, ownGet, type BenchmarkEntryDef, type BenchmarkSet } from '@kpi/core';
import type { ValueFormat } from '@kpi/scorecard';
import type { LoadedProject } from '../project-files.js';

export interface BenchmarkEntryView extends BenchmarkEntryDef {
  readonly metricLabel: string;
  readonly format: ValueFormat;
}

export interface BenchmarkSetView extends Omit<BenchmarkSet, 'benchmarks'> {
  readonly benchmarks: readonly BenchmarkEntryView[];
}

export const listBenchmarks = (lp: LoadedProject): BenchmarkSetView[] =>
  (lp.project.benchmarks ?? []).map((set) => ({
    ...set,
    benchmarks: set.benchmarks.map((b) => {
      const m = ownGet(lp.project.metrics, b.metric);
      const unit = m?.unit ?? 'number';
      const currency = unit === 'currency' ? (m?.currency ?? lp.project.settings.currency) : undefined;
      return {
        ...b,
        metricLabel: metricLabel(lp.project, b.metric),
        format: {
          unit,
          ...(currency ? { currency } : {}),
          ...(m?.decimals === undefined ? {} : { decimals: m.decimals }),
        },
      };
    }),
  }));
