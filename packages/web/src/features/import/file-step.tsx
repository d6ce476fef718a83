// Step 2 of an import: choose the file. Refuses, before any upload, a file of an unknown
// kind or above the upload limit; reads only the head of the file for the mapping step.
// Invariant: every choice gets a new id, so choosing a file again (even the same one,
// edited) starts the later steps over.

import { useState } from 'react';
import { fmt } from '../../ui/format';
import { ACCEPT, HEAD_BYTES, MAX_UPLOAD_BYTES, kindOf, type FileKind } from './file-head';

export interface ChosenFile {
  readonly id: number;
  readonly file: File;
  readonly kind: FileKind;
  /** The first HEAD_BYTES of the file as text. */
  readonly head: string;
  /** True when `head` is the whole file. */
  readonly complete: boolean;
}

const mb = (bytes: number): string => `${fmt(bytes / 1024 / 1024, { unit: 'number' })} MB`;

const sizeOf = (bytes: number): string =>
  bytes >= 1024 * 1024 ? mb(bytes) : `${fmt(Math.max(1, Math.round(bytes / 1024)), { unit: 'count' })} KB`;

let nextId = 1;

export const FileStep = ({
  chosen,
  onChosen,
}: {
  readonly chosen: ChosenFile | undefined;
  readonly onChosen: (f: ChosenFile | undefined) => void;
}) => {
  const [error, setError] = useState<string | undefined>();

  const choose = async (file: File | undefined) => {
    setError(undefined);
    onChosen(undefined);
    if (!file) return;
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(
        `“${file.name}” is ${mb(file.size)}; the web app uploads files up to ${mb(MAX_UPLOAD_BYTES)}. Split it into smaller files, or import it on the server with the kpi import command.`,
      );
      return;
    }
    let head: string;
    try {
      head = await file.slice(0, HEAD_BYTES).text();
    } catch (e) {
      setError(`Could not read “${file.name}”: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const kind = kindOf(file.name, head);
    if (!kind) {
      setError(
        `“${file.name}” is not a file kpi can import: choose a .csv, .tsv, .json, .ndjson or .jsonl file.`,
      );
      return;
    }
    onChosen({ id: nextId++, file, kind, head, complete: file.size <= HEAD_BYTES });
  };

  return (
    <section className="panel import-step">
      <h2>2. File</h2>
      <label htmlFor="import-file">File</label>
      <input
        id="import-file"
        type="file"
        accept={ACCEPT}
        aria-describedby={`import-file-hint${error ? ' import-file-error' : ''}`}
        aria-invalid={error ? true : undefined}
        onClick={(e) => {
          // Cleared when the picker opens, so that choosing the same (edited) file again is noticed.
          e.currentTarget.value = '';
        }}
        onChange={(e) => void choose(e.target.files?.[0])}
      />
      <p id="import-file-hint" className="edit-hint">
        CSV or TSV with a header line, a JSON array of objects, or NDJSON; up to {mb(MAX_UPLOAD_BYTES)}.
      </p>
      {error && (
        <p id="import-file-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      {chosen && (
        <p data-testid="chosen-file">
          Chosen: <strong>{chosen.file.name}</strong>{' '}
          <span className="muted">({sizeOf(chosen.file.size)})</span>
        </p>
      )}
    </section>
  );
};
