// OKRs: every objective has two to five key results, and they are measurable — bound to a
// metric or carrying a current value, with a target that differs from the start. Pure.
import { ownGet, type ObjectiveDef } from '@kpi/core';
import type { RawFinding, Rule } from '../rule-types.js';

export const OKR_KEY_RESULTS = { min: 2, max: 5 } as const;

const measurable = (kr: ObjectiveDef['key_results'][number]): boolean =>
  kr.start !== kr.target && (kr.metric !== undefined || kr.current !== undefined);

export const okrMeasurableRule: Rule = {
  id: 'okr.measurable',
  title: 'Objectives with two to five measurable key results',
  defaultSeverity: 'warning',
  rationale:
    'An objective is only as good as the key results that measure it: with one the team games it, with many nobody remembers them, and a key result without a number is a task list, not a result.',
  check: ({ project }) => {
    const out: RawFinding[] = [];
    for (const [name, o] of Object.entries(project.objectives ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      const pos = ownGet(project.locations, `objectives.${name}`);
      const at = { ...(pos ? { position: pos } : {}), ...(o.goal ? { goal: o.goal } : {}) };
      const n = o.key_results.length;
      if (n < OKR_KEY_RESULTS.min || n > OKR_KEY_RESULTS.max)
        out.push({
          code: 'okr.measurable.key_result_count',
          message: `Objective "${o.title}" has ${n} key result${n === 1 ? '' : 's'}; an objective reads best with ${OKR_KEY_RESULTS.min} to ${OKR_KEY_RESULTS.max}.`,
          path: ['objectives', name, 'key_results'],
          hint:
            n < OKR_KEY_RESULTS.min
              ? 'add a key result that would show the objective from another side (quality as well as quantity)'
              : 'keep the key results that decide whether the objective is met; move the rest to KPIs or tasks',
          ...at,
        });
      const vague = o.key_results.filter((kr) => !measurable(kr));
      if (n > 0 && vague.length === n)
        out.push({
          code: 'okr.measurable.none',
          severity: 'error',
          message: `Objective "${o.title}" has no measurable key result: none is bound to a metric or has a current value moving from its start to a different target.`,
          path: ['objectives', name, 'key_results'],
          hint: 'bind a key result to a metric (metric: leads) so it updates itself, or record its current value',
          ...at,
        });
      else
        for (const kr of vague)
          out.push({
            code: 'okr.measurable.key_result',
            message: `Key result "${kr.title}" of objective "${o.title}" cannot be measured${kr.start === kr.target ? ': its target equals its start' : ': it has no metric and no current value'}.`,
            path: ['objectives', name, 'key_results', o.key_results.indexOf(kr)],
            hint: 'give it a metric (it then updates itself) or a current value, and a target different from the start',
            ...at,
          });
    }
    return out;
  },
};
