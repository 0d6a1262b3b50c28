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
  relu,
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
