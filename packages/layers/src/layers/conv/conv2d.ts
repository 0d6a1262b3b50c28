import { type Tensor, ValueError, groupedConv2d, optionNames } from '@rectify/tensor';
import { activate } from '../../activate.js';
import { type CallArgs, type LayerArgs, singleInput } from '../../layer.js';
import { positiveInt } from '../../options.js';
import { type Shape, knownDim, singleShape } from '../../shape.js';
import { Conv, type ConvArgs, type ConvConfig } from './base-conv.js';

export interface Conv2DArgs extends ConvArgs {
  /** Window height and width (one number for both). */
  kernelSize: number | readonly [number, number];
  strides?: number | readonly [number, number];
  /** 'valid' (no padding, default) or 'same' (output size ⌈input / stride⌉). */
  padding?: 'valid' | 'same';
  dilationRate?: number | readonly [number, number];
  /** Split the channels into this many groups, each convolved with its own filters (ResNeXt). Default 1. */
  groups?: number;
}

export interface Conv2DConfig extends ConvConfig {
  kernelSize: [number, number];
  strides: [number, number];
  padding: 'valid' | 'same';
  dilationRate: [number, number];
  groups: number;
}

/**
 * 2-D convolution over NHWC images: `y = activation(conv(x, kernel) + bias)`; with `groups` > 1 the channels are
 * split into groups convolved separately (a slice and a conv2d per group, concatenated).
 *
 * Shape: `[batch, height, width, inChannels]` → `[batch, outHeight, outWidth, filters]`;
 * kernel `[kh, kw, inChannels / groups, filters]`. Reference: Keras `Conv2D` (channels_last).
 *
 * @example conv2d({ filters: 8, kernelSize: 3, padding: 'same' }).apply(ones([1, 28, 28, 1])).shape; // → [1, 28, 28, 8]
 */
export class Conv2D extends Conv {
  static override readonly className: string = 'Conv2D';
  declare readonly kernelSize: [number, number];
  declare readonly strides: [number, number];
  declare readonly padding: 'valid' | 'same';
  declare readonly dilationRate: [number, number];
  readonly groups: number;
  static override readonly argNames: readonly string[] = optionNames<Omit<Conv2DArgs, keyof LayerArgs>>()({
    filters: true,
    kernelSize: true,
    strides: true,
    padding: true,
    dilationRate: true,
    groups: true,
    activation: true,
    useBias: true,
    kernelInitializer: true,
    biasInitializer: true,
    kernelRegularizer: true,
    biasRegularizer: true,
    dataFormat: true,
  });

  constructor(args: Conv2DArgs) {
    super(args, 2);
    this.groups = positiveInt(this.kind, 'groups', args.groups ?? 1);
    if (this.filters % this.groups !== 0) {
      throw new ValueError(`${this.kind}: filters (${this.filters}) must be divisible by groups (${this.groups})`);
    }
  }

  override build(inputShape: Shape | Shape[]): void {
    const inChannels = knownDim(this.name, singleShape(this.name, inputShape), -1);
    if (inChannels % this.groups !== 0) {
      throw new ValueError(`${this.name}: input channels (${inChannels}) must be divisible by groups (${this.groups})`);
    }
    this.addKernel([...this.kernelSize, inChannels / this.groups, this.filters]);
    this.inputSpec = { ndim: 4, axes: { [-1]: inChannels } };
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const y = groupedConv2d(x, this.kernel!, this.groups, this.strides, this.padding, this.dilationRate);
    return activate(this, y, this.bias);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this.name, inputShape);
    return [s[0] ?? null, ...this.spatialOutput(s), this.filters];
  }

  override getConfig(): Conv2DConfig {
    return { ...(super.getConfig() as Conv2DConfig), groups: this.groups };
  }
}

/** Creates a {@link Conv2D} layer. @example conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }) */
export function conv2d(args: Conv2DArgs): Conv2D {
  return new Conv2D(args);
}
