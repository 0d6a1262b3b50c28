import { describe, expect, it } from 'vitest';
import {
  type BackendKernelName,
  type Tensor,
  RectifyError,
  ShapeError,
  ValueError,
  conv2dInfo,
  engine,
  mathFns,
  pool2dInfo,
  tensor,
  zeros,
} from '@rectify/tensor';

const f = (shape: number[]): Tensor => zeros(shape);
const i32 = (shape: number[]): Tensor => zeros(shape, 'int32');
const bool = (shape: number[]): Tensor => zeros(shape, 'bool');
const unary = { fn: mathFns.expFn, a: 0, b: 0 };
const conv = conv2dInfo([1, 5, 5, 2], [3, 3, 2, 4], 1, 'valid');
const pool = pool2dInfo('maxPool', [1, 4, 4, 3], 2, 2, 'valid');
const softmaxAttrs = { scale: 1, causal: false, causalOffset: 0 };

/** One malformed direct call per primitive kernel, and the message it must give. */
const BAD: ReadonlyArray<[BackendKernelName, () => Tensor[], unknown, string]> = [
  [
    'unary',
    () => [f([2])],
    { fn: { name: 'x' }, a: 0, b: 0 },
    "runKernel('unary'): attrs.fn must be a UnaryFn (an object with f); received inputs [2] float32",
  ],
  [
    'binary',
    () => [f([2, 3]), f([4])],
    { fn: mathFns.addFn, dtype: 'float32' },
    'add: shapes [2,3] and [4] cannot be broadcast (axis -1: 3 vs 4)',
  ],
  [
    'unaryGrad',
    () => [f([2, 3]), f([3, 2])],
    unary,
    "runKernel('unaryGrad'): x and dy must have the same shape; received inputs [2,3] float32, [3,2] float32",
  ],
  [
    'biasActivation',
    () => [f([2, 3]), f([4])],
    unary,
    "runKernel('biasActivation'): bias must have shape [units], units being the last axis of z; received inputs [2,3] float32, [4] float32",
  ],
  [
    'lstmCell',
    () => [f([2, 6]), f([2, 2])],
    { part: 'state' },
    "runKernel('lstmCell'): z must be [batch, 4·units] and c [batch, units]; received inputs [2,6] float32, [2,2] float32",
  ],
  [
    'lstmCellGrad',
    () => [f([1, 8]), f([1, 2]), f([2, 1])],
    { part: 'hidden', wrt: 'z' },
    "runKernel('lstmCellGrad'): dy must be float32 with the shape of c; received inputs [1,8] float32, [1,2] float32, [2,1] float32",
  ],
  [
    'gruCell',
    () => [f([2, 6]), f([2, 3]), f([2, 2])],
    {},
    "runKernel('gruCell'): zx and zh must be [batch, 3·units] and h [batch, units]; received inputs [2,6] float32, [2,3] float32, [2,2] float32",
  ],
  [
    'gruCellGrad',
    () => [f([1, 3]), f([1, 3]), f([1, 1]), f([1, 1])],
    { wrt: 'x' },
    "runKernel('gruCellGrad'): attrs.wrt must be 'zx', 'zh' or 'h', received x; received inputs [1,3] float32, [1,3] float32, [1,1] float32, [1,1] float32",
  ],
  [
    'where',
    () => [f([2]), f([2]), f([2])],
    { dtype: 'float32' },
    "runKernel('where'): cond must be bool, received float32; received inputs [2] float32, [2] float32, [2] float32",
  ],
  [
    'cast',
    () => [f([2])],
    { dtype: 'float64' },
    "runKernel('cast'): attrs.dtype must be float32, int32 or bool, received float64; received inputs [2] float32",
  ],
  [
    'reduce',
    () => [f([2, 3])],
    { axes: [1, 0], op: 'sum' },
    "runKernel('reduce'): attrs.axes must be sorted and unique, received [1,0]; received inputs [2,3] float32",
  ],
  [
    'argReduce',
    () => [f([2, 3])],
    { axis: 2, op: 'argmax' },
    "runKernel('argReduce'): attrs.axis must be an integer in [0, 2) (resolved, not negative), received 2; received inputs [2,3] float32",
  ],
  [
    'matmul',
    () => [f([2, 3]), f([4, 5])],
    { transposeA: false, transposeB: false },
    "runKernel('matmul'): inner dimensions differ (3 != 4; transposeA false, transposeB false); received inputs [2,3] float32, [4,5] float32",
  ],
  [
    'transpose',
    () => [f([2, 3, 4])],
    { perm: [0, 0, 1] },
    "runKernel('transpose'): attrs.perm must be a permutation of 0..2, received [0,0,1]; received inputs [2,3,4] float32",
  ],
  [
    'slice',
    () => [f([4, 4])],
    { begin: [1, 2], size: [2, 3] },
    "runKernel('slice'): begin + size exceeds the shape on axis 1 (2 + 3 > 4); received inputs [4,4] float32",
  ],
  [
    'concat',
    () => [f([2, 3]), f([3, 3])],
    { axis: 1 },
    "runKernel('concat'): inputs differ on axis 0, which is not the concat axis; received inputs [2,3] float32, [3,3] float32",
  ],
  [
    'pad',
    () => [f([2, 2])],
    { paddings: [[1, 1]], value: 0 },
    "runKernel('pad'): attrs.paddings must hold 2 [before, after] pairs, received [[1,1]]; received inputs [2,2] float32",
  ],
  [
    'tile',
    () => [f([2, 2])],
    { reps: [2, -1] },
    "runKernel('tile'): attrs.reps must hold integers >= 0, received [2,-1]; received inputs [2,2] float32",
  ],
  [
    'gather',
    () => [f([5, 2]), f([3])],
    { axis: 0 },
    "runKernel('gather'): indices must be int32, received float32; received inputs [5,2] float32, [3] float32",
  ],
  [
    'scatterAdd',
    () => [f([3, 7]), i32([3])],
    { axis: 0, shape: [5, 2] },
    "runKernel('scatterAdd'): updates must have shape shape[:axis] + indices.shape + shape[axis+1:], received [3,7]; received inputs [3,7] float32, [3] int32",
  ],
  [
    'conv2d',
    () => [f([1, 5, 5, 3]), f([3, 3, 2, 4])],
    { info: conv },
    "runKernel('conv2d'): x must have shape [1,5,5,2] (from attrs.info), received [1,5,5,3]; received inputs [1,5,5,3] float32, [3,3,2,4] float32",
  ],
  [
    'conv2dBackpropInput',
    () => [f([1, 3, 3, 4]), f([3, 3, 2, 5])],
    { info: conv },
    "runKernel('conv2dBackpropInput'): filter must have shape [3,3,2,4] (from attrs.info), received [3,3,2,5]; received inputs [1,3,3,4] float32, [3,3,2,5] float32",
  ],
  [
    'conv2dBackpropFilter',
    () => [f([1, 5, 5, 2]), f([1, 4, 4, 4])],
    { info: conv },
    "runKernel('conv2dBackpropFilter'): dy must have shape [1,3,3,4] (from attrs.info), received [1,4,4,4]; received inputs [1,5,5,2] float32, [1,4,4,4] float32",
  ],
  [
    'maxPool',
    () => [f([1, 4, 4])],
    { info: pool },
    "runKernel('maxPool'): x must have rank 4, received [1,4,4]; received inputs [1,4,4] float32",
  ],
  [
    'maxPoolGrad',
    () => [f([1, 2, 2, 3]), f([1, 5, 4, 3])],
    { info: pool },
    "runKernel('maxPoolGrad'): x must have shape [1,4,4,3] (from attrs.info), received [1,5,4,3]; received inputs [1,2,2,3] float32, [1,5,4,3] float32",
  ],
  [
    'avgPool',
    () => [f([1, 4, 4, 3])],
    { info: {} },
    "runKernel('avgPool'): attrs.info must be a Pool2DInfo (see pool2dInfo); received inputs [1,4,4,3] float32",
  ],
  [
    'avgPoolGrad',
    () => [f([2, 2, 2, 3])],
    { info: pool },
    "runKernel('avgPoolGrad'): dy must have shape [1,2,2,3] (from attrs.info), received [2,2,2,3]; received inputs [2,2,2,3] float32",
  ],
  [
    'softmax',
    () => [f([2, 3]), bool([4, 2]), i32([2])],
    softmaxAttrs,
    "runKernel('softmax'): mask must have shape [rows, 3], received [4,2]; received inputs [2,3] float32, [4,2] bool, [2] int32",
  ],
  [
    'softmax',
    () => [f([2, 3]), f([1, 3]), i32([2])],
    softmaxAttrs,
    "runKernel('softmax'): mask must be bool, received float32; received inputs [2,3] float32, [1,3] float32, [2] int32",
  ],
  [
    'softmax',
    () => [f([2, 3])],
    { ...softmaxAttrs, scale: Infinity },
    "runKernel('softmax'): attrs.scale must be a finite number, received Infinity; received inputs [2,3] float32",
  ],
  [
    'softmaxGrad',
    () => [f([2, 3]), f([3, 2])],
    softmaxAttrs,
    "runKernel('softmaxGrad'): y and dy must have the same shape; received inputs [2,3] float32, [3,2] float32",
  ],
  [
    'softmaxGrad',
    () => [f([2, 3]), f([2, 3]), bool([1, 3]), i32([3])],
    softmaxAttrs,
    "runKernel('softmaxGrad'): maskRows must have shape [2] (one entry per row of x), received [3]; received inputs [2,3] float32, [2,3] float32, [1,3] bool, [3] int32",
  ],
];

