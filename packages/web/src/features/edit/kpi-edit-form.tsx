// The KPI form: create a KPI or change one (label, metric, goal, target, baseline,
// owner, cadence, indicator, counter-metric), with the reason kept in the history.
// Invariants: a change sends only the changed fields; a reason is required when the target
// or baseline changes; the server's issues appear at the fields they name.

import { useMemo } from 'react';
import type { GoalDef, KpiDef, MetricDef, ValueFormat } from '../../api/api-types';
import { fmtDate } from '../../ui/format';
import { SelectField, TextField, type Option } from './edit-fields';
import { DescriptionField, EditFormFrame, NameField, OwnerField, distinct } from './edit-form-frame';
import {
  CADENCES,
  INDICATORS,
  KPI_FIELDS,
  kpiFormOf,
  kpiPatchBody,
  kpiRequired,
  needsReason,
  newKpiBody,
  type KpiForm,
} from './kpi-form-model';
import { BaselineFieldset, TargetFieldset } from './kpi-target-fieldsets';
import { useEditForm } from './use-edit-form';

const LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  label: 'Label',
  description: 'Description',
  metric: 'Metric',
  goal: 'Goal',
  target: 'Target',
  'target.kind': 'Target kind',
  'target.value': 'Target value',
  'target.deadline': 'Deadline',
  'target.tolerance': 'Tolerance',
  baseline: 'Baseline',
  'baseline.value': 'Baseline value',
  'baseline.from': 'Baseline from',
  'baseline.to': 'Baseline to',
  owner: 'Owner',
  cadence: 'Review cadence',
  indicator: 'Indicator',
  counter_metric: 'Counter-metric',
  reason: 'Reason for this change',
};

export interface KpiEditFormProps {
  readonly original: KpiDef | undefined;
  readonly metrics: readonly MetricDef[];
  readonly goals: readonly GoalDef[];
  readonly currency: string | undefined;
  readonly presetGoal: string;
}

const metricOptions = (metrics: readonly MetricDef[], none: string): Option[] => [
  { value: '', label: none },
  ...metrics.map((m) => ({ value: m.name, label: m.label ? `${m.label} (${m.name})` : m.name })),
];

export const KpiEditForm = ({ original, metrics, goals, currency, presetGoal }: KpiEditFormProps) => {
  const isNew = original === undefined;
  const initial = useMemo(() => kpiFormOf(original, presetGoal), [original, presetGoal]);
  const edit = useEditForm<KpiForm>(initial);
  const { form, set, state, save } = edit;

  const patch = original ? kpiPatchBody(initial, form, original) : undefined;
  const reasonNeeded = patch !== undefined && needsReason(patch);
  const metric = metrics.find((m) => m.name === form.metric);
  const format: ValueFormat = { unit: metric?.unit as ValueFormat['unit'], currency };
  const goal = goals.find((g) => g.name === form.goal);
  const name = isNew ? form.name.trim() : original.name;
  const e = state.fieldErrors;

  const submit = () =>
    void save({
      section: 'kpis',
      name,
      isNew,
      body: patch ?? newKpiBody(form),
      missing: kpiRequired(form, isNew, reasonNeeded),
      fields: KPI_FIELDS,
      what: `KPI “${form.label.trim() || name}”`,
    });

  return (
    <EditFormFrame
      title={isNew ? 'New KPI' : `Edit KPI ${original.label ?? original.name}`}
      existing={original?.name}
      edit={edit}
      labels={LABELS}
      onSubmit={submit}
      reasonNeeded={reasonNeeded}
      submitLabel={isNew ? 'Create KPI' : 'Save changes'}
      cancelHref={isNew ? (form.goal ? `/goals/${form.goal}` : '/') : `/kpis/${name}`}
    >
      <fieldset className="edit-fieldset">
        <legend>KPI</legend>
        <div className="form-grid">
          {isNew && <NameField errors={e} value={form.name} onChange={set('name')} />}
          <TextField field="label" label="Label" errors={e} value={form.label} onChange={set('label')} />
          <SelectField
            field="metric"
            label="Metric"
            required
            errors={e}
            value={form.metric}
            onChange={set('metric')}
            options={metricOptions(metrics, 'Choose a metric…')}
            hint={metric?.description}
          />
          <SelectField
            field="goal"
            label="Goal"
            required
            errors={e}
            value={form.goal}
            onChange={set('goal')}
            options={[
              { value: '', label: 'Choose a goal…' },
              ...goals.map((g) => ({ value: g.name, label: g.title })),
            ]}
          />
        </div>
        <DescriptionField errors={e} value={form.description} onChange={set('description')} />
      </fieldset>

      <TargetFieldset form={form} set={set} errors={e} format={format} goalEnd={fmtDate(goal?.period?.end)} />
      <BaselineFieldset form={form} set={set} errors={e} format={format} />

      <fieldset className="edit-fieldset">
        <legend>Ownership and review</legend>
        <div className="form-grid">
          <OwnerField
            errors={e}
            value={form.owner}
            onChange={set('owner')}
            owners={distinct(goals.map((g) => g.owner))}
            listId="kpi-owners"
          />
          <SelectField
            field="cadence"
            label="Review cadence"
            errors={e}
            value={form.cadence}
            onChange={set('cadence')}
            options={[{ value: '', label: 'Not set' }, ...CADENCES.map((c) => ({ value: c, label: c }))]}
          />
          <SelectField
            field="indicator"
            label="Indicator"
            errors={e}
            value={form.indicator}
            onChange={set('indicator')}
            options={[{ value: '', label: 'Not set' }, ...INDICATORS.map((c) => ({ value: c, label: c }))]}
            hint="Leading predicts the outcome; lagging is the outcome."
          />
          <SelectField
            field="counter_metric"
            label="Counter-metric"
            errors={e}
            value={form.counterMetric}
            onChange={set('counterMetric')}
            options={metricOptions(metrics, 'None')}
            hint="A metric that must not worsen while this KPI improves."
          />
        </div>
      </fieldset>
    </EditFormFrame>
  );
};
