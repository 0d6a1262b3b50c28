import { describe, expect, it } from 'vitest';
import {
  type Tensor,
  add,
  concat,
  engine,
  gruPointwise,
  lstmPointwise,
  lstmSequence,
  lstmSequenceGrad,
  matmul,
  mul,
  reshape,
  sigmoid,
  slice,
  split,
  tanh,
  tensor,
  zeros,
} from '@rectify/tensor';
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

describe('lstmSequence / lstmSequenceGrad', () => {
  const [steps, batch, units] = [4, 3, 5];
  const zx = () => input([steps, batch, 4 * units], 31);
  const u = mul(input([units, 4 * units], 32), tensor(0.5));
  const h0 = input([batch, units], 33);
  const c0 = input([batch, units], 34);

  it('runs z_i = zx_i + h_{i−1}·u and the LSTM cell step by step, returning every step’s z, h and c', () => {
    const [z, h, c] = lstmSequence(zx(), u, h0, c0);
    expect([z.shape, h.shape, c.shape]).toEqual([
      [steps, batch, 4 * units],
      [steps, batch, units],
      [steps, batch, units],
    ]);
    const x = zx();
    let [hPrev, cPrev] = [h0, c0];
    for (let i = 0; i < steps; i++) {
      const zi = add(reshape(slice(x, [i, 0, 0], [1, batch, 4 * units]), [batch, 4 * units]), matmul(hPrev, u));
      [hPrev, cPrev] = lstmPointwise(zi, cPrev);
      const at = (t: Tensor, n: number) => reshape(slice(t, [i, 0, 0], [1, batch, n]), [batch, n]).dataSync();
      expectClose(reshape(zi, [batch, 4 * units]), at(z, 4 * units), 1e-6);
      expectClose(hPrev, at(h, units), 1e-6);
      expectClose(cPrev, at(c, units), 1e-6);
    }
  });

  it('takes the last step’s dh alone as every step’s dh with zeros before it', () => {
    const [z, , c] = lstmSequence(zx(), u, h0, c0);
    const dhLast = input([batch, units], 35);
    const dhAll = concat([zeros([steps - 1, batch, units]), reshape(dhLast, [1, batch, units])], 0);
    const a = lstmSequenceGrad(z, c, c0, u, dhLast);
    const b = lstmSequenceGrad(z, c, c0, u, dhAll);
    a.forEach((t, i) => expectClose(t, b[i]!.dataSync(), 1e-6));
    expect(a[0].shape).toEqual([steps, batch, 4 * units]);
    // Not vacuous: the gradient reaches the first step and the initial states.
    for (const t of a) expect(Array.from(t.dataSync()).some((v) => Math.abs(v) > 1e-3)).toBe(true);
  });

  it('names the tensor and the layout it expected on bad input', () => {
    expect(() => lstmSequence(zeros([2, 3, 8]), zeros([3, 8]), zeros([3, 2]), zeros([3, 2]))).toThrow(
      /lstmSequence: expected zx \[steps ≥ 1, batch, 4·units\].*received zx \[2,3,8\], u \[3,8\]/,
    );
    expect(() => lstmSequence(zeros([0, 3, 8]), zeros([2, 8]), zeros([3, 2]), zeros([3, 2]))).toThrow(
      /lstmSequence: expected zx \[steps ≥ 1/,
    );
    expect(() => lstmSequence(zeros([1, 1, 4], 'int32'), zeros([1, 4]), zeros([1, 1]), zeros([1, 1]))).toThrow(
      'lstmSequence: zx must be float32, received int32',
    );
    const [z, , c] = lstmSequence(zeros([2, 1, 4]), zeros([1, 4]), zeros([1, 1]), zeros([1, 1]));
    expect(() => lstmSequenceGrad(z, c, zeros([1, 1]), zeros([1, 4]), zeros([3, 1, 1]))).toThrow(
      /lstmSequenceGrad: expected .*dh \[steps, batch, units\] or \[batch, units\], received .*dh \[3,1,1\]/,
    );
  });
});
