import { activationStats } from '@rectify/activations';
import type { Layer } from '@rectify/layers';
import { sqrt, square, sum, tidy, variableGrads, type LayersModel, type Tensor } from '@rectify/rectify';
import { histogramCounts } from '@rectify/plot';

/** What `rectify inspect` reports for one layer with an activation, measured on one batch. */
export interface LayerDiagnostics {
  readonly layer: string;
  readonly activation: string;
  readonly units: number;
  /** Mean over units of the fraction of samples where the unit is active. */
  readonly fractionActive: number;
  /** Units active for no sample of the batch (dead ReLUs, saturated sigmoid/tanh units). */
  readonly deadUnits: number;
  /** Fraction of (sample, unit) pairs where |f'(z)| < 1e-3: no gradient gets through. */
  readonly fractionSaturated: number;
  /** Mean and variance of the layer's output (after the activation). */
  readonly mean: number;
  readonly variance: number;
  /** ‖∂loss/∂kernel‖ on the batch. */
  readonly gradNorm: number;
  /** The output values binned, for the plot. */
  readonly histogram: { readonly min: number; readonly max: number; readonly counts: readonly number[] };
}

const BINS = 40;

/**
 * Every layer with a non-linear activation, depth first — sublayers included, so that the feed-forward layers
 * inside a transformer block are measured too (ActivationMonitor looks at top-level layers only).
 */
export function activationLayers(layers: readonly Layer[]): Layer[] {
  return layers.flatMap((l) => [
    ...(l.activation && l.activation.name !== 'linear' ? [l] : []),
    ...activationLayers(l.sublayers),
  ]);
}

function range(values: Float32Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max > min ? [min, max] : [min - 0.5, min + 0.5];
}

/**
 * Per-layer diagnostics on one batch: activity, dead units and saturation from `activationStats` on the
 * pre-activations each layer keeps while `capturePreActivation` is on, the output moments and histogram, and the
 * norm of the loss gradient with respect to the layer's kernel.
 *
 * @example
 * const rows = diagnose(model, xBatch, yBatch);
 * rows[0].deadUnits; // e.g. 3
 */
export function diagnose(model: LayersModel, x: Tensor, y: Tensor): LayerDiagnostics[] {
  const watched = activationLayers(model.layers);
  const loss = model.compiled?.losses[0];
  for (const l of watched) l.capturePreActivation = true;
  try {
    const norms = new Map<string, number>();
    tidy(() => {
      const forward = () => model.run([x], false)[0]!;
      if (loss === undefined) return void forward();
      const { grads } = variableGrads(() => loss(y, forward()), model.trainableWeights);
      for (const [name, g] of Object.entries(grads)) norms.set(name, sqrt(sum(square(g))).item());
    });
    // Recurrent layers carry an activation but apply it inside their time loop, so they record no single
    // pre-activation tensor; they are left out rather than measured on something else.
    return watched.flatMap((l): LayerDiagnostics[] => {
      const pre = l.lastPreActivation;
      if (pre === undefined) return [];
      const stats = activationStats(pre, l.activation!);
      const values = tidy(() => Float32Array.from(l.activation!.apply(pre).dataSync()));
      const [min, max] = range(values);
      const kernel = l.trainableWeights.find((w) => w.name.endsWith('/kernel')) ?? l.trainableWeights[0];
      const row: LayerDiagnostics = {
        layer: l.name,
        activation: stats.activation,
        units: stats.units,
        fractionActive: stats.overall.fractionActive,
        deadUnits: stats.overall.deadUnits,
        fractionSaturated: stats.overall.fractionSaturated,
        mean: stats.overall.mean,
        variance: stats.overall.variance,
        gradNorm: kernel ? (norms.get(kernel.name) ?? NaN) : NaN,
        histogram: { min, max, counts: histogramCounts(values, BINS, min, max) },
      };
      return [row];
    });
  } finally {
    for (const l of watched) {
      l.capturePreActivation = false;
      l.lastPreActivation?.dispose();
      l.lastPreActivation = undefined;
    }
  }
}
