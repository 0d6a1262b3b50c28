import { type Tensor, ValueError, type Variable, moments, normalizeAxes, reshape, optionNames } from '@rectify/tensor';
import {
  type Initializer,
  type InitializerConfig,
  type InitializerIdentifier,
  resolveInitializer,
} from '../../identifiers.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { finite, optionalRegularizer } from '../../options.js';
import type { Regularizer, RegularizerConfig, RegularizerIdentifier } from '../../regularizers.js';
import { type Shape, knownDim, singleShape } from '../../shape.js';
import { broadcastShape, normalize } from './normalize.js';

export interface LayerNormalizationArgs extends LayerArgs {
  /** The axis or axes normalized over, per sample; default -1. */
  axis?: number | readonly number[];
  /** Added to the variance; default 1e-3 (Keras). */
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
}

export interface LayerNormalizationConfig extends LayerConfig {
  axis: number[];
  epsilon: number;
  center: boolean;
  scale: boolean;
  betaInitializer: InitializerConfig;
  gammaInitializer: InitializerConfig;
  betaRegularizer: RegularizerConfig | null;
  gammaRegularizer: RegularizerConfig | null;
}

/**
 * Layer normalization: each sample is normalized over `axis` with its own mean and variance (the same in
 * training and inference), then scaled by gamma and shifted by beta.
 *
 * Shape: unchanged; gamma and beta have the sizes of the normalized axes.
 * Reference: Ba et al. 2016; Keras `LayerNormalization`.
 *
 * @example layerNormalization().apply(tensor([[1, 2, 3]])); // ≈ [[-1.22, 0, 1.22]]
 */
export class LayerNormalization extends Layer<Tensor> {
  static override readonly className: string = 'LayerNormalization';
  static override readonly argNames: readonly string[] = optionNames<Omit<LayerNormalizationArgs, keyof LayerArgs>>()({
    axis: true,
    epsilon: true,
    center: true,
    scale: true,
    betaInitializer: true,
    gammaInitializer: true,
    betaRegularizer: true,
    gammaRegularizer: true,
  });
  readonly axis: readonly number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly betaRegularizer: Regularizer | undefined;
  readonly gammaRegularizer: Regularizer | undefined;
  gamma?: Variable;
  beta?: Variable;

  constructor(args: LayerNormalizationArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    const list = typeof axis === 'number' ? [axis] : [...axis];
    if (list.length === 0 || !list.every(Number.isInteger)) {
      throw new ValueError(
        `${this.kind}: axis must be an integer or a non-empty list of them, received ${JSON.stringify(axis)}`,
      );
    }
    this.axis = list;
    this.epsilon = finite(this.kind, 'epsilon', args.epsilon ?? 1e-3, { positive: true });
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.betaInitializer = resolveInitializer(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = resolveInitializer(args.gammaInitializer ?? 'ones');
    this.betaRegularizer = optionalRegularizer(args.betaRegularizer);
    this.gammaRegularizer = optionalRegularizer(args.gammaRegularizer);
    this.inputSpec = { minNdim: 1 };
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(this.name, inputShape);
    const axes = normalizeAxes(this.name, this.axis, shape.length);
    const sizes = axes.map((a) => knownDim(this.name, shape, a));
    if (this.scale)
      this.gamma = this.addWeight('gamma', sizes, this.gammaInitializer, { regularizer: this.gammaRegularizer });
    if (this.center)
      this.beta = this.addWeight('beta', sizes, this.betaInitializer, { regularizer: this.betaRegularizer });
    this.inputSpec = { ndim: shape.length, axes: Object.fromEntries(axes.map((a, i) => [a, sizes[i]!])) };
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const axes = normalizeAxes(this.name, this.axis, x.rank);
    const shape = broadcastShape(
      x.rank,
      axes,
      axes.map((a) => x.shape[a]!),
    );
    const { mean, variance } = moments(x, axes, true);
    const param = (v: Variable | undefined) => v && reshape(v, shape);
    return normalize(x, mean, variance, this.epsilon, param(this.gamma), param(this.beta));
  }

  override getConfig(): LayerNormalizationConfig {
    return {
      ...super.getConfig(),
      axis: [...this.axis],
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: this.betaInitializer.getConfig(),
      gammaInitializer: this.gammaInitializer.getConfig(),
      betaRegularizer: this.betaRegularizer?.getConfig() ?? null,
      gammaRegularizer: this.gammaRegularizer?.getConfig() ?? null,
    };
  }
}

/** Creates a {@link LayerNormalization} layer. @example layerNormalization({ epsilon: 1e-5 }) */
export function layerNormalization(args: LayerNormalizationArgs = {}): LayerNormalization {
  return new LayerNormalization(args);
}
