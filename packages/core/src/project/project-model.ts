// The loaded project: every section merged from kpi.yaml and definitions/*.yaml, plus
// where each entity was defined. Pure, readonly data.

import type { SourcePosition } from '../result.js';
import type { DatasetDef } from '../schema/dataset-schema.js';
import type { MetricDef } from '../schema/metric-schema.js';
import type { AnnotationDef, GoalDef, KpiDef } from '../schema/goal-schema.js';
import type { ProjectSettings } from '../schema/project-schema.js';
import type { ObjectiveDef, UnitDef } from '../schema/cascade-schema.js';
import type { ChurnDef } from '../schema/churn-schema.js';
import type { BenchmarkSet } from '../schema/benchmark-schema.js';
import type { UtmDef } from '../schema/utm-schema.js';
import { ownGet } from '../own-lookup.js';
import type { AlertDef, ChannelDef, ReportScheduleDef } from '../schema/delivery-schema.js';

export interface Project {
  readonly settings: ProjectSettings;
  readonly datasets: Readonly<Record<string, DatasetDef>>;
  readonly metrics: Readonly<Record<string, MetricDef>>;
  /** Organisation units; the loader always sets it, hand-built projects may leave it out. */
  readonly units?: Readonly<Record<string, UnitDef>>;
  readonly goals: Readonly<Record<string, GoalDef>>;
  readonly kpis: Readonly<Record<string, KpiDef>>;
  readonly annotations: readonly AnnotationDef[];
  /** OKR objectives; the loader always sets it, hand-built projects may leave it out. */
  readonly objectives?: Readonly<Record<string, ObjectiveDef>>;
  /** Where reports and alerts are sent, scheduled reports, alerts; the loader always sets them. */
  readonly channels?: Readonly<Record<string, ChannelDef>>;
  readonly reports?: Readonly<Record<string, ReportScheduleDef>>;
  readonly alerts?: Readonly<Record<string, AlertDef>>;
  /** Churn definitions; the loader always sets it, hand-built projects may leave it out. */
  readonly churn?: Readonly<Record<string, ChurnDef>>;
  /** Benchmark sets (benchmarks/*.yaml); the app's loader sets it, hand-built projects may leave it out. */
  readonly benchmarks?: readonly BenchmarkSet[];
  /** Naming rules for campaign links and the attribution datasets (one per project). */
  readonly utm?: UtmDef;
  /** Where each entity is defined, keyed `section.name` (e.g. `metrics.ctr`). */
  readonly locations: Readonly<Record<string, SourcePosition>>;
}

export const SECTIONS = [
  'datasets',
  'metrics',
  'units',
  'goals',
  'kpis',
  'objectives',
  'channels',
  'reports',
  'alerts',
  'churn',
] as const;
export type Section = (typeof SECTIONS)[number];

/** The position of an entity, e.g. `locate(p, 'metrics', 'ctr')`. */
export const locate = (p: Project, section: Section, name: string): SourcePosition | undefined =>
  ownGet(p.locations, `${section}.${name}`);

/** Label to show for a metric: its label or its name. */
export const metricLabel = (p: Project, name: string): string => ownGet(p.metrics, name)?.label ?? name;
