import { type Tensor, reshape, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, singleInput } from '../../layer.js';
import type { DataFormatArgs } from '../../options.js';
import { type Shape, singleShape, sizeOrNull } from '../../shape.js';

/**
 * Flattens every sample to one dimension, keeping the batch axis.
 *
 * Shape: `[batch, d1, d2, …]` → `[batch, d1·d2·…]`. Reference: Keras `Flatten`.
 *
 * @example flatten().apply(ones([2, 3, 4])); // shape [2, 12]
 */
export class Flatten extends Layer<Tensor> {
  static override readonly className: string = 'Flatten';
  static override readonly argNames: readonly string[] = optionNames<DataFormatArgs>()({ dataFormat: true });

  constructor(args: LayerArgs & DataFormatArgs = {}) {
    super(args);
    this.inputSpec = { minNdim: 1 };
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    return reshape(x, [x.shape[0]!, x.shape.slice(1).reduce((n, d) => n * d, 1)]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this.name, inputShape);
    return [s[0] ?? null, sizeOrNull(s.slice(1))];
  }
}

/** Creates a {@link Flatten} layer. @example flatten() */
export function flatten(args: LayerArgs & DataFormatArgs = {}): Flatten {
  return new Flatten(args);
}