function error(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe('engine.runKernel checks direct calls before a backend sees them', () => {
  it.each(BAD)(
    '%s: a malformed call is a ShapeError naming the kernel and the shapes',
    (op, inputs, attrs, message) => {
      const before = engine.memory().numTensors;
      const ins = inputs();
      const e = error(() => engine.runKernel(op, ins, attrs as never));
      expect(e).toBeInstanceOf(ShapeError);
      expect(e.message).toBe(message);
      for (const t of ins) t.dispose();
      expect(engine.memory().numTensors).toBe(before);
    },
  );

  it('covers every primitive kernel', () => {
    const names = Object.keys(engine.getBackend().kernels).sort();
    expect([...new Set(BAD.map(([op]) => op))].sort()).toEqual(names);
  });

  it('wrong arity, non-tensor inputs, missing attrs and unknown kernels are ValueErrors', () => {
    const x = f([2, 2]);
    const cases: Array<[() => unknown, string]> = [
      [
        () => engine.runKernel('matmul', [x], { transposeA: false, transposeB: false }),
        "runKernel('matmul'): expected 2 inputs, received 1",
      ],
      [() => engine.runKernel('concat', [], { axis: 0 }), "runKernel('concat'): expected at least 1 input, received 0"],
      [
        () => engine.runKernel('unary', [[1, 2] as never], unary),
        "runKernel('unary'): inputs must be tensors, received object",
      ],
      [
        () => engine.runKernel('cast', [x], undefined as never),
        "runKernel('cast'): attrs must be an object, received undefined",
      ],
      [
        () => engine.runKernel('nope' as never, [x], {} as never),
        "runKernel: unknown kernel 'nope'; kernels: unary, binary, unaryGrad, biasActivation, lstmCell, lstmCellGrad, gruCell, gruCellGrad, where, cast, reduce, argReduce, matmul, transpose, slice, concat, pad, tile, gather, scatterAdd, conv2d, conv2dBackpropInput, conv2dBackpropFilter, maxPool, maxPoolGrad, avgPool, avgPoolGrad, softmax, softmaxGrad",
      ],
      [() => engine.runKernel('toString' as never, [x], {} as never), /^runKernel: unknown kernel 'toString'/.source],
    ];
    for (const [fn, message] of cases) {
      const e = error(fn);
      expect(e).toBeInstanceOf(ValueError);
      expect(e).toBeInstanceOf(RectifyError);
      if (message.startsWith('^')) expect(e.message).toMatch(new RegExp(message));
      else expect(e.message).toBe(message);
    }
    x.dispose();
  });

  it('well-formed direct calls still compute', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = tensor([[1], [0], [2]]);
    expect(Array.from(engine.runKernel('matmul', [a, b], { transposeA: false, transposeB: false }).dataSync())).toEqual(
      [7, 16],
    );
    expect(Array.from(engine.runKernel('matmul', [b, a], { transposeA: true, transposeB: true }).dataSync())).toEqual([
      7, 16,
    ]);
    expect(
      Array.from(engine.runKernel('gather', [a, tensor([1, 1, 0], [3], 'int32')], { axis: 0 }).dataSync()),
    ).toEqual([4, 5, 6, 4, 5, 6, 1, 2, 3]);
    expect(
      Array.from(engine.runKernel('where', [bool([2, 3]), a, zeros([3])], { dtype: 'float32' }).dataSync()),
    ).toEqual([0, 0, 0, 0, 0, 0]);
    expect(engine.runKernel('scatterAdd', [f([3, 2]), i32([3])], { axis: 0, shape: [5, 2] }).shape).toEqual([5, 2]);
  });
});
