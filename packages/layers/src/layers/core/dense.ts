import { type Tensor, type Variable, matmul, reshape, optionNames } from '@rectify/tensor';
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
import { activate } from '../../activate.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { optionalRegularizer, positiveInt } from '../../options.js';
import type { Regularizer, RegularizerConfig, RegularizerIdentifier } from '../../regularizers.js';
import { type Shape, knownDim, singleShape } from '../../shape.js';

export interface DenseArgs extends LayerArgs {
  /** Output size, a positive integer. */
  units: number;
  /** Applied to the output; default none ('linear'). */
  activation?: ActivationIdentifier | 'linear' | null;
  /** Default true. */
  useBias?: boolean;
  /** Default glorotUniform (as Keras). */
  kernelInitializer?: InitializerIdentifier;
  /** Default zeros. */
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
}

export interface DenseConfig extends LayerConfig {
  units: number;
  activation: ActivationConfig | 'linear';
  useBias: boolean;
  kernelInitializer: InitializerConfig;
  biasInitializer: InitializerConfig;
  kernelRegularizer: RegularizerConfig | null;
  biasRegularizer: RegularizerConfig | null;
}

/**
 * Densely connected layer: `y = activation(x · kernel + bias)` over the last axis.
 *
 * Parameters: `units`, `activation`, `useBias`, kernel/bias initializers and regularizers.
 * Shape: `[..., inDim]` → `[..., units]`; kernel `[inDim, units]`, bias `[units]`.
 * Reference: Keras `Dense`, tfjs `layers.dense`.
 *
 * @example
 * const layer = dense({ units: 3, activation: 'relu' });
 * layer.apply(ones([2, 4])).shape; // → [2, 3]
 */
export class Dense extends Layer<Tensor> {
  static override readonly className: string = 'Dense';
  override supportsMasking = true;
  static override readonly argNames: readonly string[] = optionNames<Omit<DenseArgs, keyof LayerArgs>>()({
    units: true,
    activation: true,
    useBias: true,
    kernelInitializer: true,
    biasInitializer: true,
    kernelRegularizer: true,
    biasRegularizer: true,
  });
  readonly units: number;
  override readonly activation: Activation | undefined;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | undefined;
  readonly biasRegularizer: Regularizer | undefined;
  kernel?: Variable;
  bias?: Variable;

  constructor(args: DenseArgs) {
    super(args);
    this.units = positiveInt(this.kind, 'units', args.units);
    this.activation = resolveActivation(args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = resolveInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = resolveInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = optionalRegularizer(args.kernelRegularizer);
    this.biasRegularizer = optionalRegularizer(args.biasRegularizer);
    this.inputSpec = { minNdim: 2 };
  }

  override build(inputShape: Shape | Shape[]): void {
    const inDim = knownDim(this.name, singleShape(this.name, inputShape), -1);
    this.kernel = this.addWeight('kernel', [inDim, this.units], this.kernelInitializer, {
      regularizer: this.kernelRegularizer,
    });
    if (this.useBias)
      this.bias = this.addWeight('bias', [this.units], this.biasInitializer, { regularizer: this.biasRegularizer });
    this.inputSpec = { minNdim: 2, axes: { [-1]: inDim } };
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const y = x.rank === 2 ? matmul(x, this.kernel!) : matmulLastAxis(x, this.kernel!);
    return activate(this, y, this.bias);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this.name, inputShape);
    return [...s.slice(0, -1), this.units];
  }

  override getConfig(): DenseConfig {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: activationConfig(this.activation),
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer.getConfig(),
      biasInitializer: this.biasInitializer.getConfig(),
      kernelRegularizer: this.kernelRegularizer?.getConfig() ?? null,
      biasRegularizer: this.biasRegularizer?.getConfig() ?? null,
    };
  }
}

/**
 * `x · w` over x's last axis for any rank: one large 2-D product instead of a broadcast batch of small ones.
 * @example matmulLastAxis(ones([2, 3, 4]), ones([4, 5])).shape; // → [2, 3, 5]
 */
export function matmulLastAxis(x: Tensor, w: Tensor): Tensor {
  const lead = x.shape.slice(0, -1);
  const y = matmul(reshape(x, [-1, x.shape[x.rank - 1]!]), w);
  return reshape(y, [...lead, w.shape[1]!]);
}

/** Creates a {@link Dense} layer. @example dense({ units: 10, activation: 'softmax', inputShape: [784] }) */
export function dense(args: DenseArgs): Dense {
  return new Dense(args);
}
