// The KPI form: create a KPI or change one (label, metric, goal, target, baseline,
// owner, cadence, indicator, counter-metric), with the reason kept in the history.
// Invariants: a change sends only the changed fields; a reason is required when the target
// or baseline changes; the server's issues appear at the fields they name.

import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { GoalDef, KpiDef, MetricDef, ValueFormat } from '../../api/api-types';
import { fmtDate } from '../../ui/format';
import { FormProblems, SelectField, TextAreaField, TextField, type Option } from './edit-fields';
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
import { ReasonField } from './reason-field';
import { useSave } from './use-save';

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
  const [form, setForm] = useState<KpiForm>(initial);
  const [state, save] = useSave();
  const set =
    <K extends keyof KpiForm>(k: K) =>
    (v: KpiForm[K]) =>
      setForm((f) => ({ ...f, [k]: v }));

  const patch = original ? kpiPatchBody(initial, form, original) : undefined;
  const reasonNeeded = patch !== undefined && needsReason(patch);
  const metric = metrics.find((m) => m.name === form.metric);
  const format: ValueFormat = { unit: metric?.unit as ValueFormat['unit'], currency };
  const goal = goals.find((g) => g.name === form.goal);
  const name = isNew ? form.name.trim() : original.name;
  const e = state.fieldErrors;
  const owners = [...new Set(goals.map((g) => g.owner).filter((o): o is string => !!o))].sort();

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void save({
      method: isNew ? 'POST' : 'PATCH',
      path: isNew ? '/api/kpis' : `/api/kpis/${encodeURIComponent(name)}`,
      body: patch ?? newKpiBody(form),
      missing: kpiRequired(form, isNew, isNew ? undefined : initial, reasonNeeded),
      section: 'kpis',
      name,
      fields: KPI_FIELDS,
      done: {
        title: isNew
          ? `KPI “${form.label.trim() || name}” created`
          : `KPI “${form.label.trim() || name}” saved`,
        href: `/kpis/${encodeURIComponent(name)}`,
      },
    });
  };

  return (
    <form className="edit-form" onSubmit={submit} noValidate aria-labelledby="edit-title">
      <h1 id="edit-title">{isNew ? 'New KPI' : `Edit KPI ${original.label ?? original.name}`}</h1>
      {!isNew && (
        <p className="muted small">
          <code>{original.name}</code> · changes are written into the project files and kept in the history.
        </p>
      )}
      <FormProblems error={state.error} fieldErrors={e} unplaced={state.unplaced} labels={LABELS} />

      <fieldset className="edit-fieldset">
        <legend>KPI</legend>
        <div className="form-grid">
          {isNew && (
            <TextField
              field="name"
              label="Name"
              required
              errors={e}
              value={form.name}
              onChange={set('name')}
              hint="The key in the project files: lower-case letters, digits and underscores, starting with a letter."
            />
          )}
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
        <TextAreaField
          field="description"
          label="Description"
          errors={e}
          value={form.description}
          onChange={set('description')}
          rows={2}
        />
      </fieldset>

      <TargetFieldset form={form} set={set} errors={e} format={format} goalEnd={fmtDate(goal?.period?.end)} />
      <BaselineFieldset form={form} set={set} errors={e} format={format} />

      <fieldset className="edit-fieldset">
        <legend>Ownership and review</legend>
        <div className="form-grid">
          <TextField
            field="owner"
            label="Owner"
            errors={e}
            value={form.owner}
            onChange={set('owner')}
            list="kpi-owners"
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
        <datalist id="kpi-owners">
          {owners.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      </fieldset>

      <ReasonField value={form.reason} onChange={set('reason')} errors={e} needed={reasonNeeded} />

      {state.unchanged && (
        <p className="muted" role="status">
          Nothing has changed yet, so there is nothing to save.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={state.busy}>
          {state.busy ? 'Saving…' : isNew ? 'Create KPI' : 'Save changes'}
        </button>
        <Link className="button" href={isNew ? (form.goal ? `/goals/${form.goal}` : '/') : `/kpis/${name}`}>
          Cancel
        </Link>
      </div>
    </form>
  );
};
