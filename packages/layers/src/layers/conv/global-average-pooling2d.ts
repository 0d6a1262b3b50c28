import { type Tensor, mean, optionNames } from '@rectify/tensor';
import type { LayerArgs } from '../../layer.js';
import type { DataFormatArgs } from '../../options.js';
import { GlobalPooling } from './global-pooling.js';

/**
 * Mean over the spatial axes of NHWC images: one value per channel.
 *
 * Shape: `[batch, height, width, channels]` → `[batch, channels]`. Reference: Keras `GlobalAveragePooling2D`.
 *
 * @example globalAveragePooling2d().apply(ones([2, 5, 5, 8])); // shape [2, 8]
 */
export class GlobalAveragePooling2D extends GlobalPooling {
  static override readonly className: string = 'GlobalAveragePooling2D';
  static override readonly argNames: readonly string[] = optionNames<DataFormatArgs>()({ dataFormat: true });

  constructor(args: LayerArgs & DataFormatArgs = {}) {
    super(args, 4);
  }

  protected reduce(x: Tensor, axes: number[]): Tensor {
    return mean(x, axes);
  }
}

/** Creates a {@link GlobalAveragePooling2D} layer. @example globalAveragePooling2d() */
export function globalAveragePooling2d(args: LayerArgs & DataFormatArgs = {}): GlobalAveragePooling2D {
  return new GlobalAveragePooling2D(args);
}
