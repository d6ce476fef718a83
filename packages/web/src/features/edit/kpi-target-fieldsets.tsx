// The target and baseline parts of the KPI form, each a fieldset with a legend. Numbers
// typed are echoed through the one formatter ("= 1.3%") so a fraction is not mistaken
// for a percent. Invariant: the baseline is either a value or a date range, never both.

import type { ValueFormat } from '../../api/api-types';
import { fmt } from '../../ui/format';
import { GroupFieldset, SelectField, TextField, type FieldErrors } from './edit-fields';
import { TARGET_KINDS, TARGET_KIND_HELP, type BaselineMode, type KpiForm } from './kpi-form-model';

type Setter = <K extends keyof KpiForm>(k: K) => (v: KpiForm[K]) => void;

interface PartProps {
  readonly form: KpiForm;
  readonly set: Setter;
  readonly errors: FieldErrors;
  readonly format: ValueFormat;
}

/** "= 1.3%" for a number that parses; nothing otherwise. */
const echo = (s: string, format: ValueFormat): string | undefined => {
  const n = Number(s.trim());
  return s.trim() === '' || !Number.isFinite(n) ? undefined : `= ${fmt(n, format)}`;
};

/** A number typed as text; its hint echoes the number (in `format`) once it parses, else says `hint`. */
const NumberField = ({
  form,
  set,
  errors,
  format,
  part,
  field,
  label,
  required,
  hint,
}: PartProps & {
  readonly part: 'targetValue' | 'tolerance' | 'baselineValue';
  readonly field: string;
  readonly label: string;
  readonly required?: boolean;
  readonly hint?: string;
}) => (
  <TextField
    field={field}
    label={label}
    required={required}
    inputMode="decimal"
    errors={errors}
    value={form[part]}
    onChange={set(part)}
    hint={echo(form[part], format) ?? hint}
  />
);

export const TargetFieldset = ({ goalEnd, ...p }: PartProps & { goalEnd: string }) => {
  const { form, set, errors } = p;
  const kind = form.targetKind as keyof typeof TARGET_KIND_HELP | '';
  return (
    <GroupFieldset field="target" legend="Target" errors={errors}>
      <div className="form-grid">
        <SelectField
          field="target.kind"
          label="Target kind"
          errors={errors}
          value={form.targetKind}
          onChange={set('targetKind')}
          options={[
            { value: '', label: 'No target' },
            ...TARGET_KINDS.map((k) => ({ value: k, label: k.replace('_', ' ') })),
          ]}
          hint={
            kind === '' ? 'A KPI without a target is only tracked, never judged.' : TARGET_KIND_HELP[kind]
          }
        />
        {kind !== '' && (
          <>
            <NumberField
              {...p}
              part="targetValue"
              field="target.value"
              label="Target value"
              required
              hint="In the metric’s own unit (a fraction for percents)."
            />
            <TextField
              field="target.deadline"
              label="Deadline"
              type="date"
              errors={errors}
              value={form.deadline}
              onChange={set('deadline')}
              hint={`Empty: the end of the goal period (${goalEnd}).`}
            />
            <NumberField
              {...p}
              format={{ unit: 'percent' }}
              part="tolerance"
              field="target.tolerance"
              label="Tolerance"
              hint="Allowed miss as a fraction of the target: 0.05 = 5%. Empty: none."
            />
          </>
        )}
      </div>
    </GroupFieldset>
  );
};

const MODES: readonly { value: BaselineMode; label: string }[] = [
  { value: 'none', label: 'No baseline' },
  { value: 'value', label: 'A value' },
  { value: 'range', label: 'Computed from a date range' },
];

export const BaselineFieldset = (p: PartProps) => {
  const { form, set, errors } = p;
  return (
    <GroupFieldset
      field="baseline"
      legend="Baseline"
      errors={errors}
      intro={
        <p className="edit-hint">
          Where the KPI starts from: progress is measured from here towards the target.
        </p>
      }
    >
      <div className="edit-radios" role="radiogroup" aria-label="Baseline kind">
        {MODES.map((m) => (
          <label key={m.value} className="edit-radio">
            <input
              type="radio"
              name="baseline-mode"
              value={m.value}
              checked={form.baselineMode === m.value}
              onChange={() => set('baselineMode')(m.value)}
            />
            {m.label}
          </label>
        ))}
      </div>
      <div className="form-grid">
        {form.baselineMode === 'value' && (
          <NumberField {...p} part="baselineValue" field="baseline.value" label="Baseline value" required />
        )}
        {form.baselineMode === 'range' && (
          <>
            <TextField
              field="baseline.from"
              label="Baseline from"
              type="date"
              required
              errors={errors}
              value={form.baselineFrom}
              onChange={set('baselineFrom')}
            />
            <TextField
              field="baseline.to"
              label="Baseline to"
              type="date"
              required
              errors={errors}
              value={form.baselineTo}
              onChange={set('baselineTo')}
            />
          </>
        )}
      </div>
    </GroupFieldset>
  );
};
