// The `kpi status` view: goals (title first), each goal's leading and lagging KPIs side
// by side as cards (status word and colour, value, target and pace, comparison, cause,
// sparkline), each KPI's sentence, then the supporting metrics as context. Pure.

import { formatDay, formatPair, formatRange, plural } from '@kpi/core';
import type { GoalReading, KpiReading, Scorecard, TargetReading } from '@kpi/app';
import { driverFromTo, memberName, notableThemes, percentText, themeText } from '@kpi/app';
import { bold, dim, yellow, type CliContext } from '../cli-context.js';
import {
  anomalyText,
  forecastText,
  changeText,
  fit,
  fmt,
  grainWord,
  sparkline,
  statusBadge,
  visibleLength,
  wrap,
} from './reading-text.js';

const KIND_WORD = {
  cumulative: 'total',
  reach: 'reach',
  stay_above: 'stay above',
  stay_below: 'stay below',
} as const;

const paceText = (t: TargetReading, status: KpiReading['status']): string => {
  const stay = t.kind === 'stay_above' || t.kind === 'stay_below';
  // Once decided, the card says so; never "29% inside the limit" on a missed card.
  if (status === 'missed') return 'target missed';
  if (status === 'achieved') return stay ? 'target met' : 'target reached';
  if (t.behind === null || !Number.isFinite(t.behind)) return '';
  if (Math.abs(t.behind) < 0.005) return stay ? 'at the limit' : 'on pace';
  if (stay)
    return t.behind > 0
      ? `${percentText(t.behind)} past the limit`
      : `${percentText(-t.behind)} inside the limit`;
  return t.behind > 0 ? `${percentText(t.behind)} behind pace` : `${percentText(-t.behind)} ahead of pace`;
};

/** The lines of one KPI card, each at most `width` visible characters. */
export const kpiCard = (ctx: CliContext, k: KpiReading, width: number): string[] => {
  const lines: string[] = [];
  const year = k.asOf.slice(0, 4);
  lines.push(`${statusBadge(ctx, k.status)}  ${bold(ctx, k.label)}`);
  if (k.verdict && k.verdict.phrase !== k.status.replace('_', ' '))
    lines.push(`  ${dim(ctx, k.verdict.phrase)}`);
  const t = k.target;
  // The value and the target never read the same when they differ ("0.20%" against "0.20%").
  const [value, goal] =
    t && k.value !== null
      ? formatPair(k.value, t.value, { ...k.format, compact: true })
      : [fmt(k.value, k.format), ''];
  const valueLine = t
    ? `${value}  ${dim(ctx, `target ${KIND_WORD[t.kind]} ${goal || fmt(t.value, k.format)} by ${formatDay(t.deadline, year)}`)}`
    : `${fmt(k.value, k.format)}  ${dim(ctx, 'no target')}`;
  lines.push(`  ${valueLine}`);
  if (t) {
    const prog = t.progress === null ? '' : `${percentText(t.progress)} of the way · `;
    const pace = `  ${prog}${paceText(t, k.status)}`.trimEnd();
    if (pace) lines.push(pace);
  }
  if (k.volume && k.status === 'no_data' && k.value !== null) lines.push(`  ${dim(ctx, k.statusReason)}`);
  if (k.soFar)
    lines.push(
      `  ${dim(ctx, `so far this ${grainWord(k.grain)}: ${fmt(k.soFar.value, k.format)} (${k.soFar.elapsedDays} of ${plural(k.soFar.totalDays, 'day')})`)}`,
    );
  const prev = k.comparisons[0];
  const ly = k.comparisons[1];
  const word = k.current.partial ? `${k.current.elapsedDays}d of ${grainWord(k.grain)}` : grainWord(k.grain);
  const last = k.soFar ? `the ${grainWord(k.grain)} before` : `last ${word}`;
  const cmp = [
    prev?.thin
      ? `vs ${last}: not comparable (data on ${plural(prev.thin.daysWithData, 'day')})`
      : prev
        ? `vs ${last} ${changeText(ctx, prev, k.format)}`
        : '',
    ly && ly.value !== null ? `vs last year ${changeText(ctx, ly, k.format)}` : '',
  ].filter(Boolean);
  if (k.staticNote) lines.push(`  ${dim(ctx, 'reference data (time: none): no comparison, no forecast')}`);
  else if (cmp.length) lines.push(`  ${cmp.join(' · ')}`);
  const spark = sparkline(
    k.series.map((p) => p.value),
    k.series[k.series.length - 1]?.partial === true,
  );
  if (spark && !k.staticNote)
    lines.push(`  ${spark} ${dim(ctx, `last ${k.series.length} ${grainWord(k.grain)}s`)}`);
  const d = k.cause.drivers[0];
  const theme =
    k.cause.themes && k.comparisons[0]?.sense === 'worse' ? notableThemes(k.cause.themes)[0] : undefined;
  if (theme) lines.push(`  cause: negative mentions talk more about ${themeText(theme, grainWord(k.grain))}`);
  else if (d && d.shareOfChange !== null) {
    const move = (k.cause.change ?? 0) > 0 ? 'rise' : 'drop';
    const part = d.shareOfChange > 1.005 ? 'more than the whole' : `${percentText(d.shareOfChange)} of the`;
    lines.push(`  cause: ${memberName(d)} ${part} ${move}${driverFromTo(d, k.format)}`);
    for (const a of d.annotations.slice(0, 1)) lines.push(`  ${dim(ctx, `note: ${a.title}`)}`);
  } else if (!k.staticNote) lines.push(`  ${dim(ctx, `cause: ${k.cause.note ?? 'no single driver'}`)}`);
  const fc = forecastText(k);
  if (fc) lines.push(`  ${fc}`);
  // The benchmark sentence names its source and year: wrapped, never cut.
  for (const b of k.benchmarks ?? [])
    lines.push(...wrap(`benchmark: ${b.phrase}`, Math.max(20, width - 4)).map((l) => `  ${l}`));
  const warn = anomalyText(k);
  if (warn) lines.push(`  ${yellow(ctx, `⚠ ${warn}`)}`);
  for (const w of k.warnings ?? []) lines.push(`  ${yellow(ctx, `⚠ ${w}`)}`);
  return lines.map((l) => fit(l, width));
};

