import { ShapeError, type Tensor, ValueError, reshape as reshapeTensor, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { type Shape, fmtShape, singleShape, sizeOrNull } from '../../shape.js';

export interface ReshapeArgs extends LayerArgs {
  /** The shape of one sample (no batch axis); one entry may be -1 (inferred). */
  targetShape: readonly number[];
}

export interface ReshapeConfig extends LayerConfig {
  targetShape: number[];
}

/**
 * Reshapes every sample to `targetShape`, keeping the batch axis.
 *
 * Shape: `[batch, …]` → `[batch, ...targetShape]`. Reference: Keras `Reshape`.
 *
 * @example reshape({ targetShape: [3, -1] }).apply(ones([2, 6])); // shape [2, 3, 2]
 */
export class Reshape extends Layer<Tensor> {
  static override readonly className: string = 'Reshape';
  static override readonly argNames: readonly string[] = optionNames<Omit<ReshapeArgs, keyof LayerArgs>>()({
    targetShape: true,
  });
  readonly targetShape: readonly number[];

  constructor(args: ReshapeArgs) {
    super(args);
    const t = args.targetShape;
    const valid =
      Array.isArray(t) &&
      t.every((d) => d === -1 || (Number.isInteger(d) && d >= 1)) &&
      t.filter((d) => d === -1).length <= 1;
    if (!valid) {
      throw new ValueError(
        `${this.kind}: targetShape must hold positive integers and at most one -1, received ${JSON.stringify(t)}`,
      );
    }
    this.targetShape = [...t];
    this.inputSpec = { minNdim: 1 };
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    return reshapeTensor(x, [x.shape[0]!, ...(this.resolve(x.shape) as number[])]);
  }

  /** The target shape with -1 filled in; throws when a sample's size does not fit. */
  private resolve(inputShape: Shape): Shape {
    const size = sizeOrNull(inputShape.slice(1));
    if (size === null) return this.targetShape.map((d) => (d === -1 ? null : d));
    const known = this.targetShape.reduce((n, d) => (d === -1 ? n : n * d), 1);
    const inferred = this.targetShape.includes(-1);
    if (inferred ? size % known !== 0 : size !== known) {
      throw new ShapeError(
        `${this.name}: cannot reshape input of shape ${fmtShape(inputShape)} into target shape ${fmtShape(this.targetShape)} (${size} values per sample${inferred ? ` not divisible by ${known}` : `, target holds ${known}`})`,
      );
    }
    return this.targetShape.map((d) => (d === -1 ? size / known : d));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this.name, inputShape);
    return [s[0] ?? null, ...this.resolve(s)];
  }

  override getConfig(): ReshapeConfig {
    return { ...super.getConfig(), targetShape: [...this.targetShape] };
  }
}

/** Creates a {@link Reshape} layer. @example reshape({ targetShape: [28, 28, 1] }) */
export function reshape(args: ReshapeArgs): Reshape {
  return new Reshape(args);
}
