// The goal form: create a goal or change one (title, description, owner, period, parent;
// the unit on creation), with an optional reason kept in the history.
// Invariants: a change sends only the changed fields; the server's issues appear at the
// fields they name; a goal cannot be its own parent (it is not offered).

import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { GoalDef } from '../../api/api-types';
import { FormProblems, SelectField, TextAreaField, TextField, fieldId } from './edit-fields';
import {
  GOAL_FIELDS,
  goalFormOf,
  goalPatchBody,
  goalRequired,
  newGoalBody,
  type GoalForm,
} from './goal-form-model';
import { ReasonField } from './reason-field';
import { useSave } from './use-save';

const LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  title: 'Title',
  description: 'Description',
  owner: 'Owner',
  period: 'Period',
  'period.start': 'Period start',
  'period.end': 'Period end',
  parent: 'Parent goal',
  unit: 'Unit',
  reason: 'Reason for this change',
};

export const GoalEditForm = ({
  original,
  goals,
}: {
  readonly original: GoalDef | undefined;
  readonly goals: readonly GoalDef[];
}) => {
  const isNew = original === undefined;
  const initial = useMemo(() => goalFormOf(original), [original]);
  const [form, setForm] = useState<GoalForm>(initial);
  const [state, save] = useSave();
  const set = (k: keyof GoalForm) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const name = isNew ? form.name.trim() : original.name;
  const e = state.fieldErrors;
  const units = [...new Set(goals.map((g) => g.unit).filter((u): u is string => !!u))].sort();
  const owners = [...new Set(goals.map((g) => g.owner).filter((o): o is string => !!o))].sort();
  const periodErrors = e['period'] ?? [];

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void save({
      method: isNew ? 'POST' : 'PATCH',
      path: isNew ? '/api/goals' : `/api/goals/${encodeURIComponent(name)}`,
      body: isNew ? newGoalBody(form) : goalPatchBody(initial, form),
      missing: goalRequired(form, isNew),
      section: 'goals',
      name,
      fields: GOAL_FIELDS,
      done: {
        title: isNew ? `Goal “${form.title.trim()}” created` : `Goal “${form.title.trim()}” saved`,
        href: `/goals/${encodeURIComponent(name)}`,
      },
    });
  };

  return (
    <form className="edit-form" onSubmit={submit} noValidate aria-labelledby="edit-title">
      <h1 id="edit-title">{isNew ? 'New goal' : `Edit goal ${original.title}`}</h1>
      {!isNew && (
        <p className="muted small">
          <code>{original.name}</code> · changes are written into the project files and kept in the history.
        </p>
      )}
      <FormProblems error={state.error} fieldErrors={e} unplaced={state.unplaced} labels={LABELS} />

      <fieldset className="edit-fieldset">
        <legend>Goal</legend>
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
          <TextField
            field="title"
            label="Title"
            required
            errors={e}
            value={form.title}
            onChange={set('title')}
          />
          <TextField
            field="owner"
            label="Owner"
            errors={e}
            value={form.owner}
            onChange={set('owner')}
            list="goal-owners"
          />
          <SelectField
            field="parent"
            label="Parent goal"
            errors={e}
            value={form.parent}
            onChange={set('parent')}
            options={[
              { value: '', label: 'None (a top-level goal)' },
              ...goals.filter((g) => g.name !== name).map((g) => ({ value: g.name, label: g.title })),
            ]}
          />
          {units.length > 0 &&
            (isNew ? (
              <TextField
                field="unit"
                label="Unit"
                errors={e}
                value={form.unit}
                onChange={set('unit')}
                list="goal-units"
                hint="The organisation unit that owns the goal."
              />
            ) : (
              <div className="edit-field">
                <span className="edit-static-label">Unit</span>
                <span>{original.unit ?? 'None'}</span>
                <span className="edit-hint">Set in the project files.</span>
              </div>
            ))}
        </div>
        <TextAreaField
          field="description"
          label="Description"
          errors={e}
          value={form.description}
          onChange={set('description')}
          rows={2}
        />
        <datalist id="goal-owners">
          {owners.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        <datalist id="goal-units">
          {units.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
      </fieldset>

      <fieldset
        className="edit-fieldset"
        aria-describedby={periodErrors.length > 0 ? `${fieldId('period')}-error` : undefined}
      >
        <legend>Period</legend>
        {periodErrors.length > 0 && (
          <p id={`${fieldId('period')}-error`} className="field-error">
            {periodErrors.join(' ')}
          </p>
        )}
        <div className="form-grid">
          <TextField
            field="period.start"
            label="Period start"
            type="date"
            required
            errors={e}
            value={form.start}
            onChange={set('start')}
          />
          <TextField
            field="period.end"
            label="Period end"
            type="date"
            required
            errors={e}
            value={form.end}
            onChange={set('end')}
            hint="Both days are included."
          />
        </div>
      </fieldset>

      <ReasonField value={form.reason} onChange={set('reason')} errors={e} needed={false} />

      {state.unchanged && (
        <p className="muted" role="status">
          Nothing has changed yet, so there is nothing to save.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={state.busy}>
          {state.busy ? 'Saving…' : isNew ? 'Create goal' : 'Save changes'}
        </button>
        <Link className="button" href={isNew ? '/' : `/goals/${name}`}>
          Cancel
        </Link>
      </div>
    </form>
  );
};
