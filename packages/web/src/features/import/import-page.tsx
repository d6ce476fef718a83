// /import/:dataset? — load a file into a dataset in steps on one page: pick the dataset,
// choose the file, check the column mapping and preview, check the file on the server
// (dry run: every bad row listed, nothing written), then import it.
// Invariants: "Import" is enabled only after a clean check of this very file, dataset and
// mapping; choosing a file starts over; viewers get a read-only notice and no form.

import { useState } from 'react';
import { useLocation } from 'wouter';
import type { DatasetInfo } from '../../api/api-types';
import { useApi } from '../../api/use-api';
import { fmt, fmtDate } from '../../ui/format';
import { ErrorBox, Loading } from '../../ui/page-state';
import { EditGate } from '../edit/edit-fields';
import { FileStep, type ChosenFile } from './file-step';
import { ImportSteps } from './import-steps';

const DatasetFacts = ({ ds }: { ds: DatasetInfo }) => (
  <dl className="import-facts" data-testid="dataset-facts">
    {ds.description && (
      <div>
        <dt>About</dt>
        <dd>{ds.description}</dd>
      </div>
    )}
    <div>
      <dt>Rows</dt>
      <dd className="num">{fmt(ds.stats?.rows ?? 0, { unit: 'count' })}</dd>
    </div>
    <div>
      <dt>Time range</dt>
      <dd>
        {ds.stats?.from ? `${fmtDate(ds.stats.from)} – ${fmtDate(ds.stats.to ?? undefined)}` : 'no rows yet'}
      </dd>
    </div>
  </dl>
);

const ImportFlow = ({
  datasets,
  dataset,
  onImported,
}: {
  readonly datasets: readonly DatasetInfo[];
  readonly dataset: string | undefined;
  readonly onImported: () => void;
}) => {
  const [, navigate] = useLocation();
  const [chosen, setChosen] = useState<ChosenFile | undefined>();
  const ds = datasets.find((d) => d.name === dataset);
  return (
    <section className="import-page">
      <h1 id="import-title">Import data</h1>
      <p className="muted">
        Load a CSV, JSON or NDJSON file into a dataset. The file is checked first; nothing is written until
        you import it, and then all rows go in or none.
      </p>

      <section className="panel import-step">
        <h2 id="step-dataset">1. Dataset</h2>
        <label htmlFor="import-dataset">Dataset</label>
        <select
          id="import-dataset"
          value={ds?.name ?? ''}
          onChange={(e) =>
            navigate(e.target.value === '' ? '/import' : `/import/${encodeURIComponent(e.target.value)}`)
          }
        >
          <option value="">Choose a dataset…</option>
          {datasets.map((d) => (
            <option key={d.name} value={d.name}>
              {d.name}
            </option>
          ))}
        </select>
        {dataset !== undefined && !ds && (
          <p className="field-error" role="alert">
            There is no dataset “{dataset}” in this project; choose one above.
          </p>
        )}
        {ds && <DatasetFacts ds={ds} />}
      </section>

      {ds && (
        <>
          <FileStep chosen={chosen} onChosen={setChosen} />
          {chosen && (
            <ImportSteps key={`${ds.name}-${chosen.id}`} ds={ds} chosen={chosen} onImported={onImported} />
          )}
        </>
      )}
    </section>
  );
};

const ImportLoader = ({ dataset }: { dataset: string | undefined }) => {
  const datasets = useApi<DatasetInfo[]>('/api/datasets');
  // Kept on screen while the list reloads after an import (the row counts change).
  if (datasets.data)
    return <ImportFlow datasets={datasets.data} dataset={dataset} onImported={datasets.reload} />;
  if (datasets.state === 'error')
    return <ErrorBox error={datasets.error} title="Could not load the datasets" />;
  return <Loading what="the datasets" />;
};

export const ImportPage = ({ dataset }: { dataset?: string | undefined }) => (
  <EditGate>
    <ImportLoader dataset={dataset} />
  </EditGate>
);
