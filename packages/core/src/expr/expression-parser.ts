// Parser for derived-metric formulas: numbers, metric names, + - * /, unary minus and
// parentheses. Pure. Invariants: never evaluates or splices text; it returns an AST or
// the problem with its character offset, never throws; numbers in the AST are finite;
// a formula has at most MAX_FORMULA_TOKENS tokens and MAX_FORMULA_NESTING levels of
// parentheses and signs, so every walk over the AST stays far from the stack limit.

/** Tokens (names, numbers, operators, parentheses) one formula may have. */
export const MAX_FORMULA_TOKENS = 1000;
/** Nested parentheses and unary signs one formula may have. */
export const MAX_FORMULA_NESTING = 64;

export type Expr =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'ref'; readonly name: string; readonly offset: number }
  | { readonly kind: 'neg'; readonly arg: Expr }
  | { readonly kind: 'bin'; readonly op: '+' | '-' | '*' | '/'; readonly left: Expr; readonly right: Expr };

export interface ExprError {
  readonly message: string;
  /** 0-based character offset into the formula. */
  readonly offset: number;
}

/** Thrown out of the recursive descent with the problem beside it; never escapes parseExpression. */
const STOP: unique symbol = Symbol('formula problem');

type Token =
  | { readonly t: 'num'; readonly value: number; readonly at: number }
  | { readonly t: 'id'; readonly name: string; readonly at: number }
  | { readonly t: 'op'; readonly op: '+' | '-' | '*' | '/' | '(' | ')'; readonly at: number }
  | { readonly t: 'end'; readonly at: number };

const tokenize = (src: string): { tokens: Token[]; error?: ExprError } => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    if (tokens.length >= MAX_FORMULA_TOKENS)
      return {
        tokens,
        error: { message: `the formula is too long (more than ${MAX_FORMULA_TOKENS} tokens)`, offset: i },
      };
    const c = src.charAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (/[0-9.]/.test(c)) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
      if (!m) return { tokens, error: { message: `malformed number`, offset: i } };
      const value = Number(m[0]);
      if (!Number.isFinite(value))
        return { tokens, error: { message: `number ${m[0]} is out of range`, offset: i } };
      tokens.push({ t: 'num', value, at: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
      const name = m ? m[0] : c;
      tokens.push({ t: 'id', name, at: i });
      i += name.length;
    } else if (c === '+' || c === '-' || c === '*' || c === '/' || c === '(' || c === ')') {
      tokens.push({ t: 'op', op: c, at: i });
      i++;
    } else {
      return {
        tokens,
        error: {
          message: `unexpected character "${c}" (allowed: metric names, numbers, + - * / and parentheses)`,
          offset: i,
        },
      };
    }
  }
  tokens.push({ t: 'end', at: src.length });
  return { tokens };
};

/** Parses a formula. Precedence: unary minus > * / > + -, all left-associative. */
export const parseExpression = (src: string): { ok: true; expr: Expr } | { ok: false; error: ExprError } => {
  const { tokens, error } = tokenize(src);
  if (error) return { ok: false, error };
  let pos = 0;
  let depth = 0;
  let problem: ExprError | undefined;
  const peek = (): Token => tokens[pos] ?? { t: 'end', at: src.length };
  const fail = (message: string, at: number): never => {
    problem = { message, offset: at };
    throw STOP;
  };
  /** Runs `fn` one nesting level deeper (a parenthesis or a sign). */
  const nested = <T>(at: number, fn: () => T): T => {
    if (++depth > MAX_FORMULA_NESTING)
      fail(`the formula nests parentheses and signs more than ${MAX_FORMULA_NESTING} levels deep`, at);
    try {
      return fn();
    } finally {
      depth--;
    }
  };
  const describe = (tok: Token): string =>
    tok.t === 'end'
      ? 'end of formula'
      : tok.t === 'num'
        ? `number ${tok.value}`
        : tok.t === 'id'
          ? `"${tok.name}"`
          : `"${tok.op}"`;

  const primary = (): Expr => {
    const tok = peek();
    if (tok.t === 'num') {
      pos++;
      return { kind: 'num', value: tok.value };
    }
    if (tok.t === 'id') {
      pos++;
      const next = peek();
      if (next.t === 'op' && next.op === '(')
        fail(`functions are not supported ("${tok.name}(...)")`, tok.at);
      return { kind: 'ref', name: tok.name, offset: tok.at };
    }
    if (tok.t === 'op' && tok.op === '-') {
      pos++;
      return nested(tok.at, () => ({ kind: 'neg', arg: primary() }));
    }
    if (tok.t === 'op' && tok.op === '+') {
      pos++;
      return nested(tok.at, primary);
    }
    if (tok.t === 'op' && tok.op === '(') {
      pos++;
      const inner = nested(tok.at, additive);
      const close = peek();
      if (!(close.t === 'op' && close.op === ')'))
        fail(`expected ")" but found ${describe(close)}`, close.at);
      pos++;
      return inner;
    }
    return fail(`expected a metric name, a number or "(" but found ${describe(tok)}`, tok.at);
  };
  const multiplicative = (): Expr => {
    let left = primary();
    for (;;) {
      const tok = peek();
      if (tok.t === 'op' && (tok.op === '*' || tok.op === '/')) {
        pos++;
        left = { kind: 'bin', op: tok.op, left, right: primary() };
      } else return left;
    }
  };
  const additive = (): Expr => {
    let left = multiplicative();
    for (;;) {
      const tok = peek();
      if (tok.t === 'op' && (tok.op === '+' || tok.op === '-')) {
        pos++;
        left = { kind: 'bin', op: tok.op, left, right: multiplicative() };
      } else return left;
    }
  };
  try {
    const expr = additive();
    const rest = peek();
    if (rest.t !== 'end') fail(`unexpected ${describe(rest)} after a complete formula`, rest.at);
    return { ok: true, expr };
  } catch (e) {
    if (e === STOP && problem) return { ok: false, error: problem };
    throw e;
  }
};

/** Metric names a formula refers to, in order of first appearance. */
export const expressionRefs = (expr: Expr): string[] => {
  const out: string[] = [];
  const walk = (e: Expr): void => {
    if (e.kind === 'ref') {
      if (!out.includes(e.name)) out.push(e.name);
    } else if (e.kind === 'neg') walk(e.arg);
    else if (e.kind === 'bin') {
      walk(e.left);
      walk(e.right);
    }
  };
  walk(expr);
  return out;
};
