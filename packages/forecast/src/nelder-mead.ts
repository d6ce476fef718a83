// Nelder–Mead simplex minimiser for the small smoothing-parameter problems of the models. Pure.
// Invariant: never evaluates more than maxEvaluations times; returns the best point seen.

export interface MinimizeResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly evaluations: number;
}

export interface MinimizeOptions {
  readonly step?: ArrayLike<number>;
  readonly maxEvaluations?: number;
  readonly tolerance?: number;
}

export const minimize = (
  f: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult => {
  const n = start.length;
  const maxEval = options.maxEvaluations ?? 200 * n;
  const tol = options.tolerance ?? 1e-8;
  const pts: Float64Array[] = [];
  const vals = new Float64Array(n + 1);
  let evals = 0;
  const evalAt = (x: Float64Array): number => {
    evals++;
    const v = f(x);
    return Number.isFinite(v) ? v : 1e300;
  };
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(start);
    if (i > 0) {
      const s = options.step?.[i - 1] ?? 0.1 * (Math.abs(p[i - 1] as number) || 1);
      p[i - 1] = (p[i - 1] as number) + s;
    }
    pts.push(p);
    vals[i] = evalAt(p);
  }
  const order = new Int32Array(n + 1);
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  const at = (i: number): Float64Array => pts[order[i] as number] as Float64Array;
  const val = (i: number): number => vals[order[i] as number] as number;
  while (evals < maxEval) {
    for (let i = 0; i <= n; i++) order[i] = i;
    order.sort((a, b) => (vals[a] as number) - (vals[b] as number));
    const best = val(0);
    const worst = val(n);
    if (Math.abs(worst - best) <= tol * (Math.abs(best) + tol)) break;
    centroid.fill(0);
    for (let i = 0; i < n; i++) {
      const p = at(i);
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (p[j] as number) / n;
    }
    const w = at(n);
    for (let j = 0; j < n; j++) xr[j] = 2 * (centroid[j] as number) - (w[j] as number);
    const fr = evalAt(xr);
    const wi = order[n] as number;
    if (fr < best) {
      for (let j = 0; j < n; j++) xe[j] = 3 * (centroid[j] as number) - 2 * (w[j] as number);
      const fe = evalAt(xe);
      if (fe < fr) {
        w.set(xe);
        vals[wi] = fe;
      } else {
        w.set(xr);
        vals[wi] = fr;
      }
    } else if (fr < val(n - 1)) {
      w.set(xr);
      vals[wi] = fr;
    } else {
      const outside = fr < worst;
      const base = outside ? xr : w;
      for (let j = 0; j < n; j++) xc[j] = 0.5 * ((centroid[j] as number) + (base[j] as number));
      const fc = evalAt(xc);
      if (fc < (outside ? fr : worst)) {
        w.set(xc);
        vals[wi] = fc;
      } else {
        const b = at(0);
        for (let i = 1; i <= n; i++) {
          const p = at(i);
          for (let j = 0; j < n; j++) p[j] = 0.5 * ((b[j] as number) + (p[j] as number));
          vals[order[i] as number] = evalAt(p);
        }
      }
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if ((vals[i] as number) < (vals[bi] as number)) bi = i;
  return { x: pts[bi] as Float64Array, value: vals[bi] as number, evaluations: evals };
};
