// `kpi anomalies --series FILE`: judges every point of every series of a file against the
// points before it, and writes one JSON line per judged point.
import { runSeriesFile } from '@kpi/app';
import { UsageError } from '@kpi/core';
import { parse, parsePositiveInt } from '../args.js';
import type { Command } from '../cli-context.js';

const usage = 'kpi anomalies --series FILE [--false-alarm-every N]';

export const anomaliesCommand: Command = {
  name: 'anomalies',
  summary: 'score every point of arbitrary series for anomalies (JSON lines in and out)',
  help: `usage: ${usage}

Reads JSON lines {"id","values","period"?,"grain"?} (grain: 5m, hour, day, week, month,
quarter, year; it sets which seasonal cycles are looked for) or a CSV id,date,value, and
writes {"id","i","score","anomaly"} for each judged point: i is the point's index, score is
−log10 of the chance of a point at least this unusual given the points before it (3 = one
in a thousand), anomaly is whether it passes the threshold. Each point is judged on its
predecessors only; the first ones (two to three cycles, at least 14 points) are not judged.
A series that is too short or invalid gets one {"id","code","error"} line and the run goes
on (exit 1 when any was refused).

options:
  --series FILE              the series to score (JSON lines, or .csv)
  --false-alarm-every N      points of clean data per false alarm (default 1000)
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      { series: { type: 'string' }, 'false-alarm-every': { type: 'string' } },
      usage,
    );
    if (values.series === undefined || positionals.length)
      throw new UsageError(
        'cli.bad_arguments',
        'anomalies needs --series FILE and nothing else',
        `usage: ${usage}`,
      );
    const every = parsePositiveInt(values['false-alarm-every'], '--false-alarm-every');
    const sum = await runSeriesFile(
      values.series,
      { mode: 'anomalies', ...(every ? { falseAlarmEvery: every } : {}) },
      (r) => ctx.out(`${JSON.stringify(r)}\n`),
    );
    return sum.refused > 0 ? 1 : 0;
  },
};
