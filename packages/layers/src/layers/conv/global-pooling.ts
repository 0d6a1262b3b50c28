import { type Tensor, cast, div, expandDims, max, mean, mul, optionNames, sum } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, singleInput } from '../../layer.js';
import { type Shape, singleShape } from '../../shape.js';
import type { DataFormatArgs } from '../../options.js';

/**
 * Reduces every spatial axis (all but the batch and the channels) of a rank-`rank` input to one value per channel.
 * @example class GlobalMinPooling1D extends GlobalPooling { constructor(a) { super(a, 3); } protected reduce(x, axes) { return min(x, axes); } }
 */
export abstract class GlobalPooling extends Layer<Tensor> {
  static override readonly argNames: readonly string[] = [];
  constructor(args: LayerArgs, rank: number) {
    super(args);
    this.inputSpec = { ndim: rank };
  }

  /** `mask` (`[batch, steps]`) reaches only the layers that set `receivesMask`. */
  protected abstract reduce(x: Tensor, axes: number[], mask?: Tensor): Tensor;

  call(inputs: Tensor | Tensor[], args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    return this.reduce(
      x,
      Array.from({ length: x.rank - 2 }, (_, i) => i + 1),
      args.mask as Tensor | undefined,
    );
  }

  /** The output has no time axis left to mask. */
  override computeMask(): undefined {
    return undefined;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this.name, inputShape);
    return [s[0] ?? null, s.at(-1) ?? null];
  }
}

/**
 * Mean over the steps: `[b, steps, c]` → `[b, c]`. With a mask (Embedding `maskZero`, Masking), masked steps are
 * left out: `Σ_t m_t·x_t / Σ_t m_t`, as Keras computes it — a sample whose steps are all masked is 0/0 = NaN there
 * too. (TensorFlow.js ignores the mask and averages every step.) Reference: Keras `GlobalAveragePooling1D`.
 * @example globalAveragePooling1d().apply(ones([2, 5, 3])); // [2, 3]
 */
export class GlobalAveragePooling1D extends GlobalPooling {
  static override readonly className: string = 'GlobalAveragePooling1D';
  protected override readonly receivesMask = true;

  constructor(args: LayerArgs = {}) {
    super(args, 3);
  }

  protected reduce(x: Tensor, axes: number[], mask?: Tensor): Tensor {
    if (!mask) return mean(x, axes);
    const m = expandDims(cast(mask, 'float32'), 2);
    return div(sum(mul(x, m), 1), sum(m, 1));
  }
}

/** Max over the steps: `[b, steps, c]` → `[b, c]`. Reference: Keras `GlobalMaxPooling1D`. @example globalMaxPooling1d().apply(ones([2, 5, 3])); // [2, 3] */
export class GlobalMaxPooling1D extends GlobalPooling {
  static override readonly className: string = 'GlobalMaxPooling1D';

  constructor(args: LayerArgs = {}) {
    super(args, 3);
  }

  protected reduce(x: Tensor, axes: number[]): Tensor {
    return max(x, axes);
  }
}

/** Max over height and width: `[b, h, w, c]` → `[b, c]`. Reference: Keras `GlobalMaxPooling2D`. @example globalMaxPooling2d().apply(ones([2, 4, 4, 3])); // [2, 3] */
export class GlobalMaxPooling2D extends GlobalPooling {
  static override readonly className: string = 'GlobalMaxPooling2D';
  static override readonly argNames: readonly string[] = optionNames<DataFormatArgs>()({ dataFormat: true });

  constructor(args: LayerArgs & DataFormatArgs = {}) {
    super(args, 4);
  }

  protected reduce(x: Tensor, axes: number[]): Tensor {
    return max(x, axes);
  }
}

/** Creates a {@link GlobalAveragePooling1D} layer. @example globalAveragePooling1d() */
export function globalAveragePooling1d(args: LayerArgs = {}): GlobalAveragePooling1D {
  return new GlobalAveragePooling1D(args);
}

/** Creates a {@link GlobalMaxPooling1D} layer. @example globalMaxPooling1d() */
export function globalMaxPooling1d(args: LayerArgs = {}): GlobalMaxPooling1D {
  return new GlobalMaxPooling1D(args);
}

/** Creates a {@link GlobalMaxPooling2D} layer. @example globalMaxPooling2d() */
export function globalMaxPooling2d(args: LayerArgs = {}): GlobalMaxPooling2D {
  return new GlobalMaxPooling2D(args);
}

/** TensorFlow.js' other spellings of {@link globalMaxPooling1d} and {@link globalMaxPooling2d}. @example globalMaxPool1d() */
export const globalMaxPool1d = globalMaxPooling1d;
/** @example globalMaxPool2d() */
export const globalMaxPool2d = globalMaxPooling2d;
