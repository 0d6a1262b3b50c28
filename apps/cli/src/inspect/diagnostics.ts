import { type LayerActivity, type LayersModel, type Tensor, layerActivity } from '@rectify/rectify';
import { histogramCounts } from '@rectify/plot';

/** What `rectify inspect` reports for one layer with an activation: `layerActivity`'s figures and a histogram. */
export interface LayerDiagnostics extends Omit<LayerActivity, 'outputs'> {
  /** The output values binned, for the plot. */
  readonly histogram: { readonly min: number; readonly max: number; readonly counts: readonly number[] };
}

const BINS = 40;

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
 * Per-layer diagnostics on one batch (`layerActivity`: activity, dead units, saturation, output moments, kernel
 * gradient norm — NaN for a model saved without its loss), with each layer's outputs binned for a histogram.
 *
 * @example
 * const rows = diagnose(model, xBatch, yBatch);
 * rows[0].deadUnits; // e.g. 3
 */
export function diagnose(model: LayersModel, x: Tensor, y: Tensor): LayerDiagnostics[] {
  const rows = layerActivity(model, x, model.compiled ? y : undefined, { outputs: true });
  return rows.map(({ outputs, ...figures }) => {
    const [min, max] = range(outputs!);
    return { ...figures, histogram: { min, max, counts: histogramCounts(outputs!, BINS, min, max) } };
  });
}
