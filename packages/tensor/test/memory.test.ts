import { describe, expect, it } from 'vitest';
import {
  BackendError,
  Variable,
  add,
  dispose,
  engine,
  exp,
  keep,
  memory,
  ones,
  reshape,
  tensor,
  tidy,
  zeros,
} from '@rectify/tensor';

const live = () => memory().numTensors;
const buffers = () => memory().numDataBuffers;

describe('tidy', () => {
  it('disposes every tensor created inside except the result', () => {
    const before = live();
    const bufs = buffers();
    const r = tidy(() => {
      const a = ones([3]);
      const b = exp(a);
      return add(a, b);
    });
    expect(live()).toBe(before + 1);
    expect(buffers()).toBe(bufs + 1);
    expect(r.isDisposed).toBe(false);
    r.dispose();
    expect(live()).toBe(before);
    expect(buffers()).toBe(bufs);
  });

  it('keeps tensors returned in arrays and objects, and passes non-tensor results through', () => {
    const before = live();
    const { a, list } = tidy(() => ({ a: ones([2]), list: [zeros([1]), ones([1])], note: 'x' }));
    expect(live()).toBe(before + 3);
    dispose([a, list]);
    expect(live()).toBe(before);
    expect(tidy(() => 42)).toBe(42);
  });

  it('nests: an inner result belongs to the outer scope', () => {
    const before = live();
    tidy(() => {
      const inner = tidy(() => add(ones([2]), 1));
      expect(inner.isDisposed).toBe(false);
      return undefined;
    });
    expect(live()).toBe(before);
  });

  it('keep() exempts a tensor; tensors from outside are never touched', () => {
    const outside = ones([2]);
    let kept = outside;
    tidy(() => {
      kept = keep(add(outside, 1));
      add(outside, 2);
    });
    expect(outside.isDisposed).toBe(false);
    expect(kept.arraySync()).toEqual([2, 2]);
    dispose([outside, kept]);
  });

  it('still disposes what it created when the function throws', () => {
    const before = live();
    expect(() =>
      tidy(() => {
        ones([10]);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(live()).toBe(before);
  });

  it('rejects async functions', () => {
    const before = live();
    expect(() => tidy((async () => ones([1])) as never)).toThrow(BackendError);
    expect(() => tidy((async () => ones([1])) as never)).toThrow(
      'tidy: the function must be synchronous, it returned a Promise',
    );
    expect(live()).toBe(before);
  });
});

describe('dispose and buffer sharing', () => {
  it('views share a buffer that lives until the last view is disposed', () => {
    const bufs = buffers();
    const a = tensor([1, 2, 3, 4]);
    const b = reshape(a, [2, 2]);
    expect(buffers()).toBe(bufs + 1);
    a.dispose();
    expect(b.arraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    b.dispose();
    expect(buffers()).toBe(bufs);
  });

  it('dispose is idempotent and a disposed tensor cannot be used', () => {
    const t = tensor([1, 2]);
    t.dispose();
    t.dispose();
    expect(t.isDisposed).toBe(true);
    expect(() => t.dataSync()).toThrow(BackendError);
    expect(() => t.dataSync()).toThrow(`dataSync: tensor ${t.id} (shape [2]) was already disposed`);
    expect(() => add(t, 1)).toThrow(`add: tensor ${t.id} (shape [2]) was already disposed`);
  });

  it('memory() reports bytes per dtype', () => {
    const bytes = memory().numBytes;
    const f = zeros([10]);
    const i = zeros([10], 'int32');
    const b = zeros([10], 'bool');
    expect(memory().numBytes - bytes).toBe(40 + 40 + 10);
    expect(memory().backends['cpu']!.numTensors).toBeGreaterThanOrEqual(3);
    dispose([f, i, b]);
    expect(memory().numBytes).toBe(bytes);
  });
});

describe('variables (engine level)', () => {
  const make = (t: ReturnType<typeof tensor>, name: string) => engine.makeVariable(t, name, true, Variable);

  it('tidy never disposes a variable, even one created inside', () => {
    let v: Variable | undefined;
    tidy(() => {
      v = make(ones([2]), 'tidy-v');
      add(v, 1);
    });
    expect(v!.isDisposed).toBe(false);
    expect(v!.arraySync()).toEqual([1, 1]);
    v!.dispose();
  });

  it('assign replaces the value in place; self-assignment keeps the buffer', () => {
    const v = make(tensor([1, 2]), 'assign-v');
    const value = tensor([5, 6]);
    v.assign(value);
    value.dispose();
    expect(v.arraySync()).toEqual([5, 6]);
    v.assign(v);
    expect(v.arraySync()).toEqual([5, 6]);
    const r = reshape(v, [2]);
    v.assign(r);
    r.dispose();
    expect(v.arraySync()).toEqual([5, 6]);
    v.dispose();
  });

  it('assign checks shape and dtype', () => {
    const v = make(tensor([1, 2]), 'checked');
    expect(() => v.assign(tensor([1, 2, 3]))).toThrow(
      "assign: variable 'checked' has shape [2] float32, received [3] float32",
    );
    expect(() => v.assign(tensor([1, 2], undefined, 'int32'))).toThrow(
      "assign: variable 'checked' has shape [2] float32, received [2] int32",
    );
  });
});
