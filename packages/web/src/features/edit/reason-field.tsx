// "Reason for this change": kept in the history with who and when. Required when the
// target or baseline changes (the API refuses such a change without one), else optional.

import { TextAreaField, type FieldErrors } from './edit-fields';

export const ReasonField = ({
  value,
  onChange,
  errors,
  needed,
}: {
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly errors: FieldErrors;
  readonly needed: boolean;
}) => (
  <div className="edit-reason">
    <TextAreaField
      field="reason"
      label="Reason for this change"
      required={needed}
      errors={errors}
      value={value}
      onChange={onChange}
      rows={2}
      hint={
        needed
          ? 'Required: the target or baseline changed. The reason is kept in the history with your name and the date, so the team can see why the goalposts moved.'
          : 'Optional. Kept in the history with your name and the date.'
      }
    />
  </div>
);
