import { describe, expect, it } from 'vitest';
import { exp, logSoftmax, maskedSoftmax, ones, softmax, tensor, where } from '@rectify/tensor';
import { expectClose, input } from '@rectify/tensor/testing';

/** Float64 reference: scale, then −∞ where a key is hidden; a row hiding every key is uniform. */
function reference(rows: number[][], scale: number, sees: (i: number, j: number) => boolean): number[] {
  return rows.flatMap((row, i) => {
    const v = row.map((x, j) => (sees(i, j) ? scale * x : -Infinity));
    const m = Math.max(...v);
    if (m === -Infinity) return row.map(() => 1 / row.length);
    const e = v.map((x) => Math.exp(x - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / s);
  });
}

/** The composition attention used before the kernel: where(mask, scale·x, −1e9), then exp(logSoftmax). */
function oldComposition(x: ReturnType<typeof tensor>, scale: number, mask: ReturnType<typeof tensor>) {
  return exp(logSoftmax(where(mask, x.mul(scale), -1e9)));
}

const rows = [
  [1, 2, 3, 4],
  [0.5, -1, 2, 0],
  [3, 3, -2, 1],
];

describe('maskedSoftmax', () => {
  it('scales the logits', () => {
    expectClose(
      maskedSoftmax(tensor(rows), { scale: 0.5 }),
      reference(rows, 0.5, () => true),
      1e-6,
    );
  });

  it('causal: query i sees keys j <= i + offset, hidden keys weigh exactly 0', () => {
    for (const offset of [0, 1, -1]) {
      const y = maskedSoftmax(tensor(rows), { causal: true, causalOffset: offset });
      expectClose(
        y,
        reference(rows, 1, (i, j) => j <= i + offset),
        1e-6,
      );
      const v = y.dataSync();
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 4; j++) if (j > i + offset && i + offset >= 0) expect(v[i * 4 + j]).toBe(0);
    }
  });

  it('a row that sees no key gets uniform weights, as the −1e9 composition gives', () => {
    const y = maskedSoftmax(tensor(rows), { causal: true, causalOffset: -2 });
    expectClose(
      y,
      reference(rows, 1, (i, j) => j <= i - 2),
      1e-6,
    );
    const mask = tensor([
      [true, false, true, false],
      [false, false, false, false],
      [true, true, true, true],
    ]);
    expectClose(maskedSoftmax(tensor(rows), { mask, scale: 0.7 }), oldComposition(tensor(rows), 0.7, mask), 1e-6);
  });

  it('broadcasts a bool or 0/1 mask over leading axes and a [.., 1] key axis', () => {
    const x = input([2, 3, 4, 5], 11);
    const keys = tensor([1, 0, 1, 1, 0]);
    const byHead = input([2, 1, 4, 5], 12, 'bool');
    const byQuery = tensor([[1], [0], [1], [1]], undefined, 'int32');
    for (const mask of [keys, byHead, byQuery]) {
      const boolMask = mask.dtype === 'bool' ? mask : mask.cast('bool');
      expectClose(maskedSoftmax(x, { mask, scale: 0.3 }), oldComposition(x, 0.3, boolMask), 1e-6);
    }
  });

  it('combines causal and a mask, matching the composition at attention shapes', () => {
    const x = input([2, 2, 6, 6], 13);
    const mask = input([2, 1, 1, 6], 14, 'bool');
    const tri = tensor(
      Array.from({ length: 36 }, (_, k) => Math.floor(k / 6) >= k % 6),
      [6, 6],
      'bool',
    );
    expectClose(
      maskedSoftmax(x, { mask, causal: true, scale: 0.125 }),
      oldComposition(x, 0.125, tri.logicalAnd(mask)),
      1e-6,
    );
  });

  it('stays finite at ±1e4', () => {
    const big = [
      [1e4, 0, -1e4],
      [-1e4, -1e4, -1e4],
      [1e4, 1e4, 1e4 - 1],
    ];
    const y = maskedSoftmax(tensor(big), { causal: true, causalOffset: 1 });
    expect(y.dataSync().every(Number.isFinite)).toBe(true);
    expectClose(
      y,
      reference(big, 1, (i, j) => j <= i + 1),
      1e-6,
    );
  });

  it('softmax along the last axis runs the kernel and keeps its values', () => {
    const x = input([4, 9], 15);
    expectClose(softmax(x), exp(logSoftmax(x)), 1e-6);
    expectClose(softmax(x, 0), exp(logSoftmax(x, 0)), 1e-6);
  });

  it('rejects bad input naming the op and the value', () => {
    expect(() => maskedSoftmax(tensor(1))).toThrow(/maskedSoftmax: logits must have rank >= 1, received \[\]/);
    expect(() => maskedSoftmax(tensor([1, 2]), { causal: true })).toThrow(
      /maskedSoftmax: logits must have rank >= 2 .*when causal, received \[2\]/,
    );
    expect(() => maskedSoftmax(ones([2, 3]), { mask: ones([2, 2]) })).toThrow(
      /maskedSoftmax: mask must broadcast to the logits' shape \[2,3\], received \[2,2\]/,
    );
    expect(() => maskedSoftmax(ones([2, 3]), { mask: ones([1, 2, 3]) })).toThrow(/received \[1,2,3\]/);
    expect(() => maskedSoftmax(ones([2, 3]), { scale: NaN })).toThrow(
      /maskedSoftmax: scale must be a finite number, received NaN/,
    );
    expect(() => maskedSoftmax(ones([2, 3]), { causal: true, causalOffset: 0.5 })).toThrow(
      /maskedSoftmax: causalOffset must be an integer, received 0.5/,
    );
    expect(() => softmax(ones([2, 3]), 2)).toThrow(/softmax: axis must be an integer in \[-2, 1\], received 2/);
  });
});
