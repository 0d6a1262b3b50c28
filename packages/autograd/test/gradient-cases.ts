import {
  type Tensor,
  add,
  avgPool,
  biasActivation,
  binaryFn,
  broadcastTo,
  concat,
  conv2d,
  conv2dInfo,
  div,
  engine,
  expandDims,
  gather,
  isBinaryFn,
  isUnaryFn,
  logSoftmax,
  logSumExp,
  lstmPointwise,
  gruPointwise,
  mapBinary,
  mapUnary,
  mathFns,
  matmul,
  max,
  maxPool,
  mean,
  min,
  moments,
  mul,
  pad,
  pool2dInfo,
  prod,
  reshape,
  slice,
  softmax,
  split,
  squeeze,
  stack,
  sum,
  tensor,
  tile,
  transpose,
  unstack,
  variance,
  where,
  clipByValue,
  greater,
  sigmoid,
  square,
  cast,
} from '@rectify/tensor';
import { type InputKind, indices, input } from '@rectify/tensor/testing';
import { type GradSaveFunc, customGrad } from '@rectify/autograd';

export interface GradientCase {
  readonly name: string;
  readonly f: (...xs: Tensor[]) => Tensor;
  readonly inputs: () => Tensor[];
  /** A larger finite-difference step, for inputs so large that float32 cannot resolve the default 1e-3. */
  readonly eps?: number;
}

const c = (name: string, f: (...xs: Tensor[]) => Tensor, inputs: () => Tensor[], eps?: number): GradientCase =>
  eps === undefined ? { name, f, inputs } : { name, f, inputs, eps };

/** Inputs away from each function's kinks and poles, so finite differences are meaningful. */
const UNARY_DOMAIN: Record<string, InputKind> = {
  log: 'positive',
  log1p: 'positive',
  sqrt: 'positive',
  rsqrt: 'positive',
  reciprocal: 'nonzero',
  abs: 'nonzero',
};
const UNARY_PARAMS: Record<string, [number, number]> = { clip: [-0.5, 0.5] };
/** Inputs given outright: clip's away from its bounds, the inverse trigonometric functions' inside their domains. */
const UNIT = [
  [-0.6, -0.2, 0.1],
  [0.3, 0.5, -0.45],
];
const UNARY_INPUT: Record<string, number[][]> = {
  clip: [
    [-1.2, -0.3, 0.1],
    [0.45, 0.8, -0.49],
  ],
  asin: UNIT,
  acos: UNIT,
  atanh: UNIT,
  acosh: [
    [1.5, 2, 3],
    [1.2, 4, 2.5],
  ],
};

export const unaryCases: GradientCase[] = Object.values(mathFns)
  .filter(isUnaryFn)
  .filter((fn) => fn.df)
  .map((fn, i) =>
    c(
      `unary ${fn.name}`,
      (x) => mapUnary(x, fn, ...(UNARY_PARAMS[fn.name] ?? [0, 0])),
      () =>
        UNARY_INPUT[fn.name]
          ? [tensor(UNARY_INPUT[fn.name]!)]
          : [input([2, 3], 40 + i, UNARY_DOMAIN[fn.name] ?? 'normal')],
    ),
  );

const BINARY_DOMAIN: Record<string, [InputKind, InputKind]> = {
  pow: ['positive', 'normal'],
  div: ['normal', 'nonzero'],
  mod: ['normal', 'nonzero'],
};

/** Each differentiable binary function under three broadcast patterns: the gradient sums over broadcast axes. */
export const binaryCases: GradientCase[] = Object.values(mathFns)
  .filter(isBinaryFn)
  .filter((fn) => fn.dfdx || fn.dfdy)
  .flatMap((fn, i) => {
    const [ka, kb] = BINARY_DOMAIN[fn.name] ?? ['normal', 'normal'];
    const patterns: Array<[number[], number[]]> = [
      [[2, 3], [3]],
      [
        [2, 1],
        [1, 3],
      ],
      [[3], []],
    ];
    return patterns.map(([sa, sb], j) =>
      c(
        `binary ${fn.name} [${sa}] with [${sb}]`,
        (a, b) => mapBinary(a!, b!, fn),
        () => [input(sa, 60 + 3 * i + j, ka), input(sb, 90 + 3 * i + j, kb)],
      ),
    );
  });

