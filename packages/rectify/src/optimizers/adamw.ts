import { checkNonNegative } from '../checks.js';
import { Adam, type AdamOptions, adamOptionNames } from './adam.js';
import { asOptions } from './optimizer.js';

export interface AdamWOptions extends AdamOptions {
  /** Decoupled weight decay per unit of learning rate (default 0.004, as Keras). */
  weightDecay?: number;
}

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter, 2019): the weights shrink by lr · weightDecay · w
 * before the Adam step, instead of an L2 term that Adam's scaling would distort.
 * @example const opt = new AdamW({ learningRate: 1e-3, weightDecay: 0.01 });
 */
export class AdamW extends Adam {
  override readonly className = 'AdamW';
  readonly weightDecay: number;

  constructor(options: AdamWOptions | number = {}) {
    const o = asOptions(options);
    super(o, 'adamw', [...adamOptionNames, 'weightDecay']);
    this.weightDecay = checkNonNegative('adamw', 'weightDecay', o.weightDecay ?? 0.004);
  }

  /** Shares Adam's update, fused or composed: w ← w − lr·weightDecay·w − α·m/(√v + ε). */
  protected override decoupledWeightDecay(): number {
    return this.weightDecay;
  }

  protected override ownConfig(): Record<string, unknown> {
    return { ...super.ownConfig(), weightDecay: this.weightDecay };
  }
}

/** @example const opt = adamw({ learningRate: 1e-3, weightDecay: 0.01 }); */
export function adamw(options: AdamWOptions | number = {}): AdamW {
  return new AdamW(options);
}
