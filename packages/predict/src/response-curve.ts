// Response curves: spend -> outcome with geometric adstock (carry-over) and exponential
// saturation. Pure.
// Model: a_t = x_t + decay·a_{t-1};  y_t = base + scale·(1 − exp(−a_t / halfSat·ln2)).
// `halfSat` is the adstocked spend at which half the saturation is reached. At a steady
// daily spend x the adstock settles at x/(1−decay), so the steady daily response is
// r(x) = scale·(1 − exp(−x·k)) with k = ln2 / (halfSat·(1−decay)): concave and increasing,
// which is what makes the allocation's water-filling exact.

export interface ResponseCurve {
  readonly kind: 'adstock_saturation';
  /** Carry-over: the share of yesterday's adstock that lasts into today, in [0, 1). */
  readonly decay: number;
  /** Adstocked daily spend that reaches half the saturation. */
  readonly halfSat: number;
  /** Outcome per day at full saturation, above the base. */
  readonly scale: number;
  /** Outcome per day with no spend (organic), >= 0. */
  readonly base: number;
}

/** Geometric adstock of a daily spend series (a_0 = x_0). */
export const adstock = (spend: ArrayLike<number>, decay: number): Float64Array => {
  const out = new Float64Array(spend.length);
  let a = 0;
  for (let i = 0; i < spend.length; i++) {
    a = (spend[i] ?? 0) + decay * a;
    out[i] = a;
  }
  return out;
};

/** The saturation transform 1 − exp(−a·ln2/halfSat) of one adstocked value. */
export const saturation = (a: number, halfSat: number): number => 1 - Math.exp((-a * Math.LN2) / halfSat);

/** Rate k of the steady daily response r(x) = scale·(1 − exp(−k·x)). */
const steadyRate = (c: ResponseCurve): number => Math.LN2 / (c.halfSat * (1 - c.decay));

/** Daily outcome (spend-driven part) at a steady daily spend x. */
export const steadyResponse = (c: ResponseCurve, x: number): number =>
  c.scale * (1 - Math.exp(-steadyRate(c) * Math.max(0, x)));

/** Extra outcome per extra unit of daily spend at a steady daily spend x: r'(x). */
export const marginalResponse = (c: ResponseCurve, x: number): number => {
  const k = steadyRate(c);
  return c.scale * k * Math.exp(-k * Math.max(0, x));
};

/** The daily spend at which r'(x) = m (0 when even the first unit returns less than m). */
export const spendAtMarginal = (c: ResponseCurve, m: number): number => {
  const k = steadyRate(c);
  const top = c.scale * k;
  if (!(m > 0)) return Number.POSITIVE_INFINITY;
  return m >= top ? 0 : Math.log(top / m) / k;
};

/** Fitted daily outcome for a spend series under a curve (adstock then saturation). */
export const curveFitted = (c: ResponseCurve, spend: ArrayLike<number>): Float64Array => {
  const a = adstock(spend, c.decay);
  for (let i = 0; i < a.length; i++) a[i] = c.base + c.scale * saturation(a[i] as number, c.halfSat);
  return a;
};
