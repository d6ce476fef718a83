// The `kpi explain <kpi>` view: status and sentence, the target and its pace, the series
// against the target path, both comparisons, and the driver table of every dimension
// (share of total and of change; mix and rate for ratios), with annotations. Pure.

import {
  defaultDecimals,
  formatChange,
  formatColumn,
  formatDay,
  formatRange,
  plural,
  significantDecimals,
  type FormatOptions,
} from '@kpi/core';
import type { DimensionContribution, KpiReading, ValueFormat } from '@kpi/app';
import { notableThemes, percentText } from '@kpi/app';
import type { KpiExplanation } from '@kpi/app';
import { bold, dim, type CliContext } from '../cli-context.js';
import {
  forecastText,
  fmt,
  grainWord,
  signedPercent,
  signedValue,
  sparkline,
  senseWord,
  statusBadge,
  whole,
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
  if (t.requiredPerDay !== null && t.requiredPerDay <= 0)
    out.push(`  target reached: nothing more needed in the ${plural(t.daysLeft, 'day')} left`);
  else if (t.requiredPerDay !== null)
    out.push(
      `  needs ${fmt(t.requiredPerDay, f, false)}/day for the ${plural(t.daysLeft, 'day')} left (so far ${fmt(t.currentPerDay, f, false)}/day; at that rate ${fmt(t.runRateAtDeadline, f, false)} by the deadline)`,
    );
  out.push(
    `  thresholds: on track up to ${percentText(t.thresholds.atRisk)} behind, at risk up to ${percentText(t.thresholds.offTrack)}`,
  );
  return out;
};

/** One rule of decimals per column: the cells of a column formatted together. */
const column = (xs: readonly (number | null | undefined)[], f: FormatOptions): string[] => {
  const out = formatColumn(
    xs.map((x) => (x === undefined ? null : x)),
    { ...f, compact: false },
  );
  return out.map((cell, i) => (xs[i] === undefined ? '' : cell));
};
/** A column of changes: the decimals that give its largest change three significant digits, for every cell. */
const changes = (xs: readonly (number | null | undefined)[], f: ValueFormat): string[] => {
  const big = Math.max(0, ...xs.map((x) => (typeof x === 'number' && Number.isFinite(x) ? Math.abs(x) : 0)));
  const decimals =
    f.decimals ??
    (f.unit === 'percent'
      ? Math.max(1, significantDecimals(big * 100, 3))
      : f.unit === 'duration'
        ? undefined
        : defaultDecimals(big, f.unit));
  return xs.map((x) =>
    x === undefined ? '' : formatChange(x, { ...f, ...(decimals === undefined ? {} : { decimals }) }),
  );
};
const shares = (xs: readonly (number | null | undefined)[]): string[] =>
  xs.map((x) => (x === undefined ? '' : x === null ? '—' : percentText(x).replace(/^-/, '−')));

