// Matches a method and a URL path to a declared route. Pure.
// Invariant: path parameters are percent-decoded; a segment that does not decode, or
// decodes to something with a slash, never matches (no path traversal through params).

import type { Method, RouteDef } from './route-types.js';

interface Compiled {
  readonly route: RouteDef;
  readonly re: RegExp;
  readonly names: readonly string[];
}

export interface Match {
  readonly route: RouteDef;
  readonly params: Record<string, string>;
}

export interface Router {
  /** The route, 'method' when the path exists with another method, or undefined. */
  match(method: string, path: string): Match | 'method' | undefined;
  readonly routes: readonly RouteDef[];
}

const compile = (route: RouteDef): Compiled => {
  const names: string[] = [];
  const pattern = route.path.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`));
  const re = new RegExp(
    '^' +
      pattern.replace(/\{(\w+)\}/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      }) +
      '$',
  );
  return { route, re, names };
};

const decode = (s: string): string | undefined => {
  try {
    const d = decodeURIComponent(s);
    return d.includes('/') || d.includes('\\') || d.includes('\0') ? undefined : d;
  } catch {
    return undefined;
  }
};

export const createRouter = (routes: readonly RouteDef[]): Router => {
  const compiled = routes.map(compile);
  return {
    routes,
    match(method, path) {
      let other = false;
      for (const c of compiled) {
        const m = c.re.exec(path);
        if (!m) continue;
        const params: Record<string, string> = {};
        let ok = true;
        c.names.forEach((n, i) => {
          const v = decode(m[i + 1] ?? '');
          if (v === undefined) ok = false;
          else params[n] = v;
        });
        if (!ok) continue;
        if (c.route.method === (method === 'HEAD' ? 'GET' : (method as Method)))
          return { route: c.route, params };
        other = true;
      }
      return other ? 'method' : undefined;
    },
  };
};