const goalHeader = (ctx: CliContext, g: GoalReading): string[] => {
  const counts = Object.entries(g.statusCounts)
    .map(([s, n]) => `${n} ${s.replace('_', ' ')}`)
    .join(', ');
  const meta = [g.owner ? `owner ${g.ownerName ?? g.owner}` : '', formatRange(g.period), counts]
    .filter(Boolean)
    .join(' · ');
  return [bold(ctx, g.title), dim(ctx, `${g.goal} · ${meta}`)];
};

const sideBySide = (left: readonly string[][], right: readonly string[][], width: number): string[] => {
  const col = (cards: readonly string[][]): string[] => cards.flatMap((c, i) => (i === 0 ? c : ['', ...c]));
  const l = col(left);
  const r = col(right);
  const out: string[] = [];
  for (let i = 0; i < Math.max(l.length, r.length); i++)
    out.push(`  ${fit(l[i] ?? '', width)}   ${r[i] ?? ''}`.trimEnd());
  return out;
};

export const renderScorecard = (ctx: CliContext, card: Scorecard, columns: number): string => {
  const out: string[] = [];
  out.push(`${bold(ctx, card.project)} — scorecard as of ${formatDay(card.asOf)}`);
  out.push(
    dim(
      ctx,
      'Each KPI: its review period to date (the last complete one while the current one is young), the target, the comparison and the cause.',
    ),
  );
  const twoCols = columns >= 110;
  const width = twoCols ? Math.floor((columns - 5) / 2) : columns - 2;
  for (const g of card.goals) {
    out.push('', ...goalHeader(ctx, g));
    if (g.kpis.length === 0) {
      out.push(dim(ctx, '  no KPI'));
      continue;
    }
    const leading = g.kpis.filter((k) => k.indicator === 'leading');
    const rest = g.kpis.filter((k) => k.indicator !== 'leading');
    if (twoCols && leading.length > 0 && rest.length > 0) {
      out.push(`  ${fit(dim(ctx, 'LEADING'), width)}   ${dim(ctx, 'LAGGING')}`);
      out.push(
        ...sideBySide(
          leading.map((k) => kpiCard(ctx, k, width)),
          rest.map((k) => kpiCard(ctx, k, width)),
          width,
        ),
      );
    } else {
      for (const k of g.kpis) {
        const tag = k.indicator ? dim(ctx, ` (${k.indicator})`) : '';
        const [first, ...others] = kpiCard(ctx, k, width - visibleLength(tag));
        out.push(`  ${first ?? ''}${tag}`, ...others.map((l) => `  ${l}`), '');
      }
      if (out[out.length - 1] === '') out.pop();
    }
    out.push('');
    for (const k of g.kpis) {
      const extra = [forecastText(k), anomalyText(k), ...(k.warnings ?? [])].filter(Boolean).join('; ');
      const text = extra ? `${k.sentence} ${extra.charAt(0).toUpperCase()}${extra.slice(1)}.` : k.sentence;
      out.push(...wrap(`• ${text}`, columns - 4).map((l, i) => `  ${i === 0 ? '' : '  '}${l}`));
    }
  }
  if (card.supporting.length) {
    const first = card.supporting[0];
    out.push(
      '',
      bold(ctx, 'Context') +
        dim(ctx, ` — supporting metrics (not KPIs), ${first ? formatRange(first.range) : ''}`),
    );
    const w = Math.max(...card.supporting.map((m) => m.label.length));
    for (const m of card.supporting)
      out.push(
        `  ${m.label.padEnd(w)}  ${fmt(m.value, m.format).padStart(10)}  ${dim(ctx, 'vs last week')} ${changeText(ctx, m.previous, m.format)}`,
      );
  }
  return out.join('\n') + '\n';
};
