import { type Tensor, ValueError, softmax as softmaxOp, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';

export interface SoftmaxArgs extends LayerArgs {
  /** The axis normalised to sum 1; default -1. */
  axis?: number;
}

export interface SoftmaxConfig extends LayerConfig {
  axis: number;
}

/**
 * Softmax along any axis, as a layer (stable: computed as exp(logSoftmax)).
 * Shape: unchanged. Reference: Keras `Softmax`.
 * @example softmax({ axis: 1 }).apply(tensor([[1, 1]])); // → [[0.5, 0.5]]
 */
export class Softmax extends Layer<Tensor> {
  static override readonly className: string = 'Softmax';
  static override readonly argNames: readonly string[] = optionNames<Omit<SoftmaxArgs, keyof LayerArgs>>()({
    axis: true,
  });
  override supportsMasking = true;
  readonly axis: number;

  constructor(args: SoftmaxArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis))
      throw new ValueError(`${this.kind}: axis must be an integer, received ${JSON.stringify(axis)}`);
    this.axis = axis;
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return softmaxOp(singleInput(this, inputs), this.axis);
  }

  override getConfig(): SoftmaxConfig {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/** Creates a {@link Softmax} layer. @example softmax({ axis: -1 }) */
export function softmax(args: SoftmaxArgs = {}): Softmax {
  return new Softmax(args);
}
