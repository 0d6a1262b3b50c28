import { type Tensor, ValueError, type Variable } from '@rectify/tensor';
import {
  type Activation,
  type ActivationConfig,
  type ActivationIdentifier,
  type Initializer,
  type InitializerConfig,
  type InitializerIdentifier,
  activationConfig,
  resolveActivation,
  resolveInitializer,
} from '../../identifiers.js';
import { Layer, type LayerArgs, type LayerConfig } from '../../layer.js';
import { type DataFormatArgs, intTuple, oneOf, optionalRegularizer, positiveInt } from '../../options.js';
import type { Regularizer, RegularizerConfig, RegularizerIdentifier } from '../../regularizers.js';
import type { Shape } from '../../shape.js';
import { convOutputLength } from './conv-utils.js';

/** The options every convolution shares: its window, the bias and the activation (Keras names and defaults). */
export interface BaseConvArgs extends LayerArgs, DataFormatArgs {
  /** Window size per spatial axis (one number for all). */
  kernelSize: number | readonly number[];
  /** Default 1. */
  strides?: number | readonly number[];
  /** 'valid' (no padding, default) or 'same' (output size ⌈input / stride⌉); Conv1D also 'causal'. */
  padding?: string;
  /** Atrous rate; default 1. Cannot be combined with strides > 1 (as in TensorFlow). */
  dilationRate?: number | readonly number[];
  activation?: ActivationIdentifier | 'linear' | null;
  useBias?: boolean;
  /** Default zeros. */
  biasInitializer?: InitializerIdentifier;
  biasRegularizer?: RegularizerIdentifier | null;
}

export interface BaseConvConfig extends LayerConfig {
  kernelSize: number[];
  strides: number[];
  padding: string;
  dilationRate: number[];
  activation: ActivationConfig | 'linear';
  useBias: boolean;
  biasInitializer: InitializerConfig;
  biasRegularizer: RegularizerConfig | null;
}

/**
 * The shared part of the convolution layers (channels last): window options, bias, activation, output lengths.
 * @example
 * const layer = conv2d({ filters: 4, kernelSize: 3, strides: 2 }); // a BaseConv of rank 2
 * layer instanceof BaseConv; // → true
 * layer.strides; // → [2, 2]
 */
export abstract class BaseConv extends Layer<Tensor> {
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: string;
  readonly dilationRate: number[];
  override readonly activation: Activation | undefined;
  readonly useBias: boolean;
  readonly biasInitializer: Initializer;
  readonly biasRegularizer: Regularizer | undefined;
  bias?: Variable;

  constructor(args: BaseConvArgs, rank: number, paddings: readonly string[] = ['valid', 'same']) {
    super(args);
    this.kernelSize = intTuple(this.kind, 'kernelSize', args.kernelSize, rank);
    this.strides = intTuple(this.kind, 'strides', args.strides ?? 1, rank);
    this.padding = oneOf(this.kind, 'padding', args.padding ?? 'valid', paddings);
    this.dilationRate = intTuple(this.kind, 'dilationRate', args.dilationRate ?? 1, rank);
    if (this.strides.some((s) => s > 1) && this.dilationRate.some((d) => d > 1)) {
      throw new ValueError(
        `${this.kind}: strides > 1 cannot be combined with dilationRate > 1, received strides [${this.strides}] and dilationRate [${this.dilationRate}]`,
      );
    }
    this.activation = resolveActivation(args.activation);
    this.useBias = args.useBias ?? true;
    this.biasInitializer = resolveInitializer(args.biasInitializer ?? 'zeros');
    this.biasRegularizer = optionalRegularizer(args.biasRegularizer);
    this.inputSpec = { ndim: rank + 2 };
  }

  /** Adds the bias of `channels` outputs when `useBias`. */
  protected addBias(channels: number): void {
    if (this.useBias)
      this.bias = this.addWeight('bias', [channels], this.biasInitializer, { regularizer: this.biasRegularizer });
  }

  /** The output length of each spatial axis of `shape` (`[batch, ...spatial, channels]`); null stays null. */
  protected spatialOutput(shape: Shape): (number | null)[] {
    const pad = this.padding === 'same' ? 'same' : 'valid';
    return this.kernelSize.map((k, i) => {
      const n = shape[i + 1] ?? null;
      // Causal padding adds (k − 1)·d steps in front: the output is as long as with 'same' at stride 1.
      const size = n !== null && this.padding === 'causal' ? n + (k - 1) * this.dilationRate[i]! : n;
      return convOutputLength(size, k, this.strides[i]!, this.dilationRate[i]!, pad);
    });
  }

  override getConfig(): BaseConvConfig {
    return {
      ...super.getConfig(),
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dilationRate: [...this.dilationRate],
      activation: activationConfig(this.activation),
      useBias: this.useBias,
      biasInitializer: this.biasInitializer.getConfig(),
      biasRegularizer: this.biasRegularizer?.getConfig() ?? null,
    };
  }
}

/** The options of the convolutions with a `filters` count and one `kernel` (Conv1D, Conv2D, Conv2DTranspose). */
export interface ConvArgs extends BaseConvArgs {
  /** Number of output channels. */
  filters: number;
  /** Default glorotUniform (as Keras). */
  kernelInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
}

export interface ConvConfig extends BaseConvConfig {
  filters: number;
  kernelInitializer: InitializerConfig;
  kernelRegularizer: RegularizerConfig | null;
}

/**
 * A convolution with `filters` outputs and one kernel; subclasses say the kernel's shape and how to convolve.
 * @example
 * const layer = conv1d({ filters: 4, kernelSize: 5 }); // a Conv of rank 1
 * layer instanceof Conv; // → true
 * layer.apply(ones([2, 10, 3])).shape; // → [2, 6, 4]
 */
export abstract class Conv extends BaseConv {
  readonly filters: number;
  readonly kernelInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | undefined;
  kernel?: Variable;

  constructor(args: ConvArgs, rank: number, paddings?: readonly string[]) {
    super(args, rank, paddings);
    this.filters = positiveInt(this.kind, 'filters', args.filters);
    this.kernelInitializer = resolveInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.kernelRegularizer = optionalRegularizer(args.kernelRegularizer);
  }

  /** Adds the kernel of `shape` and the bias of `filters` outputs. */
  protected addKernel(shape: number[]): void {
    this.kernel = this.addWeight('kernel', shape, this.kernelInitializer, { regularizer: this.kernelRegularizer });
    this.addBias(this.filters);
  }

  override getConfig(): ConvConfig {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelInitializer: this.kernelInitializer.getConfig(),
      kernelRegularizer: this.kernelRegularizer?.getConfig() ?? null,
    };
  }
}
