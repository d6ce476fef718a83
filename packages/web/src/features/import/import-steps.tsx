// Steps 3 to 5 of an import for one chosen file: the column mapping with a preview, the
// check on the server (dry run) and the import itself.
// Invariants: the import button is enabled only when the last check was clean for the
// current mapping; a changed mapping needs a new check; results are announced (aria-live).

import { useMemo, useState } from 'react';
import type { DatasetInfo } from '../../api/api-types';
import { invalidate } from '../../api/use-api';
import { fmt } from '../../ui/format';
import { ErrorBox } from '../../ui/page-state';
import { autoMapping, explicitMapping, mappedCount, missingRequired, type ColumnMapping } from './column-map';
import { delimiterName, readHead, safeFileName } from './file-head';
import type { ChosenFile } from './file-step';
import { DEFAULT_CHOICES, runImport, type ImportChoices, type ImportOutcome } from './import-request';
import { ImportOptionsFields } from './import-options';
import { recallMapping, rememberMapping } from './remembered-mapping';
import { CheckSummary, ImportDone, RejectedPanel } from './import-results';
import { MappingTable } from './mapping-table';

type Stage =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy'; readonly what: 'check' | 'import' }
  | { readonly kind: 'checked'; readonly mapping: string; readonly outcome: ImportOutcome }
  | { readonly kind: 'imported'; readonly outcome: ImportOutcome };

const FORMAT_NAME = { csv: 'CSV', json: 'JSON array', ndjson: 'NDJSON' } as const;

export const ImportSteps = ({
  ds,
  chosen,
  onImported,
}: {
  readonly ds: DatasetInfo;
  readonly chosen: ChosenFile;
  /** Called after rows were written (the page reloads the datasets' row counts). */
  readonly onImported: () => void;
}) => {
  const head = useMemo(
    () => readHead(chosen.head, chosen.kind.format, chosen.complete, (h) => mappedCount(h, ds)),
    [chosen, ds],
  );
  // The mapping chosen last time for this dataset (kept in the browser) wins over the automatic one.
  const auto = useMemo(() => recallMapping(ds, head.headers, autoMapping(head.headers, ds)), [head, ds]);
  const [mapping, setMappingState] = useState<ColumnMapping>(auto);
  const setMapping = (f: (m: ColumnMapping) => ColumnMapping) =>
    setMappingState((m) => {
      const next = f(m);
      rememberMapping(ds.name, next);
      return next;
    });
  const [choices, setChoices] = useState<ImportChoices>(DEFAULT_CHOICES);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const missing = missingRequired(mapping, ds);
  const mappingKey = JSON.stringify([explicitMapping(mapping, Object.keys(ds.columns)), choices]);
  const checked = stage.kind === 'checked' && stage.mapping === mappingKey ? stage.outcome : undefined;
  const cleanRows =
    checked?.kind === 'clean' ? checked.summary.rowsRead - checked.summary.rejected : undefined;

  const run = async (dryRun: boolean) => {
    setStage({ kind: 'busy', what: dryRun ? 'check' : 'import' });
    const outcome = await runImport({
      dataset: ds.name,
      file: chosen.file,
      contentType: chosen.kind.contentType,
      filename: safeFileName(chosen.file.name),
      columns: explicitMapping(mapping, Object.keys(ds.columns)),
      dryRun,
      options: choices,
    });
    rememberMapping(ds.name, mapping);
    setStage(dryRun ? { kind: 'checked', mapping: mappingKey, outcome } : { kind: 'imported', outcome });
    if (!dryRun && outcome.kind === 'clean') {
      invalidate();
      onImported();
    }
  };

  const shown = stage.kind === 'checked' ? checked : stage.kind === 'imported' ? stage.outcome : undefined;
  const busy = stage.kind === 'busy';
  const done = stage.kind === 'imported' && stage.outcome.kind === 'clean';

  return (
    <>
      <section className="panel import-step">
        <h2 id="step-columns">3. Columns</h2>
        <p className="small muted">
          Read as {FORMAT_NAME[head.format]}
          {head.delimiter !== undefined && `, separated by ${delimiterName(head.delimiter)}`}:{' '}
          {fmt(head.headers.length, { unit: 'count' })} headers. Each dataset column takes the file header
          chosen beside it.
        </p>
        {head.headers.length === 0 ? (
          <p className="field-error" role="alert">
            No header line or objects found at the start of this file.
          </p>
        ) : (
          <MappingTable
            ds={ds}
            head={head}
            mapping={mapping}
            onChange={(c, h) => setMapping((m) => ({ ...m, [c]: h }))}
          />
        )}
      </section>

      <ImportOptionsFields choices={choices} onChange={setChoices} />

      <section className="panel import-step">
        <h2 id="step-check">5. Check and import</h2>
        {missing.length > 0 && (
          <p className="field-error" role="alert" data-testid="import-missing-required">
            Choose a file header for the required column{missing.length === 1 ? '' : 's'} {missing.join(', ')}{' '}
            before checking the file.
          </p>
        )}
        <div className="form-actions">
          <button
            type="button"
            className={cleanRows === undefined ? 'button-primary' : 'button'}
            disabled={busy || done || missing.length > 0 || head.headers.length === 0}
            onClick={() => void run(true)}
          >
            {stage.kind === 'busy' && stage.what === 'check' ? 'Checking…' : 'Check file'}
          </button>
          <button
            type="button"
            className="button-primary"
            disabled={busy || done || cleanRows === undefined}
            onClick={() => void run(false)}
          >
            {stage.kind === 'busy' && stage.what === 'import'
              ? 'Importing…'
              : done
                ? 'Imported'
                : `Import ${cleanRows === undefined ? '' : `${fmt(cleanRows, { unit: 'count' })} `}rows`}
          </button>
        </div>
        {cleanRows === undefined && !done && (
          <p className="small muted">
            Import is possible once a check of this file and these columns is clean.
          </p>
        )}
        <div aria-live="polite" className="import-results">
          {busy && <p className="muted">{stage.what === 'check' ? 'Checking the file…' : 'Importing…'}</p>}
          {stage.kind === 'checked' && !checked && (
            <p className="muted">The columns changed since the last check; check the file again.</p>
          )}
          {shown?.kind === 'rejected' && <RejectedPanel result={shown.rows} fileName={chosen.file.name} />}
          {shown?.kind === 'failed' && (
            <ErrorBox
              error={shown.error}
              title={stage.kind === 'imported' ? 'Not imported' : 'The check failed'}
            />
          )}
          {shown?.kind === 'clean' &&
            (stage.kind === 'imported' ? (
              <ImportDone s={shown.summary} />
            ) : (
              <CheckSummary s={shown.summary} />
            ))}
        </div>
      </section>
    </>
  );
};
