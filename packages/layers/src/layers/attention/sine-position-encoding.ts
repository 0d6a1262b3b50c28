import { type Tensor, broadcastTo, optionNames, tensor } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { finite } from '../../options.js';
import { type Shape, singleShape } from '../../shape.js';

export interface SinePositionEncodingArgs extends LayerArgs {
  /** The longest wavelength; default 10000 (as Vaswani et al.). */
  maxWavelength?: number;
}

export interface SinePositionEncodingConfig extends LayerConfig {
  maxWavelength: number;
}

/**
 * The fixed sinusoidal position encoding of "Attention Is All You Need": feature 2i of position p is
 * `sin(p / maxWavelength^(2i/d))` and feature 2i+1 its cosine. No weights; broadcast to the input's shape, to be
 * added to the token embeddings.
 *
 * Shape: `[B, T, d]` → `[B, T, d]`.
 * Reference: Vaswani et al. 2017, §3.5; KerasNLP `SinePositionEncoding`.
 *
 * @example
 * // Token embeddings [batch, time, features]; rf.add is the tensor op (add, here, is the Add layer).
 * const x = zeros([1, 3, 4]);
 * const encoded = rf.add(x, sinePositionEncoding().apply(x));
 * encoded.shape; // → [1, 3, 4]
 * // Position 0: sin(0) and cos(0) for each frequency, interleaved.
 * encoded.slice([0, 0, 0], [1, 1, 4]); // → [[[0, 1, 0, 1]]]
 */
export class SinePositionEncoding extends Layer<Tensor> {
  static override readonly className: string = 'SinePositionEncoding';
  static override readonly argNames: readonly string[] = optionNames<Omit<SinePositionEncodingArgs, keyof LayerArgs>>()(
    { maxWavelength: true },
  );
  readonly maxWavelength: number;

  constructor(args: SinePositionEncodingArgs = {}) {
    super(args);
    this.maxWavelength = finite(this.kind, 'maxWavelength', args.maxWavelength ?? 10000, { positive: true });
    this.inputSpec = { ndim: 3 };
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const [, t, d] = x.shape as [number, number, number];
    return broadcastTo(sineTable(t, d, this.maxWavelength), [...x.shape]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return singleShape(this.name, inputShape);
  }

  override getConfig(): SinePositionEncodingConfig {
    return { ...super.getConfig(), maxWavelength: this.maxWavelength };
  }
}

/** The `[length, features]` table, computed in float64 and stored once as float32. */
export function sineTable(length: number, features: number, maxWavelength = 10000): Tensor {
  const out = new Float32Array(length * features);
  for (let p = 0; p < length; p++) {
    for (let j = 0; j < features; j++) {
      const angle = p / maxWavelength ** ((2 * Math.floor(j / 2)) / features);
      out[p * features + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return tensor(out, [length, features]);
}

/** Creates a {@link SinePositionEncoding} layer. @example sinePositionEncoding({ maxWavelength: 10000 }) */
export function sinePositionEncoding(args: SinePositionEncodingArgs = {}): SinePositionEncoding {
  return new SinePositionEncoding(args);
}
