import { describe, expect, it, beforeAll } from 'vitest';
import { type Tensor, ValueError, mean, square, sub, tensor } from '@rectify/tensor';
import { type Variable, variable } from '@rectify/autograd';
import * as rf from '../src/index.js';
import { tf, tfjsReady } from './interop-helpers.js';

/** A fixed, varied gradient sequence: the same numbers are fed to both libraries. */
function gradients(steps: number, size: number): number[][] {
  return Array.from({ length: steps }, (_, t) =>
    Array.from({ length: size }, (_, i) => Math.sin(1.7 * i + 0.9 * t + 0.3) * (1 + i)),
  );
}

let unique = 0;

/** Applies `grads` step by step to a Rectify and a tfjs variable that start equal; returns both final values. */
function both(
  ours: rf.optimizers.Optimizer,
  theirs: tf.Optimizer,
  w0: number[],
  grads: number[][],
): [Float32Array, Float32Array] {
  const w: Variable = variable(tensor(w0), true, `train_w${unique}`);
  const tw = tf.variable(tf.tensor1d(w0), true, `train_tw${unique++}`);
  for (const g of grads) {
    const gt = tensor(g);
    ours.applyGradients([{ variable: w, grad: gt }]);
    gt.dispose();
    const tg = tf.tensor1d(g);
    theirs.applyGradients({ [tw.name]: tg });
    tg.dispose();
  }
  const out: [Float32Array, Float32Array] = [w.dataSync() as Float32Array, tw.dataSync() as Float32Array];
  w.dispose();
  tw.dispose();
  ours.dispose();
  theirs.dispose();
  return out;
}

beforeAll(tfjsReady);

const w0 = [0.5, -1.25, 2, 0.01, -3];
const cases: [string, () => rf.optimizers.Optimizer, () => tf.Optimizer][] = [
  ['sgd(0.1)', () => rf.train.sgd(0.1), () => tf.train.sgd(0.1)],
  ['momentum(0.05, 0.9)', () => rf.train.momentum(0.05, 0.9), () => tf.train.momentum(0.05, 0.9)],
  ['momentum(0.05, 0.9, nesterov)', () => rf.train.momentum(0.05, 0.9, true), () => tf.train.momentum(0.05, 0.9, true)],
  ['adam()', () => rf.train.adam(), () => tf.train.adam()],
  [
    'adam(0.01, 0.8, 0.99, 1e-3)',
    () => rf.train.adam(0.01, 0.8, 0.99, 1e-3),
    () => tf.train.adam(0.01, 0.8, 0.99, 1e-3),
  ],
  ['adamax()', () => rf.train.adamax(), () => tf.train.adamax()],
  [
    'adamax(0.01, 0.8, 0.9, 1e-4, 0.1)',
    () => rf.train.adamax(0.01, 0.8, 0.9, 1e-4, 0.1),
    () => tf.train.adamax(0.01, 0.8, 0.9, 1e-4, 0.1),
  ],
  ['adadelta()', () => rf.train.adadelta(), () => tf.train.adadelta()],
  ['adadelta(1, 0.9, 1e-6)', () => rf.train.adadelta(1, 0.9, 1e-6), () => tf.train.adadelta(1, 0.9, 1e-6)],
  ['adagrad(0.1)', () => rf.train.adagrad(0.1), () => tf.train.adagrad(0.1)],
  ['adagrad(0.1, 0.5)', () => rf.train.adagrad(0.1, 0.5), () => tf.train.adagrad(0.1, 0.5)],
  ['rmsprop(0.01)', () => rf.train.rmsprop(0.01), () => tf.train.rmsprop(0.01)],
  [
    'rmsprop(0.01, 0.8, 0.9, 1e-6)',
    () => rf.train.rmsprop(0.01, 0.8, 0.9, 1e-6),
    () => tf.train.rmsprop(0.01, 0.8, 0.9, 1e-6),
  ],
  [
    'rmsprop(0.01, 0.9, 0.5, 1e-7, centered)',
    () => rf.train.rmsprop(0.01, 0.9, 0.5, 1e-7, true),
    () => tf.train.rmsprop(0.01, 0.9, 0.5, 1e-7, true),
  ],
];

