import { type Tensor, ValueError, transpose, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { type Shape, singleShape } from '../../shape.js';

export interface PermuteArgs extends LayerArgs {
  /** A permutation of 1..rank−1 (the batch axis 0 stays first), e.g. `[2, 1]` swaps the two axes after it. */
  dims: readonly number[];
}

export interface PermuteConfig extends LayerConfig {
  dims: number[];
}

/**
 * Reorders the non-batch axes. Shape: `[b, d1, d2]` with dims `[2, 1]` → `[b, d2, d1]`. Reference: Keras `Permute`.
 * @example permute({ dims: [2, 1] }).apply(ones([4, 3, 5])).shape; // → [4, 5, 3]
 */
export class Permute extends Layer<Tensor> {
  static override readonly className: string = 'Permute';
  static override readonly argNames: readonly string[] = optionNames<Omit<PermuteArgs, keyof LayerArgs>>()({
    dims: true,
  });
  readonly dims: number[];

  constructor(args: PermuteArgs) {
    super(args);
    const dims = args.dims;
    const sorted = Array.isArray(dims) ? [...dims].sort((a, b) => a - b) : [];
    if (!Array.isArray(dims) || dims.length === 0 || !sorted.every((d, i) => d === i + 1)) {
      throw new ValueError(
        `${this.kind}: dims must be a permutation of 1..${Array.isArray(dims) ? dims.length : 'n'} (axis 0 is the batch), received ${JSON.stringify(dims)}`,
      );
    }
    this.dims = [...dims];
    this.inputSpec = { ndim: dims.length + 1 };
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return transpose(singleInput(this, inputs), [0, ...this.dims]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this.name, inputShape);
    return [s[0] ?? null, ...this.dims.map((d) => s[d] ?? null)];
  }

  override getConfig(): PermuteConfig {
    return { ...super.getConfig(), dims: [...this.dims] };
  }
}

/** Creates a {@link Permute} layer. @example permute({ dims: [2, 1] }) */
export function permute(args: PermuteArgs): Permute {
  return new Permute(args);
}