const driverTable = (c: DimensionContribution, f: ValueFormat, k: KpiReading): string[] => {
  const notes = (member: string) =>
    k.cause.drivers
      .find((d) => d.dimension === c.dimension && d.member === member)
      ?.annotations.map((a) => `← ${a.title}`)
      .join('; ') ?? '';
  const name = (m: { member: string; label?: string }) => m.label ?? m.member;
  const others = c.others ? [`(${plural(c.others.count, 'other')})`] : [];
  const head = c.label ?? c.dimension;
  const ms = c.members;
  const o = c.others;
  if (c.method === 'additive') {
    const cols = [
      [...ms.map(name), ...others],
      column([...ms.map((m) => m.current), ...(o ? [undefined] : [])], f),
      column([...ms.map((m) => m.previous), ...(o ? [undefined] : [])], f),
      changes([...ms.map((m) => m.effect), ...(o ? [o.effect] : [])], f),
      shares([...ms.map((m) => m.shareOfChange), ...(o ? [undefined] : [])]),
      shares([...ms.map((m) => m.shareOfTotal), ...(o ? [undefined] : [])]),
      [...ms.map((m) => notes(m.member)), ...(o ? [''] : [])],
    ];
    const rows = (cols[0] ?? []).map((_, i) => cols.map((col) => col[i] ?? ''));
    return table([head, 'now', 'before', 'change', 'of change', 'of total', ''], rows, [
      false,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  }
  const pct: ValueFormat = { unit: 'percent' };
  const none = o ? [undefined] : [];
  const cols = [
    [...ms.map(name), ...others, 'total'],
    column([...ms.map((m) => m.current), ...none, c.current], f),
    column([...ms.map((m) => m.previous), ...none, c.previous], f),
    column([...ms.map((m) => m.weightCurrent ?? null), ...none, undefined], pct),
    column([...ms.map((m) => m.weightPrevious ?? null), ...none, undefined], pct),
    changes([...ms.map((m) => m.mix ?? null), ...(o ? [o.mix ?? null] : []), c.mix ?? null], f),
    changes([...ms.map((m) => m.rate ?? null), ...(o ? [o.rate ?? null] : []), c.rate ?? null], f),
    changes([...ms.map((m) => m.effect), ...(o ? [o.effect] : []), c.change], f),
    shares([...ms.map((m) => m.shareOfChange), ...none, undefined]),
    [...ms.map((m) => notes(m.member)), ...(o ? [''] : []), ''],
  ];
  const rows = (cols[0] ?? []).map((_, i) => cols.map((col) => col[i] ?? ''));
  return table(
    [head, 'rate now', 'before', 'share now', 'before', 'from share', 'from rate', 'change', 'of change', ''],
    rows,
    [false, true, true, true, true, true, true, true, true, false],
  );
};

/** A dimension and a member as the YAML labels them (from the cause's tables), else as written. */
const scopeName = (k: KpiReading, d: string): string =>
  k.cause.dimensions.find((c) => c.dimension === d)?.label ?? d;
const memberLabel = (k: KpiReading, d: string, m: string): string =>
  k.cause.dimensions.find((c) => c.dimension === d)?.members.find((x) => x.member === m)?.label ?? m;

/** How rare an unusual day is, from its score (−log10 of its tail probability). */
const rarity = (score: number): string =>
  score >= 6
    ? 'rarer than one day in a million'
    : `about one day in ${fmt(Math.round(10 ** score), { unit: 'count' })}`;

/** The themes of a sentiment KPI's negative mentions, with example mentions (and their keys, for a correction). */
const themeLines = (ctx: CliContext, k: KpiReading): string[] => {
  const t = k.cause.themes;
  if (!t) return [];
  const g = grainWord(k.grain);
  const n = (x: number) => fmt(x, { unit: 'count' }, false);
  const out = [
    '',
    bold(ctx, `Themes: what negative mentions talk about more than the ${g} before`),
    `  ${plural(t.current.mentions, 'negative mention')} ${formatRange(t.current.range)} · ${n(t.previous.mentions)} in ${formatRange(t.previous.range)}`,
  ];
  if (t.terms.length === 0) return [...out, '  no word or phrase stands out'];
  const notable = new Set(notableThemes(t).map((x) => x.term));
  for (const term of t.terms) {
    out.push(
      `  “${term.term}”  ${n(term.current)} now vs ${n(term.previous)} before ${dim(ctx, `(z ${term.z.toFixed(1)}${notable.has(term.term) ? ', stands out' : ''})`)}`,
    );
    for (const e of term.examples)
      out.push(
        `     e.g. “${e.text}” ${dim(ctx, `(${e.key.join(', ')}, ${formatDay(e.date)}${e.corrected ? ', corrected' : ''})`)}`,
      );
  }
  return out;
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
  out.push(
    '',
    bold(ctx, `Series by ${grainWord(k.grain)}`) +
      `  ${sparkline(
        k.series.map((p) => p.value),
        k.series[k.series.length - 1]?.partial === true,
      )}`,
  );
  out.push(
    ...table(
      ['period', 'days', 'value', 'target path', ''],
      ((values, targets) =>
        k.series.map((p, i) => [
          p.label,
          formatRange({ start: p.start, end: p.end }),
          values[i] ?? '',
          targets[i] ?? '',
          p.partial ? 'to date' : '',
        ]))(
        column(
          k.series.map((p) => p.value),
          f,
        ),
        column(
          k.series.map((p) => p.target),
          f,
        ),
      ),
      [false, false, true, true, false],
    ),
  );
  out.push('', bold(ctx, 'Comparisons'));
  out.push(
    ...table(
      ['', 'days', 'value', 'change', 'relative'],
      [
        ...(k.soFar
          ? [
              [
                `this ${grainWord(k.grain)} so far (${k.soFar.elapsedDays} of ${plural(k.soFar.totalDays, 'day')})`,
                formatRange(k.soFar.range),
                fmt(k.soFar.value, f, false),
                '',
                '',
              ],
            ]
          : []),
        [
          `${k.soFar ? 'last' : 'this'} ${grainWord(k.grain)}${k.current.partial ? ' to date' : ''}`,
          formatRange(k.current.range),
          fmt(k.current.value, f, false),
          '',
          '',
        ],
        ...k.comparisons.map((c) => [
          `${c.kind.replace(/_/g, ' ')}${c.aligned ? ' (same days)' : ''}`,
          formatRange(c.range),
          fmt(c.value, f, false),
          c.thin ? `not comparable: data on ${plural(c.thin.daysWithData, 'day')}` : signedValue(c.change, f),
          c.thin
            ? ''
            : [signedPercent(c.changeRelative), senseWord(ctx, c.sense)].filter((x) => x !== '').join(' '),
        ]),
      ],
      [false, false, true, true, false],
    ),
  );
  if (k.staticNote) out.push(`  no comparison: ${k.staticNote}`);
  out.push(
    '',
    bold(ctx, `Cause: the change against the previous period (${signedValue(k.cause.change, f)})`),
  );
  if (k.cause.dimensions.length === 0) out.push(`  ${k.cause.note ?? 'no breakdown'}`);
  else if (k.cause.noise && k.cause.note) out.push(`  ${k.cause.note}; the split below is for reference`);
  for (const c of k.cause.dimensions) out.push('', ...driverTable(c, f, k));
  if (k.cause.dimensions.some((c) => c.method === 'mix_rate'))
    out.push(
      '',
      dim(
        ctx,
        `  from share: the member got a larger or smaller share of ${k.volume?.label ?? 'the denominator'}; from rate: its own ${k.label} moved (from share + from rate = change, exactly).`,
      ),
    );
  if (k.benchmarks?.length) {
    out.push('', bold(ctx, 'Benchmarks'));
    for (const b of k.benchmarks)
      out.push(
        `  ${fmt(b.value, f)} is ${b.phrase}`,
        dim(
          ctx,
          `  per ${b.period}: p25 ${fmt(b.p25, f)} · median ${fmt(b.p50, f)} · p75 ${fmt(b.p75, f)}${b.percentile === null ? '' : ` · percentile about ${Math.round(b.percentile)}`} · ${b.file}`,
        ),
      );
  }
  out.push(...themeLines(ctx, k));
  out.push('', bold(ctx, 'Will we make it?'));
  const fc = k.forecast;
  if (fc && k.target) {
    out.push(`  ${forecastText(k) ?? ''}`);
    out.push(
      dim(
        ctx,
        `  95%: ${fmt(whole(k, fc.low95), f)}–${fmt(whole(k, fc.high95), f)} · model ${fc.model ?? '?'} on ${fc.historyDays ?? '?'} days of history`,
      ),
    );
  } else
    out.push(
      `  ${k.forecastNote ?? (k.target ? 'the deadline has passed' : 'no target to forecast against')}`,
    );
  if (k.anomalyNote) out.push(dim(ctx, `  ${k.anomalyNote}`));
  for (const a of k.anomalies ?? [])
    out.push(
      `  ⚠ ${formatDay(a.date)}: ${fmt(a.value, f)} is unusually ${a.direction} (expected ${fmt(whole(k, a.expectedLow), f)}–${fmt(whole(k, a.expectedHigh), f)}, ${rarity(a.score)})`,
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
                .map(
                  ([d, v]) =>
                    `${scopeName(k, d)}: ${(Array.isArray(v) ? v : [v]).map((x) => memberLabel(k, d, String(x))).join(', ')}`,
                )
                .join('; ')})`,
            )
          : ''
      }`,
    );
  out.push('', dim(ctx, `${k.current.label} · ${e.queries} statements against the store`));
  return out.join('\n') + '\n';
};
