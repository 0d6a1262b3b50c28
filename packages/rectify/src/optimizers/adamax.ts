import { type Tensor, type Variable, abs, add, div, maximum, mul, optionNames, sub } from '@rectify/tensor';
import { checkNonNegative, checkPositive, checkUnitInterval } from '../checks.js';
import { Optimizer, type OptimizerOptions, asOptions } from './optimizer.js';

export interface AdamaxOptions extends OptimizerOptions {
  /** Decay of the first-moment estimate (default 0.9). */
  beta1?: number;
  /** Decay of the infinity norm (default 0.999). */
  beta2?: number;
  /** Added to the infinity norm (default 1e-7). */
  epsilon?: number;
  /** TensorFlow.js' time decay of the rate: lr / (1 + decay · (t − 1)) (default 0). */
  decay?: number;
}

const ownOptions = optionNames<Omit<AdamaxOptions, keyof OptimizerOptions>>()({
  beta1: true,
  beta2: true,
  epsilon: true,
  decay: true,
});

/**
 * Adamax (Kingma & Ba, 2015, §7.1): Adam with the infinity norm in place of the second moment.
 *
 * m ← β₁m + (1 − β₁)g;  u ← max(β₂u, |g|);  w ← w − lr / (1 + decay·(t − 1)) / (1 − β₁ᵗ) · m / (u + ε)
 *
 * Keras' and TensorFlow.js' formula (tfjs adds the optional `decay`). Default learning rate 0.001 (Keras;
 * `rf.train.adamax` defaults to tfjs' 0.002).
 * @example const opt = new Adamax({ learningRate: 0.002 });
 */
export class Adamax extends Optimizer {
  readonly className = 'Adamax';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly decay: number;

  constructor(options: AdamaxOptions | number = {}) {
    const o = asOptions(options);
    super('adamax', o, 0.001, ownOptions);
    this.beta1 = checkUnitInterval('adamax', 'beta1', o.beta1 ?? 0.9);
    this.beta2 = checkUnitInterval('adamax', 'beta2', o.beta2 ?? 0.999);
    this.epsilon = checkPositive('adamax', 'epsilon', o.epsilon ?? 1e-7);
    this.decay = checkNonNegative('adamax', 'decay', o.decay ?? 0);
  }

  protected update(w: Variable, g: Tensor, lr: number, step: number): Tensor {
    const m = add(mul(this.slot(w, 'm'), this.beta1), mul(g, 1 - this.beta1));
    const u = maximum(mul(this.slot(w, 'u'), this.beta2), abs(g));
    this.setSlot(w, 'm', m);
    this.setSlot(w, 'u', u);
    const rate = lr / (1 + this.decay * (step - 1)) / (1 - this.beta1 ** step);
    return sub(w, mul(div(m, add(u, this.epsilon)), rate));
  }

  protected ownConfig(): Record<string, unknown> {
    return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, decay: this.decay };
  }
}

/** @example const opt = adamax({ learningRate: 0.002 }); // or adamax(0.002) */
export function adamax(options: AdamaxOptions | number = {}): Adamax {
  return new Adamax(options);
}
