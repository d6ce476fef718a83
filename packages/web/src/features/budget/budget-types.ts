// The budget plan as GET /api/goals/{name}/budget returns it (see /api/openapi.json). Types only.
// Invariant: mirrors the server's response; fields the page does not use are omitted.

export interface CurvePoint {
  readonly spend: number;
  readonly outcome: number;
  readonly low?: number;
  readonly high?: number;
}

export interface BudgetMember {
  readonly member: string;
  readonly label: string;
  readonly today: number;
  readonly plan: number;
  readonly status: 'optimised' | 'at_min' | 'at_max' | 'kept';
  readonly outcomeToday: number;
  readonly outcomePlan: number;
  readonly marginalCostToday?: number;
  readonly marginalCostPlan?: number;
  readonly curve?: { readonly saturationSeen: boolean; readonly spendMax: number; readonly r2: number };
  readonly refused?: { readonly message: string; readonly hint?: string };
  readonly points: readonly CurvePoint[];
  readonly line: readonly CurvePoint[];
}

export interface OutcomeRange {
  readonly mean: number;
  readonly low80: number;
  readonly high80: number;
}

export interface BudgetPlan {
  readonly goal: string;
  readonly goalTitle: string;
  readonly asOf: string;
  readonly dimension: string;
  readonly dimensionLabel: string;
  readonly outcomeLabel: string;
  readonly currency: string;
  readonly period: { readonly start: string; readonly end: string; readonly days: number };
  readonly total: number;
  readonly todayTotal: number;
  readonly maxChange?: number;
  readonly members: readonly BudgetMember[];
  readonly outcome: {
    readonly plan: OutcomeRange;
    readonly today: OutcomeRange;
    readonly gain: OutcomeRange;
  };
  readonly kpi?: {
    readonly label: string;
    readonly probabilityNow: number;
    readonly probabilityPlan: number;
    readonly verdictNow: string;
    readonly verdictPlan: string;
  };
  readonly sentence: string;
  readonly caveat: string;
}
