import * as rf from '@rectify/rectify';

/** One watched layer's figures at one moment of training: rf.layerActivity's, with the spread as a std. */
export interface LayerProbe {
  readonly name: string;
  readonly units: number;
  /** Mean over units of the fraction of probe examples where the unit is active. */
  readonly fractionActive: number;
  /** Units active for no probe example: dead ReLUs, or saturated sigmoid/tanh units. */
  readonly deadUnits: number;
  /** Mean and standard deviation of the layer's outputs over the probe batch. */
  readonly mean: number;
  readonly std: number;
  /** ‖∂loss/∂kernel‖ on the probe batch. */
  readonly gradNorm: number;
}

/**
 * Measures the named layers of a compiled model on one batch with rf.layerActivity — the figures
 * rf.callbacks.ActivationMonitor and `rectify inspect` report — keeping what the playground draws.
 * @example probeLayers(model, x, y, ['layer1', 'layer2'])
 */
export function probeLayers(model: rf.Sequential, x: rf.Tensor, y: rf.Tensor, layers: readonly string[]): LayerProbe[] {
  return rf.layerActivity(model, x, y, { layers }).map((l) => ({
    name: l.layer,
    units: l.units,
    fractionActive: l.fractionActive,
    deadUnits: l.deadUnits,
    mean: l.mean,
    std: Math.sqrt(l.variance),
    gradNorm: l.gradNorm,
  }));
}
