import * as activations from '@rectify/activations';
import { type Tensor, ValueError, type Variable, optionNames } from '@rectify/tensor';
import {
  type Initializer,
  type InitializerConfig,
  type InitializerIdentifier,
  resolveInitializer,
} from '../../identifiers.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { optionalRegularizer } from '../../options.js';
import type { Regularizer, RegularizerConfig, RegularizerIdentifier } from '../../regularizers.js';
import { type Shape, fmtShape, knownDim, singleShape } from '../../shape.js';

export interface PReLUArgs extends LayerArgs {
  /** Initial slope for x < 0; default constant 0.25 (He et al. 2015, PyTorch). */
  alphaInitializer?: InitializerIdentifier;
  alphaRegularizer?: RegularizerIdentifier | null;
  /**
   * Axes (1 = first axis after the batch) along which one slope is shared. Default none: one slope per input
   * element. For NHWC images, `[1, 2]` gives one slope per channel; every non-batch axis gives a single slope.
   */
  sharedAxes?: number | readonly number[] | null;
}

export interface PReLUConfig extends LayerConfig {
  alphaInitializer: InitializerConfig;
  alphaRegularizer: RegularizerConfig | null;
  sharedAxes: number[] | null;
}

/**
 * Parametric ReLU: `f(x) = x` for x > 0, `alpha · x` otherwise, with `alpha` learned (gradients reach it through
 * `prelu` from @rectify/activations).
 *
 * Shape: unchanged; alpha is the input shape without the batch axis, 1 on shared axes.
 * Reference: He et al. 2015, "Delving Deep into Rectifiers"; Keras `PReLU`.
 *
 * @example prelu({ sharedAxes: [1, 2] }).apply(ones([1, 4, 4, 3])).shape; // → [1, 4, 4, 3]
 */
export class PReLU extends Layer<Tensor> {
  static override readonly className: string = 'PReLU';
  static override readonly argNames: readonly string[] = optionNames<Omit<PReLUArgs, keyof LayerArgs>>()({
    alphaInitializer: true,
    alphaRegularizer: true,
    sharedAxes: true,
  });

  protected override get kind(): string {
    return 'prelu';
  }
  readonly alphaInitializer: Initializer;
  readonly alphaRegularizer: Regularizer | undefined;
  readonly sharedAxes: readonly number[] | null;
  alpha?: Variable;

  constructor(args: PReLUArgs = {}) {
    super(args);
    this.alphaInitializer = resolveInitializer(args.alphaInitializer ?? { name: 'constant', value: 0.25 });
    this.alphaRegularizer = optionalRegularizer(args.alphaRegularizer);
    const shared = args.sharedAxes ?? null;
    const list = shared === null ? null : typeof shared === 'number' ? [shared] : [...shared];
    if (list && !list.every((a) => Number.isInteger(a) && a >= 1)) {
      throw new ValueError(
        `${this.kind}: sharedAxes must be positive integers (axis 0 is the batch), received ${JSON.stringify(shared)}`,
      );
    }
    this.sharedAxes = list;
    this.inputSpec = { minNdim: 2 };
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(this.name, inputShape);
    const bad = this.sharedAxes?.find((a) => a >= shape.length);
    if (bad !== undefined) {
      throw new ValueError(
        `${this.name}: sharedAxes ${JSON.stringify(this.sharedAxes)} includes axis ${bad}, but the input ${fmtShape(shape)} has rank ${shape.length}`,
      );
    }
    const axes: Record<number, number> = {};
    const paramShape = shape.slice(1).map((_, j) => {
      const axis = j + 1;
      if (this.sharedAxes?.includes(axis)) return 1;
      return (axes[axis] = knownDim(this.name, shape, axis));
    });
    this.alpha = this.addWeight('alpha', paramShape, this.alphaInitializer, { regularizer: this.alphaRegularizer });
    this.inputSpec = { ndim: shape.length, axes };
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return activations.prelu(singleInput(this, inputs), this.alpha!);
  }

  override getConfig(): PReLUConfig {
    return {
      ...super.getConfig(),
      alphaInitializer: this.alphaInitializer.getConfig(),
      alphaRegularizer: this.alphaRegularizer?.getConfig() ?? null,
      sharedAxes: this.sharedAxes ? [...this.sharedAxes] : null,
    };
  }
}

/** Creates a {@link PReLU} layer. @example prelu() // slopes start at 0.25 */
export function prelu(args: PReLUArgs = {}): PReLU {
  return new PReLU(args);
}
