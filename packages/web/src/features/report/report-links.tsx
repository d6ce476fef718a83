// The Report buttons: the stakeholder report of the last complete week for one goal or for
// all goals, from GET /api/report — the HTML page in a new tab, or the PDF as a download.
// Plain links: the session cookie goes with them; any signed-in role may read a report.

const reportHref = (goal: string | undefined, format: 'html' | 'pdf'): string => {
  const q = new URLSearchParams();
  if (goal !== undefined) q.set('goal', goal);
  if (format !== 'html') q.set('format', format);
  const s = q.toString();
  return `/api/report${s ? `?${s}` : ''}`;
};

export const ReportLinks = ({ goal }: { goal?: string }) => (
  <>
    <a
      className="button"
      href={reportHref(goal, 'html')}
      target="_blank"
      rel="noopener"
      data-testid="report-html"
      title={goal ? 'The report of this goal for last week' : 'The report of all goals for last week'}
    >
      {goal ? 'Report' : 'Report (all goals)'}
    </a>
    <a className="button" href={reportHref(goal, 'pdf')} download data-testid="report-pdf">
      PDF
    </a>
  </>
);
