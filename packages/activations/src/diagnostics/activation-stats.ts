import { stopGradient } from '@rectify/autograd';
import {
  type TensorLike,
  ShapeError,
  ValueError,
  abs,
  cast,
  fmtShape,
  greater,
  greaterEqual,
  less,
  mean,
  moments,
  reshape,
  stack,
  tidy,
  toTensor,
} from '@rectify/tensor';
import { type ActivationIdentifier, get } from '../registry.js';

/**
 * The options of {@link activationStats}.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { activationStats } from '@rectify/activations';
 * const stats = activationStats(tensor([[-10, 0.5], [-12, 0.2]]), 'sigmoid', { saturationThreshold: 1e-3 });
 * stats.overall.fractionSaturated; // → 0.5
 * ```
 */
export interface ActivationStatsOptions {
  /** |f'(x)| below this counts as saturated (no gradient gets through). Default 1e−3. */
  readonly saturationThreshold?: number;
}

/**
 * What {@link activationStats} reports: per unit (the last axis) and over the whole batch.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { activationStats } from '@rectify/activations';
 * const stats = activationStats(tensor([[-1, 2], [-3, 4]]), 'relu');
 * [stats.units, stats.samples, stats.perUnit.dead, stats.overall.deadFraction]; // → [2, 2, [ true, false ], 0.5]
 * ```
 */
export interface ActivationStats {
  /** The activation's name. */
  readonly activation: string;
  /** Size of the last axis. */
  readonly units: number;
  /** Product of every other axis: the batch (and, for images, the positions). */
  readonly samples: number;
  readonly perUnit: {
    /** Fraction of samples where the unit is active (see {@link activationStats} for what "active" means). */
    readonly fractionActive: Float32Array;
    /** Units never active over the whole batch: dead ReLUs, or sigmoid/tanh units stuck in saturation. */
    readonly dead: boolean[];
    /** Fraction of samples where |f'(x)| < saturationThreshold. */
    readonly fractionSaturated: Float32Array;
    /** Mean and (population) variance of the unit's output over the batch. */
    readonly mean: Float32Array;
    readonly variance: Float32Array;
    /** Mean of f'(x) over the batch: how much gradient the unit lets through on average. */
    readonly meanDerivative: Float32Array;
  };
  readonly overall: {
    readonly fractionActive: number;
    readonly deadUnits: number;
    readonly deadFraction: number;
    readonly fractionSaturated: number;
    /** Mean and variance of every output value together. */
    readonly mean: number;
    readonly variance: number;
    readonly meanDerivative: number;
  };
}

/**
 * How an activation behaves on a batch of pre-activations: sparsity, dead units, saturation, output moments and
 * the mean derivative — per unit and overall. The last axis holds the units; every other axis is batch.
 *
 * "Active": for the ReLU family (`properties.reluFamily`: relu, leakyRelu, elu, gelu, swish …) the output is > 0;
 * for every other activation (sigmoid, tanh, softplus, linear …) |f'(x)| ≥ saturationThreshold, i.e. not saturated.
 * "Dead": active for no sample. "Saturated": |f'(x)| < saturationThreshold (default 1e−3) — for a ReLU that is
 * every negative input. For softmax and logSoftmax, f' is the Jacobian's diagonal.
 *
 * Computed with tensor ops inside `tidy`, so it runs on any backend; only the five per-unit rows are read back.
 * Overall figures combine them exactly (every unit has the same number of samples; the overall variance is the
 * mean of the per-unit variances plus the variance of the per-unit means).
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { activationStats } from '@rectify/activations';
 * const s = activationStats(tensor([[-1, 2], [-3, 4]]), 'relu');
 * [s.perUnit.dead, s.overall.fractionActive]; // → [[ true, false ], 0.5]
 * ```
 */
export function activationStats(
  preActivations: TensorLike,
  activation: ActivationIdentifier,
  options: ActivationStatsOptions = {},
): ActivationStats {
  const where = 'activationStats';
  const x = toTensor(preActivations, 'preActivations', where);
  const threshold = options.saturationThreshold ?? 1e-3;
  if (typeof threshold !== 'number' || !(threshold > 0) || !Number.isFinite(threshold)) {
    throw new ValueError(
      `${where}: saturationThreshold must be a positive finite number, received ${String(threshold)}`,
    );
  }
  if (x.rank === 0)
    throw new ShapeError(`${where}: preActivations must have rank >= 1 (units on the last axis), received shape []`);
  const units = x.shape[x.rank - 1]!;
  const samples = x.size / Math.max(units, 1);
  if (units === 0 || samples === 0) {
    throw new ShapeError(
      `${where}: preActivations must hold at least one sample of one unit, received shape ${fmtShape(x.shape)}`,
    );
  }
  const act = get(activation);
  // stopGradient rather than noGrad: an enclosing tape must not record these ops, but a wrapped plain function
  // still needs autograd for its derivative, and noGrad would silence that too.
  const rows = tidy(() => {
    const x2 = reshape(stopGradient(x.dtype === 'float32' ? x : cast(x, 'float32')), [samples, units]);
    const y = act.apply(x2);
    const d = act.derivative(x2);
    const slope = abs(d);
    const active = act.properties.reluFamily ? greater(y, 0) : greaterEqual(slope, threshold);
    const m = moments(y, 0);
    return stack([
      mean(cast(active, 'float32'), 0),
      mean(cast(less(slope, threshold), 'float32'), 0),
      m.mean,
      m.variance,
      mean(d, 0),
    ]).dataSync() as Float32Array;
  });
  const row = (i: number) => rows.slice(i * units, (i + 1) * units);
  const perUnit = {
    fractionActive: row(0),
    dead: Array.from(row(0), (f) => f === 0),
    fractionSaturated: row(1),
    mean: row(2),
    variance: row(3),
    meanDerivative: row(4),
  };
  const avg = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / units;
  const overallMean = avg(perUnit.mean);
  const spread = perUnit.mean.reduce((s, v) => s + (v - overallMean) ** 2, 0) / units;
  const deadUnits = perUnit.dead.filter(Boolean).length;
  return {
    activation: act.name,
    units,
    samples,
    perUnit,
    overall: {
      fractionActive: avg(perUnit.fractionActive),
      deadUnits,
      deadFraction: deadUnits / units,
      fractionSaturated: avg(perUnit.fractionSaturated),
      mean: overallMean,
      variance: avg(perUnit.variance) + spread,
      meanDerivative: avg(perUnit.meanDerivative),
    },
  };
}