export const elementwiseCases: GradientCase[] = [
  c(
    'where with broadcast branches',
    (x, y) =>
      where(
        tensor([
          [true, false, true],
          [false, false, true],
        ]),
        x!,
        y!,
      ),
    () => [input([3], 1), input([2, 1], 2)],
  ),
  c(
    'where on a condition computed from x',
    (x) => where(greater(x!, 0), square(x!), mul(x!, -3)),
    () => [tensor([-1.5, -0.2, 0.3, 2])],
  ),
  c(
    'clipByValue away from the bounds',
    (x) => clipByValue(x!, -1, 1),
    () => [tensor([-3, -0.5, 0.2, 0.9, 4])],
  ),
  c(
    'a user-defined binary function',
    (x, y) =>
      mapBinary(
        x!,
        y!,
        binaryFn({
          name: 'hypot',
          f: (a, b) => Math.sqrt(a * a + b * b),
          dfdx: (a, b) => a / Math.sqrt(a * a + b * b),
          dfdy: (a, b) => b / Math.sqrt(a * a + b * b),
          out: 'float32',
        }),
      ),
    () => [input([4], 3, 'nonzero'), input([4], 4, 'nonzero')],
  ),
  c(
    'a composite: sigmoid(x·y + x)',
    (x, y) => sigmoid(add(mul(x!, y!), x!)),
    () => [input([2, 2], 5), input([2, 2], 6)],
  ),
];

export const reduceCases: GradientCase[] = [
  c(
    'sum over all axes',
    (x) => sum(x!),
    () => [input([2, 3], 7)],
  ),
  c(
    'sum over axis 1, keepDims',
    (x) => sum(x!, 1, true),
    () => [input([2, 3], 8)],
  ),
  c(
    'sum over non-adjacent axes',
    (x) => sum(x!, [0, 2]),
    () => [input([2, 3, 2], 9)],
  ),
  c(
    'mean over axis 0',
    (x) => mean(x!, 0),
    () => [input([3, 2], 10)],
  ),
  c(
    'max without ties',
    (x) => max(x!, 1),
    () => [input([3, 4], 11)],
  ),
  c(
    'max with two-way ties (split evenly)',
    (x) => max(x!, 1),
    () => [
      tensor([
        [1, 3, 3],
        [2, -1, 2],
      ]),
    ],
  ),
  c(
    'min over all axes',
    (x) => min(x!),
    () => [input([2, 3], 12)],
  ),
  c(
    'prod without zeros',
    (x) => prod(x!, 1),
    () => [input([2, 3], 13, 'nearOne')],
  ),
  c(
    'prod with one zero',
    (x) => prod(x!, 1),
    () => [
      tensor([
        [2, 0, 3],
        [0.5, 4, -1],
      ]),
    ],
  ),
  // Every partial is 0 with two zeros; the added x keeps the check from passing on all-zero gradients alone.
  c(
    'prod with two zeros',
    (x) => add(prod(x!), x!),
    () => [tensor([0, 2, 0, 3])],
  ),
  c(
    'logSumExp',
    (x) => logSumExp(x!, 1),
    () => [input([2, 4], 14)],
  ),
  c(
    'logSumExp at ±1e4',
    (x) => logSumExp(x!, 1),
    () => [
      tensor([
        [1e4, 1e4 - 1, 0],
        [-1e4, -1e4 + 0.5, -1e4],
      ]),
    ],
    0.125,
  ),
  c(
    'moments (mean and variance)',
    (x) => {
      const m = moments(x!, 0);
      return add(m.mean, m.variance);
    },
    () => [input([4, 2], 15)],
  ),
  c(
    'variance over all axes',
    (x) => variance(x!),
    () => [input([5], 16)],
  ),
];

export const linalgCases: GradientCase[] = [
  c(
    'matmul a·b',
    (a, b) => matmul(a!, b!),
    () => [input([2, 3], 17), input([3, 4], 18)],
  ),
  c(
    'matmul aᵀ·b',
    (a, b) => matmul(a!, b!, true, false),
    () => [input([3, 2], 19), input([3, 4], 20)],
  ),
  c(
    'matmul a·bᵀ',
    (a, b) => matmul(a!, b!, false, true),
    () => [input([2, 3], 21), input([4, 3], 22)],
  ),
  c(
    'matmul aᵀ·bᵀ',
    (a, b) => matmul(a!, b!, true, true),
    () => [input([3, 2], 23), input([4, 3], 24)],
  ),
  c(
    'matmul batched',
    (a, b) => matmul(a!, b!),
    () => [input([2, 2, 3], 25), input([2, 3, 2], 26)],
  ),
  c(
    'matmul with a broadcast batch (gradients summed over it)',
    (a, b) => matmul(a!, b!, false, true),
    () => [input([2, 1, 2, 3], 27), input([3, 2, 3], 28)],
  ),
  c(
    'matmul of a rank-2 weight against a batch',
    (a, w) => matmul(a!, w!),
    () => [input([3, 2, 3], 29), input([3, 2], 30)],
  ),
];

