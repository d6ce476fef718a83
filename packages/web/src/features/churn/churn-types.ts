// Churn risk as GET /api/churn/{name} returns it (see /api/openapi.json and app's churn-risk).
// Types only. Invariant: mirrors the server's response; fields the page does not use are omitted.

export interface ChurnCustomer {
  readonly customer: string;
  readonly risk: number;
  readonly daysSinceActivity: number;
  readonly lastActivity: string;
  readonly amount90: number;
  readonly reason: string;
  readonly segments: Readonly<Record<string, string>>;
}

export interface ChurnSegment {
  readonly dimension: string;
  readonly dimensionLabel: string;
  readonly member: string;
  readonly label: string;
  readonly customers: number;
  readonly rateBefore: number;
  readonly rateNow: number;
  readonly riskNext: number;
}

export interface ChurnRisk {
  readonly name: string;
  readonly label: string;
  readonly asOf: string;
  readonly horizonDays: number;
  readonly activeCustomers: number;
  readonly lastPeriod: {
    readonly active: number;
    readonly churned: number;
    readonly rate: number;
    readonly from: string;
  };
  readonly expected: {
    readonly mean: number;
    readonly low: number;
    readonly high: number;
    readonly level: number;
  };
  readonly expectedRate: number;
  readonly revenueAtRisk: number;
  readonly currency: string;
  readonly segments: readonly ChurnSegment[];
  readonly customers: readonly ChurnCustomer[];
}
