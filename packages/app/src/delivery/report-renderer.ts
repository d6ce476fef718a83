// "Render the report for this schedule": the one seam between the scheduler and the
// report. IO (reads the store through the renderer). Invariant: a scheduled delivery
// calls `render` at send time, so a late run shows the data as of when it is sent, and
// says it is late.

import type { Engine } from '@kpi/engines';
import type { ReportScheduleDef } from '@kpi/core';
import type { LoadedProject } from '../project-files.js';

export interface ReportRequest {
  readonly lp: LoadedProject;
  readonly engine: Engine;
  readonly name: string;
  readonly def: ReportScheduleDef;
  /** The run's scheduled time (ISO). */
  readonly scheduledFor: string;
  readonly now: Date;
}

export interface RenderedReport {
  readonly title: string;
  readonly html: string;
  readonly markdown: string;
  /** The PDF, when chromium is present. */
  readonly pdf?: Uint8Array;
  /** Facts a chat message shows (the headline). */
  readonly summary: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export type ReportRenderer = (req: ReportRequest) => Promise<RenderedReport>;
