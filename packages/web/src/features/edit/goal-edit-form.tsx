// The goal form: create a goal or change one (title, description, owner, period, parent,
// unit), with an optional reason kept in the history.
// Invariants: a change sends only the changed fields; the server's issues appear at the
// fields they name; a goal cannot be its own parent (it is not offered).

import { useMemo } from 'react';
import type { GoalDef } from '../../api/api-types';
import { GroupFieldset, SelectField, TextField } from './edit-fields';
import {
  DescriptionField,
  EditFormFrame,
  NameField,
  OwnerField,
  Suggestions,
  distinct,
} from './edit-form-frame';
import {
  GOAL_FIELDS,
  goalFormOf,
  goalPatchBody,
  goalRequired,
  newGoalBody,
  type GoalForm,
} from './goal-form-model';
import { useEditForm } from './use-edit-form';

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
  const edit = useEditForm<GoalForm>(initial);
  const { form, set, state, save } = edit;
  const name = isNew ? form.name.trim() : original.name;
  const e = state.fieldErrors;
  const units = distinct(goals.map((g) => g.unit));

  const submit = () =>
    void save({
      section: 'goals',
      name,
      isNew,
      body: isNew ? newGoalBody(form) : goalPatchBody(initial, form),
      missing: goalRequired(form, isNew),
      fields: GOAL_FIELDS,
      what: `Goal “${form.title.trim()}”`,
    });

  return (
    <EditFormFrame
      title={isNew ? 'New goal' : `Edit goal ${original.title}`}
      existing={original?.name}
      edit={edit}
      labels={LABELS}
      onSubmit={submit}
      reasonNeeded={false}
      submitLabel={isNew ? 'Create goal' : 'Save changes'}
      cancelHref={isNew ? '/' : `/goals/${name}`}
    >
      <fieldset className="edit-fieldset">
        <legend>Goal</legend>
        <div className="form-grid">
          {isNew && <NameField errors={e} value={form.name} onChange={set('name')} />}
          <TextField
            field="title"
            label="Title"
            required
            errors={e}
            value={form.title}
            onChange={set('title')}
          />
          <OwnerField
            errors={e}
            value={form.owner}
            onChange={set('owner')}
            owners={distinct(goals.map((g) => g.owner))}
            listId="goal-owners"
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
          {units.length > 0 && (
            <TextField
              field="unit"
              label="Unit"
              errors={e}
              value={form.unit}
              onChange={set('unit')}
              list="goal-units"
              hint="The organisation unit that owns the goal (one of the project's units)."
            />
          )}
        </div>
        <DescriptionField errors={e} value={form.description} onChange={set('description')} />
        <Suggestions id="goal-units" values={units} />
      </fieldset>

      <GroupFieldset field="period" legend="Period" errors={e}>
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
      </GroupFieldset>
    </EditFormFrame>
  );
};
