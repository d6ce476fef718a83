// Plain lines for sentiment runs and adapter training. Numbers through core's formatter;
// the model version is shown (it is what the team needs to know after a rescore).
import { formatValue } from '@kpi/core';
import type { AdapterRun, SentimentColumnRun, SentimentThemes } from '@kpi/app';

const count = (n: number): string => formatValue(n, { unit: 'count' });
const pct = (x: number): string => formatValue(x, { unit: 'percent', decimals: 1 });

export const sentimentRunLine = (r: SentimentColumnRun): string => {
  const total = r.counts.positive + r.counts.neutral + r.counts.negative;
  let line = `sentiment of ${r.dataset}.${r.from} -> ${r.column}: ${count(r.scored)} texts scored (model ${r.modelVersion}); ${count(total)} labelled: ${count(r.counts.positive)} positive, ${count(r.counts.neutral)} neutral, ${count(r.counts.negative)} negative`;
  if (r.corrections > 0) line += `; ${count(r.corrections)} corrected by the team`;
  line += '\n';
  if (r.tool)
    line +=
      r.tool.share === null
        ? `  ${r.tool.column} (the tool's own label): no rows to compare\n`
        : `  agreement with ${r.tool.column} (the tool's own label): ${pct(r.tool.share)} of ${count(r.tool.compared)} rows\n`;
  return line;
};

export const adapterRunText = (r: AdapterRun): string =>
  `${count(r.labels)} team labels: ${count(r.trained)} to train, ${count(r.heldOut)} held out\n` +
  `held-out macro-recall: bundled model ${pct(r.base.macroRecall)}, adapted ${pct(r.adapter.macroRecall)} (accuracy ${pct(r.base.accuracy)} -> ${pct(r.adapter.accuracy)})\n` +
  (r.written
    ? `adapter saved: the project now scores with ${r.version}; run kpi sentiment rescore to relabel stored rows\n`
    : `the adapter does not beat the bundled model on the held-out labels: not saved\n`);

export const themesText = (r: SentimentThemes): string => {
  const head = `${r.label} mentions in ${r.dataset}: ${count(r.period.mentions)} from ${r.period.from} to ${r.period.to}, against ${count(r.previous.mentions)} from ${r.previous.from} to ${r.previous.to}\n`;
  if (r.themes.length === 0) return head + 'no term stands out against the period before\n';
  return (
    head +
    'themes that stand out (mentions with the term, this period vs the one before):\n' +
    r.themes
      .map(
        (t) =>
          `  "${t.term}": ${count(t.current)} vs ${count(t.previous)}\n${t.examples.map((e) => `      e.g. “${e.length > 140 ? e.slice(0, 139) + '…' : e}”\n`).join('')}`,
      )
      .join('')
  );
};
