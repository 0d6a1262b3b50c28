import { RectifyError, type Tensor, checkOptions, optionNames, tidy } from '@rectify/tensor';
import { variableGrads } from '@rectify/autograd';
import { activationStats } from '@rectify/activations';
import type { Layer } from '@rectify/layers';
import { l2Norm } from '../optimizers/clipping.js';
import { totalLoss } from '../training/total-loss.js';
import { requireCompiled, type TrainableModel } from '../training/trainable.js';
import { Callback, type CallbackModel, type Logs } from './callback.js';

/** One layer's figures at one point in training. */
export interface LayerActivityRecord {
  readonly activation: string;
  readonly units: number;
  /** Mean over units of the fraction of probe examples where the unit is active. */
  readonly fractionActive: number;
  /** Units active for no probe example (dead ReLUs; saturated sigmoid/tanh units). */
  readonly deadUnits: number;
  readonly deadFraction: number;
  /** Fraction of (example, unit) pairs where |f'(z)| < 1e-3: no gradient gets through. */
  readonly fractionSaturated: number;
  readonly meanDerivative: number;
  /** ‖∂loss/∂kernel‖ on the probe batch: tiny in the first layers of a deep sigmoid net (vanishing gradients). */
  readonly gradNorm: number;
}

export interface ActivityRecord {
  /** The epoch the figures were taken after; -1 for the record taken before training. */
  readonly epoch: number;
  readonly layers: Readonly<Record<string, LayerActivityRecord>>;
}

export interface ActivationMonitorOptions {
  /** A fixed batch to measure on (default: the first training batch). */
  probe?: { x: Tensor | Tensor[]; y: Tensor | Tensor[] };
  /** Names of the layers to watch (default: every layer with an activation). */
  layers?: readonly string[];
  /** Also print one line per layer each epoch. */
  printFn?: (line: string) => void;
}

type MonitoredModel = TrainableModel & { readonly layers: readonly Layer[] };

/**
 * Watches every layer with an activation, per epoch, on one fixed probe batch: the fraction of active units,
 * dead units, saturation, and the gradient norm of the layer's kernel — so that ReLU units dying under a too-high
 * learning rate, or sigmoid gradients vanishing in a deep stack, show up as numbers. Records go to
 * `monitor.history` and into the epoch logs as `<layer>/deadFraction`, `<layer>/fractionActive`,
 * `<layer>/fractionSaturated`, `<layer>/gradNorm`.
 * @example
 * const model = sequential([layers.dense({ units: 4, inputShape: [2], activation: 'relu' }), layers.dense({ units: 1 })]);
 * model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
 * const [x, y] = [randomNormal([20, 2], 0, 1, 'float32', 1), randomNormal([20, 1], 0, 1, 'float32', 2)];
 * const monitor = new ActivationMonitor();
 * await model.fit(x, y, { epochs: 5, callbacks: [monitor] });
 * // One record before training (epoch -1), then one per epoch.
 * monitor.history.map((r) => r.epoch); // → [-1, 0, 1, 2, 3, 4]
 */
export class ActivationMonitor extends Callback {
  readonly history: ActivityRecord[] = [];

  constructor(private readonly options: ActivationMonitorOptions = {}) {
    super();
    checkOptions(
      'ActivationMonitor',
      options,
      optionNames<ActivationMonitorOptions>()({ probe: true, layers: true, printFn: true }),
    );
  }

  override setModel(model: CallbackModel): void {
    const m = model as Partial<MonitoredModel>;
    if (!Array.isArray(m.layers) || typeof m.run !== 'function') {
      throw new RectifyError(
        'ActivationMonitor: needs a Rectify model (sequential or model), received an object without layers/run',
      );
    }
    super.setModel(model);
  }

  onTrainBegin(): void {
    this.history.length = 0;
    this.record(-1);
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const r = this.record(epoch);
    for (const [name, l] of Object.entries(r.layers)) {
      logs[`${name}/fractionActive`] = l.fractionActive;
      logs[`${name}/deadFraction`] = l.deadFraction;
      logs[`${name}/fractionSaturated`] = l.fractionSaturated;
      logs[`${name}/gradNorm`] = l.gradNorm;
      this.options.printFn?.(
        `  ${name} (${l.activation}): active ${(100 * l.fractionActive).toFixed(1)}%, dead ${l.deadUnits}/${l.units}, ` +
          `saturated ${(100 * l.fractionSaturated).toFixed(1)}%, grad norm ${l.gradNorm.toExponential(2)}`,
      );
    }
  }

  /** Measures now, on the probe batch, appends to `history` and returns the record. */
  record(epoch: number): ActivityRecord {
    const model = this.requireModel() as MonitoredModel;
    const probe = this.options.probe ?? this.params?.probeBatch;
    if (!probe)
      throw new RectifyError('ActivationMonitor: no probe batch; pass {probe: {x, y}} or use the monitor inside fit');
    const watched = withSublayers(model.layers).filter(
      (l) => l.activation && (!this.options.layers || this.options.layers.includes(l.name)),
    );
    const compiled = requireCompiled(model, 'ActivationMonitor');
    const xs = Array.isArray(probe.x) ? probe.x : [probe.x];
    const ys = Array.isArray(probe.y) ? probe.y : [probe.y];
    for (const l of watched) l.capturePreActivation = true;
    try {
      const layers = tidy(() => {
        const { grads } = variableGrads(
          () => totalLoss('ActivationMonitor', compiled, ys, model.run(xs, false), []).total,
          model.trainableWeights,
        );
        const out: Record<string, LayerActivityRecord> = {};
        for (const l of watched) {
          if (!l.lastPreActivation) continue;
          const s = activationStats(l.lastPreActivation, l.activation!);
          const kernel = l.trainableWeights.find((w) => w.name === `${l.name}/kernel`) ?? l.trainableWeights[0];
          const g = kernel ? grads[kernel.name] : undefined;
          out[l.name] = {
            activation: s.activation,
            units: s.units,
            fractionActive: s.overall.fractionActive,
            deadUnits: s.overall.deadUnits,
            deadFraction: s.overall.deadFraction,
            fractionSaturated: s.overall.fractionSaturated,
            meanDerivative: s.overall.meanDerivative,
            gradNorm: g ? l2Norm(g).item() : 0,
          };
        }
        return out;
      });
      const r = { epoch, layers };
      this.history.push(r);
      return r;
    } finally {
      for (const l of watched) {
        l.capturePreActivation = false;
        l.lastPreActivation?.dispose();
        l.lastPreActivation = undefined;
      }
    }
  }
}

/** Every layer with the ones nested inside it (a transformer block's feed-forward, a nested model's layers). */
function withSublayers(layers: readonly Layer[]): Layer[] {
  return layers.flatMap((l) => [l, ...withSublayers(l.sublayers)]);
}
