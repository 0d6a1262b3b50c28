import * as rf from '@rectify/rectify';

/** One watched layer's figures at one moment of training. */
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
 * Measures `layers` on one batch: activationStats of each layer's pre-activations (captured during one forward
 * pass) and the gradient norm of each layer's kernel — the same figures as rf.callbacks.ActivationMonitor, plus
 * the mean and spread of the outputs that the SELU demonstration needs.
 * @example probeLayers(() => model.apply(x) as Tensor, (p) => loss(y, p), hiddenLayers, model.trainableWeights)
 */
export function probeLayers(
  forward: () => rf.Tensor,
  loss: (pred: rf.Tensor) => rf.Tensor,
  layers: readonly rf.Layer[],
  weights: readonly rf.Variable[],
): LayerProbe[] {
  for (const l of layers) l.capturePreActivation = true;
  try {
    return rf.tidy(() => {
      const { grads } = rf.variableGrads(() => loss(forward()), weights);
      return layers.map((l) => {
        const stats = rf.activationStats(l.lastPreActivation!, l.activation!);
        const kernel = l.trainableWeights.find((w) => w.name.endsWith('/kernel')) ?? l.trainableWeights[0];
        const g = kernel ? grads[kernel.name] : undefined;
        return {
          name: l.name,
          units: stats.units,
          fractionActive: stats.overall.fractionActive,
          deadUnits: stats.overall.deadUnits,
          mean: stats.overall.mean,
          std: Math.sqrt(stats.overall.variance),
          gradNorm: g ? Math.sqrt(rf.sum(rf.square(g)).item()) : 0,
        };
      });
    });
  } finally {
    for (const l of layers) {
      l.capturePreActivation = false;
      l.lastPreActivation?.dispose();
      l.lastPreActivation = undefined;
    }
  }
}
