import type { Tensor } from '@rectify/tensor';
import { Dropout, type DropoutArgs } from '../core/dropout.js';

/**
 * Dropout of whole channels: one mask value per (example, channel), shared by every step — for convolutions,
 * whose neighbouring steps are correlated. Shape: `[b, steps, c]`, unchanged. Reference: Keras `SpatialDropout1D`.
 * @example spatialDropout1d({ rate: 0.2 }).apply(ones([2, 5, 3]), { training: true }).shape // → [2, 5, 3]
 */
export class SpatialDropout1D extends Dropout {
  static override readonly className: string = 'SpatialDropout1D';

  constructor(args: DropoutArgs) {
    super(args);
    this.inputSpec = { ndim: 3 };
  }

  protected override noiseShape(x: Tensor): number[] {
    return [x.shape[0]!, 1, x.shape[2]!];
  }
}

/**
 * Dropout of whole feature maps: one mask value per (example, channel), shared by every pixel.
 * Shape: `[b, h, w, c]`, unchanged. Reference: Keras `SpatialDropout2D`; Tompson et al. 2015.
 * @example spatialDropout2d({ rate: 0.1 }).apply(ones([1, 4, 4, 3]), { training: true }).shape // → [1, 4, 4, 3]
 */
export class SpatialDropout2D extends Dropout {
  static override readonly className: string = 'SpatialDropout2D';

  constructor(args: DropoutArgs) {
    super(args);
    this.inputSpec = { ndim: 4 };
  }

  protected override noiseShape(x: Tensor): number[] {
    return [x.shape[0]!, 1, 1, x.shape[3]!];
  }
}

/** Creates a {@link SpatialDropout1D} layer. @example spatialDropout1d({ rate: 0.3, seed: 1 }) */
export function spatialDropout1d(args: DropoutArgs): SpatialDropout1D {
  return new SpatialDropout1D(args);
}

/** Creates a {@link SpatialDropout2D} layer. @example spatialDropout2d({ rate: 0.3 }) */
export function spatialDropout2d(args: DropoutArgs): SpatialDropout2D {
  return new SpatialDropout2D(args);
}
