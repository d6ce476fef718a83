// A status as colour AND icon AND words (never colour alone), with an accessible name.

import type { Status } from '../api/api-types';
import { STATUS_LABEL } from './format';

const ICON: Readonly<Record<Status, string>> = {
  achieved: '★',
  on_track: '✓',
  at_risk: '!',
  off_track: '✕',
  missed: '✕',
  no_data: '?',
  no_target: '–',
};

export const StatusBadge = ({ status, reason }: { status: Status; reason?: string | undefined }) => (
  <span className={`status status-${status}`} data-testid="status" data-status={status} title={reason}>
    <span className="status-icon" aria-hidden="true">
      {ICON[status]}
    </span>
    {STATUS_LABEL[status]}
  </span>
);
