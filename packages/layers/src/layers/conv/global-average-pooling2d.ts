import { type Tensor, mean, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, singleInput } from '../../layer.js';
import type { DataFormatArgs } from '../../options.js';
import { type Shape, singleShape } from '../../shape.js';

/**
 * Mean over the spatial axes of NHWC images: one value per channel.
 *
 * Shape: `[batch, height, width, channels]` → `[batch, channels]`. Reference: Keras `GlobalAveragePooling2D`.
 *
 * @example globalAveragePooling2d().apply(ones([2, 5, 5, 8])); // shape [2, 8]
 */
export class GlobalAveragePooling2D extends Layer<Tensor> {
  static override readonly className: string = 'GlobalAveragePooling2D';
  static override readonly argNames: readonly string[] = optionNames<DataFormatArgs>()({ dataFormat: true });

  constructor(args: LayerArgs & DataFormatArgs = {}) {
    super(args);
    this.inputSpec = { ndim: 4 };
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return mean(singleInput(this, inputs), [1, 2]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this.name, inputShape);
    return [s[0] ?? null, s[3] ?? null];
  }
}

/** Creates a {@link GlobalAveragePooling2D} layer. @example globalAveragePooling2d() */
export function globalAveragePooling2d(args: LayerArgs & DataFormatArgs = {}): GlobalAveragePooling2D {
  return new GlobalAveragePooling2D(args);
}
