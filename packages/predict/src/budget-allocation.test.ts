// The allocator: the optimum against hand-derived answers, and its constraints (sum, bounds,
// max change) under random curves and limits (fast-check).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allocateBudget, splitOutcome, type AllocationMember } from './budget-allocation.js';
import { marginalResponse, type ResponseCurve } from './response-curve.js';

const curve = (scale: number, halfSat: number, decay = 0): ResponseCurve => ({
  kind: 'adstock_saturation',
  decay,
  halfSat,
  scale,
  base: 0,
});

describe('budget allocation', () => {
  test('two identical channels split the total evenly', () => {
    const c = curve(100, 50);
    const r = allocateBudget({
      members: [
        { name: 'a', curve: c, today: 3000 },
        { name: 'b', curve: c, today: 1000 },
      ],
      total: 4000,
      days: 20,
    });
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.members.map((m) => m.spend),
      [2000, 2000],
    );
  });

  test('the optimum equalises marginal returns (closed form for exponential saturation)', () => {
    // r_i(x) = s_i(1 − e^(−k_i x)), k = ln2/h. Equal marginals: s1k1 e^(−k1 x1) = s2k2 e^(−k2 x2), x1 + x2 = X.
    const a = curve(100, 50);
    const b = curve(60, 100);
    const k1 = Math.LN2 / 50;
    const k2 = Math.LN2 / 100;
    const X = 200; // per day
    // k1 x1 − ln(s1k1) = k2 x2 − ln(s2k2) with x2 = X − x1.
    const x1 = (k2 * X + Math.log(100 * k1) - Math.log(60 * k2)) / (k1 + k2);
    const r = allocateBudget({
      members: [
        { name: 'a', curve: a, today: 1 },
        { name: 'b', curve: b, today: 1 },
      ],
      total: X * 10,
      days: 10,
    });
    assert.ok(r.ok);
    assert.ok(
      Math.abs((r.value.members[0]?.spend ?? 0) - x1 * 10) <= 0.02,
      `${r.value.members[0]?.spend} vs ${x1 * 10}`,
    );
    const [m0, m1] = r.value.members;
    assert.ok(
      Math.abs(marginalResponse(a, (m0?.spend ?? 0) / 10) - marginalResponse(b, (m1?.spend ?? 0) / 10)) <
        1e-4,
    );
  });

  test('max change binds: ±20% of today', () => {
    const r = allocateBudget({
      members: [
        { name: 'strong', curve: curve(500, 500), today: 1000 },
        { name: 'weak', curve: curve(5, 500), today: 1000 },
      ],
      total: 2000,
      days: 10,
      maxChange: 0.2,
    });
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.members.map((m) => [m.spend, m.status]),
      [
        [1200, 'at_max'],
        [800, 'at_min'],
      ],
    );
  });

  test('a member without a curve keeps today; impossible limits are an issue', () => {
    const r = allocateBudget({
      members: [
        { name: 'flat', today: 700 },
        { name: 'a', curve: curve(10, 10), today: 300 },
      ],
      total: 1500,
      days: 10,
    });
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.members.map((m) => [m.name, m.spend, m.status]),
      [
        ['flat', 700, 'kept'],
        ['a', 800, 'optimised'],
      ],
    );
    const bad = allocateBudget({
      members: [{ name: 'a', curve: curve(10, 10), today: 100 }],
      total: 1000,
      days: 10,
      maxChange: 0.2,
    });
    assert.equal(!bad.ok && bad.issues[0]?.code, 'budget.infeasible');
    assert.match((!bad.ok && bad.issues[0]?.message) || '', /above the most the limits allow \(120\)/);
    const conflict = allocateBudget({
      members: [{ name: 'a', curve: curve(10, 10), today: 100, min: 500, max: 200 }],
      total: 300,
      days: 10,
    });
    assert.equal(!conflict.ok && conflict.issues[0]?.code, 'budget.bounds_conflict');
  });

  test('property: the plan sums to the total, respects every bound, and beats a random feasible split', () => {
    const member = fc.record({
      scale: fc.double({ min: 1, max: 1000, noNaN: true }),
      halfSat: fc.double({ min: 10, max: 5000, noNaN: true }),
      decay: fc.double({ min: 0, max: 0.8, noNaN: true }),
      today: fc.integer({ min: 0, max: 100_000 }),
      min: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
      max: fc.option(fc.integer({ min: 20_000, max: 200_000 }), { nil: undefined }),
      fitted: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(member, { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { nil: undefined }),
        fc.integer({ min: 1, max: 92 }),
        (ms, where, maxChange, days) => {
          const members: AllocationMember[] = ms.map((m, i) => ({
            name: `m${i}`,
            today: m.today,
            ...(m.fitted ? { curve: curve(m.scale, m.halfSat, m.decay) } : {}),
            ...(m.min !== undefined ? { min: m.min } : {}),
            ...(m.max !== undefined ? { max: m.max } : {}),
          }));
          // The bounds by the rule (independently of the allocator): min/max, and today ± max change for fitted members.
          const mc = maxChange;
          const lower = members.map((m) =>
            m.curve
              ? Math.max(m.min ?? 0, mc === undefined ? 0 : m.today * (1 - mc))
              : Math.min(m.max ?? Infinity, Math.max(m.min ?? 0, m.today)),
          );
          const upper = members.map((m, i) =>
            m.curve
              ? Math.min(m.max ?? Infinity, mc === undefined ? Infinity : m.today * (1 + mc))
              : (lower[i] as number),
          );
          const lowC = lower.map((l, i) =>
            members[i]?.curve ? Math.ceil(l * 100 - 1e-6) / 100 : Math.round(l * 100) / 100,
          );
          const upC = upper.map((u, i) =>
            members[i]?.curve ? Math.floor(u * 100 + 1e-6) / 100 : (lowC[i] as number),
          );
          const least = lowC.reduce((a, b) => a + b, 0);
          const finiteMost = upC.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
          const most = upC.every(Number.isFinite) ? finiteMost : Math.max(least, finiteMost) + 1e6;
          const conflict = lower.some((l, i) => l > (upper[i] as number) + 1e-9);
          const total = Math.min(
            Math.floor(most * 100 + 1e-6) / 100,
            Math.ceil((least + where * Math.max(0, most - least)) * 100 - 1e-6) / 100,
          );
          const r = allocateBudget({ members, total, days, ...(mc !== undefined ? { maxChange: mc } : {}) });
          if (conflict) {
            assert.equal(!r.ok && r.issues[0]?.code, 'budget.bounds_conflict');
            return;
          }
          assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
          const sum = r.value.members.reduce((a, m) => a + m.spend, 0);
          assert.ok(Math.abs(sum - total) < 0.005 + 1e-9 * total, `sum ${sum} vs ${total}`);
          r.value.members.forEach((m, i) => {
            const src = members[i] as AllocationMember;
            assert.ok(
              Math.abs(m.lower - (lower[i] as number)) < 0.01 &&
                (m.upper === upper[i] || Math.abs(m.upper - (upper[i] as number)) < 0.01),
            );
            assert.ok(
              m.spend >= (lower[i] as number) - 1e-9 && m.spend <= (upper[i] as number) + 1e-9,
              `${m.name} ${m.spend} outside ${lower[i]}..${upper[i]}`,
            );
            if (src.min !== undefined && src.curve) assert.ok(m.spend >= src.min - 0.005);
            if (src.max !== undefined) assert.ok(m.spend <= src.max + 0.005 || !src.curve);
            if (mc !== undefined && src.curve && (src.min ?? 0) <= src.today * (1 - mc))
              assert.ok(Math.abs(m.spend - src.today) <= src.today * mc + 0.005);
          });
          // Optimality: no feasible split does better — check the bounds-clipped proportional split.
          const plan = r.value.members.map((m) => m.spend);
          const free = upper.map((u, i) => u - (lower[i] as number));
          const room = free.reduce((a, b) => a + b, 0);
          if (room > 0 && free.every(Number.isFinite)) {
            const alt = lower.map((l, i) => l + ((total - least) * (free[i] as number)) / room);
            assert.ok(
              splitOutcome(members, plan, days) >=
                splitOutcome(members, alt, days) - 1e-6 * (1 + splitOutcome(members, alt, days)),
            );
          }
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
