import { tensor } from '../../ops/convert.js';
import { abs, clipByValue, mul, sigmoid, softplus, sub } from '../../ops/elementwise.js';
import { matmul } from '../../ops/linalg.js';
import { avgPool, conv2d, logSoftmax, maxPool, softmax } from '../../ops/nn.js';
import { randomNormal, randomUniform, truncatedNormal } from '../../ops/random.js';
import { logSumExp, mean, moments, sum } from '../../ops/reduce.js';
import { gather, oneHot } from '../../ops/gather.js';
import { concat, stack } from '../../ops/join.js';
import { broadcastTo, reshape, transpose } from '../../ops/shape.js';
import { type ConformanceCase, indices, input, kase } from '../case.js';

/** The main composite ops, run end to end through the public API on the backend under test. */
export function compositeCases(): ConformanceCase[] {
  const big = () =>
    tensor([
      [1e4, 0, -1e4],
      [-1e4, -1e4, -1e4],
      [1e4, 1e4, 0],
      [3, 1, 0.2],
    ]);
  return [
    kase('composite/softmax [7,13] axis -1 and 0', () => [
      softmax(input([7, 13], 3100)),
      softmax(input([7, 13], 3101), 0),
    ]),
    kase('composite/softmax at ±1e4 (no overflow)', () => softmax(big())),
    kase('composite/logSoftmax at ±1e4 (no overflow)', () => logSoftmax(big())),
    kase('composite/logSoftmax [10,784]', () => logSoftmax(input([10, 784], 3102))),
    kase('composite/logSumExp [7,13] all axes and axis 1 keepDims', () => [
      logSumExp(input([7, 13], 3103)),
      logSumExp(input([7, 13], 3104), 1, true),
    ]),
    kase('composite/moments [2,3,5] axes [0,2]', () => {
      const m = moments(input([2, 3, 5], 3105), [0, 2]);
      return [m.mean, m.variance];
    }),
    kase('composite/mean [10,784] axis 0', () => mean(input([10, 784], 3106), 0)),
    kase('composite/oneHot depth 10', () => oneHot(indices([31], 10, 3107), 10)),
    kase('composite/broadcastTo [3,1] → [2,3,5]', () => broadcastTo(input([3, 1], 3108), [2, 3, 5])),
    kase('composite/clipByValue, sigmoid, softplus at large |x|', () => {
      const x = tensor([-1e4, -100, -20, -1, 0, 1, 20, 100, 1e4]);
      return [clipByValue(x, -2, 3), sigmoid(x), softplus(x)];
    }),
    kase(
      'composite/dense layer x·W + b, relu-like',
      () => {
        const y = matmul(input([31, 784], 3109), input([784, 10], 3110));
        return mul(sum(abs(sub(y, input([10], 3111))), 1), 0.5);
      },
      4,
    ),
    kase(
      'composite/conv + pool pipeline',
      () => {
        const c = conv2d(input([2, 13, 13, 3], 3112), input([3, 3, 3, 4], 3113), 1, 'same');
        return [maxPool(c, 2, 2, 'valid'), avgPool(c, 3, 2, 'same')];
      },
      4,
    ),
    kase('composite/stack, gather, concat, transpose, reshape', () => {
      const a = input([7, 13], 3114);
      const s = stack([a, a, a], 1);
      return reshape(transpose(concat([gather(s, indices([4], 3, 3115), 1), s], 1), [2, 0, 1]), [-1]);
    }),
    kase('composite/seeded random ops', () => [
      randomNormal([31, 10], 1, 2, 'float32', 7),
      randomUniform([31, 10], -3, 3, 'float32', 8),
      truncatedNormal([784], 0, 1, 'float32', 9),
    ]),
  ];
}
