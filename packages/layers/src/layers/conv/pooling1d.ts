import { type Tensor, avgPool, maxPool, reshape, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { intTuple, oneOf } from '../../options.js';
import { type Shape, singleShape } from '../../shape.js';
import { convOutputLength } from './conv-utils.js';

export interface Pooling1DArgs extends LayerArgs {
  /** Window length; default 2. */
  poolSize?: number | readonly [number];
  /** Default: the pool size (non-overlapping windows). */
  strides?: number | readonly [number] | null;
  /** Default 'valid'. */
  padding?: 'valid' | 'same';
}

export interface Pooling1DConfig extends LayerConfig {
  poolSize: [number];
  strides: [number];
  padding: 'valid' | 'same';
}

/**
 * Shared options and shapes of the 1-D pooling layers over `[batch, steps, channels]`, pooled as images of
 * height 1 by the 2-D kernels.
 * @example class MinPooling1D extends Pooling1D { static override readonly className: string = 'MinPooling1D'; protected pool2d(x, p, s, pad) { return neg(maxPool(neg(x), p, s, pad)); } }
 */
export abstract class Pooling1D extends Layer<Tensor> {
  static override readonly argNames: readonly string[] = optionNames<Omit<Pooling1DArgs, keyof LayerArgs>>()({
    poolSize: true,
    strides: true,
    padding: true,
  });
  readonly poolSize: [number];
  readonly strides: [number];
  readonly padding: 'valid' | 'same';

  constructor(args: Pooling1DArgs = {}) {
    super(args);
    this.poolSize = intTuple(this.kind, 'poolSize', args.poolSize ?? 2, 1) as [number];
    this.strides = intTuple(this.kind, 'strides', args.strides ?? this.poolSize, 1) as [number];
    this.padding = oneOf(this.kind, 'padding', args.padding ?? 'valid', ['valid', 'same'] as const);
    this.inputSpec = { ndim: 3 };
  }

  protected abstract pool2d(
    x: Tensor,
    size: [number, number],
    strides: [number, number],
    padding: 'valid' | 'same',
  ): Tensor;

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const [n, steps, c] = x.shape as [number, number, number];
    const y = this.pool2d(reshape(x, [n, 1, steps, c]), [1, this.poolSize[0]], [1, this.strides[0]], this.padding);
    return reshape(y, [n, y.shape[2]!, c]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [batch = null, steps = null, c = null] = singleShape(this.name, inputShape);
    return [batch, convOutputLength(steps, this.poolSize[0], this.strides[0], 1, this.padding), c];
  }

  override getConfig(): Pooling1DConfig {
    return { ...super.getConfig(), poolSize: [...this.poolSize], strides: [...this.strides], padding: this.padding };
  }
}

/**
 * Max over each window of steps. Shape: `[b, steps, c]` → `[b, steps', c]`. Reference: Keras `MaxPooling1D`.
 * @example maxPooling1d({ poolSize: 2 }).apply(ones([1, 6, 3])); // shape [1, 3, 3]
 */
export class MaxPooling1D extends Pooling1D {
  static override readonly className: string = 'MaxPooling1D';

  protected pool2d(x: Tensor, size: [number, number], strides: [number, number], padding: 'valid' | 'same'): Tensor {
    return maxPool(x, size, strides, padding);
  }
}

/**
 * Mean over each window of steps (padding not counted). Reference: Keras `AveragePooling1D`.
 * @example averagePooling1d({ poolSize: 3, strides: 1, padding: 'same' }).apply(ones([1, 6, 3])); // shape [1, 6, 3]
 */
export class AveragePooling1D extends Pooling1D {
  static override readonly className: string = 'AveragePooling1D';

  protected pool2d(x: Tensor, size: [number, number], strides: [number, number], padding: 'valid' | 'same'): Tensor {
    return avgPool(x, size, strides, padding);
  }
}

/** Creates a {@link MaxPooling1D} layer. @example maxPooling1d({ poolSize: 2 }) */
export function maxPooling1d(args: Pooling1DArgs = {}): MaxPooling1D {
  return new MaxPooling1D(args);
}

/** Creates an {@link AveragePooling1D} layer. @example averagePooling1d({ poolSize: 4 }) */
export function averagePooling1d(args: Pooling1DArgs = {}): AveragePooling1D {
  return new AveragePooling1D(args);
}

/** TensorFlow.js' other spellings of {@link maxPooling1d} and {@link averagePooling1d}. @example maxPool1d({ poolSize: 2 }) */
export const maxPool1d = maxPooling1d;
/** @example avgPool1d({ poolSize: 2 }) */
export const avgPool1d = averagePooling1d;
/** @example avgPooling1d({ poolSize: 2 }) */
export const avgPooling1d = averagePooling1d;
