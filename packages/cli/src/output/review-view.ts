// Text of reviews and of a KPI's history for the terminal. Pure over its inputs.
import type { HistoryEntry, Review } from '@kpi/app';
import { bold, dim, type CliContext } from '../cli-context.js';

const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

export const reviewLine = (ctx: CliContext, r: Review): string =>
  `${dim(ctx, when(r.at))}  ${bold(ctx, r.decision.padEnd(7))} ${(r.kpi ?? '(KPI list)').padEnd(24)} ${r.author}: ${r.note}\n`;

const short = (v: unknown): string => (v === undefined || v === null ? '—' : JSON.stringify(v));

export const historyLines = (ctx: CliContext, kpi: string, entries: readonly HistoryEntry[]): string => {
  if (entries.length === 0) return `${kpi}: no changes or reviews recorded yet\n`;
  const lines = entries.map((e) => {
    if (e.kind === 'review')
      return `${dim(ctx, when(e.at))}  ${bold(ctx, `review ${e.decision}`)} by ${e.who}: ${e.note}`;
    const before = (e.before ?? {}) as Record<string, unknown>;
    const after = (e.after ?? {}) as Record<string, unknown>;
    const fields =
      e.action === 'create'
        ? ['    created']
        : e.fields.map((f) => `    ${f}: ${short(before[f])} -> ${short(after[f])}`);
    return [
      `${dim(ctx, when(e.at))}  ${bold(ctx, e.action === 'create' ? 'created' : 'changed')} by ${e.who}${e.reason ? `: ${e.reason}` : ''}${e.file ? dim(ctx, ` (${e.file})`) : ''}`,
      ...(e.action === 'create' ? [] : fields),
    ].join('\n');
  });
  return `${bold(ctx, `History of ${kpi}`)} (newest first)\n${lines.join('\n')}\n`;
};
