// The demo's cascade: organisation units (the company, marketing with its growth and brand
// teams, customer care), the unit of each goal, and one OKR objective whose key results
// read the same data as the lead KPIs. Pure. Invariant: adds no KPI, so the scorecard
// and the planted check findings stay as they are.

import type { YamlValue } from './yaml-writer.js';

type Section = { readonly [name: string]: YamlValue };

const UNIT_OF_GOAL: Readonly<Record<string, string>> = {
  grow_dtc_revenue: 'northwind',
  qualified_leads: 'growth_team',
  nl_awareness: 'brand_team',
  brand_voice: 'brand_team',
  happy_customers: 'customer_care',
};

const targetValue = (kpis: Section, name: string): number => {
  const k = kpis[name] as { readonly target?: { readonly value?: unknown } } | undefined;
  return typeof k?.target?.value === 'number' ? k.target.value : 0;
};

/** The sections with units, goal units and the objective added (units first, objectives after the KPIs). */
export const withCascade = (
  s: { readonly goals: Section; readonly kpis: Section; readonly annotations: readonly YamlValue[] },
  endDate: string,
): Section => {
  const units: Section = {
    northwind: { title: 'Northwind Coffee', kind: 'company' },
    marketing: { title: 'Marketing', kind: 'department', parent: 'northwind' },
    growth_team: { title: 'Growth team', kind: 'team', parent: 'marketing' },
    brand_team: { title: 'Brand team', kind: 'team', parent: 'marketing' },
    customer_care: { title: 'Customer care', kind: 'department', parent: 'northwind' },
  };
  const goals: Section = Object.fromEntries(
    Object.entries(s.goals).map(([name, g]) => [
      name,
      UNIT_OF_GOAL[name] ? { ...(g as Section), unit: UNIT_OF_GOAL[name] } : g,
    ]),
  );
  const quarter = `${endDate.slice(0, 4)}-Q${Math.floor((Number(endDate.slice(5, 7)) - 1) / 3) + 1}`;
  const objectives: Section = {
    office_coffee_engine: {
      title: 'Make office coffee a second growth engine',
      quarter,
      owner: 'Tom Becker',
      unit: 'growth_team',
      goal: 'qualified_leads',
      key_results: [
        {
          title: 'Qualified leads this quarter',
          start: 0,
          target: targetValue(s.kpis, 'leads_this_quarter'),
          metric: 'leads',
        },
        {
          title: 'Office-coffee leads from LinkedIn',
          start: 0,
          target: targetValue(s.kpis, 'linkedin_leads'),
          metric: 'leads',
          filter: { channel: 'linkedin_ads' },
          weight: 2,
        },
        { title: 'Office-coffee pilot customers signed', start: 0, target: 3, current: 1 },
      ],
    },
  };
  return { units, goals, kpis: s.kpis, objectives, annotations: s.annotations };
};
