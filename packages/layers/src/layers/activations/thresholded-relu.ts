import { type Tensor, greater, mul, cast, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { finite } from '../../options.js';

export interface ThresholdedReLUArgs extends LayerArgs {
  /** Threshold; default 1 (Keras, tfjs). */
  theta?: number;
}

export interface ThresholdedReLUConfig extends LayerConfig {
  theta: number;
}

/**
 * `f(x) = x` for x > theta, 0 otherwise (Konda et al. 2014). Shape: unchanged. Reference: Keras `ThresholdedReLU`.
 * @example thresholdedRelu({ theta: 1 }).apply(tensor([0.5, 2])); // → [0, 2]
 */
export class ThresholdedReLU extends Layer<Tensor> {
  static override readonly className: string = 'ThresholdedReLU';
  static override readonly argNames: readonly string[] = optionNames<Omit<ThresholdedReLUArgs, keyof LayerArgs>>()({
    theta: true,
  });
  override supportsMasking = true;
  readonly theta: number;

  protected override get kind(): string {
    return 'thresholded_relu';
  }

  constructor(args: ThresholdedReLUArgs = {}) {
    super(args);
    this.theta = finite(this.kind, 'theta', args.theta ?? 1);
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    return mul(x, cast(greater(x, this.theta), 'float32'));
  }

  override getConfig(): ThresholdedReLUConfig {
    return { ...super.getConfig(), theta: this.theta };
  }
}

/** Creates a {@link ThresholdedReLU} layer. @example thresholdedRelu({ theta: 0.5 }) */
export function thresholdedRelu(args: ThresholdedReLUArgs = {}): ThresholdedReLU {
  return new ThresholdedReLU(args);
}
