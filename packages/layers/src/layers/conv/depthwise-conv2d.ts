import { type Tensor, type Variable, depthwiseConv2d as depthwiseOp, optionNames } from '@rectify/tensor';
import {
  type Initializer,
  type InitializerConfig,
  type InitializerIdentifier,
  resolveInitializer,
} from '../../identifiers.js';
import { activate } from '../../activate.js';
import { type CallArgs, singleInput } from '../../layer.js';
import { optionalRegularizer, positiveInt } from '../../options.js';
import type { Regularizer, RegularizerConfig, RegularizerIdentifier } from '../../regularizers.js';
import { type Shape, knownDim, singleShape } from '../../shape.js';
import { BaseConv, type BaseConvArgs, type BaseConvConfig } from './base-conv.js';
import type { LayerArgs } from '../../layer.js';

export interface DepthwiseConv2DArgs extends BaseConvArgs {
  kernelSize: number | readonly [number, number];
  strides?: number | readonly [number, number];
  padding?: 'valid' | 'same';
  dilationRate?: number | readonly [number, number];
  /** Filters per input channel; default 1. */
  depthMultiplier?: number;
  /** Default glorotUniform. */
  depthwiseInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
}

export interface DepthwiseConv2DConfig extends BaseConvConfig {
  depthMultiplier: number;
  depthwiseInitializer: InitializerConfig;
  depthwiseRegularizer: RegularizerConfig | null;
}

/**
 * Depthwise 2-D convolution: each input channel convolved with its own `depthMultiplier` filters (MobileNet's
 * spatial step), composed from one shifted slice and product per filter tap.
 *
 * Shape: `[batch, h, w, c]` → `[batch, h', w', c·depthMultiplier]`; depthwise kernel `[kh, kw, c, depthMultiplier]`.
 * Reference: Keras `DepthwiseConv2D`; Howard et al. 2017.
 *
 * @example depthwiseConv2d({ kernelSize: 3, padding: 'same' }).apply(ones([1, 8, 8, 4])).shape; // → [1, 8, 8, 4]
 */
export class DepthwiseConv2D extends BaseConv {
  static override readonly className: string = 'DepthwiseConv2D';
  static override readonly argNames: readonly string[] = optionNames<Omit<DepthwiseConv2DArgs, keyof LayerArgs>>()({
    kernelSize: true,
    strides: true,
    padding: true,
    dilationRate: true,
    activation: true,
    useBias: true,
    biasInitializer: true,
    biasRegularizer: true,
    dataFormat: true,
    depthMultiplier: true,
    depthwiseInitializer: true,
    depthwiseRegularizer: true,
  });
  readonly depthMultiplier: number;
  readonly depthwiseInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | undefined;
  depthwiseKernel?: Variable;

  constructor(args: DepthwiseConv2DArgs) {
    super(args, 2);
    this.depthMultiplier = positiveInt(this.kind, 'depthMultiplier', args.depthMultiplier ?? 1);
    this.depthwiseInitializer = resolveInitializer(args.depthwiseInitializer ?? 'glorotUniform');
    this.depthwiseRegularizer = optionalRegularizer(args.depthwiseRegularizer);
  }

  /** Adds the depthwise kernel for `inChannels` and returns its output channel count. */
  protected addDepthwise(inputShape: Shape | Shape[]): number {
    const inChannels = knownDim(this.name, singleShape(this.name, inputShape), -1);
    const shape = [...this.kernelSize, inChannels, this.depthMultiplier];
    this.depthwiseKernel = this.addWeight('depthwise_kernel', shape, this.depthwiseInitializer, {
      regularizer: this.depthwiseRegularizer,
    });
    this.inputSpec = { ndim: 4, axes: { [-1]: inChannels } };
    return inChannels * this.depthMultiplier;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.addBias(this.addDepthwise(inputShape));
    super.build(inputShape);
  }

  /** The depthwise step alone. */
  protected depthwise(x: Tensor): Tensor {
    return depthwiseOp(
      x,
      this.depthwiseKernel!,
      this.strides as [number, number],
      this.padding as 'valid' | 'same',
      this.dilationRate as [number, number],
    );
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return activate(this, this.depthwise(singleInput(this, inputs)), this.bias);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this.name, inputShape);
    const c = s[3] ?? null;
    return [s[0] ?? null, ...this.spatialOutput(s), c === null ? null : c * this.depthMultiplier];
  }

  override getConfig(): DepthwiseConv2DConfig {
    return {
      ...super.getConfig(),
      depthMultiplier: this.depthMultiplier,
      depthwiseInitializer: this.depthwiseInitializer.getConfig(),
      depthwiseRegularizer: this.depthwiseRegularizer?.getConfig() ?? null,
    };
  }
}

/** Creates a {@link DepthwiseConv2D} layer. @example depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2 }) */
export function depthwiseConv2d(args: DepthwiseConv2DArgs): DepthwiseConv2D {
  return new DepthwiseConv2D(args);
}
