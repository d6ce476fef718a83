// Form fields of the edit pages: a visible label on every input, help text and the
// field's errors tied to the input (aria-describedby, aria-invalid), fieldsets with the
// errors of their group, and the problem summary at the top of a refused form, with links
// to each field.
// Invariant: a field's id is derived from its key ("target.value" -> "f-target-value"),
// so an issue path, its message and its input always meet.

import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { ApiError } from '../../api/api-client';
import { IssueList } from '../../ui/page-state';
import { useAuth } from '../../auth/auth-context';

export type FieldErrors = Readonly<Record<string, readonly string[] | undefined>>;

export const fieldId = (key: string): string => `f-${key.replace(/\./g, '-')}`;

interface FieldProps {
  readonly field: string;
  readonly label: string;
  readonly errors: FieldErrors;
  readonly hint?: ReactNode;
  readonly required?: boolean;
}

const describedBy = (id: string, hint: boolean, error: boolean): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter((s) => s !== '').join(' ') || undefined;

const Frame = ({ field, label, errors, hint, required, children }: FieldProps & { children: ReactNode }) => {
  const id = fieldId(field);
  const errs = errors[field] ?? [];
  return (
    <div className="edit-field">
      <label htmlFor={id}>
        <span>
          {label}
          {required && <span className="edit-required"> (required)</span>}
        </span>
      </label>
      {children}
      {hint !== undefined && (
        <p id={`${id}-hint`} className="edit-hint">
          {hint}
        </p>
      )}
      {errs.length > 0 && (
        <p id={`${id}-error`} className="field-error">
          {errs.join(' ')}
        </p>
      )}
    </div>
  );
};

const a11y = (p: FieldProps) => {
  const id = fieldId(p.field);
  const bad = (p.errors[p.field] ?? []).length > 0;
  return {
    id,
    name: p.field,
    'aria-invalid': bad ? (true as const) : undefined,
    'aria-describedby': describedBy(id, p.hint !== undefined, bad),
    'aria-required': p.required ? (true as const) : undefined,
  };
};

export const TextField = (
  p: FieldProps & {
    readonly value: string;
    readonly onChange: (v: string) => void;
    readonly type?: 'text' | 'date';
    readonly inputMode?: 'decimal' | 'text';
    readonly list?: string;
    readonly autoComplete?: string;
  },
) => (
  <Frame {...p}>
    <input
      {...a11y(p)}
      type={p.type ?? 'text'}
      inputMode={p.inputMode}
      list={p.list}
      autoComplete={p.autoComplete ?? 'off'}
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
    />
  </Frame>
);

export const TextAreaField = (
  p: FieldProps & { readonly value: string; readonly onChange: (v: string) => void; readonly rows?: number },
) => (
  <Frame {...p}>
    <textarea {...a11y(p)} rows={p.rows ?? 3} value={p.value} onChange={(e) => p.onChange(e.target.value)} />
  </Frame>
);

export interface Option {
  readonly value: string;
  readonly label: string;
}

export const SelectField = (
  p: FieldProps & {
    readonly value: string;
    readonly onChange: (v: string) => void;
    readonly options: readonly Option[];
  },
) => (
  <Frame {...p}>
    <select {...a11y(p)} value={p.value} onChange={(e) => p.onChange(e.target.value)}>
      {p.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  </Frame>
);

/**
 * A fieldset for a group of fields (the target, a period) whose own errors, for the group as
 * a whole, show under the legend (after the intro, if any) and describe the fieldset.
 */
export const GroupFieldset = ({
  field,
  legend,
  errors,
  intro,
  children,
}: {
  readonly field: string;
  readonly legend: string;
  readonly errors: FieldErrors;
  readonly intro?: ReactNode;
  readonly children: ReactNode;
}) => {
  const errs = errors[field] ?? [];
  const errorId = `${fieldId(field)}-error`;
  return (
    <fieldset className="edit-fieldset" aria-describedby={errs.length > 0 ? errorId : undefined}>
      <legend>{legend}</legend>
      {intro}
      {errs.length > 0 && (
        <p id={errorId} className="field-error">
          {errs.join(' ')}
        </p>
      )}
      {children}
    </fieldset>
  );
};

const focusField = (e: MouseEvent, key: string): void => {
  const el = document.getElementById(fieldId(key));
  if (!el) return;
  e.preventDefault();
  el.focus();
  el.scrollIntoView({ block: 'center' });
};

/** The top of a refused form: the server's message, issues of no field, links to fields. */
export const FormProblems = ({
  error,
  fieldErrors,
  unplaced,
  labels,
}: {
  readonly error: ApiError | undefined;
  readonly fieldErrors: FieldErrors;
  readonly unplaced: ApiError['issues'];
  /** Field key -> its label, for the links. */
  readonly labels: Readonly<Record<string, string>>;
}) => {
  const ref = useRef<HTMLDivElement>(null);
  const keys = Object.keys(fieldErrors).filter((k) => (fieldErrors[k] ?? []).length > 0);
  useEffect(() => {
    ref.current?.focus();
  }, [error, fieldErrors]);
  if (!error && keys.length === 0) return null;
  return (
    <div className="error-box" role="alert" tabIndex={-1} ref={ref}>
      <strong>Not saved{error ? ` — ${error.message}` : ''}</strong>
      {error?.hint && <p className="issue-hint">{error.hint}</p>}
      <IssueList issues={unplaced} />
      {keys.length > 0 && (
        <ul className="issue-list">
          {keys.map((k) => (
            <li key={k}>
              <a href={`#${fieldId(k)}`} onClick={(e) => focusField(e, k)}>
                {labels[k] ?? k}
              </a>
              : {(fieldErrors[k] ?? []).join(' ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};

/** The gate of every edit page: viewers read, they do not edit. */
export const EditGate = ({ children }: { readonly children: ReactNode }) => {
  const { canEdit, user } = useAuth();
  if (canEdit) return <>{children}</>;
  return (
    <section className="panel edit-readonly" data-testid="edit-forbidden">
      <h1>Read only</h1>
      <p>You can read this project but not edit it (your role: {user?.role ?? 'unknown'}).</p>
      <p>
        <Link href="/">Back to the overview</Link>
      </p>
    </section>
  );
};
