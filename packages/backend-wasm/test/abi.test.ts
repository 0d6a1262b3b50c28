import { describe, expect, it } from 'vitest';
import { type UnaryFn, biasActivation, isUnaryFn, mathFns, tensor } from '@rectify/tensor';
import * as act from '@rectify/activations';
import { COUNTER, FLOAT_SLOTS, UnaryCode } from '../src/abi.js';
import { type Context, TASK_SLOTS } from '../src/context.js';
import { UNARY_KERNELS } from '../src/kernels/op-codes.js';
import { TASKS } from '../src/threads/protocol.js';
import { useWasm } from './helpers.js';

/** Every elementwise function a kernel record can name: tensor's mathFns and the activations' functions. */
const FUNCTIONS = new Map<string, { fn: UnaryFn; a: number; b: number }>();
for (const fn of Object.values(mathFns)) if (isUnaryFn(fn)) FUNCTIONS.set(fn.name, { fn, a: -1, b: 1 });
for (const def of Object.values(act.activations)) {
  const kernel = def.kernel(def.defaults as never);
  if ('fn' in kernel) FUNCTIONS.set(kernel.fn.name, { fn: kernel.fn, a: kernel.a ?? 0, b: kernel.b ?? 0 });
}
FUNCTIONS.set('geluTanh', { fn: act.geluTanhFn, a: 0, b: 0 });

const codeNames = Object.keys(UnaryCode).filter((k) => Number.isNaN(Number(k)));

describe('the kernel ABI (src/abi.ts, compiled by tsc and asc)', () => {
  it('gives every task distinct slots: integers below FLOAT_SLOTS, floats from there up to the counter', () => {
    expect(Object.keys(TASK_SLOTS).sort()).toEqual([...TASKS].sort());
    for (const task of TASKS) {
      const words = TASK_SLOTS[task].map(([, w]) => w);
      expect(new Set(words).size, task).toBe(words.length);
      for (const w of words) {
        expect(w, task).toBeGreaterThanOrEqual(0);
        expect(w, task).toBeLessThan(COUNTER);
      }
      const ints = words.filter((w) => w < FLOAT_SLOTS);
      expect(Math.max(...ints), task).toBe(ints.length - 1);
    }
  });

  it('names each unary code after the one function it stands in for', () => {
    const named = [...UNARY_KERNELS].map(([name, k]) => [name, UnaryCode[k.code]]);
    for (const [name, code] of named) expect(code).toBe(name);
    expect([...UNARY_KERNELS.keys()].sort()).toEqual([...codeNames].sort());
  });

  it('runs each function on the kernel its record names (the probe compares it with the scalar definition)', () => {
    const b = useWasm();
    for (const name of UNARY_KERNELS.keys()) {
      const entry = FUNCTIONS.get(name);
      expect(entry, `no function named ${name}`).toBeDefined();
      expect(b.vectorized(entry!.fn, entry!.a, entry!.b).forward, name).toBe(true);
    }
  });

  it('marks `bias` exactly the codes biasUnary has a case for', () => {
    const b = useWasm();
    const ctx = (b as unknown as { ctx: Context }).ctx;
    const buf = ctx.heap.scratch(64);
    try {
      for (const [name, k] of UNARY_KERNELS) {
        const params = { code: k.code, rows: 1, cols: 4, x: buf, bias: buf + 16, out: buf + 32, a: 0, b: 0 };
        const run = () => ctx.run('biasUnary', params, false);
        if (k.bias) expect(run, name).not.toThrow();
        else expect(run, name).toThrow(WebAssembly.RuntimeError);
      }
    } finally {
      ctx.heap.freeScratch(buf, 64);
    }
  });

  it('computes the fused bias + activation of every function marked `bias` as the scalar definition does', () => {
    useWasm();
    const z = tensor([
      [-3, -0.5, 0, 0.25, 1, 2.5, 7, -40],
      [40, -7, -2.5, -1, 0.5, 3, -0.25, 1e-3],
    ]);
    const bias = tensor([0.5, -0.25, 0, 1, -1, 0.125, 2, -2]);
    const zs = z.dataSync();
    const bs = bias.dataSync();
    for (const [name, k] of UNARY_KERNELS) {
      if (!k.bias) continue;
      const { fn, a, b } = FUNCTIONS.get(name)!;
      const got = biasActivation(z, bias, fn, a, b).dataSync();
      zs.forEach((v, i) => {
        const expected = fn.f(Math.fround(v + bs[i % 8]!), a, b);
        expect(Math.abs(got[i]! - expected), `${name}(${v} + ${bs[i % 8]})`).toBeLessThanOrEqual(
          1e-6 + 1e-5 * Math.abs(expected),
        );
      });
    }
  });
});
