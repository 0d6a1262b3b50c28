import { PRNGKey, type Tensor, ValueError, type Variable, add, dispose, matmul, mul, reshape } from '@rectify/tensor';
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
import type { LayerArgs, LayerConfig } from '../../layer.js';
import { RNNCell } from './rnn-cell.js';
import { optionalRegularizer, positiveInt, rate } from '../../options.js';
import type { Regularizer, RegularizerConfig, RegularizerIdentifier } from '../../regularizers.js';
import { type Shape, isShapeList, knownDim } from '../../shape.js';
import { dropoutMask, splitKey } from '../noise/seeded-layer.js';

/** The options every built-in cell shares (Keras names and defaults). */
export interface RNNCellArgs extends LayerArgs {
  /** Size of the hidden state (and of the output), a positive integer. */
  units: number;
  /** Default tanh. */
  activation?: ActivationIdentifier | 'linear' | null;
  /** Default true. */
  useBias?: boolean;
  /** Input-to-hidden weights; default glorotUniform. */
  kernelInitializer?: InitializerIdentifier;
  /** Hidden-to-hidden weights; default orthogonal. */
  recurrentInitializer?: InitializerIdentifier;
  /** Default zeros. */
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  recurrentRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  /** Fraction of the inputs dropped in training, one mask per sequence, in [0, 1). Default 0. */
  dropout?: number;
  /** Fraction of the previous state dropped before the recurrent product, one mask per sequence. Default 0. */
  recurrentDropout?: number;
  /** Makes the dropout masks reproducible. */
  seed?: number | null;
}

export interface RNNCellConfig extends LayerConfig {
  units: number;
  activation: ActivationConfig | 'linear';
  useBias: boolean;
  kernelInitializer: InitializerConfig;
  recurrentInitializer: InitializerConfig;
  biasInitializer: InitializerConfig;
  kernelRegularizer: RegularizerConfig | null;
  recurrentRegularizer: RegularizerConfig | null;
  biasRegularizer: RegularizerConfig | null;
  dropout: number;
  recurrentDropout: number;
  seed: number | null;
}

/**
 * The built-in cells' shared part: `units`, the input, recurrent and bias weights, their initializers and
 * regularizers, and dropout on the inputs and on the recurrent state (one mask per sequence, as Keras).
 * @example class MinimalCell extends DenseCell { protected get gates() { return 1; } step(p, [h]) { const n = add(p, matmul(h, this.recurrentKernel!)); return [n, n]; } }
 */
export abstract class DenseCell extends RNNCell {
  readonly units: number;
  override readonly activation: Activation | undefined;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | undefined;
  readonly recurrentRegularizer: Regularizer | undefined;
  readonly biasRegularizer: Regularizer | undefined;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly seed: number | null;
  kernel?: Variable;
  recurrentKernel?: Variable;
  bias?: Variable;
  /** The masks of the current sequence (training only). */
  private inputMask: Tensor | undefined;
  private stateMask: Tensor | undefined;
  private key: PRNGKey | undefined;

  constructor(args: RNNCellArgs) {
    super(args);
    this.units = positiveInt(this.kind, 'units', args.units);
    this.activation = resolveActivation(args.activation === undefined ? 'tanh' : args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = resolveInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.recurrentInitializer = resolveInitializer(args.recurrentInitializer ?? 'orthogonal');
    this.biasInitializer = resolveInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = optionalRegularizer(args.kernelRegularizer);
    this.recurrentRegularizer = optionalRegularizer(args.recurrentRegularizer);
    this.biasRegularizer = optionalRegularizer(args.biasRegularizer);
    this.dropout = rate(this.kind, 'dropout', args.dropout ?? 0);
    this.recurrentDropout = rate(this.kind, 'recurrentDropout', args.recurrentDropout ?? 0);
    const seed = args.seed ?? null;
    if (seed !== null && !Number.isInteger(seed))
      throw new ValueError(`${this.kind}: seed must be an integer, received ${String(seed)}`);
    this.seed = seed;
    this.key = seed === null ? undefined : PRNGKey.fromSeed(seed);
  }

  /** How many blocks of `units` the kernels hold (1 SimpleRNN, 3 GRU, 4 LSTM). */
  protected abstract get gates(): number;

  get stateSize(): number[] {
    return [this.units];
  }

  get outputSize(): number {
    return this.units;
  }

  /** The bias's shape and initializer; GRU with `resetAfter` and LSTM with `unitForgetBias` differ. */
  protected biasSpec(): { shape: number[]; init: InitializerIdentifier } {
    return { shape: [this.gates * this.units], init: this.biasInitializer };
  }

  override build(inputShape: Shape | Shape[]): void {
    const xShape = isShapeList(inputShape) ? inputShape[0]! : inputShape;
    const inDim = knownDim(this.name, xShape, -1);
    const width = this.gates * this.units;
    this.kernel = this.addWeight('kernel', [inDim, width], this.kernelInitializer, {
      regularizer: this.kernelRegularizer,
    });
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, width], this.recurrentInitializer, {
      regularizer: this.recurrentRegularizer,
    });
    if (this.useBias) {
      const { shape, init } = this.biasSpec();
      this.bias = this.addWeight('bias', shape, init, { regularizer: this.biasRegularizer });
    }
    super.build(inputShape);
  }

  /** `x·kernel + bias` for `[n, features]` rows: the part of a step that does not depend on the state. */
  project(x: Tensor): Tensor {
    const z = matmul(x, this.kernel!);
    return this.bias ? add(z, this.inputBias(this.bias)) : z;
  }

  /** The bias added to the input projection (GRU with `resetAfter` keeps a second one for the recurrent part). */
  protected inputBias(bias: Tensor): Tensor {
    return bias;
  }

  override beginSequence(batch: number, inputDim: number, training: boolean): void {
    this.endSequence();
    if (!training) return;
    if (this.dropout > 0) this.inputMask = dropoutMask([batch, inputDim], this.dropout, this.nextKey());
    if (this.recurrentDropout > 0)
      this.stateMask = dropoutMask([batch, this.units], this.recurrentDropout, this.nextKey());
  }

  override endSequence(): void {
    dispose([this.inputMask, this.stateMask].filter((m): m is Tensor => m !== undefined));
    this.inputMask = undefined;
    this.stateMask = undefined;
  }

  override dropInputs(x: Tensor): Tensor {
    const m = this.inputMask;
    if (!m) return x;
    return x.rank === 3 ? mul(x, reshape(m, [m.shape[0]!, 1, m.shape[1]!])) : mul(x, m);
  }

  /** The previous state as the recurrent product sees it (recurrent dropout). */
  protected dropState(h: Tensor): Tensor {
    return this.stateMask ? mul(h, this.stateMask) : h;
  }

  private nextKey(): PRNGKey | undefined {
    const [next, use] = splitKey(this.key);
    this.key = next;
    return use;
  }

  override getConfig(): RNNCellConfig {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: activationConfig(this.activation),
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer.getConfig(),
      recurrentInitializer: this.recurrentInitializer.getConfig(),
      biasInitializer: this.biasInitializer.getConfig(),
      kernelRegularizer: this.kernelRegularizer?.getConfig() ?? null,
      recurrentRegularizer: this.recurrentRegularizer?.getConfig() ?? null,
      biasRegularizer: this.biasRegularizer?.getConfig() ?? null,
      dropout: this.dropout,
      recurrentDropout: this.recurrentDropout,
      seed: this.seed,
    };
  }
}
