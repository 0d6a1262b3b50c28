import { type Tensor, type Variable, add, div, mul, sqrt, square, sub, optionNames } from '@rectify/tensor';
import { checkNonNegative, checkPositive } from '../checks.js';
import { Optimizer, type OptimizerOptions, asOptions } from './optimizer.js';

export interface AdagradOptions extends OptimizerOptions {
  /** Starting value of the accumulator (default 0.1, as Keras). */
  initialAccumulatorValue?: number;
  /** Inside the square root (default 1e-7). */
  epsilon?: number;
}

const ownOptions = optionNames<Omit<AdagradOptions, keyof OptimizerOptions>>()({
  initialAccumulatorValue: true,
  epsilon: true,
});

/**
 * Adagrad (Duchi et al., 2011): per-parameter rates that shrink with the sum of past squared gradients.
 *
 * a ← a + g²;  w ← w − lr · g / √(a + ε)
 *
 * Default learning rate 0.001.
 * @example const opt = new Adagrad({ learningRate: 0.01 });
 */
export class Adagrad extends Optimizer {
  readonly className = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(options: AdagradOptions | number = {}) {
    const o = asOptions(options);
    super('adagrad', o, 0.001, ownOptions);
    this.initialAccumulatorValue = checkNonNegative(
      'adagrad',
      'initialAccumulatorValue',
      o.initialAccumulatorValue ?? 0.1,
    );
    this.epsilon = checkPositive('adagrad', 'epsilon', o.epsilon ?? 1e-7);
  }

  protected update(w: Variable, g: Tensor, lr: number): Tensor {
    const acc = add(this.slot(w, 'accumulator', this.initialAccumulatorValue), square(g));
    this.setSlot(w, 'accumulator', acc);
    return sub(w, div(mul(g, lr), sqrt(add(acc, this.epsilon))));
  }

  protected ownConfig(): Record<string, unknown> {
    return { initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}

/** @example const opt = adagrad({ learningRate: 0.01 }); */
export function adagrad(options: AdagradOptions | number = {}): Adagrad {
  return new Adagrad(options);
}
