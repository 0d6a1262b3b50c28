import { type Tensor, expandDims, tile, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { positiveInt } from '../../options.js';
import { type Shape, singleShape } from '../../shape.js';

export interface RepeatVectorArgs extends LayerArgs {
  /** How many times to repeat the input. */
  n: number;
}

export interface RepeatVectorConfig extends LayerConfig {
  n: number;
}

/**
 * Repeats a vector `n` times along a new time axis (the bridge from an encoder's summary to a decoder RNN).
 * Shape: `[b, f]` → `[b, n, f]`. Reference: Keras `RepeatVector`.
 * @example repeatVector({ n: 3 }).apply(tensor([[1, 2]])); // → [[[1, 2], [1, 2], [1, 2]]]
 */
export class RepeatVector extends Layer<Tensor> {
  static override readonly className: string = 'RepeatVector';
  static override readonly argNames: readonly string[] = optionNames<Omit<RepeatVectorArgs, keyof LayerArgs>>()({
    n: true,
  });
  readonly n: number;

  constructor(args: RepeatVectorArgs) {
    super(args);
    this.n = positiveInt(this.kind, 'n', args.n);
    this.inputSpec = { ndim: 2 };
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return tile(expandDims(singleInput(this, inputs), 1), [1, this.n, 1]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [b = null, f = null] = singleShape(this.name, inputShape);
    return [b, this.n, f];
  }

  override getConfig(): RepeatVectorConfig {
    return { ...super.getConfig(), n: this.n };
  }
}

/** Creates a {@link RepeatVector} layer. @example repeatVector({ n: 10 }) */
export function repeatVector(args: RepeatVectorArgs): RepeatVector {
  return new RepeatVector(args);
}
