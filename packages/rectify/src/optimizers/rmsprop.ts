import { type Tensor, type Variable, add, div, mul, sqrt, square, sub, optionNames } from '@rectify/tensor';
import { checkPositive, checkUnitInterval } from '../checks.js';
import { Optimizer, type OptimizerOptions, asOptions } from './optimizer.js';

export interface RMSpropOptions extends OptimizerOptions {
  /** Decay of the running mean of g² (default 0.9). */
  rho?: number;
  /** Momentum on the update (default 0). */
  momentum?: number;
  /** Inside the square root (default 1e-7, as Keras). */
  epsilon?: number;
  /** Divide by an estimate of the variance instead of the second moment (default false). */
  centered?: boolean;
}

const ownOptions = optionNames<Omit<RMSpropOptions, keyof OptimizerOptions>>()({
  rho: true,
  momentum: true,
  epsilon: true,
  centered: true,
});

/**
 * RMSprop (Hinton, 2012), Keras' formulation:
 *
 * v ← ρv + (1 − ρ)g²;  Δ = lr · g / √(v − ḡ² + ε) (ḡ, the running mean of g, only when centered);
 * w ← w − Δ, or with momentum: m ← μm + Δ, w ← w − m
 *
 * Default learning rate 0.001.
 * @example const opt = new RMSprop({ learningRate: 1e-3, centered: true });
 */
export class RMSprop extends Optimizer {
  readonly className = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(options: RMSpropOptions | number = {}) {
    const o = asOptions(options);
    super('rmsprop', o, 0.001, ownOptions);
    this.rho = checkUnitInterval('rmsprop', 'rho', o.rho ?? 0.9);
    this.momentum = checkUnitInterval('rmsprop', 'momentum', o.momentum ?? 0);
    this.epsilon = checkPositive('rmsprop', 'epsilon', o.epsilon ?? 1e-7);
    this.centered = o.centered ?? false;
  }

  protected update(w: Variable, g: Tensor, lr: number): Tensor {
    const v = add(mul(this.slot(w, 'velocity'), this.rho), mul(square(g), 1 - this.rho));
    this.setSlot(w, 'velocity', v);
    let denominator = add(v, this.epsilon);
    if (this.centered) {
      const avg = add(mul(this.slot(w, 'averageGradient'), this.rho), mul(g, 1 - this.rho));
      this.setSlot(w, 'averageGradient', avg);
      denominator = sub(denominator, square(avg));
    }
    const increment = div(mul(g, lr), sqrt(denominator));
    if (this.momentum === 0) return sub(w, increment);
    const m = add(mul(this.slot(w, 'momentum'), this.momentum), increment);
    this.setSlot(w, 'momentum', m);
    return sub(w, m);
  }

  protected ownConfig(): Record<string, unknown> {
    return { rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}

/** @example const opt = rmsprop({ learningRate: 1e-3, rho: 0.9 }); */
export function rmsprop(options: RMSpropOptions | number = {}): RMSprop {
  return new RMSprop(options);
}