export const shapeCases: GradientCase[] = [
  c(
    'identity views (same-dtype cast, full slice, empty axis list)',
    (x) => mul(sum(slice(cast(x!, 'float32'), [0, 0]), []), x!),
    () => [input([2, 2], 75)],
  ),
  c(
    'reshape',
    (x) => mul(reshape(x!, [3, 2]), tensor([[1], [2], [3]])),
    () => [input([2, 3], 31)],
  ),
  c(
    'transpose rank 3',
    (x) => mul(transpose(x!, [2, 0, 1]), input([4, 2, 3], 99)),
    () => [input([2, 3, 4], 32)],
  ),
  c(
    'slice',
    (x) => slice(x!, [1, 0], [2, 2]),
    () => [input([3, 3], 33)],
  ),
  c(
    'concat along axis 1',
    (a, b) => concat([a!, b!, a!], 1),
    () => [input([2, 1], 34), input([2, 3], 35)],
  ),
  c(
    'split and recombine',
    (x) => {
      const [p, q] = split(x!, [1, 2], 1);
      return mul(p!, sum(q!, 1, true));
    },
    () => [input([2, 3], 36)],
  ),
  c(
    'stack and unstack',
    (a, b) => {
      const [u, v] = unstack(stack([a!, b!], 1), 1);
      return mul(u!, v!);
    },
    () => [input([3], 37), input([3], 38)],
  ),
  c(
    'pad',
    (x) =>
      pad(
        x!,
        [
          [1, 0],
          [2, 1],
        ],
        3,
      ),
    () => [input([2, 2], 39)],
  ),
  c(
    'tile',
    (x) => mul(tile(x!, [2, 3]), input([4, 6], 98)),
    () => [input([2, 2], 40)],
  ),
  c(
    'broadcastTo',
    (x) => mul(broadcastTo(x!, [3, 2, 2]), input([3, 2, 2], 97)),
    () => [input([2, 1], 41)],
  ),
  c(
    'expandDims and squeeze',
    (x) => squeeze(mul(expandDims(x!, 1), x!), 0),
    () => [input([1, 3], 42)],
  ),
  c(
    'gather rows with repeats',
    (x) => gather(x!, tensor([2, 0, 2], undefined, 'int32'), 0),
    () => [input([3, 2], 43)],
  ),
  c(
    'gather columns with nested indices',
    (x) =>
      gather(
        x!,
        tensor(
          [
            [1, 1],
            [0, 2],
          ],
          undefined,
          'int32',
        ),
        1,
      ),
    () => [input([2, 3], 44)],
  ),
  c(
    'scatterAdd (the adjoint of gather)',
    (u) => engine.runKernel('scatterAdd', [u!, indices([4], 3, 45)], { axis: 0, shape: [3, 2] }),
    () => [input([4, 2], 46)],
  ),
];

const convInfo = conv2dInfo([1, 5, 5, 2], [3, 3, 2, 2], 2, 'same');
const poolInfo = pool2dInfo('avgPool', [1, 4, 4, 2], 2, 2, 'valid');

