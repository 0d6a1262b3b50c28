import { callbacks, type LayersModel } from 'rectify';
import { activationStats } from '@rectify/activations';
import { tidy, type Tensor } from '@rectify/tensor';
import { histogramCounts } from '../plot/histogram.js';

/** What `rectify inspect` reports for one layer with an activation, measured on one batch. */
export interface LayerDiagnostics {
  readonly layer: string;
  readonly activation: string;
  readonly units: number;
  /** Mean over units of the fraction of samples where the unit is active. */
  readonly fractionActive: number;
  /** Units active for no sample of the batch. */
  readonly deadUnits: number;
  /** Fraction of (sample, unit) pairs where |f'(z)| < 1e-3. */
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
 * Per-layer diagnostics on a batch: ActivationMonitor's figures (activity, dead units, saturation, gradient
 * norm) plus the output moments and a histogram of the output values, from the pre-activations each layer keeps
 * while `capturePreActivation` is on.
 *
 * @example
 * const rows = diagnose(model, xBatch, yBatch);
 * rows[0].deadUnits; // e.g. 3
 */
export function diagnose(model: LayersModel, x: Tensor, y: Tensor): LayerDiagnostics[] {
  const monitor = new callbacks.ActivationMonitor({ probe: { x, y } });
  monitor.setModel(model);
  const record = monitor.record(-1);
  const watched = model.layers.filter((l) => l.activation !== undefined && record.layers[l.name] !== undefined);
  for (const l of watched) l.capturePreActivation = true;
  try {
    tidy(() => void model.predict(x, { batchSize: x.shape[0]! }));
    return watched.map((l) => {
      const r = record.layers[l.name]!;
      const pre = l.lastPreActivation!;
      const stats = activationStats(pre, l.activation!);
      const values = tidy(() => l.activation!.apply(pre).dataSync() as Float32Array);
      let min = Infinity;
      let max = -Infinity;
      for (const v of values) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (!(max > min)) [min, max] = [min - 0.5, min + 0.5];
      return {
        layer: l.name,
        activation: r.activation,
        units: r.units,
        fractionActive: r.fractionActive,
        deadUnits: r.deadUnits,
        fractionSaturated: r.fractionSaturated,
        mean: stats.overall.mean,
        variance: stats.overall.variance,
        gradNorm: r.gradNorm,
        histogram: { min, max, counts: histogramCounts(values, BINS, min, max) },
      };
    });
  } finally {
    for (const l of watched) {
      l.capturePreActivation = false;
      l.lastPreActivation?.dispose();
      l.lastPreActivation = undefined;
    }
  }
}
