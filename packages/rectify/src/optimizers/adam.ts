import { type Tensor, type Variable, add, div, engine, maximum, mul, sqrt, square, sub } from '@rectify/tensor';
import { checkPositive, checkUnitInterval } from '../checks.js';
import { Optimizer, type OptimizerOptions } from './optimizer.js';

export interface AdamOptions extends OptimizerOptions {
  /** Decay of the first-moment (mean) estimate (default 0.9). */
  beta1?: number;
  /** Decay of the second-moment (uncentred variance) estimate (default 0.999). */
  beta2?: number;
  /** Added to √v to avoid division by zero (default 1e-7, as Keras). */
  epsilon?: number;
  /** Use the running maximum of v (Reddi et al., 2018) (default false). */
  amsgrad?: boolean;
}

/**
 * Adam (Kingma & Ba, 2015), in the bias-corrected step-size form Keras uses:
 *
 * m ← m + (1 − β₁)(g − m);  v ← v + (1 − β₂)(g² − v);
 * w ← w − lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ) · m / (√v + ε)
 *
 * Default learning rate 0.001. `t` counts updates from 1.
 * @example const opt = new Adam({ learningRate: 3e-4, beta2: 0.98 });
 */
export class Adam extends Optimizer {
  readonly className: string = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  constructor(options: AdamOptions = {}, fnName = 'adam') {
    super(fnName, options, 0.001);
    this.beta1 = checkUnitInterval(fnName, 'beta1', options.beta1 ?? 0.9);
    this.beta2 = checkUnitInterval(fnName, 'beta2', options.beta2 ?? 0.999);
    this.epsilon = checkPositive(fnName, 'epsilon', options.epsilon ?? 1e-7);
    this.amsgrad = options.amsgrad ?? false;
  }

  protected update(w: Variable, g: Tensor, lr: number, step: number): Tensor {
    const weightDecay = this.decoupledWeightDecay();
    const m0 = this.slot(w, 'm');
    const v0 = this.slot(w, 'v');
    if (!this.amsgrad) {
      // One pass on backends with a fused Adam kernel; w, m and v are donated, so when nothing else shares their
      // buffers (a saved-weights view, the tensor a variable was created from) they are updated in place.
      const hyper = { learningRate: lr, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, step, weightDecay };
      const fused = engine.runFused('adamUpdate', [w, g, m0, v0], hyper, { donate: true });
      if (fused) {
        this.setSlot(w, 'm', fused[1]);
        this.setSlot(w, 'v', fused[2]);
        return fused[0];
      }
    }
    const alpha = (lr * Math.sqrt(1 - this.beta2 ** step)) / (1 - this.beta1 ** step);
    const m = add(m0, mul(sub(g, m0), 1 - this.beta1));
    let v = add(v0, mul(sub(square(g), v0), 1 - this.beta2));
    this.setSlot(w, 'm', m);
    this.setSlot(w, 'v', v);
    if (this.amsgrad) {
      v = maximum(this.slot(w, 'vHat'), v);
      this.setSlot(w, 'vHat', v);
    }
    const next = sub(w, div(mul(m, alpha), add(sqrt(v), this.epsilon)));
    // The Adam step does not depend on w, so decaying first and stepping after equals stepping and then
    // subtracting the decay computed from the old weights.
    return weightDecay > 0 ? sub(next, mul(w, lr * weightDecay)) : next;
  }

  /** Decoupled weight decay per unit of learning rate: 0 here, AdamW's `weightDecay` there. */
  protected decoupledWeightDecay(): number {
    return 0;
  }

  protected ownConfig(): Record<string, unknown> {
    return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}

/** @example const opt = adam({ learningRate: 1e-3 }); */
export function adam(options: AdamOptions = {}): Adam {
  return new Adam(options);
}
