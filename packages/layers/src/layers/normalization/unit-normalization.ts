import type { Tensor } from '@rectify/tensor';
import { ValueError, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { l2Normalize } from '../merge/dot.js';

export interface UnitNormalizationArgs extends LayerArgs {
  /** The axis (or axes) along which each vector gets unit L2 norm; default -1. */
  axis?: number | readonly number[];
}

export interface UnitNormalizationConfig extends LayerConfig {
  axis: number | number[];
}

/**
 * Scales each vector to unit L2 norm: `x / √max(Σx², 1e-12)`. Shape: unchanged. Reference: Keras `UnitNormalization`.
 * @example unitNormalization().apply(tensor([[3, 4]])); // → [[0.6, 0.8]]
 */
export class UnitNormalization extends Layer<Tensor> {
  static override readonly className: string = 'UnitNormalization';
  static override readonly argNames: readonly string[] = optionNames<Omit<UnitNormalizationArgs, keyof LayerArgs>>()({
    axis: true,
  });
  override supportsMasking = true;
  readonly axis: number | number[];

  constructor(args: UnitNormalizationArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    const list = typeof axis === 'number' ? [axis] : axis;
    if (!Array.isArray(list) || list.length === 0 || !list.every((a) => Number.isInteger(a))) {
      throw new ValueError(`${this.kind}: axis must be an integer or a list of them, received ${JSON.stringify(axis)}`);
    }
    this.axis = typeof axis === 'number' ? axis : [...axis];
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const axes = (typeof this.axis === 'number' ? [this.axis] : this.axis).map((a) => (a < 0 ? a + x.rank : a));
    return l2Normalize(x, axes);
  }

  override getConfig(): UnitNormalizationConfig {
    return { ...super.getConfig(), axis: typeof this.axis === 'number' ? this.axis : [...this.axis] };
  }
}

/** Creates a {@link UnitNormalization} layer. @example unitNormalization({ axis: -1 }) */
export function unitNormalization(args: UnitNormalizationArgs = {}): UnitNormalization {
  return new UnitNormalization(args);
}