describe('rf.train matches tf.train step by step', () => {
  it.each(cases)('%s: 8 steps agree to 1e-6', (_name, ours, theirs) => {
    const [a, b] = both(ours(), theirs(), w0, gradients(8, w0.length));
    const worst = Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));
    expect(worst).toBeLessThanOrEqual(1e-6);
    // A case that moved nothing would pass trivially: every optimizer here must have moved every weight.
    Array.from(a).forEach((v, i) => expect(v).not.toBe(w0[i]));
  });

  it("rf.train.adam differs from Keras' rf.optimizers.adam only where ε matters (tfjs adds it to √v̂)", () => {
    const grads = gradients(3, 1).map(([g]) => [g! * 1e-6]);
    // tfjs computes 1 − β₂ᵗ in float32 (≈1e-5 relative error), so the tolerance is scaled by the rate.
    const [tfjsForm, tfjsRef] = both(rf.train.adam(0.01), tf.train.adam(0.01), [1], grads);
    const [kerasForm] = both(rf.optimizers.adam(0.01), tf.train.adam(0.01), [1], grads);
    expect(Math.abs(tfjsForm[0]! - tfjsRef[0]!)).toBeLessThan(1e-6);
    expect(Math.abs(kerasForm[0]! - tfjsRef[0]!)).toBeGreaterThan(1e-3);
  });

  it("minimize(f, returnCost, varList) follows tfjs' order and default variables", () => {
    const x = tensor([1, 2, 3]);
    const y = tensor([2, 4, 6]);
    const w = variable(tensor([0.5]), true, 'train_min_w');
    const tx = tf.tensor1d([1, 2, 3]);
    const ty = tf.tensor1d([2, 4, 6]);
    const tw = tf.variable(tf.tensor1d([0.5]), true, 'train_min_tw');
    const opt = rf.train.adam(0.01);
    const topt = tf.train.adam(0.01);
    for (let i = 0; i < 5; i++) {
      const cost = opt.minimize(() => mean(square(sub(rf.mul(x, w), y))), true, [w]) as Tensor;
      const tcost = topt.minimize(() => tf.mean(tf.square(tf.sub(tf.mul(tx, tw), ty))) as tf.Scalar, true, [tw])!;
      expect(Math.abs(cost.item() - tcost.dataSync()[0]!)).toBeLessThan(1e-5 * tcost.dataSync()[0]!);
      cost.dispose();
      tcost.dispose();
    }
    expect(Math.abs(w.item() - tw.dataSync()[0]!)).toBeLessThan(1e-6);
    // Without varList every trainable variable is updated, as in tfjs.
    const before = w.item();
    expect(opt.minimize(() => mean(square(sub(rf.mul(x, w), y))))).toBeNull();
    expect(w.item()).not.toBe(before);
    w.dispose();
    tw.dispose();
  });

  it('requires the learning rate where tfjs has no default', () => {
    expect(() => rf.train.sgd(undefined as never)).toThrow(
      'train.sgd: learningRate is required and must be a number, received undefined',
    );
    expect(() => rf.train.rmsprop(undefined as never)).toThrow(ValueError);
  });
});

describe('rf.optimizers factories take a positional learning rate', () => {
  it.each(Object.keys(rf.optimizers.optimizerFactories))('%s(0.0123) trains with 0.0123', (name) => {
    const factory = rf.optimizers.optimizerFactories[name as keyof typeof rf.optimizers.optimizerFactories] as (
      o: number,
    ) => rf.optimizers.Optimizer;
    expect(factory(0.0123).learningRate).toBe(0.0123);
  });

  it("rejects unknown options with a 'did you mean' hint (lr is not learningRate)", () => {
    expect(() => rf.optimizers.adam({ lr: 0.01 } as never)).toThrow("adam: unknown option 'lr'");
    expect(() => rf.optimizers.sgd({ learning_rate: 0.01 } as never)).toThrow(
      "sgd: unknown option 'learning_rate'; did you mean 'learningRate'?",
    );
    expect(() => rf.optimizers.adamw({ weight_decay: 0.01 } as never)).toThrow(
      "adamw: unknown option 'weight_decay'; did you mean 'weightDecay'?",
    );
  });
});
