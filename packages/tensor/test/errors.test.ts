import { describe, expect, it } from 'vitest';
import {
  BackendError,
  DTypeError,
  PRNGKey,
  RectifyError,
  ShapeError,
  ValueError,
  all,
  arange,
  argMax,
  avgPool,
  broadcastTo,
  cast,
  clipByValue,
  concat,
  conv2d,
  expandDims,
  eye,
  full,
  gather,
  linspace,
  logSoftmax,
  logicalAnd,
  logicalNot,
  matmul,
  maxPool,
  oneHot,
  pad,
  permute,
  randomNormal,
  randomUniform,
  reshape,
  setSeed,
  slice,
  softmax,
  split,
  squeeze,
  stack,
  sum,
  tensor,
  tile,
  transpose,
  truncatedNormal,
  where,
  zeros,
  ones,
} from '@rectify/tensor';

/** Asserts the error class and the exact message. */
function throws(fn: () => unknown, cls: new (...a: never[]) => Error, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(cls);
  expect(caught).toBeInstanceOf(RectifyError);
  expect((caught as Error).message).toBe(message);
}

describe('error classes', () => {
  it('form one family with their own names', () => {
    const e = new ShapeError('x');
    expect(e).toBeInstanceOf(RectifyError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ShapeError');
    expect(new DTypeError('x').name).toBe('DTypeError');
    expect(new ValueError('x').name).toBe('ValueError');
    expect(new BackendError('x').name).toBe('BackendError');
  });
});

describe('creation errors', () => {
  it('tensor', () => {
    throws(
      () => tensor([[1, 2], [3]]),
      ShapeError,
      'tensor: nested arrays are ragged: expected length 2 at depth 1, found an array of length 1',
    );
    throws(
      () => tensor([[1, 2], 3] as never),
      ShapeError,
      'tensor: nested arrays are ragged: expected an array of length 2 at depth 1, found 3',
    );
    throws(
      () => tensor([1, [2, 3]] as never),
      ShapeError,
      'tensor: nested arrays are ragged: expected a number at depth 1, found an array of length 2',
    );
    throws(() => tensor([1, 2, 3], [2, 2]), ShapeError, 'tensor: 3 values do not fill shape [2,2] (4 needed)');
    throws(
      () => tensor([1, 'a'] as never),
      ValueError,
      'tensor: values must be numbers or booleans, received string ("a")',
    );
    throws(() => tensor([1], [-1]), ValueError, 'tensor: shape must hold non-negative integers, received [-1]');
    throws(
      () => tensor([1], undefined, 'float64' as never),
      DTypeError,
      `tensor: dtype must be 'float32', 'int32' or 'bool', received "float64"`,
    );
  });
  it('creation ops name themselves', () => {
    throws(() => zeros([2, -3]), ValueError, 'zeros: shape must hold non-negative integers, received [2,-3]');
    throws(() => ones([1.5]), ValueError, 'ones: shape must hold non-negative integers, received [1.5]');
    throws(
      () => full([2], 1, 'complex64' as never),
      DTypeError,
      `full: dtype must be 'float32', 'int32' or 'bool', received "complex64"`,
    );
    throws(() => arange(0, 5, 0), ValueError, 'arange: step must be a non-zero finite number, received 0');
    throws(() => arange(NaN), ValueError, 'arange: start and stop must be finite numbers, received start=0, stop=NaN');
    throws(() => linspace(0, 1, -2), ValueError, 'linspace: num must be a non-negative integer, received -2');
    throws(() => eye(-1), ValueError, 'eye: rows and cols must be non-negative integers, received rows=-1, cols=-1');
  });
  it('random ops', () => {
    throws(
      () => randomNormal([2], 0, -1),
      ValueError,
      'randomNormal: stddev must be a finite non-negative number, received -1',
    );
    throws(() => randomNormal([2], NaN), ValueError, 'randomNormal: mean must be a finite number, received NaN');
    throws(
      () => randomUniform([2], 1, 0),
      ValueError,
      'randomUniform: maxval - minval must be a finite non-negative number, received -1',
    );
    throws(
      () => truncatedNormal([2], 0, 1, 'bool'),
      DTypeError,
      `truncatedNormal: dtype must be 'float32' or 'int32', received "bool"`,
    );
    throws(
      () => randomNormal([2], 0, 1, 'float32', 1.5),
      ValueError,
      'randomNormal: seed must be a safe integer, received 1.5',
    );
    throws(() => setSeed(NaN), ValueError, 'setSeed: seed must be a safe integer, received NaN');
    throws(
      () => PRNGKey.fromSeed(2 ** 60),
      ValueError,
      `PRNGKey.fromSeed: seed must be a safe integer, received ${2 ** 60}`,
    );
  });
});

describe('op errors name the op, what was received and what was expected', () => {
  const m = zeros([2, 3]);
  it('matmul', () => {
    throws(
      () => matmul(zeros([2, 3]), zeros([4, 5])),
      ShapeError,
      'matmul: inner dimensions differ: [2,3] x [4,5] (3 != 4)',
    );
    throws(
      () => matmul(zeros([3, 2]), zeros([4, 5]), true),
      ShapeError,
      'matmul: inner dimensions differ: [3,2]ᵀ x [4,5] (3 != 4)',
    );
    throws(
      () => matmul(zeros([2, 3]), zeros([5, 4]), false, true),
      ShapeError,
      'matmul: inner dimensions differ: [2,3] x [5,4]ᵀ (3 != 4)',
    );
    throws(
      () => matmul(zeros([3]), zeros([3, 2])),
      ShapeError,
      'matmul: both operands must have rank >= 2, received [3] x [3,2]',
    );
    throws(
      () => matmul(zeros([2, 2, 3]), zeros([3, 3, 4])),
      ShapeError,
      'matmul: batch dimensions [2] and [3] of [2,2,3] x [3,3,4] cannot be broadcast',
    );
  });
  it('reshape, transpose, squeeze, expandDims', () => {
    throws(() => reshape(m, [4, 2]), ShapeError, 'reshape: cannot reshape [2,3] (size 6) into [4,2] (size 8)');
    throws(() => reshape(m, [4, -1]), ShapeError, 'reshape: cannot reshape [2,3] (size 6) into [4,-1]');
    throws(() => reshape(m, [-1, -1]), ValueError, 'reshape: only one dimension may be -1, received [-1,-1]');
    throws(() => reshape(m, [-2, -3]), ValueError, 'reshape: shape must hold non-negative integers, received [-2,-3]');
    throws(
      () => transpose(m, [0, 0]),
      ValueError,
      'transpose: perm must be a permutation of [0..1], received [0,0] for shape [2,3]',
    );
    throws(
      () => permute(m, [1]),
      ValueError,
      'transpose: perm must be a permutation of [0..1], received [1] for shape [2,3]',
    );
    throws(() => squeeze(m, 0), ShapeError, 'squeeze: axis 0 of [2,3] has size 2, expected 1');
    throws(() => expandDims(m, 3), ValueError, 'expandDims: axis must be an integer in [-3, 2], received 3');
  });
  it('axes', () => {
    throws(() => sum(m, 2), ValueError, 'sum: axis must be an integer in [-2, 1], received 2');
    throws(() => sum(m, [0, -2]), ValueError, 'sum: axes must be unique, received [0,-2]');
    throws(() => sum(m, 0.5), ValueError, 'sum: axis must be an integer in [-2, 1], received 0.5');
    throws(() => softmax(tensor(1)), ValueError, 'softmax: a scalar (rank 0) has no axis -1');
    throws(() => logSoftmax(m, 2), ValueError, 'logSoftmax: axis must be an integer in [-2, 1], received 2');
    throws(() => argMax(tensor(1)), ValueError, 'argMax: a scalar (rank 0) has no axis 0');
    throws(() => argMax(zeros([0, 2])), ShapeError, 'argMax: axis 0 of [0,2] is empty; there is no index to return');
  });
  it('concat, stack, split, slice', () => {
    throws(() => concat([]), ValueError, 'concat: expected at least one tensor, received an empty list');
    throws(
      () => concat([m, zeros([2, 4])], 0),
      ShapeError,
      'concat: tensors[1] has shape [2,4], incompatible with [2,3] along axis 0',
    );
    throws(
      () => concat([m, zeros([2, 3], 'int32')]),
      DTypeError,
      'concat: tensors[1] has dtype int32, expected float32',
    );
    throws(
      () => concat([tensor(1), tensor(2)]),
      ShapeError,
      'concat: cannot concatenate scalars (rank 0); use stack to join them along a new axis',
    );
    throws(() => stack([m, zeros([3, 2])]), ShapeError, 'stack: tensors[1] has shape [3,2], expected [2,3]');
    throws(() => stack([m, zeros([2, 3], 'bool')]), DTypeError, 'stack: tensors[1] has dtype bool, expected float32');
    throws(() => split(m, 2, 1), ValueError, 'split: axis 1 of size 3 cannot be split into 2 equal parts');
    throws(() => split(m, [1, 1], 1), ValueError, 'split: sizes [1,1] do not add up to axis 1 of size 3');
    throws(
      () => slice(m, [1, 2], [2, 1]),
      ValueError,
      'slice: begin [1,2] with size [2,1] is out of bounds for shape [2,3] (axis 0)',
    );
    throws(
      () => slice(m, [0, 0, 0]),
      ValueError,
      'slice: begin [0,0,0] and size [] must have at most 2 entries for shape [2,3]',
    );
  });
  it('gather, oneHot, pad, tile, broadcastTo', () => {
    throws(() => gather(m, [0, 2]), ValueError, 'gather: index 2 is out of range [0, 2) for axis 0 of shape [2,3]');
    throws(() => gather(m, [-1], 1), ValueError, 'gather: index -1 is out of range [0, 3) for axis 1 of shape [2,3]');
    throws(() => gather(m, tensor([0.5])), DTypeError, "gather: 'indices' must have dtype int32, received float32");
    throws(() => oneHot(tensor([1]), 3), DTypeError, "oneHot: 'indices' must have dtype int32, received float32");
    throws(() => oneHot([1], 0), ValueError, 'oneHot: depth must be a positive integer, received 0');
    throws(
      () => pad(m, [[1, 1]]),
      ValueError,
      'pad: paddings must be 2 pairs of non-negative integers for shape [2,3], received [[1,1]]',
    );
    throws(
      () =>
        pad(m, [
          [1, 1],
          [0, -1],
        ]),
      ValueError,
      'pad: paddings must be 2 pairs of non-negative integers for shape [2,3], received [[1,1],[0,-1]]',
    );
    throws(() => tile(m, [2]), ValueError, 'tile: reps must be 2 non-negative integers for shape [2,3], received [2]');
    throws(() => broadcastTo(m, [3, 3]), ShapeError, 'broadcastTo: cannot broadcast [2,3] to [3,3] (axis 0: 2 vs 3)');
  });
  it('dtypes', () => {
    throws(() => where(tensor([1, 0]), 1, 2), DTypeError, "where: 'condition' must have dtype bool, received float32");
    throws(
      () => logicalAnd(tensor([1]), tensor([true])),
      DTypeError,
      "logicalAnd: 'a' must have dtype bool, received float32",
    );
    throws(
      () => logicalNot(tensor([1], undefined, 'int32')),
      DTypeError,
      "logicalNot: 'x' must have dtype bool, received int32",
    );
    throws(() => all(tensor([1])), DTypeError, "all: 'x' must have dtype bool, received float32");
    throws(() => argMax(tensor([true])), DTypeError, "argMax: 'x' must have dtype float32 or int32, received bool");
    throws(
      () => cast(m, 'half' as never),
      DTypeError,
      `cast: dtype must be 'float32', 'int32' or 'bool', received "half"`,
    );
    throws(() => clipByValue(m, 1, 0), ValueError, 'clipByValue: min must be <= max, received min=1, max=0');
    throws(() => sum({} as never), ValueError, "sum: argument 'x' must be a Tensor, number or array, received object");
  });
  it('conv2d and pooling', () => {
    throws(
      () => conv2d(zeros([1, 5, 5]), zeros([3, 3, 2, 1])),
      ShapeError,
      'conv2d: input channels differ: x [1,5,5] has 5, filter [3,3,2,1] expects 2',
    );
    throws(
      () => conv2d(zeros([5, 5]), zeros([3, 3, 1, 1])),
      ShapeError,
      'conv2d: x must be rank 4 [batch, height, width, channels] or rank 3, received [5,5]',
    );
    throws(
      () => conv2d(zeros([1, 5, 5, 1]), zeros([3, 3, 1])),
      ShapeError,
      'conv2d: filter must be rank 4 [height, width, inChannels, outChannels], received [3,3,1]',
    );
    throws(
      () => conv2d(zeros([1, 5, 5, 1]), zeros([3, 3, 1, 1]), 0),
      ValueError,
      'conv2d: strides must be a positive integer or a pair of them, received 0',
    );
    throws(
      () => conv2d(zeros([1, 5, 5, 1]), zeros([3, 3, 1, 1]), 1, 'full' as never),
      ValueError,
      `conv2d: pad must be 'same', 'valid' or a non-negative integer, received "full"`,
    );
    throws(
      () => conv2d(zeros([1, 5, 5, 1]), zeros([3, 3, 1, 1]), 2, 'same', 'NHWC', 2),
      ValueError,
      'conv2d: strides > 1 cannot be combined with dilations > 1 (as in TensorFlow), received strides 2,2 and dilations 2,2',
    );
    throws(
      () => conv2d(zeros([1, 5, 5, 1]), zeros([3, 3, 1, 1]), 1, 'valid', 'NCHW' as never),
      ValueError,
      "conv2d: only dataFormat 'NHWC' is supported, received 'NCHW'",
    );
    throws(
      () => maxPool(zeros([1, 4, 4, 1]), [2, 0], 1),
      ValueError,
      'maxPool: filterSize must be a positive integer or a pair of them, received [2,0]',
    );
    throws(
      () => avgPool(zeros([4, 4]), 2, 2),
      ShapeError,
      'avgPool: x must be rank 4 [batch, height, width, channels] or rank 3, received [4,4]',
    );
    throws(
      () => avgPool(zeros([1, 4, 4, 1]), 2, 2, -1),
      ValueError,
      "avgPool: pad must be 'same', 'valid' or a non-negative integer, received -1",
    );
  });
  it('item', () => {
    throws(() => arange(3).item(), ShapeError, 'item: tensor must have exactly one element, shape is [3]');
  });
});

describe('error class names', () => {
  it('are spelled out, so that `ShapeError: …` survives a minifier renaming the classes', () => {
    for (const [Cls, name] of [
      [RectifyError, 'RectifyError'],
      [ShapeError, 'ShapeError'],
      [DTypeError, 'DTypeError'],
      [ValueError, 'ValueError'],
      [BackendError, 'BackendError'],
    ] as const) {
      const e = new Cls('op: message');
      expect(e.name).toBe(name);
      expect(String(e)).toBe(`${name}: op: message`);
      expect(e).toBeInstanceOf(RectifyError);
    }
  });
});
