// Small helpers shared by the route modules. IO-free.
import { todayOf, type Action } from '@kpi/app';
import type { Reply, RequestContext, RouteDef } from '../http/route-types.js';
import { HttpError } from '../http/http-error.js';

/** Declares a route (identity; keeps the literal types). */
export const route = (def: RouteDef): RouteDef => def;

export const READ = (): Action => ({ kind: 'read' });
export const EDIT = (): Action => ({ kind: 'edit' });
export const ADMIN = (): Action => ({ kind: 'admin' });

/** The path parameter `name` (validated by the route's params schema before handle runs). */
export const param = (ctx: RequestContext, name: string): string => {
  const v = ctx.params[name];
  if (v === undefined) throw new HttpError(400, 'request.missing_param', `missing path parameter ${name}`);
  return v;
};

/** The authenticated principal (routes that are not public always have one). */
export const principalOf = (ctx: RequestContext) => {
  if (!ctx.principal) throw new HttpError(401, 'auth.required', 'log in or send an API token');
  return ctx.principal;
};

/** Today in the project's time zone by the server's clock (cache keys change with the day). */
const todayKey = (ctx: RequestContext): string => todayOf(ctx.state.project());

/** Like cachedRead, but the value itself (to narrow per request before sending). */
export const cachedValue = <T>(ctx: RequestContext, parts: readonly unknown[], compute: () => Promise<T>) => {
  return ctx.state.reads.get(JSON.stringify([todayKey(ctx), ...parts]), compute);
};

/**
 * A read answer that depends only on the project, the stored data and today's date:
 * served from the read cache until the next change.
 */
export const cachedRead = async (
  ctx: RequestContext,
  parts: readonly unknown[],
  compute: () => Promise<unknown>,
): Promise<Reply> => {
  const key = JSON.stringify([todayKey(ctx), ...parts]);
  return { json: await ctx.state.reads.get(key, async () => JSON.stringify(await compute())) };
};
