// A small real project for the delivery tests: a "members" snapshot KPI that must stay
// above 1,000, with channels pointing at the test receivers, history up to a day, and
// helpers to import one more day and run the scheduler at a fixed instant.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fixedClock,
  importDataset,
  openProject,
  runSchedule,
  stakeholderReportRenderer,
  type ScheduleSummary,
} from '@kpi/app';
import { loadSecrets, type Secrets } from '@kpi/delivery';

export const projectYaml = (extra: string): string => `version: 1
project: { name: Delivery test, timezone: UTC }
datasets:
  members:
    time: date
    key: [date]
    columns:
      date: { type: date }
      members: { type: integer }
metrics:
  members: { kind: snapshot, dataset: members, column: members, label: Members }
goals:
  keep: { title: Keep the community, period: { start: 2026-01-01, end: 2026-06-30 } }
kpis:
  members:
    metric: members
    goal: keep
    target: { kind: stay_above, value: 1000 }
    cadence: weekly
    min_elapsed: 0
    thresholds: { on_track_probability: 0.5, off_track_probability: 0.5 }
${extra}`;

/** 40 days of 1,200-1,220 members from 2026-01-01 (to 2026-02-09). */
export const historyRows = (): [string, number][] =>
  Array.from({ length: 40 }, (_, i) => [
    new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    1200 + (i % 3) * 10,
  ]);

export const makeProject = async (prefix: string, extra: string): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'kpi.yaml'), projectYaml(extra));
  await importRows(dir, historyRows());
  return dir;
};

let n = 0;
export const importRows = async (
  dir: string,
  rows: readonly (readonly [string, number])[],
): Promise<void> => {
  const csv = join(dir, `..`, `${dir.split('/').pop() ?? 'p'}-rows-${n++}.csv`);
  writeFileSync(csv, `date,members\n${rows.map(([d, v]) => `${d},${v}`).join('\n')}\n`);
  await importDataset(openProject(dir), 'members', csv);
};

export const secretsFor = (dir: string, env: Record<string, string>): Secrets =>
  loadSecrets({ env, projectDir: dir });

export const runAt = (dir: string, at: string, secrets: Secrets, owner = 'test'): Promise<ScheduleSummary> =>
  runSchedule(openProject(dir, { clock: fixedClock(at) }), {
    secrets,
    owner,
    renderReport: stakeholderReportRenderer(),
    baseUrl: 'http://kpi.test',
  });
