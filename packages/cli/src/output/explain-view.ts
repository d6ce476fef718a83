// The `kpi explain <kpi>` view: status and sentence, the target and its pace, the series
// against the target path, both comparisons, and the driver table of every dimension
// (share of total and of change; mix and rate for ratios), with annotations. Pure.

import { formatDay, formatRange } from '@kpi/core';
import type { DimensionContribution, KpiReading, ValueFormat } from '@kpi/app';
import { percentText } from '@kpi/app';
import type { KpiExplanation } from '@kpi/app';
import { bold, dim, type CliContext } from '../cli-context.js';
import {
  forecastText,
  changeText,
  fmt,
  grainWord,
  signedPercent,
  signedValue,
  sparkline,
  statusBadge,
} from './reading-text.js';

const table = (
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly boolean[],
): string[] => {
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (right[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].map((l) => `  ${l}`);
};

const targetLines = (k: KpiReading): string[] => {
  const t = k.target;
  if (!t) return ['  no target'];
  const f = k.format;
  const out = [
    `  ${t.kind} ${fmt(t.value, f, false)} by ${formatDay(t.deadline)} · ${t.pathUsed} path${t.path !== t.pathUsed ? ` (${t.path} asked; not enough history)` : ''} · tolerance ${percentText(t.tolerance)}`,
    `  actual ${fmt(t.actual, f, false)} · expected today ${fmt(t.expected, f, false)} · gap ${signedValue(t.gap, f)}${t.behind === null || !Number.isFinite(t.behind) ? '' : ` (${t.behind > 0 ? `${percentText(t.behind)} behind` : `${percentText(-t.behind)} ahead`})`}`,
  ];
  const bits = [
    t.baseline === null ? '' : `baseline ${fmt(t.baseline, f, false)}`,
    t.progress === null ? '' : `progress ${percentText(t.progress)}`,
    `day ${t.daysElapsed} of ${t.daysTotal}`,
  ].filter(Boolean);
  out.push(`  ${bits.join(' · ')}`);
  if (t.requiredPerDay !== null)
    out.push(
      `  needs ${fmt(t.requiredPerDay, f, false)}/day for the ${t.daysLeft} days left (so far ${fmt(t.currentPerDay, f, false)}/day; at that rate ${fmt(t.runRateAtDeadline, f, false)} by the deadline)`,
    );
  out.push(
    `  thresholds: on track up to ${percentText(t.thresholds.atRisk)} behind, at risk up to ${percentText(t.thresholds.offTrack)}`,
  );
  return out;
};

const driverTable = (c: DimensionContribution, f: ValueFormat, k: KpiReading): string[] => {
  const rate: ValueFormat = f;
  const notes = (member: string) =>
    k.cause.drivers
      .find((d) => d.dimension === c.dimension && d.member === member)
      ?.annotations.map((a) => `← ${a.title}`)
      .join('; ') ?? '';
  if (c.method === 'additive') {
    const rows = c.members.map((m) => [
      m.member,
      fmt(m.current, f),
      fmt(m.previous, f),
      signedValue(m.effect, f),
      m.shareOfChange === null ? '—' : percentText(m.shareOfChange),
      m.shareOfTotal === null ? '—' : percentText(m.shareOfTotal),
      notes(m.member),
    ]);
    if (c.others)
      rows.push([`(${c.others.count} others)`, '', '', signedValue(c.others.effect, f), '', '', '']);
    return table([c.dimension, 'now', 'before', 'change', 'of change', 'of total', ''], rows, [
      false,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  }
  const rows = c.members.map((m) => [
    m.member,
    fmt(m.current, rate),
    fmt(m.previous, rate),
    m.weightCurrent === undefined ? '—' : percentText(m.weightCurrent),
    m.weightPrevious === undefined ? '—' : percentText(m.weightPrevious),
    signedValue(m.mix ?? null, f),
    signedValue(m.rate ?? null, f),
    signedValue(m.effect, f),
    m.shareOfChange === null ? '—' : percentText(m.shareOfChange),
    notes(m.member),
  ]);
  if (c.others)
    rows.push([
      `(${c.others.count} others)`,
      '',
      '',
      '',
      '',
      signedValue(c.others.mix ?? null, f),
      signedValue(c.others.rate ?? null, f),
      signedValue(c.others.effect, f),
      '',
      '',
    ]);
  rows.push([
    'total',
    fmt(c.current, f),
    fmt(c.previous, f),
    '',
    '',
    signedValue(c.mix ?? null, f),
    signedValue(c.rate ?? null, f),
    signedValue(c.change, f),
    '',
    '',
  ]);
  return table(
    [c.dimension, 'rate now', 'before', 'share now', 'before', 'mix', 'rate', 'change', 'of change', ''],
    rows,
    [false, true, true, true, true, true, true, true, true, false],
  );
};

export const renderExplanation = (ctx: CliContext, e: KpiExplanation): string => {
  const k = e.reading;
  const f = k.format;
  const out: string[] = [];
  out.push(`${bold(ctx, k.label)} ${dim(ctx, `(${k.kpi}, metric ${k.metric})`)} — goal: ${e.goalTitle}`);
  const phrase = k.verdict ? `${k.verdict.phrase} ` : '';
  out.push(
    `${statusBadge(ctx, k.status)} ${phrase}${dim(ctx, `— ${k.statusReason}; as of ${formatDay(k.asOf)}`)}`,
  );
  out.push(k.sentence, '', bold(ctx, 'Target'), ...targetLines(k));
  out.push('', bold(ctx, `Series by ${grainWord(k.grain)}`) + `  ${sparkline(k.series.map((p) => p.value))}`);
  out.push(
    ...table(
      ['period', 'days', 'value', 'target path', ''],
      k.series.map((p) => [
        p.label,
        formatRange({ start: p.start, end: p.end }),
        fmt(p.value, f),
        fmt(p.target, f),
        p.partial ? 'to date' : '',
      ]),
      [false, false, true, true, false],
    ),
  );
  out.push('', bold(ctx, 'Comparisons'));
  out.push(
    ...table(
      ['', 'days', 'value', 'change', 'relative'],
      [
        [
          `this ${grainWord(k.grain)}${k.current.partial ? ' to date' : ''}`,
          formatRange(k.current.range),
          fmt(k.current.value, f, false),
          '',
          '',
        ],
        ...k.comparisons.map((c) => [
          `${c.kind.replace(/_/g, ' ')}${c.aligned ? ' (same days)' : ''}`,
          formatRange(c.range),
          fmt(c.value, f, false),
          signedValue(c.change, f),
          changeText(ctx, c, f).replace(/^\S+/, signedPercent(c.changeRelative)),
        ]),
      ],
      [false, false, true, true, false],
    ),
  );
  out.push(
    '',
    bold(ctx, `Cause: the change against the previous period (${signedValue(k.cause.change, f)})`),
  );
  if (k.cause.dimensions.length === 0) out.push(`  ${k.cause.note ?? 'no breakdown'}`);
  for (const c of k.cause.dimensions) out.push('', ...driverTable(c, f, k));
  if (k.cause.dimensions.some((c) => c.method === 'mix_rate'))
    out.push(
      '',
      dim(
        ctx,
        "  mix: the member's share of the denominator moved; rate: its own ratio moved (symmetric shift-share; mix + rate = change).",
      ),
    );
  out.push('', bold(ctx, 'Will we make it?'));
  const fc = k.forecast;
  if (fc && k.target) {
    out.push(`  ${forecastText(k) ?? ''}`);
    out.push(
      dim(
        ctx,
        `  95%: ${fmt(fc.low95, f)}–${fmt(fc.high95, f)} · model ${fc.model ?? '?'} on ${fc.historyDays ?? '?'} days of history`,
      ),
    );
  } else
    out.push(
      `  ${k.forecastNote ?? (k.target ? 'the deadline has passed' : 'no target to forecast against')}`,
    );
  for (const a of k.anomalies ?? [])
    out.push(
      `  ⚠ ${formatDay(a.date)}: ${fmt(a.value, f)} is unusually ${a.direction} (expected ${fmt(a.expectedLow, f)}–${fmt(a.expectedHigh, f)}, score ${a.score.toFixed(1)})`,
    );
  for (const sh of k.levelShifts ?? [])
    out.push(
      `  ⚠ level shift on ${formatDay(sh.date)}: from about ${fmt(sh.before, f)} to ${fmt(sh.after, f)} a day`,
    );
  out.push('', bold(ctx, 'Annotations in the period'));
  if (k.annotations.length === 0) out.push('  none');
  for (const a of k.annotations)
    out.push(
      `  ${formatRange({ start: a.date, end: a.end ?? a.date })}  ${a.title}${
        a.scope
          ? dim(
              ctx,
              ` (${Object.entries(a.scope)
                .map(([d, v]) => `${d}: ${String(v)}`)
                .join(', ')})`,
            )
          : ''
      }`,
    );
  out.push('', dim(ctx, `${k.current.label} · ${e.queries} statements against the store`));
  return out.join('\n') + '\n';
};
