// Step 4 of an import: how the file writes numbers ("54,50" or "54.50") and dates, and
// whether bad rows refuse the file or are handed back while the good rows load.
// Invariant: every field has a label; the words are the web's own (no command-line flags).

import type { ImportChoices } from './import-request';

export const ImportOptionsFields = ({
  choices,
  onChange,
}: {
  readonly choices: ImportChoices;
  readonly onChange: (c: ImportChoices) => void;
}) => (
  <section className="panel import-step">
    <h2 id="step-options">4. Numbers, dates and bad rows</h2>
    <label htmlFor="import-decimal">Decimal separator</label>
    <select
      id="import-decimal"
      value={choices.decimal}
      onChange={(e) => onChange({ ...choices, decimal: e.target.value as ImportChoices['decimal'] })}
    >
      <option value="auto">Tell from the file</option>
      <option value="comma">Decimal comma (1.234,50)</option>
      <option value="point">Decimal point (1,234.50)</option>
    </select>
    <label htmlFor="import-date-format">Date format</label>
    <input
      id="import-date-format"
      type="text"
      placeholder="e.g. %d.%m.%Y (empty: 2026-11-30 only)"
      value={choices.dateFormat}
      onChange={(e) => onChange({ ...choices, dateFormat: e.target.value })}
      aria-describedby="import-date-format-hint"
    />
    <p id="import-date-format-hint" className="small muted">
      %d day, %m month, %Y year (%y: two digits), %b month name; dates written 2026-11-30 are always read.
    </p>
    <label className="checkbox">
      <input
        type="checkbox"
        checked={choices.keepRejects}
        onChange={(e) => onChange({ ...choices, keepRejects: e.target.checked })}
      />{' '}
      Keep the rejects: load the good rows, set the bad ones aside to download (instead of refusing them all)
    </label>
  </section>
);
