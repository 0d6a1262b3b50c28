import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  add,
  broadcastShapes,
  broadcastTo,
  concat,
  max,
  mean,
  min,
  mul,
  reshape,
  slice,
  split,
  stack,
  sum,
  tensor,
  tidy,
  transpose,
  unstack,
  pad,
  matmul,
} from '@rectify/tensor';
import { expectClose } from '@rectify/tensor/testing';

const dim = fc.integer({ min: 0, max: 4 });
const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 4 });
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const valuesFor = (s: readonly number[]) =>
  fc.array(fc.integer({ min: -50, max: 50 }), { minLength: size(s), maxLength: size(s) });
const withValues = (arb: fc.Arbitrary<number[]>) => arb.chain((s) => valuesFor(s).map((v) => ({ s, v })));

/** Two shapes that broadcast: from one full shape, each side drops leading axes and sets some axes to 1. */
const broadcastPair = fc
  .array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 })
  .chain((full) =>
    fc.tuple(
      fc.constant(full),
      fc.nat({ max: full.length }),
      fc.nat({ max: full.length }),
      fc.array(fc.boolean(), { minLength: full.length, maxLength: full.length }),
      fc.array(fc.boolean(), { minLength: full.length, maxLength: full.length }),
    ),
  )
  .map(([full, da, db, oa, ob]) => ({
    a: full.slice(da).map((d, i) => (oa[i + da] ? 1 : d)),
    b: full.slice(db).map((d, i) => (ob[i + db] ? 1 : d)),
  }));

describe('broadcasting properties', () => {
  it('add is commutative and agrees with explicit broadcastTo', () => {
    fc.assert(
      fc.property(
        broadcastPair.chain(({ a, b }) => fc.tuple(fc.constant(a), fc.constant(b), valuesFor(a), valuesFor(b))),
        ([a, b, va, vb]) =>
          tidy(() => {
            const out = broadcastShapes('add', a, b);
            const ta = tensor(va, a);
            const tb = tensor(vb, b);
            const ab = add(ta, tb);
            expect(ab.shape).toEqual(out);
            expect(Array.from(add(tb, ta).dataSync())).toEqual(Array.from(ab.dataSync()));
            const explicit = add(broadcastTo(ta, out), broadcastTo(tb, out));
            expect(Array.from(explicit.dataSync())).toEqual(Array.from(ab.dataSync()));
          }),
      ),
      { numRuns: 150 },
    );
  });

  it('multiplying by a broadcast 1 changes nothing', () => {
    fc.assert(
      fc.property(withValues(shapeArb), fc.nat({ max: 3 }), ({ s, v }, extra) =>
        tidy(() => {
          const ones = tensor(1, new Array<number>(extra).fill(1));
          const r = mul(tensor(v, s), ones);
          expect(r.shape).toEqual([...new Array<number>(Math.max(0, extra - s.length)).fill(1), ...s]);
          expect(Array.from(r.dataSync())).toEqual(v);
        }),
      ),
    );
  });
});

describe('reduction properties', () => {
  const shapeAndAxes = withValues(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 })).chain(
    ({ s, v }) => fc.subarray(s.map((_, i) => i)).map((axes) => ({ s, v, axes })),
  );

  it('sum over axes equals summing one axis at a time; the total is preserved', () => {
    fc.assert(
      fc.property(shapeAndAxes, ({ s, v, axes }) =>
        tidy(() => {
          const t = tensor(v, s);
          let step = t;
          for (const a of [...axes].reverse()) step = sum(step, a);
          expect(Array.from(sum(t, axes).dataSync())).toEqual(Array.from(step.dataSync()));
          expect(sum(sum(t, axes)).item()).toBe(v.reduce((x, y) => x + y, 0));
        }),
      ),
    );
  });

  it('keepDims only reshapes; max bounds every element; mean × count = sum', () => {
    fc.assert(
      fc.property(shapeAndAxes, ({ s, v, axes }) =>
        tidy(() => {
          const t = tensor(v, s);
          const kept = sum(t, axes, true);
          expect(kept.shape).toEqual(s.map((d, i) => (axes.includes(i) ? 1 : d)));
          expect(Array.from(kept.dataSync())).toEqual(Array.from(sum(t, axes).dataSync()));
          expect(Math.max(...v)).toBe(max(t).item());
          expect(Math.min(...v)).toBe(min(t).item());
          const count = axes.reduce((n, a) => n * s[a]!, 1);
          expectClose(mul(mean(t, axes), count), sum(t, axes), 1e-5);
        }),
      ),
    );
  });
});

