// `kpi benchmark`: the benchmark sets of the project (benchmarks/*.yaml) — whose figures,
// their source and date, and the p25 / median / p75 of each metric, platform and period.
import { findProjectDir, listBenchmarks, openProject } from '@kpi/app';
import { parse } from '../args.js';
import { bold, dim, type Command } from '../cli-context.js';
import { fmt } from '../output/reading-text.js';
import { renderJson } from '../output/table-output.js';

const usage = 'kpi benchmark [--json]';

export const benchmarkCommand: Command = {
  name: 'benchmark',
  summary: 'list the benchmark sets (industry or competitor percentiles) and their sources',
  help: `usage: ${usage}

Benchmark sets are YAML files under benchmarks/ in the project folder (see
docs/benchmark-sets.md). Each KPI reading then says where its value sits, e.g.
"above the p75 of retail brands on Instagram (source ..., 2026)".

options:
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values } = parse(args, { json: { type: 'boolean' } }, usage);
    const sets = listBenchmarks(openProject(findProjectDir(ctx.cwd, values.project)));
    if (values.json) {
      ctx.out(renderJson(sets));
      return 0;
    }
    if (sets.length === 0) {
      ctx.out('no benchmark sets yet: add a YAML file under benchmarks/ (see docs/benchmark-sets.md)\n');
      return 0;
    }
    const out: string[] = [];
    for (const s of sets) {
      out.push(
        bold(ctx, `${s.label}${s.example ? ' (example figures, not real data)' : ''}`),
        dim(ctx, `${s.name} · ${s.kind} · source ${s.source} · ${s.date} · ${s.file}`),
      );
      for (const b of s.benchmarks)
        out.push(
          `  ${b.metricLabel}${b.platform ? ` on ${b.platform}` : ''}, per ${b.period}: p25 ${fmt(b.p25, b.format, false)} · median ${fmt(b.p50, b.format, false)} · p75 ${fmt(b.p75, b.format, false)}`,
        );
      out.push('');
    }
    ctx.out(out.join('\n'));
    return 0;
  },
};
