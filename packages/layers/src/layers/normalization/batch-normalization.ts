import { noGrad } from '@rectify/autograd';
import {
  type Tensor,
  ValueError,
  type Variable,
  add,
  moments,
  mul,
  normalizeAxis,
  reshape,
  tidy,
  optionNames,
} from '@rectify/tensor';
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

export interface BatchNormalizationArgs extends LayerArgs {
  /** The feature (channel) axis; default -1. */
  axis?: number;
  /** Weight of the old value in the moving averages; default 0.99. */
  momentum?: number;
  /** Added to the variance; default 1e-3. */
  epsilon?: number;
  /** Learn an offset beta; default true. */
  center?: boolean;
  /** Learn a scale gamma; default true. */
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  movingMeanInitializer?: InitializerIdentifier;
  movingVarianceInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
}

export interface BatchNormalizationConfig extends LayerConfig {
  axis: number;
  momentum: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
  betaInitializer: InitializerConfig;
  gammaInitializer: InitializerConfig;
  movingMeanInitializer: InitializerConfig;
  movingVarianceInitializer: InitializerConfig;
  betaRegularizer: RegularizerConfig | null;
  gammaRegularizer: RegularizerConfig | null;
}

/**
 * Batch normalization. Training (`{training: true}` on a trainable layer): normalizes with the batch's mean and
 * (biased) variance over every axis but `axis`, and updates the moving statistics
 * `moving = moving · momentum + batch · (1 − momentum)`. Inference: normalizes with the moving statistics.
 * A frozen layer (`trainable = false`) always runs in inference mode, as in Keras.
 *
 * Shape: unchanged; gamma, beta, movingMean, movingVariance `[channels]` (the last two non-trainable).
 * Reference: Ioffe & Szegedy 2015; Keras `BatchNormalization`.
 *
 * @example batchNormalization().apply(tensor([[1], [3]]), { training: true }); // → [[-0.9995003], [0.9995003]]
 */
export class BatchNormalization extends Layer<Tensor> {
  static override readonly className: string = 'BatchNormalization';
  static override readonly argNames: readonly string[] = optionNames<Omit<BatchNormalizationArgs, keyof LayerArgs>>()({
    axis: true,
    momentum: true,
    epsilon: true,
    center: true,
    scale: true,
    betaInitializer: true,
    gammaInitializer: true,
    movingMeanInitializer: true,
    movingVarianceInitializer: true,
    betaRegularizer: true,
    gammaRegularizer: true,
  });
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private readonly inits: Record<'beta' | 'gamma' | 'movingMean' | 'movingVariance', Initializer>;
  readonly betaRegularizer: Regularizer | undefined;
  readonly gammaRegularizer: Regularizer | undefined;
  gamma?: Variable;
  beta?: Variable;
  movingMean?: Variable;
  movingVariance?: Variable;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis))
      throw new ValueError(`${this.kind}: axis must be an integer, received ${String(axis)}`);
    this.axis = axis;
    this.momentum = finite(this.kind, 'momentum', args.momentum ?? 0.99);
    if (this.momentum < 0 || this.momentum > 1)
      throw new ValueError(`${this.kind}: momentum must be in [0, 1], received ${this.momentum}`);
    this.epsilon = finite(this.kind, 'epsilon', args.epsilon ?? 1e-3, { positive: true });
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.inits = {
      beta: resolveInitializer(args.betaInitializer ?? 'zeros'),
      gamma: resolveInitializer(args.gammaInitializer ?? 'ones'),
      movingMean: resolveInitializer(args.movingMeanInitializer ?? 'zeros'),
      movingVariance: resolveInitializer(args.movingVarianceInitializer ?? 'ones'),
    };
    this.betaRegularizer = optionalRegularizer(args.betaRegularizer);
    this.gammaRegularizer = optionalRegularizer(args.gammaRegularizer);
    this.inputSpec = { minNdim: 1 };
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(this.name, inputShape);
    const axis = normalizeAxis(this.name, this.axis, shape.length);
    const c = knownDim(this.name, shape, axis);
    if (this.scale) this.gamma = this.addWeight('gamma', [c], this.inits.gamma, { regularizer: this.gammaRegularizer });
    if (this.center) this.beta = this.addWeight('beta', [c], this.inits.beta, { regularizer: this.betaRegularizer });
    this.movingMean = this.addWeight('moving_mean', [c], this.inits.movingMean, { trainable: false });
    this.movingVariance = this.addWeight('moving_variance', [c], this.inits.movingVariance, { trainable: false });
    this.inputSpec = { ndim: shape.length, axes: { [axis]: c } };
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], { training = false }: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    const axis = normalizeAxis(this.name, this.axis, x.rank);
    const shape = broadcastShape(x.rank, [axis], [x.shape[axis]!]);
    const param = (v: Variable | undefined) => v && reshape(v, shape);
    if (!(training && this.trainable)) {
      return normalize(
        x,
        param(this.movingMean)!,
        param(this.movingVariance)!,
        this.epsilon,
        param(this.gamma),
        param(this.beta),
      );
    }
    const batch = moments(
      x,
      x.shape.map((_, i) => i).filter((i) => i !== axis),
      true,
    );
    this.updateMovingStatistics(batch.mean, batch.variance);
    return normalize(x, batch.mean, batch.variance, this.epsilon, param(this.gamma), param(this.beta));
  }

  /** An exponential moving average, outside any gradient tape. */
  private updateMovingStatistics(mean: Tensor, variance: Tensor): void {
    const m = this.momentum;
    noGrad(() =>
      tidy(() => {
        const c = [mean.size];
        this.movingMean!.assign(add(mul(this.movingMean!, m), mul(reshape(mean, c), 1 - m)));
        this.movingVariance!.assign(add(mul(this.movingVariance!, m), mul(reshape(variance, c), 1 - m)));
      }),
    );
  }

  override getConfig(): BatchNormalizationConfig {
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: this.inits.beta.getConfig(),
      gammaInitializer: this.inits.gamma.getConfig(),
      movingMeanInitializer: this.inits.movingMean.getConfig(),
      movingVarianceInitializer: this.inits.movingVariance.getConfig(),
      betaRegularizer: this.betaRegularizer?.getConfig() ?? null,
      gammaRegularizer: this.gammaRegularizer?.getConfig() ?? null,
    };
  }
}

/** Creates a {@link BatchNormalization} layer. @example batchNormalization({ momentum: 0.9 }) */
export function batchNormalization(args: BatchNormalizationArgs = {}): BatchNormalization {
  return new BatchNormalization(args);
}