describe('reshape and transpose round trips', () => {
  it('transpose by a permutation and back by its inverse is the identity', () => {
    const arb = withValues(shapeArb).chain(({ s, v }) =>
      fc
        .shuffledSubarray(
          s.map((_, i) => i),
          { minLength: s.length, maxLength: s.length },
        )
        .map((perm) => ({ s, v, perm })),
    );
    fc.assert(
      fc.property(arb, ({ s, v, perm }) =>
        tidy(() => {
          const t = transpose(tensor(v, s), perm);
          expect(t.shape).toEqual(perm.map((p) => s[p]));
          const inverse = perm.map((_, i) => perm.indexOf(i));
          const back = transpose(t, inverse);
          expect(back.shape).toEqual(s);
          expect(Array.from(back.dataSync())).toEqual(v);
        }),
      ),
    );
  });

  it('transposing twice on 2-D is the identity and matches (AB)ᵀ = BᵀAᵀ', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (m, k, n, seed) =>
          tidy(() => {
            const a = tensor(
              Array.from({ length: m * k }, (_, i) => ((i * 7 + seed) % 11) - 5),
              [m, k],
            );
            const b = tensor(
              Array.from({ length: k * n }, (_, i) => ((i * 5 + seed) % 13) - 6),
              [k, n],
            );
            expect(Array.from(transpose(matmul(a, b)).dataSync())).toEqual(
              Array.from(matmul(transpose(b), transpose(a)).dataSync()),
            );
            expect(Array.from(matmul(b, a, true, true).dataSync())).toEqual(
              Array.from(transpose(matmul(a, b)).dataSync()),
            );
          }),
      ),
      { numRuns: 50 },
    );
  });

  it('reshape to any factorisation and back keeps row-major order', () => {
    const arb = withValues(shapeArb).chain(({ s, v }) =>
      fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }).map((parts) => {
        // A target shape of the same size: put the leftover factor where -1 is inferred.
        const n = size(s);
        const target = parts.filter((p) => n % p === 0).slice(0, 2);
        const rest = n / size(target);
        return { s, v, target: Number.isInteger(rest) ? [...target, -1] : [-1] };
      }),
    );
    fc.assert(
      fc.property(arb, ({ s, v, target }) =>
        tidy(() => {
          const r = reshape(tensor(v, s), target);
          expect(size(r.shape)).toBe(size(s));
          expect(Array.from(reshape(r, s).dataSync())).toEqual(v);
        }),
      ),
    );
  });

  it('split then concat, unstack then stack, pad then slice are identities', () => {
    const arb = withValues(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })).chain(({ s, v }) =>
      fc
        .tuple(
          fc.nat({ max: s.length - 1 }),
          fc.array(fc.tuple(dim, dim), { minLength: s.length, maxLength: s.length }),
        )
        .map(([axis, pads]) => ({ s, v, axis, pads })),
    );
    fc.assert(
      fc.property(arb, ({ s, v, axis, pads }) =>
        tidy(() => {
          const t = tensor(v, s);
          const cut = Math.floor(s[axis]! / 2);
          expect(Array.from(concat(split(t, [cut, -1], axis), axis).dataSync())).toEqual(v);
          expect(Array.from(stack(unstack(t, axis), axis).dataSync())).toEqual(v);
          const padded = pad(t, pads);
          expect(
            Array.from(
              slice(
                padded,
                pads.map((p) => p[0]),
                s,
              ).dataSync(),
            ),
          ).toEqual(v);
        }),
      ),
    );
  });
});
