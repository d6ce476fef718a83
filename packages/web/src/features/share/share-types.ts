// The shapes of the share-link API the web app reads (see /api/openapi.json, tag
// "sharing"): a link's stored facts, a new link, and what a shared page shows. Types only.
// Invariant: they mirror the server's responses; fields the app does not use are omitted.

import type { Scorecard, Status } from '../../api/api-types';

export type ShareView = 'dashboard' | 'report';

export interface ShareInfo {
  readonly id: string;
  readonly view: ShareView;
  readonly goal: string | null;
  readonly label: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly hasPin: boolean;
}

export interface CreatedShare {
  readonly token: string;
  readonly path: string;
  readonly url: string;
  readonly info: ShareInfo;
}

/** One KPI line of the report model (GET /api/report?format=json). */
export interface ReportKpiLine {
  readonly kpi: string;
  readonly label: string;
  readonly status: Status;
  readonly statusText: string;
  readonly value: string;
  readonly valueWhen: string;
  readonly target: string | null;
  readonly comparison: string | null;
  readonly cause: string | null;
  readonly forecast: string | null;
}

export interface ReportModel {
  readonly title: string;
  readonly period: { readonly text: string };
  readonly goals: readonly {
    readonly goal: string;
    readonly title: string;
    readonly summary: string;
    readonly kpis: readonly ReportKpiLine[];
  }[];
}

export interface SharedPageData {
  readonly kind: 'shared';
  readonly view: ShareView;
  readonly goal: string | null;
  readonly label: string | null;
  readonly expiresAt: string;
  readonly project: string;
  readonly description: string | null;
  readonly scorecard: Scorecard | null;
  readonly report: ReportModel | null;
}
