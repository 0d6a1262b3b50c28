import { describe, expect, it } from 'vitest';
import { logSoftmax, softmax, sum, tensor } from '@rectify/tensor';
import { expectClose } from '@rectify/tensor/testing';

function refSoftmax(row: number[]): number[] {
  const m = Math.max(...row);
  const e = row.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

describe('softmax and logSoftmax', () => {
  it('match float64 references along the last axis', () => {
    const rows = [
      [1, 2, 3],
      [-1, 0, 1],
      [0.5, 0.5, 0.5],
    ];
    expectClose(softmax(tensor(rows)), rows.flatMap(refSoftmax), 1e-6);
    expectClose(
      logSoftmax(tensor(rows)),
      rows.flatMap((r) => refSoftmax(r).map(Math.log)),
      1e-6,
    );
  });

  it('work along any axis', () => {
    const x = tensor([
      [1, 2],
      [3, 5],
    ]);
    const cols = [refSoftmax([1, 3]), refSoftmax([2, 5])];
    expectClose(softmax(x, 0), [cols[0]![0]!, cols[1]![0]!, cols[0]![1]!, cols[1]![1]!], 1e-6);
    expectClose(sum(softmax(x, 0), 0), [1, 1], 1e-6);
  });

  it('do not overflow at ±1e4', () => {
    const x = tensor([
      [1e4, 0, -1e4],
      [-1e4, -1e4, -1e4],
      [1e4, 1e4, 1e4 - 1],
    ]);
    const p = softmax(x);
    expect(p.dataSync().every((v) => Number.isFinite(v))).toBe(true);
    const e = Math.exp(-1);
    expectClose(p, [1, 0, 0, 1 / 3, 1 / 3, 1 / 3, 1 / (2 + e), 1 / (2 + e), e / (2 + e)], 1e-6);
    expectClose(
      logSoftmax(x),
      [
        0,
        -1e4,
        -2e4,
        -Math.log(3),
        -Math.log(3),
        -Math.log(3),
        -Math.log(2 + e),
        -Math.log(2 + e),
        -1 - Math.log(2 + e),
      ],
      1e-6,
    );
  });

  it('give a probability distribution on a single element and on int32 input', () => {
    expect(softmax(tensor([[42]])).arraySync()).toEqual([[1]]);
    expectClose(softmax(tensor([0, 0], undefined, 'int32')), [0.5, 0.5], 0);
    expect(softmax(tensor([0, 0], undefined, 'int32')).dtype).toBe('float32');
  });

  it('keep −∞ logits at probability 0 and propagate NaN', () => {
    expectClose(softmax(tensor([0, -Infinity])), [1, 0], 0);
    expectClose(logSoftmax(tensor([0, -Infinity])), [0, -Infinity], 0);
    expectClose(softmax(tensor([0, NaN])), [NaN, NaN], 0);
  });
});
