import { type Tensor, avgPool, maxPool, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { intPair, oneOf } from '../../options.js';
import type { DataFormatArgs } from '../../options.js';
import { type Shape, singleShape } from '../../shape.js';
import { convOutputLength } from './conv-utils.js';

export interface Pooling2DArgs extends LayerArgs, DataFormatArgs {
  /** Window height and width; default 2. */
  poolSize?: number | readonly [number, number];
  /** Default: the pool size (non-overlapping windows). */
  strides?: number | readonly [number, number] | null;
  /** Default 'valid'. */
  padding?: 'valid' | 'same';
}

export interface Pooling2DConfig extends LayerConfig {
  poolSize: [number, number];
  strides: [number, number];
  padding: 'valid' | 'same';
}

/**
 * Shared options and shapes of the 2-D pooling layers (NHWC); a subclass only says how to pool.
 * @example class MinPooling2D extends Pooling2D { static override readonly className: string = 'MinPooling2D'; protected pool(x) { return neg(maxPool(neg(x), this.poolSize, this.strides, this.padding)); } }
 */
export abstract class Pooling2D extends Layer<Tensor> {
  static override readonly argNames: readonly string[] = optionNames<Omit<Pooling2DArgs, keyof LayerArgs>>()({
    poolSize: true,
    strides: true,
    padding: true,
    dataFormat: true,
  });
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';

  constructor(args: Pooling2DArgs = {}) {
    super(args);
    this.poolSize = intPair(this.kind, 'poolSize', args.poolSize ?? 2);
    this.strides = intPair(this.kind, 'strides', args.strides ?? this.poolSize);
    this.padding = oneOf(this.kind, 'padding', args.padding ?? 'valid', ['valid', 'same'] as const);
    this.inputSpec = { ndim: 4 };
  }

  protected abstract pool(x: Tensor): Tensor;

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return this.pool(singleInput(this, inputs));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [batch = null, h = null, w = null, c = null] = singleShape(this.name, inputShape);
    return [
      batch,
      convOutputLength(h, this.poolSize[0], this.strides[0], 1, this.padding),
      convOutputLength(w, this.poolSize[1], this.strides[1], 1, this.padding),
      c,
    ];
  }

  override getConfig(): Pooling2DConfig {
    return { ...super.getConfig(), poolSize: [...this.poolSize], strides: [...this.strides], padding: this.padding };
  }
}

/**
 * Max over each window. Shape: `[b, h, w, c]` → `[b, h', w', c]`. Reference: Keras `MaxPooling2D`.
 * @example maxPooling2d({ poolSize: 2 }).apply(ones([1, 4, 4, 3])); // shape [1, 2, 2, 3]
 */
export class MaxPooling2D extends Pooling2D {
  static override readonly className: string = 'MaxPooling2D';

  protected pool(x: Tensor): Tensor {
    return maxPool(x, this.poolSize, this.strides, this.padding);
  }
}

/**
 * Mean over each window (padding cells not counted, as TensorFlow). Reference: Keras `AveragePooling2D`.
 * @example averagePooling2d({ poolSize: 2 }).apply(ones([1, 4, 4, 3])); // shape [1, 2, 2, 3]
 */
export class AveragePooling2D extends Pooling2D {
  static override readonly className: string = 'AveragePooling2D';

  protected pool(x: Tensor): Tensor {
    return avgPool(x, this.poolSize, this.strides, this.padding);
  }
}

/** Creates a {@link MaxPooling2D} layer. @example maxPooling2d({ poolSize: [2, 2] }) */
export function maxPooling2d(args: Pooling2DArgs = {}): MaxPooling2D {
  return new MaxPooling2D(args);
}

/** Creates an {@link AveragePooling2D} layer. @example averagePooling2d({ poolSize: 2, padding: 'same' }) */
export function averagePooling2d(args: Pooling2DArgs = {}): AveragePooling2D {
  return new AveragePooling2D(args);
}

/** TensorFlow.js' other spellings of {@link maxPooling2d} and {@link averagePooling2d}. @example maxPool2d({ poolSize: 2 }) */
export const maxPool2d = maxPooling2d;
/** @example avgPool2d({ poolSize: 2 }) */
export const avgPool2d = averagePooling2d;
/** @example avgPooling2d({ poolSize: 2 }) */
export const avgPooling2d = averagePooling2d;
