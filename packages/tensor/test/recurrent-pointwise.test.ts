import { describe, expect, it } from 'vitest';
import { add, engine, gruPointwise, lstmPointwise, mul, sigmoid, split, tanh, tensor, zeros } from '@rectify/tensor';
import { expectClose, input } from '@rectify/tensor/testing';

const sig = (x: number) => 1 / (1 + Math.exp(-x));

describe('lstmPointwise', () => {
  it('computes c′ = σ(f)·c + σ(i)·tanh(g) and h = σ(o)·tanh(c′) from gates in Keras order i, f, g, o', () => {
    // One row, two units: z = [i0, i1, f0, f1, g0, g1, o0, o1].
    const z = tensor([[0.5, -1, 2, 0, -0.3, 1.5, 1, -2]]);
    const c = tensor([[0.7, -0.4]]);
    const [h, next] = lstmPointwise(z, c);
    const cNew = [sig(2) * 0.7 + sig(0.5) * Math.tanh(-0.3), sig(0) * -0.4 + sig(-1) * Math.tanh(1.5)];
    expectClose(next, cNew);
    expectClose(h, [sig(1) * Math.tanh(cNew[0]!), sig(-2) * Math.tanh(cNew[1]!)]);
    expect(h.shape).toEqual([1, 2]);
    expect(next.shape).toEqual([1, 2]);
  });

  it('agrees with the composed ops on seeded inputs, saturated gates and an empty batch', () => {
    const z = mul(input([5, 28], 11), tensor(4));
    const c = input([5, 7], 12);
    const [zi, zf, zg, zo] = split(z, 4, 1);
    const cRef = add(mul(sigmoid(zf!), c), mul(sigmoid(zi!), tanh(zg!)));
    const [h, next] = lstmPointwise(z, c);
    expectClose(next, cRef.dataSync(), 1e-6);
    expectClose(h, mul(sigmoid(zo!), tanh(cRef)).dataSync(), 1e-6);
    const [he, ce] = lstmPointwise(zeros([0, 12]), zeros([0, 3]));
    expect([he.shape, ce.shape]).toEqual([
      [0, 3],
      [0, 3],
    ]);
  });

  it('propagates NaN from z or c', () => {
    const [h, next] = lstmPointwise(tensor([[NaN, 0, 0, 0]]), tensor([[1]]));
    expect(Number.isNaN(next.dataSync()[0])).toBe(true);
    expect(Number.isNaN(h.dataSync()[0])).toBe(true);
  });

  it('names the op and the shapes it received when they do not fit', () => {
    expect(() => lstmPointwise(zeros([2, 7]), zeros([2, 2]))).toThrow(
      'lstmPointwise: expected z [batch, 4·units] and c [batch, units], received z [2,7] and c [2,2]',
    );
    expect(() => lstmPointwise(zeros([3, 8]), zeros([2, 2]))).toThrow('received z [3,8] and c [2,2]');
    expect(() => lstmPointwise(tensor([[1, 2, 3, 4]], [1, 4], 'int32'), zeros([1, 1]))).toThrow(
      'lstmPointwise: z and c must be float32, received int32 and float32',
    );
  });

  it('the kernel check rejects an unknown part or wrt and a dy of the wrong shape', () => {
    const z = zeros([1, 4]);
    const c = zeros([1, 1]);
    expect(() => engine.runKernel('lstmCell', [z, c], { part: 'gate' as 'state' })).toThrow(
      "attrs.part must be 'state' or 'hidden', received gate",
    );
    expect(() => engine.runKernel('lstmCellGrad', [z, c, c], { part: 'state', wrt: 'h' as 'z' })).toThrow(
      "attrs.wrt must be 'z' or 'c', received h",
    );
    expect(() => engine.runKernel('lstmCellGrad', [z, c, zeros([1, 2])], { part: 'hidden', wrt: 'c' })).toThrow(
      'dy must be float32 with the shape of c',
    );
  });
});

describe('gruPointwise', () => {
  it('computes h′ = z·h + (1 − z)·tanh(zx_h + r·zh_h) with z, r the sigmoid gates (Keras resetAfter)', () => {
    // One row, two units: gates z, r, h.
    const zx = tensor([[0.5, -1, 2, 0, -0.3, 1.5]]);
    const zh = tensor([[0.1, 0.2, -0.4, 0.3, 0.8, -1.2]]);
    const h = tensor([[0.7, -0.4]]);
    const z = [sig(0.6), sig(-0.8)];
    const r = [sig(1.6), sig(0.3)];
    const cand = [Math.tanh(-0.3 + r[0]! * 0.8), Math.tanh(1.5 + r[1]! * -1.2)];
    expectClose(gruPointwise(zx, zh, h), [z[0]! * 0.7 + (1 - z[0]!) * cand[0]!, z[1]! * -0.4 + (1 - z[1]!) * cand[1]!]);
  });

  it('names the op and the shapes it received when they do not fit', () => {
    expect(() => gruPointwise(zeros([2, 6]), zeros([2, 3]), zeros([2, 2]))).toThrow(
      'gruPointwise: expected zx and zh [batch, 3·units] and h [batch, units], received zx [2,6], zh [2,3] and h [2,2]',
    );
    expect(() => gruPointwise(zeros([1, 3]), zeros([1, 3]), tensor([[1]], [1, 1], 'int32'))).toThrow(
      'gruPointwise: zx, zh and h must be float32, received float32, float32 and int32',
    );
  });
});
