// `kpi engagement`: the engagement-rate calculator for one post (flags) or a campaign
// (--file posts.csv: one post per line). Prints engagement rate by reach, impressions and
// followers, per post (mean of the posts' rates) and per period (sum over sum), weighted
// engagement and cost per engagement. IO (reads the file); the math is core's.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  engagementFigures,
  formatValue,
  ProblemsError,
  UsageError,
  type Issue,
  type PostCounts,
} from '@kpi/core';
import { parse } from '../args.js';
import type { Command } from '../cli-context.js';
import { renderJson } from '../output/table-output.js';

const usage =
  'kpi engagement [--likes N --comments N --shares N --saves N] [--reach N] [--impressions N] [--followers N] [--cost X [--currency EUR]] [--weights name=W,...] [--file posts.csv] [--json]';
const INTERACTIONS = ['likes', 'comments', 'shares', 'saves'] as const;
const DENOMINATORS = ['reach', 'impressions', 'followers'] as const;
const MAX_FILE_BYTES = 10 * 1024 * 1024;

const number = (raw: string, what: string): number => {
  const n = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new UsageError(
      'engagement.bad_number',
      `${what}: "${raw}" is not a number of 0 or more`,
      `usage: ${usage}`,
    );
  return n;
};

const parseWeights = (raw: string | undefined): Record<string, number> | undefined => {
  if (raw === undefined) return undefined;
  const out = new Map<string, number>();
  for (const part of raw.split(',')) {
    const [name, w] = part.split('=');
    if (!name || w === undefined)
      throw new UsageError(
        'engagement.bad_weights',
        `--weights: "${part}" is not name=weight`,
        'e.g. --weights saves=4,shares=3',
      );
    out.set(name.trim(), number(w, `--weights ${name}`));
  }
  return Object.fromEntries(out);
};

/** Posts from a CSV: a header of interaction and denominator names, numbers below. */
const postsFromFile = (path: string): PostCounts[] => {
  const text = readFileSync(path, 'utf8');
  if (text.length > MAX_FILE_BYTES)
    throw new UsageError(
      'engagement.file_too_large',
      `${path} is larger than 10 MB`,
      'split the campaign into smaller files',
    );
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const issues: Issue[] = [];
  const posts = lines.slice(1).map((line, i) => {
    const interactions = new Map<string, number>();
    const dens = new Map<string, number>();
    line.split(',').forEach((cell, c) => {
      const name = header[c] ?? `column ${c + 1}`;
      const n = Number(cell.trim());
      if (cell.trim() === '') return;
      if (!Number.isFinite(n) || n < 0) {
        issues.push({
          code: 'engagement.file.bad_number',
          severity: 'error',
          message: `${name}: "${cell}" is not a number of 0 or more`,
          path: [],
          position: { file: path, line: i + 2, column: c + 1 },
          hint: 'write plain counts, e.g. 120',
        });
        return;
      }
      if ((DENOMINATORS as readonly string[]).includes(name)) dens.set(name, n);
      else if (name !== 'post' && name !== 'id') interactions.set(name, n);
    });
    return { interactions: Object.fromEntries(interactions), ...Object.fromEntries(dens) } as PostCounts;
  });
  if (issues.length)
    throw new ProblemsError('engagement.file.bad_number', `${path}: ${issues.length} bad value(s)`, issues);
  if (posts.length === 0)
    throw new UsageError(
      'engagement.file.empty',
      `${path} has no posts below its header`,
      'one post per line: likes,comments,shares,saves,reach,...',
    );
  return posts;
};

export const engagementCommand: Command = {
  name: 'engagement',
  summary: 'engagement-rate calculator for a post or a campaign',
  help: `usage: ${usage}

Engagement = likes + comments + shares + saves (any interaction columns in --file).
Rates by reach, impressions and followers: "per period" is all engagements over the summed
denominator; "per post" is the mean of each post's own rate (the two differ when posts differ
in size). Weighted engagement uses likes 1, comments 2, shares 3, saves 3 unless --weights.
`,
  async run(args, ctx) {
    const opts = Object.fromEntries(
      [...INTERACTIONS, ...DENOMINATORS, 'cost', 'currency', 'weights', 'file'].map((k) => [
        k,
        { type: 'string' as const },
      ]),
    );
    const { values } = parse(args, { ...opts, json: { type: 'boolean' } }, usage);
    const v = values as Record<string, string | boolean | undefined>;
    const str = (k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
    let posts: PostCounts[];
    const file = str('file');
    if (file !== undefined) posts = postsFromFile(resolve(ctx.cwd, file));
    else {
      const interactions = Object.fromEntries(
        INTERACTIONS.filter((k) => str(k) !== undefined).map((k) => [k, number(str(k)!, `--${k}`)]),
      );
      if (Object.keys(interactions).length === 0)
        throw new UsageError(
          'engagement.no_interactions',
          'give at least one of --likes, --comments, --shares, --saves (or --file)',
          `usage: ${usage}`,
        );
      posts = [
        {
          interactions,
          ...Object.fromEntries(
            DENOMINATORS.filter((k) => str(k) !== undefined).map((k) => [k, number(str(k)!, `--${k}`)]),
          ),
        },
      ];
    }
    const cost = str('cost');
    const weights = parseWeights(str('weights'));
    const f = engagementFigures(posts, {
      ...(cost === undefined ? {} : { cost: number(cost, '--cost') }),
      ...(weights ? { weights } : {}),
    });
    if (values.json) {
      ctx.out(renderJson(f));
      return 0;
    }
    const pct = (x: number | null): string => (x === null ? '—' : formatValue(x, { unit: 'percent' }));
    const lines = [
      `${formatValue(f.posts, { unit: 'count' })} post(s): ${formatValue(f.engagements, { unit: 'count' })} engagements, weighted ${formatValue(f.weightedEngagements, { unit: 'number' })} (${Object.entries(
        f.weights,
      )
        .map(([k, w]) => `${k} ×${w}`)
        .join(', ')})`,
      ...DENOMINATORS.map((d) =>
        f.posts > 1
          ? `engagement rate by ${d}: ${pct(f.perPeriod[d])} per period (sum over sum), ${pct(f.perPost[d])} per post (mean of post rates)`
          : `engagement rate by ${d}: ${pct(f.perPeriod[d])}`,
      ),
      ...(f.costPerEngagement === null
        ? []
        : [
            `cost per engagement: ${formatValue(f.costPerEngagement, { unit: 'currency', currency: str('currency') ?? 'USD' })}`,
          ]),
    ];
    ctx.out(lines.join('\n') + '\n');
    return 0;
  },
};
