import { type Tensor, type Variable, add, mul, sub, optionNames } from '@rectify/tensor';
import { checkUnitInterval } from '../checks.js';
import { Optimizer, type OptimizerOptions, asOptions } from './optimizer.js';

export interface SGDOptions extends OptimizerOptions {
  /** Velocity decay, in [0, 1) (default 0: plain gradient descent). */
  momentum?: number;
  /** Nesterov's look-ahead form of momentum (default false). */
  nesterov?: boolean;
}

const ownOptions = optionNames<Omit<SGDOptions, keyof OptimizerOptions>>()({ momentum: true, nesterov: true });

/**
 * Stochastic gradient descent with optional (Nesterov) momentum, in Keras' formulation:
 *
 * v ← momentum · v − lr · g;  w ← w + v  (nesterov: w ← w + momentum · v − lr · g)
 *
 * Default learning rate 0.01.
 * @example const opt = new SGD({ learningRate: 0.1, momentum: 0.9 });
 */
export class SGD extends Optimizer {
  readonly className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(options: SGDOptions | number = {}) {
    const o = asOptions(options);
    super('sgd', o, 0.01, ownOptions);
    this.momentum = checkUnitInterval('sgd', 'momentum', o.momentum ?? 0);
    this.nesterov = o.nesterov ?? false;
  }

  protected update(w: Variable, g: Tensor, lr: number): Tensor {
    if (this.momentum === 0) return sub(w, mul(g, lr));
    const v = sub(mul(this.slot(w, 'momentum'), this.momentum), mul(g, lr));
    this.setSlot(w, 'momentum', v);
    return this.nesterov ? add(w, sub(mul(v, this.momentum), mul(g, lr))) : add(w, v);
  }

  protected ownConfig(): Record<string, unknown> {
    return { momentum: this.momentum, nesterov: this.nesterov };
  }
}

/** @example const opt = sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true }); */
export function sgd(options: SGDOptions | number = {}): SGD {
  return new SGD(options);
}
