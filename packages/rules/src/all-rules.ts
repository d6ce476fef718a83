// Every built-in rule, in the order reports list them. Pure.
import type { Rule } from './rule-types.js';
import { accountabilityRule } from './rules/accountability-rule.js';
import { achievableRule } from './rules/achievable-rule.js';
import { driftRule } from './rules/drift-rule.js';
import { focusRule } from './rules/focus-rule.js';
import { goodhartRule } from './rules/goodhart-rule.js';
import { leadingLaggingRule } from './rules/leading-lagging-rule.js';
import { measurableRule } from './rules/measurable-rule.js';
import { okrMeasurableRule } from './rules/okr-measurable-rule.js';
import { relevantRule } from './rules/relevant-rule.js';
import { specificRule } from './rules/specific-rule.js';
import { timeBoundRule } from './rules/time-bound-rule.js';
import { vanityMetricRule } from './rules/vanity-metric-rule.js';

export const ALL_RULES: readonly Rule[] = [
  specificRule,
  measurableRule,
  achievableRule,
  relevantRule,
  timeBoundRule,
  focusRule,
  leadingLaggingRule,
  vanityMetricRule,
  accountabilityRule,
  goodhartRule,
  driftRule,
  okrMeasurableRule,
];

export const ruleById = (id: string): Rule | undefined => ALL_RULES.find((r) => r.id === id);
