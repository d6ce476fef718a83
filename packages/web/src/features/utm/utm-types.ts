// The shapes of GET /api/utm and GET /api/utm/attribution as the builder page reads them;
// the rules convert to core's UtmRules (the API writes an unset separator as null).
import type { UtmParam, UtmRules, UtmSeparator } from '@kpi/core/utm';

export interface UtmRulesAnswer {
  readonly rules: Omit<UtmRules, 'separator'> & { readonly separator: UtmSeparator | null };
  readonly params: readonly {
    readonly name: UtmParam;
    readonly label: string;
    readonly description: string;
    readonly required: boolean;
  }[];
  readonly attribution: boolean;
}

export interface AttributionAnswer {
  readonly campaigns: readonly {
    readonly campaign: string;
    readonly spend: number;
    readonly sessions: number;
    readonly conversions: number;
    readonly costPerConversion: number | null;
  }[];
  readonly unmatchedSessions: readonly { readonly campaign: string; readonly sessions: number }[];
  readonly unmatchedSpend: readonly { readonly campaign: string; readonly spend: number }[];
  readonly currency: string;
}

export const rulesOf = (a: UtmRulesAnswer): UtmRules => ({
  ...a.rules,
  separator: a.rules.separator ?? undefined,
});
