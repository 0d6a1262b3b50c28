import { type Tensor, type Variable, add, div, mul, optionNames, sqrt, square, sub } from '@rectify/tensor';
import { checkPositive, checkUnitInterval } from '../checks.js';
import { Optimizer, type OptimizerOptions, asOptions } from './optimizer.js';

export interface AdadeltaOptions extends OptimizerOptions {
  /** Decay of both running averages (default 0.95). */
  rho?: number;
  /** Inside both square roots (default 1e-7). */
  epsilon?: number;
}

const ownOptions = optionNames<Omit<AdadeltaOptions, keyof OptimizerOptions>>()({ rho: true, epsilon: true });

/**
 * Adadelta (Zeiler, 2012): steps scaled by the ratio of the running RMS of past updates to that of past gradients,
 * as TensorFlow.js computes it:
 *
 * Δ = √(s + ε) / √(a + ε) · g  (a from before this step);  a ← ρa + (1 − ρ)g²;  s ← ρs + (1 − ρ)Δ²;  w ← w − lr · Δ
 *
 * The gradient average in Δ is the one from before the update, so the first step is exactly lr · g (Keras uses
 * the updated average, which makes the first step tiny). Default learning rate 0.001.
 * @example const opt = new Adadelta({ learningRate: 1, rho: 0.95 });
 */
export class Adadelta extends Optimizer {
  readonly className = 'Adadelta';
  readonly rho: number;
  readonly epsilon: number;

  constructor(options: AdadeltaOptions | number = {}) {
    const o = asOptions(options);
    super('adadelta', o, 0.001, ownOptions);
    this.rho = checkUnitInterval('adadelta', 'rho', o.rho ?? 0.95);
    this.epsilon = checkPositive('adadelta', 'epsilon', o.epsilon ?? 1e-7);
  }

  protected update(w: Variable, g: Tensor, lr: number): Tensor {
    const a = this.slot(w, 'accumulatedGrad');
    const s = this.slot(w, 'accumulatedUpdate');
    const delta = mul(div(sqrt(add(s, this.epsilon)), sqrt(add(a, this.epsilon))), g);
    this.setSlot(w, 'accumulatedGrad', add(mul(a, this.rho), mul(square(g), 1 - this.rho)));
    this.setSlot(w, 'accumulatedUpdate', add(mul(s, this.rho), mul(square(delta), 1 - this.rho)));
    return sub(w, mul(delta, lr));
  }

  protected ownConfig(): Record<string, unknown> {
    return { rho: this.rho, epsilon: this.epsilon };
  }
}

/** @example const opt = adadelta({ learningRate: 1 }); // or adadelta(1) */
export function adadelta(options: AdadeltaOptions | number = {}): Adadelta {
  return new Adadelta(options);
}
