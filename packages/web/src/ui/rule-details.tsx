// The details line of a check finding: the rule id behind a closed disclosure, so the
// marketer reads the plain message and the rule id is one click away for whoever tunes
// the checks (the same id as in `kpi check --json`).

export const RuleDetails = ({ rule }: { rule: string | undefined }) =>
  rule ? (
    <details className="rule-details small">
      <summary>Details</summary>
      Check rule <code>{rule}</code>
    </details>
  ) : null;
