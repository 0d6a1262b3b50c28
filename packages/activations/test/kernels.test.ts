import { afterEach, describe, expect, it } from 'vitest';
import { grad } from '@rectify/autograd';
import { type OpRecord, engine, tensor } from '@rectify/tensor';
import {
  gelu,
  geluFn,
  geluTanhFn,
  hardSwish,
  hardSwishFn,
  leakyRelu,
  leakyReluFn,
  activations,
  relu,
  relu6Fn,
  reluFn,
} from '@rectify/activations';

let unsubscribe: (() => void) | undefined;
afterEach(() => unsubscribe?.());

function recordOps(fn: () => void): OpRecord[] {
  const ops: OpRecord[] = [];
  unsubscribe = engine.addOpListener((r) => ops.push(r));
  fn();
  unsubscribe();
  unsubscribe = undefined;
  return ops;
}

describe('one fused kernel forward, the exact derivative backward', () => {
  it.each([
    ['relu', () => relu(tensor([1, -2])), reluFn, 0],
    ['leakyRelu', () => leakyRelu(tensor([1, -2]), { alpha: 0.2 }), leakyReluFn, 0.2],
    ['gelu', () => gelu(tensor([1, -2])), geluFn, 0],
    ['gelu tanh', () => gelu(tensor([1, -2]), { approximate: 'tanh' }), geluTanhFn, 0],
    ['hardSwish', () => hardSwish(tensor([1, -2])), hardSwishFn, 0],
  ] as const)('%s runs as a single unary op with its scalar function and options as parameters', (_, run, fn, a) => {
    const x = tensor([1, -2]);
    const ops = recordOps(() => run()).filter((r) => r.inputs.length > 0);
    expect(ops.map((r) => r.op)).toEqual(['unary']);
    expect(ops[0]!.attrs).toEqual({ fn, a, b: 0 });
    x.dispose();
  });

  it('the gradient is dy · df(x) bit for bit, not a composition of smaller ops', () => {
    const xs = [-3.5, -0.7518, -1e-3, 0, 0.25, 2, 9];
    const dy = [0.5, -1, 2, 3, 1, -0.25, 4];
    const g = grad((x) => gelu(x))(tensor(xs), tensor(dy)).dataSync();
    const expected = Float32Array.from(xs, (x, i) => Math.fround(dy[i]!) * geluFn.df!(Math.fround(x), 0, 0));
    expect(Array.from(g)).toEqual(Array.from(expected));
  });

  it('kernels are module-level functions: the same UnaryFn object on every call, so loops compile once', () => {
    const seen = new Set<unknown>();
    recordOps(() => {
      relu(tensor([1]));
      relu(tensor([2]));
    }).forEach((r) => r.op === 'unary' && seen.add((r.attrs as { fn: unknown }).fn));
    expect(seen.size).toBe(1);
  });
});

describe('dfAtOutput: the derivative read off the output', () => {
  // Edge values a claim must survive: signed zeros, the smallest and largest float32s, infinities, NaN, the kinks.
  const xs = [
    -Infinity,
    -3.4e38,
    -7,
    -6,
    -1,
    -1.4e-45,
    -0,
    0,
    1.4e-45,
    1e-3,
    1,
    5.999,
    6,
    6.001,
    7,
    3.4e38,
    Infinity,
    NaN,
  ];
  const same = (p: number, q: number) => Object.is(p, q) || (Number.isNaN(p) && Number.isNaN(q));

  it.each(Object.values(activations).map((def) => [def.name, def] as const))(
    '%s: where its kernel claims it, df(f(x)) = df(x) at every edge value (float32)',
    (_, def) => {
      for (const options of [def.defaults, ...(def.name === 'leakyRelu' ? [{ alpha: 1e-3 }, { alpha: 2 }] : [])]) {
        const kernel = def.kernel(options as never);
        if (!('fn' in kernel) || !kernel.fn.dfAtOutput?.(kernel.a ?? 0, kernel.b ?? 0)) continue;
        const { fn, a = 0, b = 0 } = kernel;
        for (const x of xs) {
          const y = Math.fround(fn.f(Math.fround(x), a, b));
          expect(
            same(fn.df!(y, a, b), fn.df!(Math.fround(x), a, b)),
            `${def.name} ${JSON.stringify(options)} at ${x}`,
          ).toBe(true);
        }
      }
    },
  );

  it('is claimed by relu, relu6 and leakyRelu with α > 0, not with α ≤ 0 (f flips the sign, or is NaN at −∞)', () => {
    expect([reluFn, relu6Fn].map((fn) => fn.dfAtOutput?.(0, 0))).toEqual([true, true]);
    expect([0, 0.01, 2, -0.5].map((alpha) => leakyReluFn.dfAtOutput?.(alpha, 0))).toEqual([false, true, true, false]);
    // The claim would be wrong there: f(−1) = 0.5 > 0 has df = 1, but df(−1) = α.
    expect([leakyReluFn.df!(leakyReluFn.f(-1, -0.5, 0), -0.5, 0), leakyReluFn.df!(-1, -0.5, 0)]).toEqual([1, -0.5]);
  });
});
