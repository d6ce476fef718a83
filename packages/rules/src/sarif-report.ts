// SARIF 2.1.0 output of a check report, so code-hosting platforms can annotate pull
// requests. Pure. Invariant: every result names a rule listed in the driver, and
// locations are relative URIs of project files with 1-based line and column.
import type { Severity } from '@kpi/core';
import type { CheckReport, Rule } from './rule-types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

export const toSarif = (
  report: CheckReport,
  rules: readonly Rule[],
  version: string,
): Record<string, unknown> => {
  const used = rules.filter((r) => report.rulesRun.includes(r.id));
  const index = new Map(used.map((r, i) => [r.id, i]));
  const extra = report.findings.some((f) => !index.has(f.rule));
  const driverRules = used.map((r) => ({
    id: r.id,
    name: r.title
      .replace(/[^A-Za-z0-9]+/g, ' ')
      .trim()
      .split(' ')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: r.title },
    fullDescription: { text: r.rationale },
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));
  if (extra)
    driverRules.push({
      id: 'rule.crashed',
      name: 'RuleCrashed',
      shortDescription: { text: 'A check could not run' },
      fullDescription: { text: 'A check failed with an internal error; the others ran.' },
      defaultConfiguration: { level: 'warning' },
    });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kpi',
            version,
            informationUri: 'https://github.com/kpi-dev/kpi',
            rules: driverRules,
          },
        },
        results: report.findings.map((f) => ({
          ruleId: index.has(f.rule) ? f.rule : 'rule.crashed',
          ruleIndex: index.get(f.rule) ?? driverRules.length - 1,
          level: LEVEL[f.severity],
          message: { text: f.hint ? `${f.message} Fix: ${f.hint}.` : f.message },
          ...(f.position
            ? {
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: f.position.file },
                      region: { startLine: f.position.line, startColumn: f.position.column },
                    },
                  },
                ],
              }
            : {}),
          partialFingerprints: { kpiFinding: `${f.code}/${f.kpi ?? f.goal ?? f.path.join('.')}` },
        })),
      },
    ],
  };
};
