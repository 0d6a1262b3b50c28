import { type Tensor, type Variable, conv2d as conv2dOp, optionNames } from '@rectify/tensor';
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
import { type Shape, singleShape } from '../../shape.js';
import { DepthwiseConv2D, type DepthwiseConv2DArgs, type DepthwiseConv2DConfig } from './depthwise-conv2d.js';
import type { LayerArgs } from '../../layer.js';

export interface SeparableConv2DArgs extends DepthwiseConv2DArgs {
  /** Number of output channels of the pointwise (1×1) step. */
  filters: number;
  /** Default glorotUniform. */
  pointwiseInitializer?: InitializerIdentifier;
  pointwiseRegularizer?: RegularizerIdentifier | null;
}

export interface SeparableConv2DConfig extends DepthwiseConv2DConfig {
  filters: number;
  pointwiseInitializer: InitializerConfig;
  pointwiseRegularizer: RegularizerConfig | null;
}

/**
 * Depthwise separable 2-D convolution: a depthwise convolution followed by a pointwise 1×1 convolution that mixes
 * channels (Xception, MobileNet) — far fewer weights than a full convolution of the same window.
 *
 * Shape: `[batch, h, w, c]` → `[batch, h', w', filters]`; depthwise kernel `[kh, kw, c, depthMultiplier]`,
 * pointwise kernel `[1, 1, c·depthMultiplier, filters]`. Reference: Keras `SeparableConv2D`; Chollet 2017.
 *
 * @example separableConv2d({ filters: 16, kernelSize: 3, padding: 'same' }).apply(ones([1, 8, 8, 4])).shape; // → [1, 8, 8, 16]
 */
export class SeparableConv2D extends DepthwiseConv2D {
  static override readonly className: string = 'SeparableConv2D';
  static override readonly argNames: readonly string[] = optionNames<Omit<SeparableConv2DArgs, keyof LayerArgs>>()({
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
    filters: true,
    pointwiseInitializer: true,
    pointwiseRegularizer: true,
  });
  readonly filters: number;
  readonly pointwiseInitializer: Initializer;
  readonly pointwiseRegularizer: Regularizer | undefined;
  pointwiseKernel?: Variable;

  constructor(args: SeparableConv2DArgs) {
    super(args);
    this.filters = positiveInt(this.kind, 'filters', args.filters);
    this.pointwiseInitializer = resolveInitializer(args.pointwiseInitializer ?? 'glorotUniform');
    this.pointwiseRegularizer = optionalRegularizer(args.pointwiseRegularizer);
  }

  override build(inputShape: Shape | Shape[]): void {
    const mid = this.addDepthwise(inputShape);
    const shape = [1, 1, mid, this.filters];
    this.pointwiseKernel = this.addWeight('pointwise_kernel', shape, this.pointwiseInitializer, {
      regularizer: this.pointwiseRegularizer,
    });
    this.addBias(this.filters);
    // Not DepthwiseConv2D.build: its bias would have c·depthMultiplier entries; this one has `filters`.
    this.built = true;
    this.buildInputShape = inputShape;
  }

  override call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const y = conv2dOp(this.depthwise(singleInput(this, inputs)), this.pointwiseKernel!, 1, 'valid');
    return activate(this, y, this.bias);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [...(super.computeOutputShape(singleShape(this.name, inputShape)) as Shape).slice(0, 3), this.filters];
  }

  override getConfig(): SeparableConv2DConfig {
    return {
      ...super.getConfig(),
      filters: this.filters,
      pointwiseInitializer: this.pointwiseInitializer.getConfig(),
      pointwiseRegularizer: this.pointwiseRegularizer?.getConfig() ?? null,
    };
  }
}

/** Creates a {@link SeparableConv2D} layer. @example separableConv2d({ filters: 32, kernelSize: 3, activation: 'relu' }) */
export function separableConv2d(args: SeparableConv2DArgs): SeparableConv2D {
  return new SeparableConv2D(args);
}
