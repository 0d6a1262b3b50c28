import { type Tensor, ValueError, add, mul, optionNames } from '@rectify/tensor';
import {
  type Activation,
  type ActivationConfig,
  type ActivationIdentifier,
  type InitializerConfig,
  type InitializerIdentifier,
  activationConfig,
  offsetSeed,
  resolveActivation,
  resolveInitializer,
} from '../../identifiers.js';
import { Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { finite, positiveInt, rate } from '../../options.js';
import { type Shape, knownDim, singleShape } from '../../shape.js';
import { Dense } from '../core/dense.js';
import { Dropout } from '../core/dropout.js';
import { LayerNormalization } from '../normalization/layer-normalization.js';
import { type GatedFeedForwardName, gatedFeedForward } from './gated-feed-forward.js';
import { type AttentionCallArgs, MultiHeadAttention } from './multi-head-attention.js';

export interface TransformerEncoderArgs extends LayerArgs {
  numHeads: number;
  /** Width of the feed-forward network's hidden layer. */
  intermediateDim: number;
  /** Size of each attention head; default ⌊hidden / numHeads⌋. */
  keyDim?: number | null;
  /**
   * The feed-forward activation: 'relu' (default), 'gelu', 'swish', … any activation identifier, or a gated
   * feed-forward network 'geglu' / 'swiglu' / 'reglu' (`act(x·W) ⊙ (x·V)`, Shazeer 2020).
   */
  activation?: ActivationIdentifier | GatedFeedForwardName;
  /** Gate the feed-forward network: `act(x·W) ⊙ (x·V)`, with a second `intermediateDim`-wide projection V. */
  gated?: boolean;
  /** Causal self-attention: position i attends only to positions 0..i, so the block can model language. */
  causal?: boolean;
  /** Dropout rate after attention and feed-forward (and on attention weights); default 0. */
  dropout?: number;
  /** Seed for the dropouts (they use seed, seed + 1, seed + 2). */
  seed?: number | null;
  /** Pre-norm (normalize before each sublayer, as GPT-2) instead of post-norm (after the residual, as BERT). Default false. */
  normFirst?: boolean;
  /** Layer-normalization epsilon; default 1e-5. */
  epsilon?: number;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
}

export interface TransformerEncoderConfig extends LayerConfig {
  numHeads: number;
  intermediateDim: number;
  keyDim: number | null;
  activation: ActivationConfig | 'linear';
  gated: boolean;
  causal: boolean;
  dropout: number;
  seed: number | null;
  normFirst: boolean;
  epsilon: number;
  kernelInitializer: InitializerConfig;
  biasInitializer: InitializerConfig;
}

interface Sublayers {
  attention: MultiHeadAttention;
  attentionNorm: LayerNormalization;
  attentionDropout: Dropout;
  intermediate: Dense;
  gate?: Dense;
  output: Dense;
  feedForwardNorm: LayerNormalization;
  feedForwardDropout: Dropout;
}

/**
 * One transformer encoder block: self-attention and a two-layer feed-forward network, each wrapped in dropout, a
 * residual connection and layer normalization — before the sublayer (`normFirst`) or after the residual. With
 * `causal: true` it is a decoder-only (GPT) block: position i sees positions 0..i only, so a `sequential` stack of
 * them is a language model. A gated feed-forward (`activation: 'geglu'`) computes `act(x·W) ⊙ (x·V)`.
 *
 * Shape: `[B, T, hidden]` → `[B, T, hidden]`.
 * Reference: Vaswani et al. 2017; Xiong et al. 2020 (pre-norm); KerasNLP `TransformerEncoder`.
 *
 * @example
 * const x = ones([2, 5, 8]); // [batch, time, features]
 * transformerEncoder({ numHeads: 2, intermediateDim: 32, activation: 'gelu' }).apply(x).shape; // → [2, 5, 8]
 */
export class TransformerEncoder extends Layer<Tensor> {
  static override readonly className: string = 'TransformerEncoder';
  static override readonly argNames: readonly string[] = optionNames<Omit<TransformerEncoderArgs, keyof LayerArgs>>()({
    numHeads: true,
    intermediateDim: true,
    keyDim: true,
    activation: true,
    gated: true,
    causal: true,
    dropout: true,
    seed: true,
    normFirst: true,
    epsilon: true,
    kernelInitializer: true,
    biasInitializer: true,
  });
  readonly numHeads: number;
  readonly intermediateDim: number;
  readonly keyDim: number | null;
  /** The feed-forward activation (applied by the `intermediate` Dense sublayer, which diagnostics can watch). */
  readonly feedForwardActivation: Activation | undefined;
  readonly gated: boolean;
  readonly causal: boolean;
  readonly dropout: number;
  readonly seed: number | null;
  readonly normFirst: boolean;
  readonly epsilon: number;
  private readonly initializers: { kernel: InitializerConfig; bias: InitializerConfig };
  parts?: Sublayers;

  constructor(args: TransformerEncoderArgs) {
    super(args);
    this.numHeads = positiveInt(this.kind, 'numHeads', args.numHeads);
    this.intermediateDim = positiveInt(this.kind, 'intermediateDim', args.intermediateDim);
    this.keyDim = args.keyDim == null ? null : positiveInt(this.kind, 'keyDim', args.keyDim);
    const gatedName = gatedFeedForward(args.activation);
    this.feedForwardActivation = resolveActivation(gatedName ?? args.activation ?? 'relu');
    this.gated = args.gated ?? gatedName !== undefined;
    if (gatedName !== undefined && !this.gated)
      throw new ValueError(
        `${this.kind}: activation '${String(args.activation)}' is a gated network; gated cannot be false`,
      );
    this.causal = args.causal ?? false;
    this.dropout = rate(this.kind, 'dropout', args.dropout ?? 0);
    const seed = args.seed ?? null;
    if (seed !== null && !Number.isInteger(seed))
      throw new ValueError(`${this.kind}: seed must be an integer, received ${String(seed)}`);
    this.seed = seed;
    this.normFirst = args.normFirst ?? false;
    this.epsilon = finite(this.kind, 'epsilon', args.epsilon ?? 1e-5, { positive: true });
    this.initializers = {
      kernel: resolveInitializer(args.kernelInitializer ?? 'glorotUniform').getConfig(),
      bias: resolveInitializer(args.biasInitializer ?? 'zeros').getConfig(),
    };
    this.inputSpec = { ndim: 3 };
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(this.name, inputShape);
    const hidden = knownDim(this.name, shape, -1);
    const keyDim = this.keyDim ?? Math.floor(hidden / this.numHeads);
    if (keyDim < 1)
      throw new ValueError(
        `${this.name}: hidden size ${hidden} is smaller than numHeads ${this.numHeads}; pass keyDim`,
      );
    const n = (part: string) => `${this.name}/${part}`;
    const seed = (i: number) => (this.seed === null ? null : this.seed + i);
    const init = (i: number) => ({
      kernelInitializer: offsetSeed(this.initializers.kernel, i),
      biasInitializer: offsetSeed(this.initializers.bias, i),
    });
    const s: Sublayers = {
      attention: new MultiHeadAttention({
        name: n('self_attention'),
        numHeads: this.numHeads,
        keyDim,
        dropout: this.dropout,
        seed: seed(0),
        ...init(0),
      }),
      attentionNorm: new LayerNormalization({ name: n('self_attention_norm'), epsilon: this.epsilon }),
      attentionDropout: new Dropout({ name: n('self_attention_dropout'), rate: this.dropout, seed: seed(1) }),
      intermediate: new Dense({
        name: n('intermediate'),
        units: this.intermediateDim,
        activation: this.feedForwardActivation,
        ...init(10),
      }),
      ...(this.gated && { gate: new Dense({ name: n('gate'), units: this.intermediateDim, ...init(12) }) }),
      output: new Dense({ name: n('output'), units: hidden, ...init(11) }),
      feedForwardNorm: new LayerNormalization({ name: n('feedforward_norm'), epsilon: this.epsilon }),
      feedForwardDropout: new Dropout({ name: n('feedforward_dropout'), rate: this.dropout, seed: seed(2) }),
    };
    for (const layer of Object.values(s)) this.trackLayer(layer);
    s.attention.maybeBuild(shape);
    s.attentionNorm.maybeBuild(shape);
    s.intermediate.maybeBuild(shape);
    s.gate?.maybeBuild(shape);
    s.output.maybeBuild([...shape.slice(0, -1), this.intermediateDim]);
    s.feedForwardNorm.maybeBuild(shape);
    this.parts = s;
    this.inputSpec = { ndim: 3, axes: { [-1]: hidden } };
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], args: AttentionCallArgs): Tensor {
    const s = this.parts!;
    const training = args.training ?? false;
    const run = (l: Layer<Tensor>, x: Tensor) => l.apply(x, { training });
    const attend = (x: Tensor) =>
      s.attention.apply(x, { training, mask: args.mask, useCausalMask: this.causal || args.useCausalMask });
    // Gated: the activated half stays an ordinary Dense with its activation, so diagnostics and exporters see it.
    const hidden = (x: Tensor) => (s.gate ? mul(run(s.intermediate, x), run(s.gate, x)) : run(s.intermediate, x));
    const feedForward = (x: Tensor) => run(s.output, hidden(x));
    const x = this.residual(singleInput(this, inputs), s.attentionNorm, (h) => run(s.attentionDropout, attend(h)));
    return this.residual(x, s.feedForwardNorm, (h) => run(s.feedForwardDropout, feedForward(h)));
  }

  /** `x + f(norm(x))` when normFirst, else `norm(x + f(x))`. */
  private residual(x: Tensor, norm: LayerNormalization, f: (h: Tensor) => Tensor): Tensor {
    if (this.normFirst) return add(x, f(norm.apply(x)));
    return norm.apply(add(x, f(x)));
  }

  override getConfig(): TransformerEncoderConfig {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      intermediateDim: this.intermediateDim,
      keyDim: this.keyDim,
      activation: activationConfig(this.feedForwardActivation),
      gated: this.gated,
      causal: this.causal,
      dropout: this.dropout,
      seed: this.seed,
      normFirst: this.normFirst,
      epsilon: this.epsilon,
      kernelInitializer: this.initializers.kernel,
      biasInitializer: this.initializers.bias,
    };
  }
}

/** Creates a {@link TransformerEncoder} block. @example transformerEncoder({ numHeads: 4, intermediateDim: 128, normFirst: true }) */
export function transformerEncoder(args: TransformerEncoderArgs): TransformerEncoder {
  return new TransformerEncoder(args);
}

/**
 * A causal (decoder-only, GPT-style) block: {@link TransformerEncoder} with `causal: true` and pre-norm by default.
 * @example transformerDecoder({ numHeads: 4, intermediateDim: 512, activation: 'geglu' })
 */
export function transformerDecoder(args: Omit<TransformerEncoderArgs, 'causal'>): TransformerEncoder {
  return new TransformerEncoder({ normFirst: true, ...args, causal: true });
}
