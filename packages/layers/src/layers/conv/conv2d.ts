import { type Tensor, ValueError, type Variable, conv2d as conv2dOp, optionNames } from '@rectify/tensor';
import {
  type Activation, type ActivationConfig, type ActivationIdentifier, type Initializer, type InitializerConfig,
  type InitializerIdentifier, activationConfig, resolveActivation, resolveInitializer,
} from '../../identifiers.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { intPair, oneOf, optionalRegularizer, positiveInt } from '../../options.js';
import type { DataFormatArgs } from '../../options.js';
import type { Regularizer, RegularizerConfig, RegularizerIdentifier } from '../../regularizers.js';
import { type Shape, knownDim, singleShape } from '../../shape.js';
import { convOutputLength } from './conv-utils.js';

export interface Conv2DArgs extends LayerArgs, DataFormatArgs {
  /** Number of output channels. */
  filters: number;
  /** Window height and width (one number for both). */
  kernelSize: number | readonly [number, number];
  /** Default 1. */
  strides?: number | readonly [number, number];
  /** 'valid' (no padding, default) or 'same' (output size ⌈input / stride⌉). */
  padding?: 'valid' | 'same';
  /** Atrous rate; default 1. Cannot be combined with strides > 1 (as in TensorFlow). */
  dilationRate?: number | readonly [number, number];
  activation?: ActivationIdentifier | 'linear' | null;
  useBias?: boolean;
  /** Default glorotUniform (as Keras). */
  kernelInitializer?: InitializerIdentifier;
  /** Default zeros. */
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
}

export interface Conv2DConfig extends LayerConfig {
  filters: number;
  kernelSize: [number, number];
  strides: [number, number];
  padding: 'valid' | 'same';
  dilationRate: [number, number];
  activation: ActivationConfig | 'linear';
  useBias: boolean;
  kernelInitializer: InitializerConfig;
  biasInitializer: InitializerConfig;
  kernelRegularizer: RegularizerConfig | null;
  biasRegularizer: RegularizerConfig | null;
}

/**
 * 2-D convolution over NHWC images: `y = activation(conv(x, kernel) + bias)`.
 *
 * Shape: `[batch, height, width, inChannels]` → `[batch, outHeight, outWidth, filters]`;
 * kernel `[kh, kw, inChannels, filters]`. Reference: Keras `Conv2D` (channels_last).
 *
 * @example conv2d({ filters: 8, kernelSize: 3, padding: 'same' }).apply(ones([1, 28, 28, 1])); // [1, 28, 28, 8]
 */
export class Conv2D extends Layer<Tensor> {
  static override readonly className: string = 'Conv2D';
  static override readonly argNames: readonly string[] = optionNames<Omit<Conv2DArgs, keyof LayerArgs>>()({ filters: true, kernelSize: true, strides: true, padding: true, dilationRate: true, activation: true, useBias: true, kernelInitializer: true, biasInitializer: true, kernelRegularizer: true, biasRegularizer: true, dataFormat: true });
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';
  readonly dilationRate: [number, number];
  override readonly activation: Activation | undefined;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | undefined;
  readonly biasRegularizer: Regularizer | undefined;
  kernel?: Variable;
  bias?: Variable;

  constructor(args: Conv2DArgs) {
    super(args);
    this.filters = positiveInt(this.kind, 'filters', args.filters);
    this.kernelSize = intPair(this.kind, 'kernelSize', args.kernelSize);
    this.strides = intPair(this.kind, 'strides', args.strides ?? 1);
    this.padding = oneOf(this.kind, 'padding', args.padding ?? 'valid', ['valid', 'same'] as const);
    this.dilationRate = intPair(this.kind, 'dilationRate', args.dilationRate ?? 1);
    if (this.strides.some((s) => s > 1) && this.dilationRate.some((d) => d > 1)) {
      throw new ValueError(`${this.kind}: strides > 1 cannot be combined with dilationRate > 1, received strides [${this.strides}] and dilationRate [${this.dilationRate}]`);
    }
    this.activation = resolveActivation(args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = resolveInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = resolveInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = optionalRegularizer(args.kernelRegularizer);
    this.biasRegularizer = optionalRegularizer(args.biasRegularizer);
    this.inputSpec = { ndim: 4 };
  }

  override build(inputShape: Shape | Shape[]): void {
    const inChannels = knownDim(this.name, singleShape(this.name, inputShape), -1);
    const shape = [...this.kernelSize, inChannels, this.filters];
    this.kernel = this.addWeight('kernel', shape, this.kernelInitializer, { regularizer: this.kernelRegularizer });
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasInitializer, { regularizer: this.biasRegularizer });
    this.inputSpec = { ndim: 4, axes: { [-1]: inChannels } };
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const y = conv2dOp(x, this.kernel!, this.strides, this.padding, 'NHWC', this.dilationRate);
    return this.activateWithBias(y, this.bias);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [batch = null, h = null, w = null] = singleShape(this.name, inputShape);
    const [kh, kw] = this.kernelSize;
    return [
      batch,
      convOutputLength(h, kh, this.strides[0], this.dilationRate[0], this.padding),
      convOutputLength(w, kw, this.strides[1], this.dilationRate[1], this.padding),
      this.filters,
    ];
  }

  override getConfig(): Conv2DConfig {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dilationRate: [...this.dilationRate],
      activation: activationConfig(this.activation),
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer.getConfig(),
      biasInitializer: this.biasInitializer.getConfig(),
      kernelRegularizer: this.kernelRegularizer?.getConfig() ?? null,
      biasRegularizer: this.biasRegularizer?.getConfig() ?? null,
    };
  }
}

/** Creates a {@link Conv2D} layer. @example conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }) */
export function conv2d(args: Conv2DArgs): Conv2D {
  return new Conv2D(args);
}
