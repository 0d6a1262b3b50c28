import { ValueError } from '@rectify/tensor';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

/**
 * TensorFlow.js' optimizer constructors (`tf.train.*`): positional arguments, tfjs' defaults and tfjs' formulas.
 * Each returns a Rectify optimizer, so it works with `model.compile`, `minimize` and `applyGradients` alike.
 * tfjs' default ε is its float32 backend epsilon, 1e-7.
 */

const TFJS_EPSILON = 1e-7;

function required(fn: string, learningRate: unknown): number {
  if (typeof learningRate !== 'number')
    throw new ValueError(
      `train.${fn}: learningRate is required and must be a number, received ${String(learningRate)}`,
    );
  return learningRate;
}

/**
 * Plain gradient descent: w ← w − lr·g.
 * @example
 * const w = rf.variable(rf.tensor([3]));
 * const opt = rf.train.sgd(0.1);
 * opt.minimize(() => rf.sum(rf.square(w)), false, [w]);
 * w; // → [2.4]
 */
export function sgd(learningRate: number): SGD {
  return new SGD({ learningRate: required('sgd', learningRate) });
}

/**
 * Momentum: a ← m·a + g; w ← w − lr·a (Nesterov: w ← w − lr·(g + m·a)). The same steps as Keras' velocity form.
 * @example const opt = rf.train.momentum(0.01, 0.9, true);
 */
export function momentum(learningRate: number, momentum: number, useNesterov = false): SGD {
  return new SGD({ learningRate: required('momentum', learningRate), momentum, nesterov: useNesterov });
}

/**
 * Adam as tfjs computes it: ε is added to the bias-corrected √v̂ (Keras' `rf.optimizers.adam` adds it to √v).
 * @example const opt = rf.train.adam(0.01);
 */
export function adam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null): Adam {
  return new Adam({ learningRate, beta1, beta2, epsilon: epsilon ?? TFJS_EPSILON, biasCorrectedEpsilon: true });
}

/**
 * Adamax with tfjs' optional rate decay: lr / (1 + decay·(t − 1)).
 * @example const opt = rf.train.adamax(0.002);
 */
export function adamax(
  learningRate = 0.002,
  beta1 = 0.9,
  beta2 = 0.999,
  epsilon: number | null = null,
  decay = 0,
): Adamax {
  return new Adamax({ learningRate, beta1, beta2, epsilon: epsilon ?? TFJS_EPSILON, decay });
}

/**
 * Adadelta, tfjs' formula (see {@link Adadelta}).
 * @example const opt = rf.train.adadelta(1, 0.95);
 */
export function adadelta(learningRate = 0.001, rho = 0.95, epsilon: number | null = null): Adadelta {
  return new Adadelta({ learningRate, rho, epsilon: epsilon ?? TFJS_EPSILON });
}

/**
 * Adagrad: a ← a + g²; w ← w − lr·g/√(a + ε).
 * @example const opt = rf.train.adagrad(0.1);
 */
export function adagrad(learningRate: number, initialAccumulatorValue = 0.1): Adagrad {
  return new Adagrad({
    learningRate: required('adagrad', learningRate),
    initialAccumulatorValue,
    epsilon: TFJS_EPSILON,
  });
}

/**
 * RMSprop with tfjs' argument order (`decay` is Keras' `rho`). Centered, tfjs subtracts ε under the square root
 * (√(v − ḡ² − ε)), which can take the root of a negative number; Rectify adds it (√(v − ḡ² + ε)), as Keras does —
 * the steps agree to about ε / (v − ḡ²).
 * @example const opt = rf.train.rmsprop(0.001, 0.9, 0.9);
 */
export function rmsprop(
  learningRate: number,
  decay = 0.9,
  momentum = 0,
  epsilon: number | null = null,
  centered = false,
): RMSprop {
  return new RMSprop({
    learningRate: required('rmsprop', learningRate),
    rho: decay,
    momentum,
    epsilon: epsilon ?? TFJS_EPSILON,
    centered,
  });
}
