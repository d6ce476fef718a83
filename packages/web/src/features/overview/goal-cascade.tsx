// The cascade of goals on the overview: goals nested under their parent goal, each with
// its unit, owner, deadline, status summary (worst first) and a link to its dashboard.
// Goals whose parent is unknown are shown at the top level (never lost).

import { Link } from 'wouter';
import type { GoalDef, GoalScore } from '../../api/api-types';
import { fmtDate, humanize } from '../../ui/format';
import { StatusSummary } from '../goal/status-summary';

export interface GoalNode {
  readonly name: string;
  readonly title: string;
  readonly owner?: string | undefined;
  readonly unit?: string | undefined;
  readonly end?: string | undefined;
  readonly kpiCount: number;
  readonly score?: GoalScore | undefined;
  readonly children: GoalNode[];
}

/** Builds the tree from the goal definitions (or, without them, the scorecard's goals). Pure. */
export const buildCascade = (
  defs: readonly GoalDef[] | undefined,
  scores: readonly GoalScore[],
): GoalNode[] => {
  const byScore = new Map(scores.map((s) => [s.goal, s]));
  const flat = (defs ?? scores.map((s) => ({ ...s, name: s.goal, kpis: s.kpis.map((k) => k.kpi) }))).map(
    (d) => ({
      parent: d.parent,
      node: {
        name: d.name,
        title: d.title,
        owner: d.owner,
        unit: 'unit' in d ? (d.unit as string | undefined) : undefined,
        end: d.period?.end,
        kpiCount: d.kpis.length,
        score: byScore.get(d.name),
        children: [],
      } as GoalNode,
    }),
  );
  const byName = new Map(flat.map((f) => [f.node.name, f.node]));
  const roots: GoalNode[] = [];
  for (const f of flat) {
    const parent = f.parent !== undefined && f.parent !== f.node.name ? byName.get(f.parent) : undefined;
    (parent ? parent.children : roots).push(f.node);
  }
  return roots;
};

const GoalItem = ({ node, loading }: { node: GoalNode; loading: boolean }) => (
  <li className="cascade-item">
    <div className="cascade-goal" data-testid="cascade-goal" data-goal={node.name}>
      <h3 className="cascade-title">
        <Link href={`/goals/${encodeURIComponent(node.name)}`}>{node.title}</Link>
      </h3>
      <p className="cascade-meta">
        {node.unit && <span className="unit-tag">{humanize(node.unit)}</span>}
        {node.owner && <span>Owner {node.owner}</span>}
        {node.end && <span>Deadline {fmtDate(node.end)}</span>}
        <span>{node.kpiCount === 1 ? '1 KPI' : `${node.kpiCount} KPIs`}</span>
      </p>
      {node.score ? (
        <StatusSummary counts={node.score.statusCounts} />
      ) : (
        <span className="muted small">{loading ? 'Loading figures…' : 'No figures for this goal'}</span>
      )}
    </div>
    {node.children.length > 0 && (
      <ul className="cascade cascade-children" aria-label={`Goals under “${node.title}”`}>
        {node.children.map((c) => (
          <GoalItem key={c.name} node={c} loading={loading} />
        ))}
      </ul>
    )}
  </li>
);

/** `loading`: the scorecard is still on its way (goals without figures say so). */
export const GoalCascade = ({ nodes, loading = false }: { nodes: readonly GoalNode[]; loading?: boolean }) =>
  nodes.length === 0 ? (
    <p className="muted">No goals yet.</p>
  ) : (
    <ul className="cascade">
      {nodes.map((n) => (
        <GoalItem key={n.name} node={n} loading={loading} />
      ))}
    </ul>
  );
