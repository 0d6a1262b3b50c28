import { describe, expect, it } from 'vitest';
import { sizeOf, stridesOf } from '@rectify/tensor';
import { INDEX_FUNCTIONS, broadcastAxes, collapseAxes, offsetCode, transposeAxes } from '../src/codegen/index-code.js';

/** The generated statements, run as JavaScript with the same helpers the kernels get. */
function offsets(code: string, names: readonly string[]): (i: number) => number[] {
  const helpers = INDEX_FUNCTIONS.map((f) => f.source).join('\n');
  return new Function('rfI', `${helpers}\n${code}\nreturn [${names.join(', ')}];`) as (i: number) => number[];
}

/** Reference: the offset of output element `i` in an operand of `shape` broadcast to `out`, by coordinates. */
function broadcastOffset(i: number, out: readonly number[], shape: readonly number[]): number {
  const coords = out.map((_, k) => Math.floor(i / sizeOf(out.slice(k + 1))) % out[k]!);
  const own = stridesOf(shape);
  const lead = out.length - shape.length;
  return shape.reduce((acc, d, k) => acc + (d === 1 ? 0 : coords[k + lead]! * own[k]!), 0);
}

describe('collapseAxes', () => {
  it('merges a contiguous read into one axis and drops size-1 axes', () => {
    expect(collapseAxes([2, 3, 4], [[12, 4, 1]])).toEqual({ dims: [24], strides: [[1]] });
    expect(collapseAxes([1, 5, 1], [[5, 1, 1]])).toEqual({ dims: [5], strides: [[1]] });
  });

  it('keeps axes apart where one operand broadcasts and the other does not', () => {
    expect(
      broadcastAxes(
        [2, 3],
        [
          [2, 3],
          [1, 3],
        ],
      ),
    ).toEqual({
      dims: [2, 3],
      strides: [
        [3, 1],
        [0, 1],
      ],
    });
    // [4,1,5] with [3,1]: the middle axis is broadcast for x, the last for y.
    expect(
      broadcastAxes(
        [4, 3, 5],
        [
          [4, 1, 5],
          [3, 1],
        ],
      ),
    ).toEqual({
      dims: [4, 3, 5],
      strides: [
        [5, 0, 1],
        [0, 1, 0],
      ],
    });
  });

  it('merges axes that both operands broadcast together', () => {
    expect(
      broadcastAxes(
        [2, 3, 4],
        [
          [2, 3, 4],
          [1, 1, 4],
        ],
      ),
    ).toEqual({
      dims: [6, 4],
      strides: [
        [4, 1],
        [0, 1],
      ],
    });
  });

  it('a transpose merges only the axes that stay neighbours', () => {
    expect(transposeAxes([2, 3, 5], [2, 0, 1])).toEqual({ dims: [5, 6], strides: [[1, 5]] });
    expect(transposeAxes([2, 3], [1, 0])).toEqual({ dims: [3, 2], strides: [[1, 3]] });
  });

  it('a scalar has no axes', () => {
    expect(collapseAxes([], [[]])).toEqual({ dims: [], strides: [[]] });
  });
});

describe('offsetCode', () => {
  it('needs no division for a single axis and declares constant offsets for broadcast scalars', () => {
    expect(offsetCode('rfI', { dims: [24], strides: [[1], [0]] }, ['ix', 'iy'], 'rfO')).toBe(
      'const ix = rfI;\nconst iy = 0;',
    );
  });

  it('adds base offsets (slices)', () => {
    expect(offsetCode('rfI', { dims: [7], strides: [[2]] }, ['ix'], 'rfO', [5])).toBe('const ix = 5 + rfI * 2;');
  });

  const shapes: Array<[number[], number[]]> = [
    [[7, 13], [13]],
    [
      [7, 1],
      [1, 13],
    ],
    [
      [2, 3, 4, 5],
      [3, 1, 5],
    ],
    [
      [4, 1, 3],
      [2, 1],
    ],
    [[1], [31, 7]],
    [
      [2, 1, 31],
      [3, 1],
    ],
  ];
  it.each(shapes)('broadcast %j with %j reads the elements NumPy would', (a, b) => {
    const out =
      a.length >= b.length
        ? a.map((d, k) => Math.max(d, b[k - (a.length - b.length)] ?? 1))
        : b.map((d, k) => Math.max(d, a[k - (b.length - a.length)] ?? 1));
    const run = offsets(offsetCode('rfI', broadcastAxes(out, [a, b]), ['ia', 'ib'], 'rfO'), ['ia', 'ib']);
    for (let i = 0; i < sizeOf(out); i++)
      expect(run(i)).toEqual([broadcastOffset(i, out, a), broadcastOffset(i, out, b)]);
  });

  it('a permutation reads the transposed element', () => {
    const shape = [3, 4, 5];
    const perm = [2, 0, 1];
    const run = offsets(offsetCode('rfI', transposeAxes(shape, perm), ['ix'], 'rfO'), ['ix']);
    for (let c = 0; c < 5; c++) {
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 4; b++) expect(run((c * 3 + a) * 4 + b)).toEqual([(a * 4 + b) * 5 + c]);
      }
    }
  });

  it('rfDiv is exact for every quotient of integers below 2^24, even if division rounds the wrong way', () => {
    const rfDiv = new Function(`${INDEX_FUNCTIONS[0]!.source}\nreturn rfDiv;`)() as (a: number, b: number) => number;
    for (const [a, b] of [
      [16777215, 3],
      [16777214, 16777215],
      [0, 7],
      [6, 3],
      [5, 3],
      [9999991, 7],
    ] as const) {
      expect(rfDiv(a, b)).toBe(Math.floor(a / b));
    }
    // A division off by one ulp, as some GPUs' is: the correction still lands on the true quotient.
    const sloppy = new Function('Math', `${INDEX_FUNCTIONS[0]!.source}\nreturn rfDiv;`)({
      floor: (v: number) => Math.floor(v * (1 - 2 ** -23)),
    }) as (a: number, b: number) => number;
    expect([sloppy(6, 3), sloppy(9, 3), sloppy(100, 10)]).toEqual([2, 3, 10]);
  });
});
