// What the goal and KPI forms share: the frame (title, where changes go, the problem
// summary, then the form's own fieldsets, then the reason, the "nothing changed" note and
// the buttons), and the fields both have (name on creation, description, owner with the
// owners already in use as suggestions).
// Invariant: the submit button is the form's only submit control and is disabled while saving.

import type { FormEvent, ReactNode } from 'react';
import { Link } from 'wouter';
import { FormProblems, TextAreaField, TextField, type FieldErrors } from './edit-fields';
import { ReasonField } from './reason-field';
import type { SaveState } from './use-edit-form';

export const EditFormFrame = ({
  title,
  existing,
  edit,
  labels,
  onSubmit,
  reasonNeeded,
  submitLabel,
  cancelHref,
  children,
}: {
  readonly title: string;
  /** The name of the entry being changed; undefined when creating one. */
  readonly existing: string | undefined;
  /** The form (useEditForm): its save state and its reason. */
  readonly edit: {
    readonly form: { readonly reason: string };
    readonly set: (k: 'reason') => (v: string) => void;
    readonly state: SaveState;
  };
  /** Field key -> its label, for the problem summary's links. */
  readonly labels: Readonly<Record<string, string>>;
  readonly onSubmit: () => void;
  readonly reasonNeeded: boolean;
  readonly submitLabel: string;
  readonly cancelHref: string;
  readonly children: ReactNode;
}) => {
  const { state } = edit;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    onSubmit();
  };
  return (
    <form className="edit-form" onSubmit={submit} noValidate aria-labelledby="edit-title">
      <h1 id="edit-title">{title}</h1>
      {existing !== undefined && (
        <p className="muted small">
          <code>{existing}</code> · changes are written into the project files and kept in the history.
        </p>
      )}
      <FormProblems
        error={state.error}
        fieldErrors={state.fieldErrors}
        unplaced={state.unplaced}
        labels={labels}
      />
      {children}
      <ReasonField
        value={edit.form.reason}
        onChange={edit.set('reason')}
        errors={state.fieldErrors}
        needed={reasonNeeded}
      />
      {state.unchanged && (
        <p className="muted" role="status">
          Nothing has changed yet, so there is nothing to save.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={state.busy}>
          {state.busy ? 'Saving…' : submitLabel}
        </button>
        <Link className="button" href={cancelHref}>
          Cancel
        </Link>
      </div>
    </form>
  );
};

interface TextProps {
  readonly errors: FieldErrors;
  readonly value: string;
  readonly onChange: (v: string) => void;
}

/** The entry's key, asked for on creation only (it cannot be changed afterwards). */
export const NameField = (p: TextProps) => (
  <TextField
    field="name"
    label="Name"
    required
    {...p}
    hint="The key in the project files: lower-case letters, digits and underscores, starting with a letter."
  />
);

export const DescriptionField = (p: TextProps) => (
  <TextAreaField field="description" label="Description" {...p} rows={2} />
);

/** The distinct non-empty values, sorted: the suggestions of a field. */
export const distinct = (values: readonly (string | undefined)[]): string[] =>
  [...new Set(values.filter((v): v is string => !!v))].sort();

/** Suggestions for a text input (`list={id}`); the browser draws nothing for it. */
export const Suggestions = ({ id, values }: { readonly id: string; readonly values: readonly string[] }) => (
  <datalist id={id}>
    {values.map((v) => (
      <option key={v} value={v} />
    ))}
  </datalist>
);

/** The owner, with the owners already named in the project as suggestions. */
export const OwnerField = ({
  owners,
  listId,
  ...p
}: TextProps & { owners: readonly string[]; listId: string }) => (
  <>
    <TextField field="owner" label="Owner" {...p} list={listId} />
    <Suggestions id={listId} values={owners} />
  </>
);