export const nnCases: GradientCase[] = [
  // h and c weighted differently, so that a gradient routed to the wrong output shows.
  c(
    'lstmPointwise h + 0.5·c, z [3,8] and c [3,2]',
    (z, cp) => {
      const [h, next] = lstmPointwise(z!, cp!);
      return add(h, mul(next, tensor(0.5)));
    },
    () => [input([3, 8], 60), input([3, 2], 61)],
  ),
  c(
    'gruPointwise, zx and zh [3,6], h [3,2]',
    (zx, zh, h) => gruPointwise(zx!, zh!, h!),
    () => [input([3, 6], 64), input([3, 6], 65), input([3, 2], 66)],
  ),
  c(
    'lstmPointwise c only (the hidden part unused), z [2,12] and c [2,3]',
    (z, cp) => lstmPointwise(z!, cp!)[1],
    () => [input([2, 12], 62), input([2, 3], 63)],
  ),
  c(
    'biasActivation tanh, z [3,4] and bias [4]',
    (z, b) => biasActivation(z!, b!, mathFns.tanhFn),
    () => [input([3, 4], 56), input([4], 57)],
  ),
  c(
    'biasActivation sigmoid on rank 3, one unit',
    (z, b) => biasActivation(z!, b!, mathFns.sigmoidFn),
    () => [input([2, 3, 1], 58), input([1], 59)],
  ),
  c(
    'biasActivation clip with parameters, away from the bounds',
    (z, b) => biasActivation(z!, b!, mathFns.clipFn, -1, 1),
    () => [
      tensor([
        [-1.5, 0.2, 0.4],
        [2, -0.3, -0.1],
      ]),
      tensor([0.1, -0.2, 0.3]),
    ],
  ),
  c(
    'conv2d valid, stride 1',
    (x, f) => conv2d(x!, f!, 1, 'valid'),
    () => [input([1, 4, 4, 2], 50), input([2, 2, 2, 3], 51)],
  ),
  c(
    'conv2d same, stride 2',
    (x, f) => conv2d(x!, f!, 2, 'same'),
    () => [input([1, 5, 5, 2], 52), input([3, 3, 2, 2], 53)],
  ),
  c(
    'conv2d same, dilation 2',
    (x, f) => conv2d(x!, f!, 1, 'same', 'NHWC', 2),
    () => [input([1, 5, 5, 1], 54), input([2, 2, 1, 2], 55)],
  ),
  c(
    'conv2d on a rank-3 image, strides [1, 2]',
    (x, f) => conv2d(x!, f!, [1, 2], 'valid'),
    () => [input([4, 5, 1], 56), input([2, 3, 1, 2], 57)],
  ),
  c(
    'conv2dBackpropInput (transposed convolution)',
    (dy, f) => engine.runKernel('conv2dBackpropInput', [dy!, f!], { info: convInfo }),
    () => [input([1, 3, 3, 2], 58), input([3, 3, 2, 2], 59)],
  ),
  c(
    'conv2dBackpropFilter',
    (x, dy) => engine.runKernel('conv2dBackpropFilter', [x!, dy!], { info: convInfo }),
    () => [input([1, 5, 5, 2], 60), input([1, 3, 3, 2], 61)],
  ),
  c(
    'maxPool 2×2 stride 2',
    (x) => maxPool(x!, 2, 2),
    () => [input([1, 4, 4, 2], 62)],
  ),
  c(
    'maxPool 3×3 stride 1 same (overlapping windows)',
    (x) => maxPool(x!, 3, 1, 'same'),
    () => [input([1, 4, 4, 1], 63)],
  ),
  c(
    'avgPool 2×2 stride 2',
    (x) => avgPool(x!, 2, 2),
    () => [input([1, 4, 4, 2], 64)],
  ),
  c(
    'avgPool 3×3 stride 2 same',
    (x) => avgPool(x!, 3, 2, 'same'),
    () => [input([2, 5, 5, 1], 65)],
  ),
  c(
    'avgPoolGrad (the adjoint of avgPool)',
    (dy) => engine.runKernel('avgPoolGrad', [dy!], { info: poolInfo }),
    () => [input([1, 2, 2, 2], 66)],
  ),
  c(
    'softmax along the last axis',
    (x) => softmax(x!),
    () => [input([2, 4], 67)],
  ),
  c(
    'softmax along axis 0',
    (x) => softmax(x!, 0),
    () => [input([3, 2], 68)],
  ),
  c(
    'logSoftmax',
    (x) => logSoftmax(x!),
    () => [input([2, 5], 69)],
  ),
  c(
    'logSoftmax at ±1e4',
    (x) => logSoftmax(x!),
    () => [
      tensor([
        [1e4, 0, -1e4],
        [5, 5.5, 4],
      ]),
    ],
    0.125,
  ),
  c(
    'a cross-entropy loss',
    (logits) =>
      mul(
        sum(
          mul(
            logSoftmax(logits!),
            tensor([
              [0, 1, 0],
              [1, 0, 0],
            ]),
          ),
        ),
        -0.5,
      ),
    () => [input([2, 3], 70)],
  ),
  c(
    'a dense layer: |x·W + b|',
    (x, w, b) => mapUnary(add(matmul(x!, w!), b!), mathFns.absFn),
    () => [input([3, 4], 71), input([4, 2], 72), input([2], 73)],
  ),
  c(
    'division by a tensor through a composite',
    (x) => div(sum(x!), add(sum(square(x!)), 1)),
    () => [input([4], 74)],
  ),
  c(
    'customGrad with the true gradient, two inputs and a saved tensor',
    (x, y) =>
      customGrad((a: Tensor, b: Tensor, save: GradSaveFunc) => {
        save([a]);
        return {
          value: mul(square(a), b),
          gradFunc: (dy: Tensor, [sa]: Tensor[]) => [mul(dy, mul(mul(sa!, 2), b)), mul(dy, square(sa!))],
        };
      })(x!, y!),
    () => [input([2, 3], 76), input([2, 3], 77)],
  ),
];
