// Runs rules over a project and applies configuration. Pure. Invariants: a rule that
// throws becomes a `rule.crashed` finding, never a crash; a suppressed finding is kept
// with its reason so reports can show what was switched off and why.

import { ownGet, type Severity } from '@kpi/core';
import type {
  CheckReport,
  Finding,
  RawFinding,
  Rule,
  RuleConfig,
  RuleContext,
  RuleSeverity,
} from './rule-types.js';

/** Configuration wins (per KPI, then per project), then the finding's own, then the rule's default. */
const severityFor = (
  config: RuleConfig,
  rule: Rule,
  f: RawFinding,
): { severity: RuleSeverity; reason?: string } => {
  const perKpi = f.kpi === undefined ? undefined : ownGet(config.kpis, f.kpi)?.[rule.id];
  if (perKpi) return perKpi;
  const perProject = config.project?.[rule.id];
  if (perProject) return perProject;
  return { severity: f.severity ?? rule.defaultSeverity };
};

export const runRules = (rules: readonly Rule[], ctx: RuleContext, config: RuleConfig = {}): CheckReport => {
  const findings: Finding[] = [];
  const suppressed: (Finding & { reason: string })[] = [];
  const rulesRun: string[] = [];
  for (const rule of rules) {
    rulesRun.push(rule.id);
    let raw: ReturnType<Rule['check']>;
    try {
      raw = rule.check(ctx);
    } catch (e) {
      findings.push({
        rule: rule.id,
        code: 'rule.crashed',
        severity: 'warning',
        message: `the check "${rule.title}" could not run: ${e instanceof Error ? e.message : String(e)}`,
        path: [],
        hint: 'this is a bug in kpi; the other checks ran normally',
      });
      continue;
    }
    for (const f of raw) {
      const { severity, reason } = severityFor(config, rule, f);
      const finding: Finding = {
        ...f,
        rule: rule.id,
        severity: severity === 'off' ? (f.severity ?? rule.defaultSeverity) : severity,
      };
      if (severity === 'off') suppressed.push({ ...finding, reason: reason ?? 'no reason recorded' });
      else findings.push(finding);
    }
  }
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  findings.sort(
    (a, b) =>
      order[a.severity] - order[b.severity] ||
      a.rule.localeCompare(b.rule) ||
      (a.kpi ?? '').localeCompare(b.kpi ?? ''),
  );
  return { findings, suppressed, rulesRun };
};
